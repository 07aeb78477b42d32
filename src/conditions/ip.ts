/**
 * `IpAddress` / `NotIpAddress` over IPv4 and IPv6 addresses and CIDR blocks (S9). ipaddr.js
 * parses and validates; matching compares the byte arrays it gives, prepared once per value,
 * because ipaddr's own `match` re-derives them on every call (the hot path of evaluation).
 * An address without a prefix is the single address; IPv4 never matches IPv6. A clause of many
 * blocks becomes sorted, merged address ranges per family, searched by bisection.
 */
import { createRequire } from 'node:module';
import type { OperatorSpec, ValueFamily, ValueSet } from './spec.js';
import { compileEach, predicateValueSet, SMALL_CLAUSE } from './value-set.js';

// Required, not imported: Node 20 scans a CommonJS module imported from ESM for its export names,
// and on ipaddr.js (38 KB) the scan runs long enough for V8 to optimise the scanner, which cost
// ~45 ms of every CLI run (issue #5). require() needs no scan.
const ipaddr = createRequire(import.meta.url)('ipaddr.js') as typeof import('ipaddr.js');

/** A parsed address: its family and network-order bytes (4 or 16). */
export interface IpBytes {
  kind: 'ipv4' | 'ipv6';
  bytes: number[];
}

/**
 * The four numbers of dotted decimal without leading zeros — ipaddr's `isValidFourPartDecimal`
 * once octets are ≤ 255; as a regex, `^(0|[1-9]\d{0,2})(\.(0|[1-9]\d{0,2})){3}$` — or undefined
 * when `value` is not of that form. A number may exceed 255. Read by hand: a request's address is
 * read once per evaluation, and a regex match cost more than the rest of reading it (issue 15).
 */
function fourPartDecimal(value: string): number[] | undefined {
  const n = value.length;
  if (n < 7 || n > 15) return undefined;
  const parts: number[] = [];
  let start = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? value.charCodeAt(i) : 46; // a final '.' closes the last part
    if (c === 46) {
      const length = i - start;
      if (length === 0 || length > 3 || (length > 1 && value.charCodeAt(start) === 48) || parts.length === 4) return undefined;
      let part = 0;
      for (let j = start; j < i; j++) part = part * 10 + value.charCodeAt(j) - 48;
      parts.push(part);
      start = i + 1;
    } else if (c < 48 || c > 57) return undefined;
  }
  return parts.length === 4 ? parts : undefined;
}

/**
 * Reads a plain IPv4 or IPv6 address (no prefix), strictly (no `010.1` octal forms). IPv4 is read
 * here (ipaddr's check parses three times); IPv6 by one ipaddr parse, which throws on a bad value.
 */
export function readIpAddress(value: string): IpBytes | undefined {
  const bytes = fourPartDecimal(value);
  if (bytes) return bytes[0]! <= 255 && bytes[1]! <= 255 && bytes[2]! <= 255 && bytes[3]! <= 255 ? { kind: 'ipv4', bytes } : undefined;
  if (!value.includes(':')) return undefined;
  try {
    return { kind: 'ipv6', bytes: ipaddr.IPv6.parse(value).toByteArray() };
  } catch {
    return undefined;
  }
}

/** Reads an address or CIDR block into `[network, prefixLength]`. */
export function readIpRange(value: string): [IpBytes, number] | undefined {
  const slash = value.indexOf('/');
  const address = readIpAddress(slash < 0 ? value : value.slice(0, slash));
  if (!address) return undefined;
  const max = address.bytes.length * 8;
  if (slash < 0) return [address, max];
  const prefixText = value.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  return prefix <= max ? [address, prefix] : undefined;
}

/** True when the first `prefix` bits of `a` and `b` are equal. */
export function samePrefix(a: number[], b: number[], prefix: number): boolean {
  const whole = prefix >> 3;
  for (let i = 0; i < whole; i++) if (a[i] !== b[i]) return false;
  const rest = prefix & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((a[whole]! ^ b[whole]!) & mask) === 0;
}

