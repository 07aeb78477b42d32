/** Request problems (C6, C7), the caller's ARN as `acs:PrincipalARN` (C9), and trust checks without an ARN. */
import { describe, expect, it } from 'vitest';
import { compilePolicySet, emptyPolicySet, evaluate, parsePolicy, type AuthorizationRequest, type PolicyKind } from '../../src/index.js';

function setOf(kind: PolicyKind, statements: object[]) {
  const { policy, diagnostics } = parsePolicy(JSON.stringify({ Version: '1', Statement: statements }), { kind });
  expect(diagnostics).toEqual([]);
  const set = emptyPolicySet();
  if (kind === 'trust') set.resource.push({ name: 'trust', document: policy! });
  else set.identity.push({ name: 'p', document: policy! });
  return compilePolicySet(set);
}

const request = (extra: Partial<AuthorizationRequest>): AuthorizationRequest => ({
  principal: { type: 'RamUser', arn: 'acs:ram::1:user/alice' },
  action: 'cams:UpdateInstance',
  resource: 'acs:cams:r:1:instance/i',
  ...extra,
});

describe('request values', () => {
  it('reports a value that is not the operator type and never treats it as false (C6)', () => {
    // Given a Deny on a numeric key; When the request value is not a number
    const set = setOf('identity', [
      { Effect: 'Allow', Action: '*', Resource: '*' },
      { Effect: 'Deny', Action: '*', Resource: '*', Condition: { NumericGreaterThan: { 'cams:Count': '5' } } },
    ]);
    const result = evaluate(set, request({ context: { 'cams:Count': 'many' } }));
    // Then it is an error, and the Deny is not silently switched off: the answer is not Allow
    expect(result.diagnostics.map((d) => [d.code, d.path])).toEqual([['invalid-request-value', '/context/cams:Count']]);
    expect(result.diagnostics[0]!.message).toBe('`many` is not a decimal number, as `NumericGreaterThan` on `cams:Count` needs');
    expect(result.decision).toBe('Conditional');
  });

  it('checks typed common keys whatever the operators (C7)', () => {
    const set = setOf('identity', [{ Effect: 'Allow', Action: '*', Resource: '*' }]);
    const result = evaluate(set, request({ context: { 'acs:SourceIp': 'not-an-ip', 'acs:CurrentTime': 'yesterday', 'acs:SecureTransport': 'yes' } }));
    expect(result.diagnostics.map((d) => d.path).sort()).toEqual(['/context/acs:CurrentTime', '/context/acs:SecureTransport', '/context/acs:SourceIp']);
    expect(result.diagnostics.every((d) => d.code === 'invalid-request-value')).toBe(true);
  });

  it('refuses a key that is both given and declared absent', () => {
    const set = setOf('identity', [{ Effect: 'Allow', Action: '*', Resource: '*' }]);
    const result = evaluate(set, request({ context: { 'acs:SourceVpc': 'vpc-1' }, absent: ['acs:sourcevpc'] }));
    expect(result.diagnostics.map((d) => d.code)).toEqual(['conflicting-context']);
  });

  it("fills acs:PrincipalARN from the caller's ARN unless given or absent (C9)", () => {
    const set = setOf('identity', [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringLike: { 'acs:PrincipalARN': 'acs:ram::1:user/*' } } }]);
    expect(evaluate(set, request({})).decision).toBe('Allow');
    expect(evaluate(set, request({ context: { 'acs:PrincipalArn': 'acs:ram::2:user/bob' } })).decision).toBe('ImplicitDeny');
    expect(evaluate(set, request({ absent: ['acs:PrincipalARN'] })).decision).toBe('ImplicitDeny');
    expect(evaluate(set, request({ principal: { type: 'RamUser' } })).decision).toBe('Conditional');
  });

  it('needs the caller ARN to check a trust policy', () => {
    const set = setOf('trust', [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: ['acs:ram::1:root'] } }]);
    const result = evaluate(set, { principal: { type: 'Root' }, action: 'sts:AssumeRole', resource: 'acs:ram::1:role/r' });
    expect(result.diagnostics.map((d) => [d.code, d.path])).toEqual([['missing-principal-arn', '/principal/arn']]);
  });
});
