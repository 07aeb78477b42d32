/**
 * The edges of the value readers (S7, S9), one per limit: the digits a date fraction may have,
 * the first and last valid month, day, hour, minute, second and zone offset and the first invalid
 * one past each, text around a date, and an address with a port, which is not an address.
 */
import { describe, expect, it } from 'vitest';
import { readIsoDateTime } from '../../src/conditions/date.js';
import { ipOperators, readIpAddress, readIpRange } from '../../src/conditions/ip.js';
import { compilePolicySet, emptyPolicySet, evaluate, parsePolicy } from '../../src/index.js';

const NEW_YEAR = Date.UTC(2026, 0, 1);

describe('date fractions of one to nine digits (S7, C10)', () => {
  it.each([
    ['.2', 200],
    ['.25', 250],
    ['.250', 250],
    ['.1234', 123],
    ['.12345', 123],
    ['.123456', 123],
    ['.1234567', 123],
    ['.12345678', 123],
    ['.123456789', 123],
  ])('reads 2026-01-01T00:00:00%sZ as %i ms past midnight', (fraction, millis) => {
    // Given a fraction of one to nine digits; Then the instant keeps its first three, padded with zeros
    expect(readIsoDateTime(`2026-01-01T00:00:00${fraction}Z`)).toBe(NEW_YEAR + millis);
  });

  it('refuses a fraction of ten digits, an empty fraction and a fraction without seconds', () => {
    expect(readIsoDateTime('2026-01-01T00:00:00.1234567890Z')).toBeUndefined();
    expect(readIsoDateTime('2026-01-01T00:00:00.Z')).toBeUndefined();
    expect(readIsoDateTime('2026-01-01T00:00.5Z')).toBeUndefined();
  });
});

describe('date fields at and past their limits (S7)', () => {
  it.each([
    ['2026-12-31T00:00:00Z', Date.UTC(2026, 11, 31)],
    ['2026-01-31T00:00:00Z', Date.UTC(2026, 0, 31)],
    ['2026-04-30T00:00:00Z', Date.UTC(2026, 3, 30)],
    ['2026-02-28T00:00:00Z', Date.UTC(2026, 1, 28)],
    ['2026-01-01T23:00:00Z', Date.UTC(2026, 0, 1, 23)],
    ['2026-01-01T00:59:00Z', Date.UTC(2026, 0, 1, 0, 59)],
    ['2026-01-01T00:00:59Z', Date.UTC(2026, 0, 1, 0, 0, 59)],
    ['2026-01-01T23:59:59.999Z', Date.UTC(2026, 0, 1, 23, 59, 59, 999)],
  ])('reads the last valid value in %s', (text, millis) => expect(readIsoDateTime(text)).toBe(millis));

  it.each([
    '2026-00-01T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-01-00T00:00:00Z',
    '2026-01-32T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T00:60:00Z',
    '2026-01-01T00:00:60Z',
    '2026-01-01T00:60Z',
  ])('refuses %s (a field one past its limit, or zero where counting starts at one)', (text) => {
    expect(readIsoDateTime(text)).toBeUndefined();
  });
});

describe('zone offsets at and past their limits (S7)', () => {
  it.each([
    ['+23:00', -23 * 60],
    ['-23:00', 23 * 60],
    ['+05:59', -(5 * 60 + 59)],
    ['-05:59', 5 * 60 + 59],
    ['+2359', -(23 * 60 + 59)],
    ['+00:00', 0],
    ['-00:00', 0],
  ])('reads midnight at %s as midnight UTC shifted by the offset', (zone, minutes) => {
    expect(readIsoDateTime(`2026-01-01T00:00:00${zone}`)).toBe(NEW_YEAR + minutes * 60_000);
  });

  it.each(['+24:00', '-24:00', '+08:60', '-08:60', '+8:00', '+08:0', '+08', '08:00', 'z', 'UTC', '+08:00Z'])('refuses the zone %s', (zone) => {
    expect(readIsoDateTime(`2026-01-01T00:00:00${zone}`)).toBeUndefined();
  });
});

describe('text around a date (S7)', () => {
  it.each([
    ' 2026-01-01T00:00:00Z',
    '2026-01-01T00:00:00Z ',
    'x2026-01-01T00:00:00Z',
    '2026-01-01T00:00:00Zx',
    '2026-01-01T00:00:00+08:00\n',
    '12026-01-01T00:00:00Z',
    '2026-01-01T00:00:00+08:001',
    '2026-01-01 00:00:00Z',
    '2026-1-01T00:00:00Z',
    '2026-01-01T0:00:00Z',
  ])('refuses %j: the whole value must be the date-time', (text) => expect(readIsoDateTime(text)).toBeUndefined());
});

describe('an address with a port (S9)', () => {
  it('is neither an address nor a range', () => {
    for (const value of ['10.0.0.1:8080', '[2001:db8::1]:443', '10.0.0.1:8080/32']) {
      expect(readIpAddress(value)).toBeUndefined();
      expect(readIpRange(value)).toBeUndefined();
    }
  });

  it('is refused as a policy value of IpAddress', () => {
    for (const op of ipOperators) expect(op.compileValue('10.0.0.1:8080')).toBeUndefined();
  });

  it('is an invalid request value of acs:SourceIp, never a crash and never a match', () => {
    // Given an Allow on 10.0.0.0/8 and a Deny outside it
    const { policy } = parsePolicy(
      JSON.stringify({
        Version: '1',
        Statement: [
          { Effect: 'Allow', Action: '*', Resource: '*', Condition: { IpAddress: { 'acs:SourceIp': '10.0.0.0/8' } } },
          { Effect: 'Deny', Action: '*', Resource: '*', Condition: { NotIpAddress: { 'acs:SourceIp': '10.0.0.0/8' } } },
        ],
      }),
      { kind: 'identity' },
    );
    const set = emptyPolicySet();
    set.identity.push({ name: 'office', document: policy! });
    // When the request gives the address with its port
    const result = evaluate(compilePolicySet(set), {
      principal: { type: 'RamUser', arn: 'acs:ram::1:user/alice' },
      action: 'cams:UpdateInstance',
      resource: 'acs:cams:r:1:instance/i',
      context: { 'acs:SourceIp': '10.0.0.1:8080' },
    });
    // Then it is reported at its place, and neither the Allow nor the Deny is decided by it
    expect(result.diagnostics.map((d) => [d.code, d.path])).toEqual([['invalid-request-value', '/context/acs:SourceIp']]);
    expect(result.diagnostics[0]!.message).toContain('`10.0.0.1:8080`');
    expect(result.decision).not.toBe('Allow');
  });
});

describe('CIDR prefixes at their limits (S9)', () => {
  it('takes the full length, not one more, and at most three digits', () => {
    expect(readIpRange('10.0.0.1/32')?.[1]).toBe(32);
    expect(readIpRange('10.0.0.1/0')?.[1]).toBe(0);
    expect(readIpRange('10.0.0.0/008')?.[1]).toBe(8);
    expect(readIpRange('2001:db8::1/128')?.[1]).toBe(128);
    expect(readIpRange('10.0.0.0/0032')).toBeUndefined();
    expect(readIpRange('10.0.0.0/+8')).toBeUndefined();
    expect(readIpRange('10.0.0.0/ 8')).toBeUndefined();
    expect(readIpRange('10.0.0.0/8 ')).toBeUndefined();
  });
});
