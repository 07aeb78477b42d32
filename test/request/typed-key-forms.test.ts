/**
 * C7 across the typed keys: each key recognises only its own family's usual form. A value in the
 * usual form of another typed key (`true` for an address, an address for a date, ...) or an
 * empty value is still read, and reported when it is not of the key's type.
 */
import { describe, expect, it } from 'vitest';
import { prepareRequest } from '../../src/request/prepare.js';

const principal = { type: 'RamUser' as const, arn: 'acs:ram::1:user/u' };
const USUAL = ['true', 'false', '10.0.0.1', '2026-01-01T00:00:00Z', ''];

/** The values of `key` reported as not of its type, given every usual form of every typed key. */
const reported = (key: string) =>
  prepareRequest({ principal, action: 'a:b', resource: 'r', context: { [key]: USUAL } }).diagnostics.map((d) => d.message.slice(1, d.message.indexOf('`', 1)));

describe('typed keys and the usual forms of the others (C7)', () => {
  it('an address key reports booleans, dates and the empty value', () => {
    expect(reported('acs:SourceIp')).toEqual(['true', 'false', '2026-01-01T00:00:00Z', '']);
  });

  it('a date key reports booleans, addresses and the empty value', () => {
    expect(reported('acs:CurrentTime')).toEqual(['true', 'false', '10.0.0.1', '']);
  });

  it('a boolean key reports addresses, dates and the empty value', () => {
    expect(reported('acs:SecureTransport')).toEqual(['10.0.0.1', '2026-01-01T00:00:00Z', '']);
    expect(reported('acs:MFAPresent')).toEqual(['10.0.0.1', '2026-01-01T00:00:00Z', '']);
  });

  it('a key that is not typed reports nothing', () => {
    expect(reported('acs:SourceVpc')).toEqual([]);
  });
});
