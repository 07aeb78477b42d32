/**
 * The operator registry as a table (issue 17): each operator's family, negation and the texts its
 * diagnostics quote; the operators RAM does not support and why; a name in the wrong case; and
 * the Bool operator, strict on the policy side (S6) and case-insensitive on the request side (C8).
 */
import { describe, expect, it } from 'vitest';
import { boolOperators } from '../../src/conditions/bool.js';
import { operatorSpec, operatorWithOtherCase, OPERATOR_NAMES, unsupportedOperatorReason } from '../../src/conditions/operators.js';
import { stringIgnoreCaseFamily } from '../../src/conditions/string.js';

const DATE = 'an ISO 8601 date-time with a zone, e.g. `2026-01-01T00:00:00Z`';
const TABLE: [name: string, family: string, negated: boolean, policyValueExpected: string, requestExpected: string][] = [
  ['StringEquals', 'string', false, 'a string', 'a string'],
  ['StringNotEquals', 'string', true, 'a string', 'a string'],
  ['StringEqualsIgnoreCase', 'string-ignore-case', false, 'a string', 'a string'],
  ['StringNotEqualsIgnoreCase', 'string-ignore-case', true, 'a string', 'a string'],
  ['StringLike', 'string', false, 'a pattern', 'a string'],
  ['StringNotLike', 'string', true, 'a pattern', 'a string'],
  ['NumericEquals', 'numeric', false, 'a decimal number', 'a decimal number'],
  ['NumericNotEquals', 'numeric', true, 'a decimal number', 'a decimal number'],
  ['NumericLessThan', 'numeric', false, 'a decimal number', 'a decimal number'],
  ['NumericLessThanEquals', 'numeric', false, 'a decimal number', 'a decimal number'],
  ['NumericGreaterThan', 'numeric', false, 'a decimal number', 'a decimal number'],
  ['NumericGreaterThanEquals', 'numeric', false, 'a decimal number', 'a decimal number'],
  ['DateEquals', 'date', false, DATE, DATE],
  ['DateNotEquals', 'date', true, DATE, DATE],
  ['DateLessThan', 'date', false, DATE, DATE],
  ['DateLessThanEquals', 'date', false, DATE, DATE],
  ['DateGreaterThan', 'date', false, DATE, DATE],
  ['DateGreaterThanEquals', 'date', false, DATE, DATE],
  ['Bool', 'bool', false, '`true` or `false`', '`true` or `false`'],
  ['IpAddress', 'ip', false, 'an IP address or CIDR block', 'an IPv4 or IPv6 address'],
  ['NotIpAddress', 'ip', true, 'an IP address or CIDR block', 'an IPv4 or IPv6 address'],
];

describe('the operator registry', () => {
  it('holds the 21 documented operators, in this order', () => {
    expect(OPERATOR_NAMES).toEqual(TABLE.map(([name]) => name));
  });

  it.each(TABLE)('%s reads %s values, negated: %s', (name, family, negated, policyValueExpected, requestExpected) => {
    const spec = operatorSpec(name)!;
    expect(spec).toMatchObject({ name, negated, policyValueExpected });
    expect(spec.family.name).toBe(family);
    expect(spec.family.expected).toBe(requestExpected);
  });

  it('knows names in their documented case only, and finds the one meant', () => {
    expect(operatorSpec('stringequals')).toBeUndefined();
    expect(operatorSpec('toString')).toBeUndefined();
    expect(operatorWithOtherCase('stringequals')).toBe('StringEquals');
    expect(operatorWithOtherCase('NOTIPADDRESS')).toBe('NotIpAddress');
    expect(operatorWithOtherCase('StringEqual')).toBeUndefined();
  });

  it.each([
    ['ForAnyValue:StringEquals', 'set operator qualifiers like `ForAnyValue:` are not supported by RAM'],
    ['ForAllValues:StringLike', 'set operator qualifiers like `ForAllValues:` are not supported by RAM'],
    ['foranyvalue:StringEquals', 'set operator qualifiers like `foranyvalue:` are not supported by RAM'],
    ['StringEqualsIfExists', 'the `IfExists` suffix is not supported by RAM'],
    ['Null', 'the `Null` operator is not supported by RAM'],
    ['ArnEquals', 'the ARN operator `ArnEquals` is not supported by RAM'],
    ['ArnNotLike', 'the ARN operator `ArnNotLike` is not supported by RAM'],
    ['BinaryEquals', '`BinaryEquals` is not supported by RAM'],
  ])('says why %s is not supported', (name, reason) => expect(unsupportedOperatorReason(name)).toBe(reason));

  it.each(['StringEquals', 'NullValue', 'XArnEquals', 'ArnEqualsX', 'ForSomeValues:StringEquals', 'IfExistsString', 'BinaryEqualsX', 'ForAnyValueStringEquals'])(
    'has no reason for %s',
    (name) => expect(unsupportedOperatorReason(name)).toBeUndefined(),
  );
});

describe('Bool (S6, C8)', () => {
  const bool = boolOperators[0]!;

  it('takes `true` and `false` as policy values, in lower case only', () => {
    expect(bool.compileValue('true')!(true)).toBe(true);
    expect(bool.compileValue('true')!(false)).toBe(false);
    expect(bool.compileValue('false')!(false)).toBe(true);
    expect(bool.compileValue('false')!(true)).toBe(false);
    for (const bad of ['True', 'FALSE', 'yes', '1', '']) expect(bool.compileValue(bad)).toBeUndefined();
    expect(bool.compileValues(['true', 'True'])).toBeUndefined();
  });

  it('reads request values in any case, and nothing else', () => {
    expect(['true', 'TRUE', 'tRuE', 'false', 'FALSE', 'False'].map((v) => bool.family.read(v))).toEqual([true, true, true, false, false, false]);
    for (const bad of ['yes', '1', '0', '', ' true', 'truee']) expect(bool.family.read(bad)).toBeUndefined();
  });

  it('matches a request value against any of several policy values', () => {
    const set = bool.compileValues(['false', 'true'])!;
    expect([set.matchesAny(true), set.matchesAny(false)]).toEqual([true, true]);
    expect(set.matchedBy([false])).toEqual([true, false]);
    expect(bool.compileValues(['false'])!.matchesAny(true)).toBe(false);
  });
});

describe('string families', () => {
  it('reads request values lower-cased for the IgnoreCase operators (Unicode lower-casing, M6)', () => {
    expect(stringIgnoreCaseFamily.read('ÄBC')).toBe('äbc');
    const spec = operatorSpec('StringEqualsIgnoreCase')!;
    expect(spec.compileValue('ÄBC')!(spec.family.read('äbc'))).toBe(true);
    expect(spec.compileValues(['X', 'ÄBC'])!.matchedBy([spec.family.read('äBc')])).toEqual([false, true]);
    expect(operatorSpec('StringEquals')!.family.read('ÄBC')).toBe('ÄBC');
  });

  it('matches wildcards case-sensitively (StringLike)', () => {
    const like = operatorSpec('StringLike')!;
    expect(like.compileValue('a*')!('abc')).toBe(true);
    expect(like.compileValue('a*')!('Abc')).toBe(false);
    const many = like.compileValues(['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8', 'team-*', 'a?c'])!;
    expect(many.matchesAny('team-ops')).toBe(true);
    expect(many.matchesAny('TEAM-ops')).toBe(false);
    expect(many.matchedBy(['abc', 'x3'])).toEqual([false, false, true, false, false, false, false, false, false, true]);
  });
});
