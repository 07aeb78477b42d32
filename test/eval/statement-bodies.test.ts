/**
 * One compilation shares what statements have in common (issue 15): a matcher per pattern,
 * compiled values per clause, and one match per statement body in each evaluation. Statements
 * with one body must still each be reported, and what lies outside the body — the resource group
 * of a resource-group-level policy (E3, E4) — must still be told apart.
 */
import { describe, expect, it } from 'vitest';
import { compilePolicySet, emptyPolicySet, evaluate, parsePolicy, type AuthorizationRequest, type PolicyDocument, type PolicySet } from '../../src/index.js';
import type { CompiledPolicySet } from '../../src/eval/compile.js';

function doc(statements: object[], kind: 'identity' | 'trust' = 'identity'): PolicyDocument {
  const { policy, diagnostics } = parsePolicy(JSON.stringify({ Version: '1', Statement: statements }), { kind });
  expect(diagnostics).toEqual([]);
  return policy!;
}

const guard = { Effect: 'Deny', Action: 'cams:*', Resource: '*', Condition: { NotIpAddress: { 'acs:SourceIp': '10.0.0.0/8' } } };
const update = { Effect: 'Allow', Action: 'cams:UpdateInstance', Resource: 'acs:cams:*:1:instance/*' };
const request = (extra: Partial<AuthorizationRequest> = {}): AuthorizationRequest => ({
  principal: { type: 'RamUser', arn: 'acs:ram::1:user/alice' },
  action: 'cams:UpdateInstance',
  resource: 'acs:cams:r:1:instance/i',
  context: { 'acs:SourceIp': '10.1.2.3' },
  ...extra,
});
const refs = (set: CompiledPolicySet, r: AuthorizationRequest) => evaluate(set, r, { trace: false }).decidingStatements.map((s) => `${s.layer}:${s.policy}#${s.statement}`);

describe('statements with one body', () => {
  it('are each a deciding statement and each traced, in every policy that holds them', () => {
    // Given three policies holding the same Allow (and the same guard Deny)
    const set = emptyPolicySet();
    for (const name of ['a', 'b', 'c']) set.identity.push({ name, document: doc([guard, update]) });
    const compiled = compilePolicySet(set);
    // Then the statements share their bodies, the first of each standing for the others
    expect(compiled.all.map((s) => s.same?.id)).toEqual([undefined, undefined, 0, 1, 0, 1]);
    // When alice updates from inside 10.0.0.0/8, Then all three Allows decide and all six are traced
    expect(refs(compiled, request())).toEqual(['identity:a#1', 'identity:b#1', 'identity:c#1']);
    const traced = evaluate(compiled, request());
    expect(traced.statements.map((s) => s.result)).toEqual(['no-match', 'match', 'no-match', 'match', 'no-match', 'match']);
    // And from outside, every guard denies
    const outside = evaluate(compiled, request({ context: { 'acs:SourceIp': '192.0.2.1' } }), { trace: false });
    expect([outside.decision, outside.decidingStatements.map((s) => s.policy)]).toEqual(['ExplicitDeny', ['a', 'b', 'c']]);
  });

  it('keep their own resource group: the same body at account and resource-group level (E3, E4)', () => {
    // Given the same Allow attached at account level and in resource group rg-a
    const set = emptyPolicySet();
    set.resourceGroup.push({ name: 'in-rg', resourceGroup: 'rg-a', document: doc([update]) });
    set.identity.push({ name: 'account', document: doc([{ ...update, Effect: 'Deny' }]) });
    set.resourceGroup.push({ name: 'in-rg-b', resourceGroup: 'rg-b', document: doc([update]) });
    const compiled = compilePolicySet(set);
    // (the Effect is not part of the body: it says what applying means, not whether a statement applies)
    expect(compiled.all.map((s) => s.same?.id)).toEqual([undefined, 0, 0]);
    // When the resource is in rg-b: the rg-a statement does not apply, the rg-b one (same body) does — behind the Deny
    const inB = evaluate(compiled, request({ resourceGroup: 'rg-b' }));
    expect(inB.statements.map((s) => [s.policy, s.result])).toEqual([
      ['account', 'match'],
      ['in-rg', 'no-match'],
      ['in-rg-b', 'match'],
    ]);
    expect(inB.decision).toBe('ExplicitDeny');
    // And with only the resource-group statements, rg-b allows by the second alone, an unknown group is Conditional
    const rgOnly = emptyPolicySet();
    rgOnly.resourceGroup = set.resourceGroup;
    const rgCompiled = compilePolicySet(rgOnly);
    expect(refs(rgCompiled, request({ resourceGroup: 'rg-b' }))).toEqual(['resource-group:in-rg-b#0']);
    expect(refs(rgCompiled, request({ resourceGroup: 'rg-a' }))).toEqual(['resource-group:in-rg#0']);
    expect(evaluate(rgCompiled, request(), { trace: false }).decision).toBe('Conditional');
  });

  it('are told apart by their principal, and survive a trust layer compiled apart and renumbered (as the audit does)', () => {
    // Given a caller's set, and two trust policies alike but for the principal, compiled on their own
    const base = emptyPolicySet();
    base.identity.push({ name: 'may-assume', document: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }]) });
    const compiledBase = compilePolicySet(base);
    const trusts: PolicySet = { ...emptyPolicySet(), resource: [{ name: 'trusts-bob', document: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: 'acs:ram::1:user/bob' } }], 'trust') }, { name: 'trusts-alice', document: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: 'acs:ram::1:user/alice' } }], 'trust') }] };
    const trust = compilePolicySet(trusts).resource;
    expect(trust.statements.map((s) => s.same)).toEqual([undefined, undefined]);
    // When the trust layer joins the caller's set, its ids numbered after the caller's
    trust.statements.forEach((s, j) => (s.id = compiledBase.statementCount + j));
    const joined: CompiledPolicySet = { ...compiledBase, resource: trust, all: [...compiledBase.all, ...trust.statements], statementCount: compiledBase.statementCount + trust.statements.length, plans: new Map() };
    const assume = request({ action: 'sts:AssumeRole', resource: 'acs:ram::1:role/r' });
    // Then alice is trusted by exactly the statement that names her
    expect(refs(joined, assume)).toEqual(['identity:may-assume#0', 'resource:trusts-alice#0']);
  });

  it('report a bad request value once, as separate statements did', () => {
    const set = emptyPolicySet();
    for (const name of ['a', 'b']) set.identity.push({ name, document: doc([{ ...update, Condition: { IpAddress: { 'acs:SourceIp': '10.0.0.0/8' } } }, { ...update, Condition: { StringEquals: { 'acs:SourceIp': 'x' } } }]) });
    const result = evaluate(compilePolicySet(set), request({ context: { 'acs:SourceIp': 'not-an-ip' } }), { trace: false });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['invalid-request-value']);
  });
});
