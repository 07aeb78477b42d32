/**
 * A plan's later decisions read its entries (src/eval/fast-plan.ts): the notes `group` leaves for
 * `accountDecided` and `collect` (which entry decided, or several), and, when the fast path gives
 * up on an unknown condition and the symbolic path decides, the same questions answered by walking
 * the entries. Each case is decided three times — statements one by one, then entries twice — and
 * must name the same deciding statements each time (issue 17: the sampled differential cases
 * reached neither a group of seven entries nor an account level left unknown beside a decided one).
 */
import { describe, expect, it } from 'vitest';
import { compilePolicySet, evaluate, parsePolicy } from '../../src/index.js';
import type { NamedPolicy, PolicySet } from '../../src/policy/policy-set.js';
import type { PolicyKind } from '../../src/policy/types.js';
import type { AuthorizationRequest } from '../../src/request/types.js';

type Statement = Record<string, unknown>;

function policy(name: string, kind: PolicyKind, Statement: Statement[]): NamedPolicy {
  const { policy: document, diagnostics } = parsePolicy(JSON.stringify({ Version: '1', Statement }), { kind });
  if (!document) throw new Error(JSON.stringify(diagnostics));
  return { name, document };
}

const request: AuthorizationRequest = { principal: { type: 'RamUser', arn: 'acs:ram::1:user/a' }, action: 'ecs:StartInstance', resource: 'acs:ecs:cn-hangzhou:1:instance/i-7', resourceGroup: 'rg-1' };
const action = 'ecs:StartInstance';
/** Depends on acs:SourceVpc, which the request does not give: unknown, so the fast path gives up. */
const unknown = { StringEquals: { 'acs:SourceVpc': 'vpc-1' } };

/** Decides `set` three times; every time the same decision and deciding statements (`policy#statement`). */
function deciding(set: Partial<PolicySet>): { decision: string; deciding: string[] } {
  const compiled = compilePolicySet({ control: [], identity: [], resourceGroup: [], resource: [], ...set });
  const answers = [0, 1, 2].map(() => {
    const result = evaluate(compiled, request, { trace: false });
    return { decision: result.decision, deciding: result.decidingStatements.map((s) => `${s.policy}#${s.statement}`) };
  });
  expect(answers[1]).toEqual(answers[0]);
  expect(answers[2]).toEqual(answers[0]);
  return answers[0]!;
}

describe('the deciding statements of a plan decided by entries', () => {
  it('name the one entry of seven that applies, Allow or Deny', () => {
    // Given seven statements of distinct resources where only the seventh (Resource *) applies
    const seven = (Effect: string) => Array.from({ length: 7 }, (_, i) => ({ Effect, Action: action, Resource: i === 6 ? '*' : `acs:ecs:cn-hangzhou:1:instance/i-${i}` }));
    // Then it alone decides, on every decision
    expect(deciding({ identity: [policy('p', 'identity', seven('Allow'))] })).toEqual({ decision: 'Allow', deciding: ['p#6'] });
    expect(deciding({ identity: [policy('p', 'identity', seven('Deny'))] })).toEqual({ decision: 'ExplicitDeny', deciding: ['p#6'] });
  });

  it('name the Denies of several applying entries in document order', () => {
    // Given Denies alternating between two bodies, both applying
    const alternating = [0, 1, 2, 3].map((i) => ({ Effect: 'Deny', Action: i % 2 === 0 ? action : 'ecs:Start*', Resource: '*' }));
    expect(deciding({ identity: [policy('p', 'identity', alternating)] })).toEqual({ decision: 'ExplicitDeny', deciding: ['p#0', 'p#1', 'p#2', 'p#3'] });
  });

  it('leave out the resource-group level when the account level decided (E5), on the fast path', () => {
    // Given a Deny at the account level and one at the resource-group level, both applying
    const set = { identity: [policy('account', 'identity', [{ Effect: 'Deny', Action: action, Resource: '*' }])], resourceGroup: [{ ...policy('grouped', 'identity', [{ Effect: 'Deny', Action: action, Resource: '*' }]), resourceGroup: 'rg-1' }] };
    expect(deciding(set)).toEqual({ decision: 'ExplicitDeny', deciding: ['account#0'] });
  });

  it('leave out the resource-group level when the account level decided, after an unknown condition', () => {
    // Given at the account level a Deny that applies and an Allow on an unknown key; a Deny at the resource-group level
    const set = {
      identity: [policy('account', 'identity', [{ Effect: 'Deny', Action: action, Resource: '*' }, { Effect: 'Allow', Action: action, Resource: '*', Condition: unknown }])],
      resourceGroup: [{ ...policy('grouped', 'identity', [{ Effect: 'Deny', Action: action, Resource: '*' }]), resourceGroup: 'rg-1' }],
    };
    expect(deciding(set)).toEqual({ decision: 'ExplicitDeny', deciding: ['account#0'] });
  });

  it('name every applying entry in document order after an unknown condition', () => {
    // Given two applying Allows of different bodies and a third on an unknown key
    const set = { identity: [policy('p', 'identity', [{ Effect: 'Allow', Action: action, Resource: 'acs:ecs:cn-hangzhou:1:instance/i-7' }, { Effect: 'Allow', Action: action, Resource: '*' }, { Effect: 'Allow', Action: action, Resource: '*', Condition: unknown }])] };
    expect(deciding(set)).toEqual({ decision: 'Allow', deciding: ['p#0', 'p#1'] });
  });

  it('consult the resource-group level when the account level is left unknown', () => {
    // Given a control policy's Deny, an account-level Allow on an unknown key and a resource-group-level Deny
    const set = {
      control: [[policy('guard', 'control', [{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: action, Resource: '*' }])]],
      identity: [policy('account', 'identity', [{ Effect: 'Allow', Action: action, Resource: '*', Condition: unknown }])],
      resourceGroup: [{ ...policy('grouped', 'identity', [{ Effect: 'Deny', Action: action, Resource: '*' }]), resourceGroup: 'rg-1' }],
    };
    // Then the control Deny decides, and the resource-group Deny with it: no account-level statement
    // certainly applies, so the account level did not decide (statements one by one say the same)
    expect(deciding(set)).toEqual({ decision: 'ExplicitDeny', deciding: ['guard#1', 'grouped#0'] });
  });
});
