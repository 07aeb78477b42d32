/**
 * The exact contracts of prepareRequest's helpers (issue 17): the usual-form recognisers say yes
 * to exactly the usual form (a miss costs a full read, so "false" on a usual value is a slowdown
 * nobody would see without these), the prepared request's fields, absent keys and conflicts, and
 * the caller's ARN as `acs:PrincipalARN` (C9).
 */
import { describe, expect, it } from 'vitest';
import { isPlainIpv4, isPlainUtcDateTime, prepareRequest, requestProblem } from '../../src/request/prepare.js';

const principal = { type: 'RamUser' as const, arn: 'acs:ram::1:user/alice' };

describe('isPlainIpv4', () => {
  it.each(['0.0.0.0', '1.2.3.4', '10.0.0.1', '255.255.255.255', '192.168.100.200', '9.99.199.249'])('recognises %s', (value) => {
    expect(isPlainIpv4(value)).toBe(true);
  });

  it.each([
    ['1.2.3', 'three parts'],
    ['1.2.3.4.5', 'five parts'],
    ['1.2.3.', 'an empty last part'],
    ['.1.2.3', 'an empty first part'],
    ['1..2.3', 'an empty middle part'],
    ['01.2.3.4', 'a leading zero'],
    ['1.2.3.04', 'a leading zero in the last part'],
    ['256.1.1.1', 'a part past 255'],
    ['1.1.1.256', 'a last part past 255'],
    ['1000.1.1.1', 'four digits'],
    ['1.2.3.4a', 'a letter'],
    ['1.2.3.4/8', 'a prefix'],
    ['1.2.3.4:80', 'a port'],
    ['1.2.3.-4', 'a sign'],
    ['1.2.3', 'six characters'],
    ['100.100.100.1000', 'sixteen characters'],
    ['::1', 'IPv6'],
    ['', 'nothing'],
  ])('leaves %s (%s) to the reader', (value) => expect(isPlainIpv4(value)).toBe(false));
});

describe('isPlainUtcDateTime', () => {
  it.each(['2026-01-01T00:00:00Z', '0000-01-01T00:00:00Z', '2026-12-31T23:59:59Z', '2026-02-28T12:30:45Z', '2026-04-30T00:00:00Z', '2026-10-10T10:10:10Z'])('recognises %s', (value) => {
    expect(isPlainUtcDateTime(value)).toBe(true);
  });

  it.each([
    '2026-00-01T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-01-00T00:00:00Z',
    '2026-01-32T00:00:00Z',
    '2026-06-31T00:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T00:60:00Z',
    '2026-01-01T00:00:60Z',
    '2026/01-01T00:00:00Z',
    '2026-01/01T00:00:00Z',
    '2026-01-01 00:00:00Z',
    '2026-01-01T00.00:00Z',
    '2026-01-01T00:00.00Z',
    '2026-01-01T00:00:00z',
    '2026-01-01T00:00:00+',
    '2026-01-01T00:00:00.0Z',
    '2026-01-01T00:00Z',
    'x026-01-01T00:00:00Z',
    '2026-0x-01T00:00:00Z',
    '2026-01-0/T00:00:00Z',
    '2026-01-01T0:-00:00Z',
    '2026-01-01T00:0::00Z',
    '2026-01-01T00:00:0:Z',
  ])('leaves %s to the reader', (value) => expect(isPlainUtcDateTime(value)).toBe(false));
});

describe('prepareRequest', () => {
  it('lower-cases the action, keeps the service, keys the plan by action and root caller', () => {
    const prepared = prepareRequest({ principal: { type: 'Root' }, action: 'CAMS:UpdateInstance', resource: 'r' });
    expect(prepared).toMatchObject({ prepared: true, action: 'cams:updateinstance', service: 'cams', planKey: 'cams:updateinstance|true', diagnostics: [] });
    expect([...prepared.context.keys()]).toEqual([]);
    expect([...prepared.absent]).toEqual([]);
  });

  it('returns a prepared request as it is', () => {
    const prepared = prepareRequest({ principal, action: 'cams:UpdateInstance', resource: 'r' });
    expect(prepareRequest(prepared)).toBe(prepared);
  });

  it('copies a list of values, so later merges do not change the caller\'s array', () => {
    const values = ['a'];
    const prepared = prepareRequest({ principal, action: 'a:b', resource: 'r', context: { 'cams:Tag': values, 'CAMS:TAG': 'b' } });
    expect(prepared.context.get('cams:tag')).toEqual({ name: 'cams:Tag', values: ['a', 'b'], read: undefined });
    expect(values).toEqual(['a']);
  });

  it("gives acs:PrincipalARN the caller's ARN, under its documented spelling, unless given, absent or unknown", () => {
    expect(prepareRequest({ principal, action: 'a:b', resource: 'r' }).context.get('acs:principalarn')).toEqual({ name: 'acs:PrincipalARN', values: ['acs:ram::1:user/alice'], read: undefined });
    expect(prepareRequest({ principal, action: 'a:b', resource: 'r', context: { 'ACS:PrincipalArn': 'x' } }).context.get('acs:principalarn')!.values).toEqual(['x']);
    const absent = prepareRequest({ principal, action: 'a:b', resource: 'r', absent: ['ACS:PRINCIPALARN'] });
    expect(absent.context.has('acs:principalarn')).toBe(false);
    expect([...absent.absent]).toEqual(['acs:principalarn']);
    expect(absent.diagnostics).toEqual([]);
    expect(prepareRequest({ principal: { type: 'RamUser' }, action: 'a:b', resource: 'r' }).context.size).toBe(0);
  });

  it('reports a key both given and declared absent, in any case, once per key', () => {
    const prepared = prepareRequest({ principal, action: 'a:b', resource: 'r', context: { 'acs:SourceVpc': 'v', 'cams:Tag': 't' }, absent: ['ACS:SOURCEVPC', 'acs:Other'] });
    expect(prepared.diagnostics).toEqual([{ code: 'conflicting-context', severity: 'error', message: '`acs:SourceVpc` is both given a value and declared absent', path: '/context/acs:SourceVpc' }]);
  });

  it('checks the usual and the unusual forms of every typed key (C7)', () => {
    const prepared = prepareRequest({
      principal,
      action: 'a:b',
      resource: 'r',
      context: { 'acs:MFAPresent': ['TRUE', 'False', 'no'], 'acs:SourceIp': ['2001:db8::1', '10.0.0.1', '010.0.0.1'], 'acs:CurrentTime': ['2026-01-01T08:00:00+08:00', '2024-02-29T00:00:00Z'] },
    });
    expect(prepared.diagnostics.map((d) => d.message)).toEqual(['`no` is not `true` or `false`, as `acs:MFAPresent` needs', '`010.0.0.1` is not an IPv4 or IPv6 address, as `acs:SourceIp` needs']);
  });

  it('points a request problem at its key, escaped as a JSON Pointer token', () => {
    expect(requestProblem('invalid-request-value', 'm', 'acs:ResourceTag/a~b')).toEqual({ code: 'invalid-request-value', severity: 'error', message: 'm', path: '/context/acs:ResourceTag~1a~0b' });
  });
});
