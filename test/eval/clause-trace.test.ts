/**
 * One clause, traced and decided (C1–C6, C11; issue 17): absent keys per operator polarity,
 * unknown keys, values that are not of the operator's type (reported once each, the clause left
 * unknown), and the request values and per-value results the trace shows.
 */
import { describe, expect, it } from 'vitest';
import { compilePolicySet, emptyPolicySet, evaluate, parsePolicy, type AuthorizationRequest } from '../../src/index.js';

/** The trace of the one clause of an Allow on `*`, and the decision, for a request. */
function clause(condition: object, extra: Partial<AuthorizationRequest>) {
  const { policy, diagnostics } = parsePolicy(JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: condition }] }), { kind: 'identity' });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const set = emptyPolicySet();
  set.identity.push({ name: 'p', document: policy! });
  const result = evaluate(compilePolicySet(set), { principal: { type: 'RamUser', arn: 'acs:ram::1:user/alice' }, action: 'cams:UpdateInstance', resource: 'r', ...extra });
  return { decision: result.decision, trace: result.statements[0]!.conditions[0]!, diagnostics: result.diagnostics };
}

describe('absent and unknown keys (C2–C4)', () => {
  it('makes a positive operator fail and a negated one hold on an absent key, every value no-match', () => {
    const positive = clause({ StringEquals: { 'cams:Tag': ['a', 'b'] } }, { absent: ['cams:tag'] });
    expect(positive.decision).toBe('ImplicitDeny');
    expect(positive.trace).toEqual({ operator: 'StringEquals', key: 'cams:Tag', requestValues: 'absent', values: [{ value: 'a', result: 'no-match' }, { value: 'b', result: 'no-match' }], result: 'no-match' });
    const negated = clause({ StringNotEquals: { 'cams:Tag': 'a' } }, { absent: ['CAMS:TAG'] });
    expect(negated.decision).toBe('Allow');
    expect(negated.trace).toMatchObject({ requestValues: 'absent', values: [{ value: 'a', result: 'no-match' }], result: 'match' });
  });

  it('leaves a key not supplied unknown, every value unknown', () => {
    const unknown = clause({ StringNotEquals: { 'cams:Tag': 'a' } }, {});
    expect(unknown.decision).toBe('Conditional');
    expect(unknown.trace).toMatchObject({ requestValues: 'unknown', values: [{ value: 'a', result: 'unknown' }], result: 'unknown' });
  });

  it('decides a string test on an unknown typed key that no value of its type can meet (C11)', () => {
    // Given StringEquals on acs:SourceIp with a value that is not an address, and one that is
    const result = clause({ StringEquals: { 'acs:SourceIp': ['not-an-ip', '10.0.0.1'] } }, {});
    expect(result.decision).toBe('Conditional');
    expect(result.trace.values).toEqual([{ value: 'not-an-ip', result: 'no-match' }, { value: '10.0.0.1', result: 'unknown' }]);
    const never = clause({ StringEquals: { 'acs:SourceIp': 'not-an-ip' } }, {});
    expect(never.decision).toBe('ImplicitDeny');
    expect(never.trace.result).toBe('no-match');
  });
});

describe('given values (C1, C5, C6)', () => {
  it('holds when any request value meets any policy value, and shows which', () => {
    const result = clause({ NumericLessThan: { 'cams:Count': ['3', '10'] } }, { context: { 'cams:Count': ['12', '5'] } });
    expect(result.decision).toBe('Allow');
    expect(result.trace).toEqual({ operator: 'NumericLessThan', key: 'cams:Count', requestValues: ['12', '5'], values: [{ value: '3', result: 'no-match' }, { value: '10', result: 'match' }], result: 'match' });
  });

  it('fails a negated operator when a request value meets a policy value', () => {
    const result = clause({ StringNotLike: { 'cams:Tag': 'prod-*' } }, { context: { 'cams:Tag': ['dev', 'prod-1'] } });
    expect(result.decision).toBe('ImplicitDeny');
    expect(result.trace.result).toBe('no-match');
    expect(result.trace.values).toEqual([{ value: 'prod-*', result: 'match' }]);
    expect(clause({ StringNotLike: { 'cams:Tag': 'prod-*' } }, { context: { 'cams:Tag': 'dev' } }).decision).toBe('Allow');
  });

  it('reports each value of the wrong type once and leaves the clause unknown unless another value meets it', () => {
    const bad = clause({ NumericLessThan: { 'cams:Count': '10' } }, { context: { 'cams:Count': ['many', 'many', 'lots', '20'] } });
    expect(bad.decision).toBe('Conditional');
    expect(bad.trace.result).toBe('unknown');
    expect(bad.trace.values).toEqual([{ value: '10', result: 'no-match' }]);
    expect(bad.diagnostics.map((d) => d.message)).toEqual([
      '`many` is not a decimal number, as `NumericLessThan` on `cams:Count` needs',
      '`lots` is not a decimal number, as `NumericLessThan` on `cams:Count` needs',
    ]);
    const met = clause({ NumericLessThan: { 'cams:Count': '10' } }, { context: { 'cams:Count': ['many', '5'] } });
    expect(met.decision).toBe('Allow');
    expect(met.trace.result).toBe('match');
    const negated = clause({ NumericNotEquals: { 'cams:Count': '5' } }, { context: { 'cams:Count': ['many', '5'] } });
    expect(negated.decision).toBe('ImplicitDeny');
  });

  it('does not report a typed common key twice: prepareRequest has reported it (C7)', () => {
    const result = clause({ IpAddress: { 'acs:SourceIp': '10.0.0.0/8' } }, { context: { 'acs:SourceIp': ['10.0.0.1:8080', '10.1.2.3'] } });
    expect(result.decision).toBe('Allow');
    expect(result.diagnostics.map((d) => [d.code, d.path])).toEqual([['invalid-request-value', '/context/acs:SourceIp']]);
    expect(result.diagnostics[0]!.message).toBe('`10.0.0.1:8080` is not an IPv4 or IPv6 address, as `acs:SourceIp` needs');
  });
});
