/** Value readers of the condition families (S7, S8, S9, C8): what is a date, a number, an IP. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../mutation/seeded-random.js';
import { boolFamily } from '../../src/conditions/bool.js';
import { readIsoDateTime } from '../../src/conditions/date.js';
import { readIpAddress, readIpRange } from '../../src/conditions/ip.js';
import { readDecimal } from '../../src/conditions/numeric.js';

describe('ISO 8601 date-times (S7)', () => {
  it.each([
    ['2026-01-01T00:00:00Z', Date.UTC(2026, 0, 1)],
    ['2019-08-12T17:00:00+08:00', Date.UTC(2019, 7, 12, 9)],
    ['2019-08-12T17:00:00+0800', Date.UTC(2019, 7, 12, 9)],
    ['2019-08-12T01:00:00-02:30', Date.UTC(2019, 7, 12, 3, 30)],
    ['2026-01-01T00:00Z', Date.UTC(2026, 0, 1)],
    ['2026-01-01T00:00:00.250Z', Date.UTC(2026, 0, 1, 0, 0, 0, 250)],
    ['2024-02-29T12:00:00Z', Date.UTC(2024, 1, 29, 12)],
  ])('reads %s', (text, millis) => expect(readIsoDateTime(text)).toBe(millis));

  it('keeps milliseconds: fraction digits after the third are dropped, not rounded (C10)', () => {
    // Given instants that differ below a millisecond
    const whole = readIsoDateTime('2026-01-01T00:00:00Z');
    // Then they read as the same instant, and .9999 is .999, not the next millisecond
    expect(readIsoDateTime('2026-01-01T00:00:00.0001Z')).toBe(whole);
    expect(readIsoDateTime('2026-01-01T00:00:00.000999999Z')).toBe(whole);
    expect(readIsoDateTime('2026-01-01T00:00:00.9999Z')).toBe(Date.UTC(2026, 0, 1, 0, 0, 0, 999));
    expect(readIsoDateTime('2026-01-01T00:00:00.001Z')).toBe(whole! + 1);
    expect(readIsoDateTime('2026-01-01T00:00:00.5Z')).toBe(whole! + 500);
  });

  it.each(['2026-01-01', '2026-01-01T00:00:00', '2026-02-30T00:00:00Z', '2025-02-29T00:00:00Z', '2026-13-01T00:00:00Z', '2026-01-01T24:00:00Z', 'Mon, 01 Jan 2026 00:00:00 GMT', '1767225600', ''])(
    'refuses %s',
    (text) => expect(readIsoDateTime(text)).toBeUndefined(),
  );
});

describe('decimal numbers (S8)', () => {
  it.each([['10', 10], ['-1', -1], ['+3', 3], ['2.5', 2.5], ['007', 7]])('reads %s', (text, n) => expect(readDecimal(text)).toBe(n));
  it.each(['1e3', '0x10', '', ' 1', '1.', '.5', 'NaN', 'Infinity', '1,000'])('refuses %j', (text) => expect(readDecimal(text)).toBeUndefined());
});

describe('IP addresses and ranges (S9)', () => {
  it('reads IPv4 and IPv6 addresses strictly', () => {
    expect(readIpAddress('10.1.2.3')).toEqual({ kind: 'ipv4', bytes: [10, 1, 2, 3] });
    expect(readIpAddress('2001:db8::1')?.kind).toBe('ipv6');
    for (const bad of ['10.1.2', '010.1.2.3', '10.1.2.256', '10.0.0.0/8', 'localhost', '', '1.2.3.4.5']) expect(readIpAddress(bad)).toBeUndefined();
  });
  it('reads ranges; an address alone is the single address', () => {
    expect(readIpRange('10.0.0.0/8')?.[1]).toBe(8);
    expect(readIpRange('10.1.2.3')?.[1]).toBe(32);
    expect(readIpRange('2001:db8::/32')?.[1]).toBe(32);
    expect(readIpRange('::1')?.[1]).toBe(128);
    for (const bad of ['10.0.0.0/33', '2001:db8::/129', '10.0.0.0/', '10.0.0.0/x', '10.0.0.0/8/8']) expect(readIpRange(bad)).toBeUndefined();
  });
});

describe('IP address reading', () => {
  it('agrees with ipaddr.js (four-part decimal for IPv4, isValid for IPv6) on random strings', async () => {
    const ipaddr = (await import('ipaddr.js')).default;
    const reference = (v: string) =>
      ipaddr.IPv4.isValidFourPartDecimal(v) ? ipaddr.IPv4.parse(v).toByteArray() : v.includes(':') && ipaddr.IPv6.isValid(v) ? ipaddr.IPv6.parse(v).toByteArray() : undefined;
    const piece = fc.constantFrom('0', '1', '10', '255', '256', '010', '1000', '.', ':', '::', 'ff', 'FFFF', 'g', '%eth0', '/8', ' ', '1.2.3.4');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const v = parts.join('');
        expect(readIpAddress(v)?.bytes).toEqual(reference(v));
      }),
      { numRuns: 20_000 },
    );
    for (const v of ['1.2.3.4', '0.0.0.0', '255.255.255.255', '::', '::ffff:1.2.3.4', 'fe80::1%eth0', '2001:db8::1']) expect(readIpAddress(v)?.bytes).toEqual(reference(v));
  });
});

describe('booleans on the request side (C8)', () => {
  it('reads true/false in any case and nothing else', () => {
    expect(['true', 'True', 'FALSE', 'false'].map((v) => boolFamily.read(v))).toEqual([true, true, false, false]);
    expect(['1', 'yes', ''].map((v) => boolFamily.read(v))).toEqual([undefined, undefined, undefined]);
  });
});

describe('prefix comparison', () => {
  it('agrees with ipaddr.js match on random addresses and prefixes', async () => {
    const ipaddr = (await import('ipaddr.js')).default;
    const { samePrefix } = await import('../../src/conditions/ip.js');
    const rand = seededRandom(7);
    const next = () => rand(256);
    for (let n = 0; n < 5000; n++) {
      const a = [next(), next(), next(), next()];
      const b = n % 3 === 0 ? [a[0]!, a[1]!, next(), next()] : [next(), next(), next(), next()];
      const prefix = next() % 33;
      const expected = ipaddr.IPv4.parse(a.join('.')).match(ipaddr.IPv4.parse(b.join('.')), prefix);
      expect(samePrefix(a, b, prefix)).toBe(expected);
    }
  });
});
