/**
 * Candidate request values for the typed operator families: a finite set that meets every
 * region the policy values cut the family's domain into. Numbers and dates are totally ordered
 * and compared with constants, so a bound, its neighbours just above and below, are enough; IP
 * ranges nest or are disjoint (CIDR blocks), so one address per block outside its sub-blocks,
 * and one outside all blocks, is enough. Each candidate is written so the evaluator reads it back
 * to exactly the value meant (checked by the caller).
 */
import { readDecimal } from '../conditions/numeric.js';
import { readIsoDateTime } from '../conditions/date.js';
import { readIpRange, type IpBytes } from '../conditions/ip.js';
import { createRequire } from 'node:module';

const ipaddr = createRequire(import.meta.url)('ipaddr.js') as typeof import('ipaddr.js');

const view = new DataView(new ArrayBuffer(8));

/** The next double above `x` (`x` finite or -Infinity). */
export function nextUp(x: number): number {
  if (x === Infinity || Number.isNaN(x)) return x;
  if (x === 0) return Number.MIN_VALUE;
  view.setFloat64(0, x);
  let bits = view.getBigUint64(0);
  bits = x > 0 ? bits + 1n : bits - 1n;
  view.setBigUint64(0, bits);
  return view.getFloat64(0);
}

/** The next double below `x`. */
export function nextDown(x: number): number {
  return -nextUp(-x);
}

/** A decimal string (no exponent) that `readDecimal` reads as exactly `x`. */
export function formatDecimal(x: number): string {
  if (x === Infinity) return '1' + '0'.repeat(309);
  if (x === -Infinity) return '-1' + '0'.repeat(309);
  const plain = String(x);
  if (readDecimal(plain) === x) return plain;
  for (let digits = 1; digits <= 100; digits++) {
    const fixed = x.toFixed(digits);
    if (readDecimal(fixed) === x) return fixed;
  }
  return exactDecimal(x);
}

/** The exact decimal expansion of a double (every double is a finite binary fraction). */
function exactDecimal(x: number): string {
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const exponentBits = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & 0xfffffffffffffn;
  let exponent = exponentBits - 1075;
  if (exponentBits === 0) exponent = -1074;
  else mantissa |= 1n << 52n;
  let text: string;
  if (exponent >= 0) text = (mantissa << BigInt(exponent)).toString();
  else {
    const scaled = (mantissa * 5n ** BigInt(-exponent)).toString().padStart(-exponent + 1, '0');
    text = `${scaled.slice(0, scaled.length + exponent)}.${scaled.slice(scaled.length + exponent)}`.replace(/0+$/, '').replace(/\.$/, '');
  }
  return (negative ? '-' : '') + text;
}

/** Candidate numbers: each bound and its neighbouring doubles (or 0 when there is none). */
export function numericCandidates(bounds: number[]): string[] {
  const points = new Set<number>(bounds.length === 0 ? [0] : []);
  for (const b of bounds) for (const x of [b, nextUp(b), nextDown(b)]) if (!Number.isNaN(x)) points.add(x);
  return [...points].map(formatDecimal);
}

const MAX_OFFSET_MS = (23 * 60 + 59) * 60_000;
/** The earliest and latest instants `readIsoDateTime` can produce (years 0100–9999, offsets ±23:59). */
export const DATE_MIN = Date.UTC(100, 0, 1) - MAX_OFFSET_MS;
export const DATE_MAX = Date.UTC(9999, 11, 31, 23, 59, 59, 999) + MAX_OFFSET_MS;

/** An ISO 8601 date-time that `readIsoDateTime` reads as exactly `ms`. */
export function formatDate(ms: number): string {
  const utcLow = Date.UTC(100, 0, 1);
  const utcHigh = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
  if (ms >= utcLow && ms <= utcHigh) return new Date(ms).toISOString();
  const offset = ms < utcLow ? MAX_OFFSET_MS : -MAX_OFFSET_MS;
  const local = new Date(ms + offset).toISOString().slice(0, -1);
  return local + (offset > 0 ? '+23:59' : '-23:59');
}

/** Candidate instants: each bound and the milliseconds next to it, inside the readable range. */
export function dateCandidates(bounds: number[]): string[] {
  const points = new Set<number>(bounds.length === 0 ? [Date.UTC(2026, 0, 1)] : []);
  for (const b of bounds) for (const x of [b, b + 1, b - 1]) if (x >= DATE_MIN && x <= DATE_MAX) points.add(x);
  return [...points].map(formatDate).filter((s) => readIsoDateTime(s) !== undefined);
}

/** Candidate booleans: every spelling is read as one of two values. */
export const BOOL_CANDIDATES = ['true', 'false'];

interface Block {
  kind: IpBytes['kind'];
  bits: number[];
}

function bitsOf(bytes: number[], prefix: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < prefix; i++) out.push((bytes[i >> 3]! >> (7 - (i & 7))) & 1);
  return out;
}

const startsWith = (a: number[], b: number[]) => b.length <= a.length && b.every((x, i) => a[i] === x);

/** An address under `prefix` inside no block of `avoid` that lies strictly under it, or undefined. */
function freeAddress(prefix: number[], avoid: number[][], width: number): number[] | undefined {
  if (avoid.some((b) => startsWith(prefix, b))) return undefined;
  const below = avoid.filter((b) => startsWith(b, prefix));
  if (below.length === 0) return [...prefix, ...new Array<number>(width - prefix.length).fill(0)];
  if (prefix.length === width) return undefined;
  return freeAddress([...prefix, 0], below, width) ?? freeAddress([...prefix, 1], below, width);
}

function formatIp(bits: number[]): string {
  const bytes: number[] = [];
  for (let i = 0; i < bits.length; i += 8) bytes.push(bits.slice(i, i + 8).reduce((a, b) => a * 2 + b, 0));
  return ipaddr.fromByteArray(bytes).toString();
}

/** Candidate addresses: one per block outside its sub-blocks, one per family outside every block. */
export function ipCandidates(ranges: string[]): string[] {
  const blocks: Block[] = [];
  for (const r of ranges) {
    const read = readIpRange(r);
    if (read) blocks.push({ kind: read[0].kind, bits: bitsOf(read[0].bytes, read[1]) });
  }
  const out: string[] = [];
  for (const kind of ['ipv4', 'ipv6'] as const) {
    const width = kind === 'ipv4' ? 32 : 128;
    const mine = blocks.filter((b) => b.kind === kind).map((b) => b.bits);
    const roots: number[][] = [[], ...mine];
    for (const root of roots) {
      const sub = mine.filter((b) => b.length > root.length && startsWith(b, root));
      const address = freeAddress(root, sub, width);
      if (address) out.push(formatIp(address));
    }
  }
  return [...new Set(out)];
}
