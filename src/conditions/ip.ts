/**
 * `IpAddress` / `NotIpAddress` over IPv4 and IPv6 addresses and CIDR blocks (S9), using ipaddr.js.
 * An address without a prefix is the single address; IPv4 never matches IPv6.
 */
import ipaddr from 'ipaddr.js';
import type { OperatorSpec, ValueFamily } from './spec.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** Reads a plain IPv4 or IPv6 address (no prefix), strictly (no `010.1` octal forms). */
export function readIpAddress(value: string): Address | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(value)) return ipaddr.IPv4.parse(value);
  if (value.includes(':') && ipaddr.IPv6.isValid(value)) return ipaddr.IPv6.parse(value);
  return undefined;
}

/** Reads an address or CIDR block into `[network, prefixLength]`. */
export function readIpRange(value: string): [Address, number] | undefined {
  const slash = value.indexOf('/');
  const address = readIpAddress(slash < 0 ? value : value.slice(0, slash));
  if (!address) return undefined;
  const max = address.kind() === 'ipv4' ? 32 : 128;
  if (slash < 0) return [address, max];
  const prefixText = value.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  return prefix <= max ? [address, prefix] : undefined;
}

/** Request values read as addresses. */
export const ipFamily: ValueFamily<Address> = {
  name: 'ip',
  expected: 'an IPv4 or IPv6 address',
  read: readIpAddress,
};

function compileRange(policyValue: string): ((request: Address) => boolean) | undefined {
  const range = readIpRange(policyValue);
  if (!range) return undefined;
  const [network, prefix] = range;
  const kind = network.kind();
  return (request) => request.kind() === kind && request.match(network, prefix);
}

/** `IpAddress` and `NotIpAddress`. */
export const ipOperators: OperatorSpec<Address>[] = [
  { name: 'IpAddress', family: ipFamily, negated: false, policyValueExpected: 'an IP address or CIDR block', compileValue: compileRange },
  { name: 'NotIpAddress', family: ipFamily, negated: true, policyValueExpected: 'an IP address or CIDR block', compileValue: compileRange },
];
