/**
 * Page followers: read a whole list however many pages it takes. RAM pages by `Marker` until
 * `IsTruncated` is false (it may answer fewer items than `MaxItems`, so only `IsTruncated`
 * counts); Resource Manager and CAMS page by number with a `TotalCount`. A follower stops at the
 * first page that fails (after the transport's retries) and returns what it read, with the
 * failure; it also stops on a marker that repeats or a page beyond the bound, which would
 * otherwise loop for ever.
 */
import type { ServiceFailure } from '../client/failure.js';
import type { Caller, CallRequest } from './calls.js';

/** A list as read: its items, the pages it took, and the requests that failed (none when complete). */
export interface ListResult<T> {
  items: T[];
  pages: number;
  failures: { request: CallRequest; failure: ServiceFailure }[];
}

/** The most pages any list may take (1,000,000 items at RAM's 1,000 per page). */
export const MAX_PAGES = 1000;

/** `body.Outer.Inner` as an array (RAM's JSON wraps lists), or `body.Outer` when it is one. */
export function listIn(body: Record<string, unknown>, outer: string, inner?: string): Record<string, unknown>[] {
  const wrapper = body[outer];
  const list = inner !== undefined && wrapper !== null && typeof wrapper === 'object' && !Array.isArray(wrapper) ? (wrapper as Record<string, unknown>)[inner] : wrapper;
  return Array.isArray(list) ? (list as Record<string, unknown>[]) : [];
}

const malformed = (message: string): ServiceFailure => ({ kind: 'malformed-response', message, retryable: false });

/** Follows RAM's Marker pages of `request`, reading `body[outer][inner]` from each, `maxItems` at a time. */
export async function followMarker(call: Caller, request: CallRequest, outer: string, inner: string, maxItems = 1000): Promise<ListResult<Record<string, unknown>>> {
  const items: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  let marker: string | undefined;
  for (let pages = 0; pages < MAX_PAGES; ) {
    const page: CallRequest = { ...request, parameters: { ...request.parameters, MaxItems: String(maxItems), ...(marker !== undefined ? { Marker: marker } : {}) } };
    const outcome = await call(page);
    if (!outcome.ok) return { items, pages, failures: [{ request: page, failure: outcome.failure }] };
    pages++;
    for (const item of listIn(outcome.body, outer, inner)) items.push(item);
    const truncated = outcome.body['IsTruncated'] === true || outcome.body['IsTruncated'] === 'true';
    if (!truncated) return { items, pages, failures: [] };
    const next = outcome.body['Marker'];
    if (typeof next !== 'string' || next === '' || seen.has(next)) {
      return { items, pages, failures: [{ request: page, failure: malformed(typeof next === 'string' && next !== '' ? `the list gave marker \`${next}\` twice` : 'IsTruncated is true but the answer has no Marker') }] };
    }
    seen.add(next);
    marker = next;
  }
  return { items, pages: MAX_PAGES, failures: [{ request, failure: malformed(`the list did not end within ${MAX_PAGES} pages`) }] };
}

/**
 * Follows numbered pages (`pageParameter` from 1, `PageSize` = `pageSize`) until `TotalCount`
 * items are read or a page comes back empty. The first page gives the total; the others are
 * asked for together (the caller's concurrency limit applies).
 */
export async function followNumbered(call: Caller, request: CallRequest, pageParameter: string, pageSize: number, read: (body: Record<string, unknown>) => Record<string, unknown>[]): Promise<ListResult<Record<string, unknown>>> {
  const ask = (n: number): CallRequest => ({ ...request, parameters: { ...request.parameters, [pageParameter]: String(n), PageSize: String(pageSize) } });
  const first = await call(ask(1));
  if (!first.ok) return { items: [], pages: 0, failures: [{ request: ask(1), failure: first.failure }] };
  const items = read(first.body);
  const total = Number(first.body['TotalCount']);
  if (!Number.isInteger(total) || total < 0) return { items, pages: 1, failures: [{ request: ask(1), failure: malformed('the answer has no whole-number TotalCount') }] };
  const pageCount = Math.min(MAX_PAGES, Math.ceil(total / pageSize));
  const rest = await Promise.all(Array.from({ length: Math.max(0, pageCount - 1) }, (_, i) => call(ask(i + 2)).then((outcome) => ({ n: i + 2, outcome }))));
  let pages = 1;
  const failures: ListResult<Record<string, unknown>>['failures'] = [];
  for (const { n, outcome } of rest) {
    if (!outcome.ok) failures.push({ request: ask(n), failure: outcome.failure });
    else {
      pages++;
      for (const item of read(outcome.body)) items.push(item);
    }
  }
  return { items, pages, failures };
}
