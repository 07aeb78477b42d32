/**
 * `IpAddress` / `NotIpAddress` over IPv4 and IPv6 addresses and CIDR blocks (S9). ipaddr.js
 * parses and validates; matching compares the byte arrays it gives, prepared once per value,
 * because ipaddr's own `match` re-derives them on every call (the hot path of evaluation).
 * An address without a prefix is the single address; IPv4 never matches IPv6.
 */
import { createRequire } from 'node:module';
import type { OperatorSpec, ValueFamily } from './spec.js';

// Required, not imported: Node 20 scans a CommonJS module imported from ESM for its export names,
// and on ipaddr.js (38 KB) the scan runs long enough for V8 to optimise the scanner, which cost
// ~45 ms of every CLI run (issue #5). require() needs no scan.
const ipaddr = createRequire(import.meta.url)('ipaddr.js') as typeof import('ipaddr.js');

/** A parsed address: its family and network-order bytes (4 or 16). */
export interface IpBytes {
  kind: 'ipv4' | 'ipv6';
  bytes: number[];
}

/** Reads a plain IPv4 or IPv6 address (no prefix), strictly (no `010.1` octal forms). */
export function readIpAddress(value: string): IpBytes | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(value)) return { kind: 'ipv4', bytes: ipaddr.IPv4.parse(value).toByteArray() };
  if (value.includes(':') && ipaddr.IPv6.isValid(value)) return { kind: 'ipv6', bytes: ipaddr.IPv6.parse(value).toByteArray() };
  return undefined;
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

/** `IpAddress` and `NotIpAddress`. */
export const ipOperators: OperatorSpec<IpBytes>[] = [
  { name: 'IpAddress', family: ipFamily, negated: false, policyValueExpected: 'an IP address or CIDR block', compileValue: compileRange },
  { name: 'NotIpAddress', family: ipFamily, negated: true, policyValueExpected: 'an IP address or CIDR block', compileValue: compileRange },
];
