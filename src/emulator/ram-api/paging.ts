/**
 * The two ways Alibaba's list APIs page, as the account emulator answers them. RAM (2015-05-01)
 * pages with an opaque `Marker` and `MaxItems` (1 to 1000, default 100), saying `IsTruncated`
 * and giving the next `Marker` only when more remain. Resource Manager and CAMS page by number:
 * `PageNumber`/`PageIndex` from 1 and `PageSize`, with `TotalCount`. Pure.
 */
import type { ApiError } from '../errors.js';

/** A page of `items` and what the answer says about the rest. */
export type MarkerPage<T> = { items: T[]; isTruncated: boolean; marker?: string };

/** RAM's documented MaxItems range and default. */
export const MAX_ITEMS = { min: 1, max: 1000, default: 100 } as const;

/** Resource Manager's documented PageSize range and default. */
export const PAGE_SIZE = { min: 1, max: 100, default: 10 } as const;

const invalid = (message: string): { error: ApiError } => ({ error: { status: 400, code: 'InvalidParameter', message } });

/** Reads an optional whole-number parameter within [min, max]. */
function wholeNumber(text: string | undefined, name: string, range: { min: number; max: number; default: number }): number | { error: ApiError } {
  if (text === undefined || text === '') return range.default;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < range.min || n > range.max) return invalid(`\`${name}\` must be a whole number from ${range.min} to ${range.max}, not \`${text}\``);
  return n;
}

/** The marker for the item at `offset` of list `list` (opaque to clients, like RAM's). */
export function markerFor(list: string, offset: number): string {
  return Buffer.from(`${list}:${offset}`, 'utf8').toString('base64url');
}

/**
 * One Marker page of `all` for the list named `list`. `serverCap` (optional) answers fewer items
 * than MaxItems, as RAM may: a client must follow `IsTruncated`, not count items.
 */
export function markerPage<T>(all: readonly T[], list: string, parameters: Record<string, string>, serverCap?: number): MarkerPage<T> | { error: ApiError } {
  const maxItems = wholeNumber(parameters['MaxItems'], 'MaxItems', MAX_ITEMS);
  if (typeof maxItems !== 'number') return maxItems;
  let offset = 0;
  const marker = parameters['Marker'];
  if (marker !== undefined && marker !== '') {
    const decoded = Buffer.from(marker, 'base64url').toString('utf8');
    const match = /^(.+):(\d+)$/.exec(decoded);
    if (!match || match[1] !== list || Number(match[2]) > all.length) return invalid(`\`Marker\` \`${marker}\` was not issued by this list`);
    offset = Number(match[2]);
  }
  const size = Math.min(maxItems, serverCap ?? maxItems);
  const items = all.slice(offset, offset + size);
  const next = offset + items.length;
  return next < all.length ? { items, isTruncated: true, marker: markerFor(list, next) } : { items, isTruncated: false };
}

/** One numbered page: `number` from 1, `size` within PAGE_SIZE, and the total. */
export function numberedPage<T>(all: readonly T[], pageText: string | undefined, sizeText: string | undefined, names: { page: string; size: string }): { items: T[]; page: number; size: number; total: number } | { error: ApiError } {
  const page = wholeNumber(pageText, names.page, { min: 1, max: 1_000_000, default: 1 });
  if (typeof page !== 'number') return page;
  const size = wholeNumber(sizeText, names.size, PAGE_SIZE);
  if (typeof size !== 'number') return size;
  return { items: all.slice((page - 1) * size, page * size), page, size, total: all.length };
}
