/**
 * A plan's first decision asks its statements one by one; later decisions ask its entries, each
 * body and resource group once, with a large plan's resource patterns matched in one pass
 * (src/eval/plan-codes.ts, fast-plan.ts; issue 15). The two must answer alike — decision, deciding
 * statements in order, diagnostics in order, residual, notes — on any set and request: the first
 * evaluation of a compiled set and the second are compared on the differential test's random cases,
 * as they are and padded so that bodies repeat and the resource index is used.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicySet, evaluate, parsePolicy } from '../../src/index.js';
import type { AuthorizationRequest } from '../../src/request/types.js';
import type { PolicyKind } from '../../src/policy/types.js';
import type { NamedPolicy, PolicySet } from '../../src/policy/policy-set.js';
import { differentialCase } from '../differential/arbitraries.js';
import type { RawNamedPolicy, RawPolicies } from '../reference/naive-evaluator.js';

function parsed(policy: RawNamedPolicy, kind: PolicyKind, name = policy.name): NamedPolicy {
  const { policy: document, diagnostics } = parsePolicy(JSON.stringify(policy.document), { kind });
  if (!document) throw new Error(`generated ${kind} policy ${policy.name} is invalid: ${JSON.stringify(diagnostics)}`);
  return { name, document };
}

/** The raw layers as a PolicySet; `copies` > 1 repeats every permission policy under new names. */
function policySet(raw: RawPolicies, copies = 1): PolicySet {
  const times = <T, P extends NamedPolicy = NamedPolicy>(list: T[], make: (item: T, copy: number) => P): P[] => list.flatMap((item) => Array.from({ length: copies }, (_, copy) => make(item, copy)));
  const identity = raw.identity ?? [];
  return {
    control: (raw.control ?? []).map((level) => times(level, (p, c) => parsed(p, 'control', `${p.name}~${c}`))),
    ...(raw.session ? { session: parsed(raw.session, 'session') } : {}),
    identity: times(identity.filter((p) => p.resourceGroup === undefined), (p, c) => parsed(p, 'identity', `${p.name}~${c}`)),
    resourceGroup: times(identity.filter((p) => p.resourceGroup !== undefined), (p, c) => ({ ...parsed(p, 'identity', `${p.name}~${c}`), resourceGroup: p.resourceGroup! })),
    resource: (raw.resource ?? []).map((p) => parsed(p, 'trust')),
  };
}

/** Twenty Deny statements for the request's action whose resources match nothing: a plan with enough bodies for the resource index. */
function withFiller(set: PolicySet, request: AuthorizationRequest): PolicySet {
  const Statement = Array.from({ length: 20 }, (_, i) => ({ Effect: 'Deny', Action: request.action.toLowerCase(), Resource: [`acs:ramguard-filler:*:*:never-${i}`, `acs:ramguard-filler:${i}:*`] }));
  return { ...set, identity: [...set.identity, parsed({ name: 'filler', document: { Version: '1', Statement } }, 'identity')] };
}

/** Evaluates twice (statements one by one, then entries) and expects the same result both times. */
function bothWays(set: PolicySet, request: AuthorizationRequest) {
  const compiled = compilePolicySet(set);
  const first = evaluate(compiled, request, { trace: false });
  const second = evaluate(compiled, request, { trace: false });
  expect(second).toEqual(first);
  // And a traced third decision (entries again) decides alike.
  const traced = evaluate(compiled, request, { trace: true });
  expect([traced.decision, traced.decidingStatements, traced.diagnostics]).toEqual([first.decision, first.decidingStatements, first.diagnostics]);
  return first;
}

describe('a plan decided by entries', () => {
  it('answers as its statements one by one, on random sets', () => {
    fc.assert(
      fc.property(differentialCase, ({ policies, request }) => {
        bothWays(policySet(policies), request);
      }),
      { numRuns: 1500 },
    );
  });

  it('answers alike when every policy is repeated (bodies shared) and the resource index is used', () => {
    fc.assert(
      fc.property(differentialCase, fc.integer({ min: 2, max: 3 }), ({ policies, request }, copies) => {
        const plain = bothWays(withFiller(policySet(policies), request), request);
        const padded = bothWays(withFiller(policySet(policies, copies), request), request);
        // Repeating a policy repeats its deciding statements and changes nothing else.
        expect(padded.decision).toBe(plain.decision);
        expect(new Set(padded.decidingStatements.map((s) => `${s.layer} ${s.policy.split('~')[0]} ${s.statement}`))).toEqual(new Set(plain.decidingStatements.map((s) => `${s.layer} ${s.policy.split('~')[0]} ${s.statement}`)));
      }),
      { numRuns: 600 },
    );
  });

  it('lists the deciding statements of several entries in document order', () => {
    // Given one policy whose Allows alternate between two bodies, both applying
    const { policy } = parsePolicy(
      JSON.stringify({
        Version: '1',
        Statement: [
          { Effect: 'Allow', Action: 'cams:UpdateInstance', Resource: '*' },
          { Effect: 'Allow', Action: 'cams:Update*', Resource: '*' },
          { Effect: 'Allow', Action: 'cams:UpdateInstance', Resource: '*' },
          { Effect: 'Allow', Action: 'cams:Update*', Resource: '*' },
        ],
      }),
      { kind: 'identity' },
    );
    const compiled = compilePolicySet({ control: [], identity: [{ name: 'p', document: policy! }], resourceGroup: [], resource: [] });
    const request: AuthorizationRequest = { principal: { type: 'RamUser', arn: 'acs:ram::1:user/a' }, action: 'cams:UpdateInstance', resource: 'r' };
    // When decided twice, Then both times the four statements decide, in document order
    for (let i = 0; i < 2; i++) expect(evaluate(compiled, request, { trace: false }).decidingStatements.map((s) => s.statement)).toEqual([0, 1, 2, 3]);
  });
});
