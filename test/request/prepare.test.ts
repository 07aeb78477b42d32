/**
 * prepareRequest is cheap (issue 15): dates are recognised, not read, when the request is
 * prepared — and that shortcut never disagrees with the date family's reader; values are read as a
 * type on first use only, once, and invalid values of typed keys are still reported (C7).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateFamily } from '../../src/conditions/date.js';
import { isPlainUtcDateTime, prepareRequest, readValues } from '../../src/request/prepare.js';

const principal = { type: 'RamUser' as const, arn: 'acs:ram::1:user/alice' };
const pad = (n: number, width: number) => String(n).padStart(width, '0');

describe('isPlainUtcDateTime', () => {
  it('accepts only what the date family reads, on near-miss date-times', () => {
    // Given date-times of the plain form with fields in and out of range (years 0000–9999, month 0–19, day 0–39, ...)
    const nearMiss = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 39 }), fc.integer({ min: 0, max: 29 }), fc.integer({ min: 0, max: 69 }), fc.integer({ min: 0, max: 69 }))
      .map(([y, mo, d, h, mi, s]) => `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}Z`);
    fc.assert(
      fc.property(nearMiss, (value) => {
        // Then whatever the shortcut accepts, the reader reads
        if (isPlainUtcDateTime(value)) expect(dateFamily.read(value)).toBeTypeOf('number');
      }),
      { numRuns: 20_000 },
    );
  });

  it('accepts nothing the date family refuses, on random strings of date characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789-:TZ+.x'), minLength: 18, maxLength: 22 }), (value) => {
        if (isPlainUtcDateTime(value)) expect(dateFamily.read(value)).toBeTypeOf('number');
      }),
      { numRuns: 20_000 },
    );
  });

  it('recognises the usual form and leaves the rest to the reader', () => {
    expect(isPlainUtcDateTime('2026-11-28T10:00:00Z')).toBe(true);
    expect(isPlainUtcDateTime('2026-12-31T23:59:59Z')).toBe(true);
    // 29 February depends on the year: left to the reader, which reads 2024's and refuses 2026's
    expect(isPlainUtcDateTime('2024-02-29T00:00:00Z')).toBe(false);
    expect(dateFamily.read('2024-02-29T00:00:00Z')).toBeTypeOf('number');
    expect(isPlainUtcDateTime('2026-04-31T00:00:00Z')).toBe(false);
    expect(isPlainUtcDateTime('2026-11-28T10:00:00+08:00')).toBe(false);
    expect(isPlainUtcDateTime('2026-11-28T24:00:00Z')).toBe(false);
  });
});

describe('prepareRequest', () => {
  it('reads no date until a clause asks, then reads each value once', () => {
    // Given a request with a valid time
    const prepared = prepareRequest({ principal, action: 'cams:UpdateInstance', resource: '*', context: { 'acs:CurrentTime': '2026-11-28T10:00:00Z' } });
    const key = prepared.context.get('acs:currenttime')!;
    // Then preparing it read nothing as a date, and reported nothing
    expect(key.read?.get('date')).toBeUndefined();
    expect(prepared.diagnostics).toEqual([]);
    // When a clause reads it twice, Then the second read is the cached first one
    const first = readValues(key, dateFamily);
    expect(first).toEqual([Date.UTC(2026, 10, 28, 10)]);
    expect(readValues(key, dateFamily)).toBe(first);
  });

  it('still reports every value of a typed key that is not of its type (C7), in order', () => {
    // Given invalid dates (one only the reader can refuse), an invalid address and an invalid boolean
    const prepared = prepareRequest({
      principal,
      action: 'cams:UpdateInstance',
      resource: '*',
      context: { 'acs:CurrentTime': ['2026-02-29T00:00:00Z', '2026-11-28T10:00:00Z', 'yesterday'], 'acs:SourceIp': '10.0.0.256', 'acs:SecureTransport': 'yes' },
    });
    // Then each bad value has its diagnostic at its key
    expect(prepared.diagnostics.map((d) => [d.code, d.path, d.message])).toEqual([
      ['invalid-request-value', '/context/acs:CurrentTime', '`2026-02-29T00:00:00Z` is not an ISO 8601 date-time with a zone, e.g. `2026-01-01T00:00:00Z`, as `acs:CurrentTime` needs'],
      ['invalid-request-value', '/context/acs:CurrentTime', '`yesterday` is not an ISO 8601 date-time with a zone, e.g. `2026-01-01T00:00:00Z`, as `acs:CurrentTime` needs'],
      ['invalid-request-value', '/context/acs:SourceIp', '`10.0.0.256` is not an IPv4 or IPv6 address, as `acs:SourceIp` needs'],
      ['invalid-request-value', '/context/acs:SecureTransport', '`yes` is not `true` or `false`, as `acs:SecureTransport` needs'],
    ]);
  });

  it('merges keys that differ only in case, and keys the plan by action and root caller', () => {
    const prepared = prepareRequest({ principal, action: 'CAMS:UpdateInstance', resource: '*', context: { 'cams:Tag': 'a', 'CAMS:tag': ['b', 'c'] } });
    expect(prepared.context.get('cams:tag')!.values).toEqual(['a', 'b', 'c']);
    expect(prepared.planKey).toBe('cams:updateinstance|false');
  });
});
