/**
 * `possibleDenies` lists the Deny statements that may apply under some value of the unknown keys
 * — not those that certainly apply or certainly do not, and never an Allow (issue 17).
 */
import { describe, expect, it } from 'vitest';
import { compilePolicySet, emptyPolicySet, evaluate, parsePolicy, type AuthorizationRequest } from '../../src/index.js';

const ALICE = { type: 'RamUser', arn: 'acs:ram::1:user/alice' } as const;
const request = (context: Record<string, string> = {}): AuthorizationRequest => ({ principal: ALICE, action: 'cams:UpdateInstance', resource: 'acs:cams:r:1:instance/i', context });

function compiled(statements: object[]) {
  const { policy, diagnostics } = parsePolicy(JSON.stringify({ Version: '1', Statement: statements }), { kind: 'identity' });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const set = emptyPolicySet();
  set.identity.push({ name: 'p', document: policy! });
  return compilePolicySet(set);
}

const ON_VPC = (vpc: string) => ({ StringEquals: { 'acs:SourceVpc': vpc } });

describe('possible denies', () => {
  it('leave out Denies known not to apply and Allows with unknown conditions', () => {
    // Given an Allow on an unknown key, a Deny whose condition is known false, a Deny on another
    // resource, and one Deny on the unknown key
    const set = compiled([
      { Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'acs:MFAPresent': 'true' } } },
      { Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringEquals: { 'acs:SourceIp': '1.1.1.1' } } },
      { Effect: 'Deny', Action: '*', Resource: 'acs:cams:r:1:instance/other', Condition: ON_VPC('vpc-1') },
      { Effect: 'Deny', Action: '*', Resource: '*', Condition: ON_VPC('vpc-1') },
    ]);
    // When the request gives the IP but neither the VPC nor MFA
    const result = evaluate(set, request({ 'acs:SourceIp': '2.2.2.2' }));
    // Then Conditional, and only the Deny on the unknown VPC may apply
    expect(result.decision).toBe('Conditional');
    expect(result.possibleDenies.map((s) => `${s.effect}#${s.statement}`)).toEqual(['Deny#3']);
  });

  it('leave out a Deny that certainly applies (it decides, it is not a possibility)', () => {
    // Given an Allow, a Deny without condition and a Deny on an unknown key
    const set = compiled([{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'cams:Update*', Resource: '*' }, { Effect: 'Deny', Action: '*', Resource: '*', Condition: ON_VPC('vpc-1') }]);
    const result = evaluate(set, request());
    // Then ExplicitDeny by statement 1, and statement 2 is the possible deny
    expect(result.decision).toBe('ExplicitDeny');
    expect(result.decidingStatements.map((s) => s.statement)).toEqual([1]);
    expect(result.possibleDenies.map((s) => s.statement)).toEqual([2]);
  });
});
