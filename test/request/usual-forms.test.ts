/**
 * prepareRequest recognises the usual IPv4 form instead of reading it (issue 15): the shortcut
 * must accept exactly the dotted-decimal addresses the address family reads, so C7 reports the
 * same values whether or not they are read, and an address is read only when a clause tests it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ipFamily } from '../../src/conditions/ip.js';
import { isPlainIpv4, prepareRequest } from '../../src/request/prepare.js';

const principal = { type: 'RamUser' as const, arn: 'acs:ram::1:user/alice' };

describe('isPlainIpv4', () => {
  it('agrees with the address family on every string of digits and dots', () => {
    // Given strings of digits and dots, most of them near-miss addresses
    const parts = fc.array(fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.constantFrom('', '00', '01', '007', '1000', '25x')), { minLength: 1, maxLength: 6 }).map((p) => p.join('.'));
    const raw = fc.string({ unit: fc.constantFrom(...'0123456789.'), minLength: 0, maxLength: 17 });
    fc.assert(
      fc.property(fc.oneof(parts, raw), (value) => {
        // Then the shortcut accepts a value exactly when the reader reads it as IPv4
        const read = ipFamily.read(value) as { kind: string } | undefined;
        expect(isPlainIpv4(value)).toBe(read?.kind === 'ipv4');
      }),
      { numRuns: 20_000 },
    );
  });

  it('leaves IPv6 and other forms to the reader', () => {
    expect(isPlainIpv4('10.1.2.3')).toBe(true);
    expect(isPlainIpv4('255.255.255.255')).toBe(true);
    expect(isPlainIpv4('0.0.0.0')).toBe(true);
    expect(isPlainIpv4('::1')).toBe(false);
    expect(isPlainIpv4('010.1.2.3')).toBe(false);
    expect(isPlainIpv4('1.2.3.256')).toBe(false);
  });
});

describe('prepareRequest with addresses and booleans', () => {
  it('reads no address or boolean until a clause asks, and still reports bad ones (C7)', () => {
    // Given a request with a valid address, an IPv6 address, a boolean in capitals and bad values
    const prepared = prepareRequest({ principal, action: 'cams:UpdateInstance', resource: '*', context: { 'acs:SourceIp': ['10.1.2.3', '::1', '10.1.2'], 'acs:SecureTransport': ['TRUE', 'true', 'yes'], 'acs:MFAPresent': 'false' } });
    // Then nothing was cached as read, and exactly the bad values are reported, in order
    expect(prepared.context.get('acs:sourceip')!.read).toBeUndefined();
    expect(prepared.context.get('acs:securetransport')!.read).toBeUndefined();
    expect(prepared.diagnostics.map((d) => d.message)).toEqual([
      '`10.1.2` is not an IPv4 or IPv6 address, as `acs:SourceIp` needs',
      '`yes` is not `true` or `false`, as `acs:SecureTransport` needs',
    ]);
  });
});