/** Request values read as addresses. */
export const ipFamily: ValueFamily<IpBytes> = {
  name: 'ip',
  expected: 'an IPv4 or IPv6 address',
  read: readIpAddress,
};

function compileRange(policyValue: string): ((request: IpBytes) => boolean) | undefined {
  const range = readIpRange(policyValue);
  if (!range) return undefined;
  const [network, prefix] = range;
  return (request) => request.kind === network.kind && samePrefix(request.bytes, network.bytes, prefix);
}

/** A block as its first and last address (same family, same length). */
interface Span {
  kind: IpBytes['kind'];
  first: number[];
  last: number[];
}

function spanOf([network, prefix]: [IpBytes, number]): Span {
  const first = network.bytes.slice();
  const last = network.bytes.slice();
  for (let bit = prefix; bit < first.length * 8; bit++) {
    const i = bit >> 3;
    const m = 0x80 >> (bit & 7);
    first[i] = first[i]! & ~m;
    last[i] = last[i]! | m;
  }
  return { kind: network.kind, first, last };
}

/** Byte-wise order of two addresses of one family. */
function compareBytes(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** The index of the last item of sorted `items` whose key is ≤ `target`, or -1. */
function lastAtOrBelow<T>(items: readonly T[], key: (item: T) => number[], target: readonly number[]): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (compareBytes(key(items[mid]!), target) <= 0) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Sorted, disjoint ranges covering exactly the union of `spans`, per family. */
function mergedRanges(spans: readonly Span[]): Map<IpBytes['kind'], Span[]> {
  const out = new Map<IpBytes['kind'], Span[]>();
  for (const kind of ['ipv4', 'ipv6'] as const) {
    const sorted = spans.filter((s) => s.kind === kind).sort((a, b) => compareBytes(a.first, b.first));
    const merged: Span[] = [];
    for (const s of sorted) {
      const previous = merged[merged.length - 1];
      if (previous && compareBytes(s.first, previous.last) <= 0) {
        if (compareBytes(s.last, previous.last) > 0) previous.last = s.last;
      } else merged.push({ kind, first: s.first, last: s.last });
    }
    out.set(kind, merged);
  }
  return out;
}

function compileRanges(policyValues: readonly string[]): ValueSet<IpBytes> | undefined {
  // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement: equivalent, both sides of the threshold answer alike (docs/testing.md)
  if (policyValues.length <= SMALL_CLAUSE) {
    const predicates = compileEach(policyValues, compileRange);
    return predicates && predicateValueSet(predicates);
  }
  const ranges = compileEach(policyValues, readIpRange);
  if (!ranges) return undefined;
  const spans = ranges.map(spanOf);
  const merged = mergedRanges(spans);
  return {
    matchesAny(request) {
      const list = merged.get(request.kind)!;
      const at = lastAtOrBelow(list, (s) => s.first, request.bytes);
      return at >= 0 && compareBytes(request.bytes, list[at]!.last) <= 0;
    },
    matchedBy(requests) {
      // Per block: the largest request address at or below its last address must be at or above its first.
      const sorted = new Map<IpBytes['kind'], number[][]>([['ipv4', []], ['ipv6', []]]);
      for (const r of requests) sorted.get(r.kind)!.push(r.bytes);
      for (const list of sorted.values()) list.sort(compareBytes);
      return spans.map((span) => {
        const list = sorted.get(span.kind)!;
        const below = lastAtOrBelow(list, (b) => b, span.last);
        return below >= 0 && compareBytes(list[below]!, span.first) >= 0;
      });
    },
  };
}

const ipSpec = { family: ipFamily, policyValueExpected: 'an IP address or CIDR block', compileValue: compileRange, compileValues: compileRanges };

/** `IpAddress` and `NotIpAddress`. */
export const ipOperators: OperatorSpec<IpBytes>[] = [
  { name: 'IpAddress', negated: false, ...ipSpec },
  { name: 'NotIpAddress', negated: true, ...ipSpec },
];
