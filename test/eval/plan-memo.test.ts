/**
 * Decision plans are memoised per compiled set, action and caller (root or not; issue 15): the
 * root user's plan and everyone else's must never be served to the other, and a set asked for
 * more actions than the memo keeps still decides each one (issue 17).
 */
import { describe, expect, it } from 'vitest';
import { compilePolicySet, emptyPolicySet, evaluate, parsePolicy, type AuthorizationRequest } from '../../src/index.js';

function compiled(statements: object[]) {
  const { policy } = parsePolicy(JSON.stringify({ Version: '1', Statement: statements }), { kind: 'identity' });
  const set = emptyPolicySet();
  set.identity.push({ name: 'p', document: policy! });
  return compilePolicySet(set);
}

const ROOT = { type: 'Root', arn: 'acs:ram::1:root' } as const;
const ALICE = { type: 'RamUser', arn: 'acs:ram::1:user/alice' } as const;
const request = (principal: AuthorizationRequest['principal'], action = 'cams:UpdateInstance'): AuthorizationRequest => ({ principal, action, resource: 'acs:cams:r:1:instance/i' });

describe('memoised plans', () => {
  it('keep the root user and other callers apart, in either order, asked again', () => {
    // Given a set that allows nothing for the action
    const set = compiled([{ Effect: 'Allow', Action: 'ecs:*', Resource: '*' }]);
    // Then the root is allowed and alice is not, whoever asks first and however often
    const answers = [ROOT, ALICE, ROOT, ALICE].map((p) => evaluate(set, request(p), { trace: false }).decision);
    expect(answers).toEqual(['Allow', 'ImplicitDeny', 'Allow', 'ImplicitDeny']);
    const other = compiled([{ Effect: 'Allow', Action: 'ecs:*', Resource: '*' }]);
    expect([ALICE, ROOT, ALICE, ROOT].map((p) => evaluate(other, request(p), { trace: false }).decision)).toEqual(['ImplicitDeny', 'Allow', 'ImplicitDeny', 'Allow']);
  });

  it('decide every action of a set asked for more than 1,000 distinct actions', () => {
    const set = compiled([{ Effect: 'Allow', Action: 'cams:Get*', Resource: '*' }]);
    const decisions = new Set<string>();
    for (let i = 0; i < 1_002; i++) decisions.add(`${i % 2}:${evaluate(set, request(ALICE, i % 2 ? `cams:Get${i}` : `cams:Put${i}`), { trace: false }).decision}`);
    expect([...decisions].sort()).toEqual(['0:ImplicitDeny', '1:Allow']);
    // and the root, past the bound too
    expect(evaluate(set, request(ROOT, 'cams:Put5000'), { trace: false }).decision).toBe('Allow');
  });
});
