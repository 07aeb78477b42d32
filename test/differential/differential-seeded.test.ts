/**
 * The differential universes on a fixed sample (fast-check's `sample` with a seed), so that every
 * run checks the same 150 cases: under `npm run mutate` the properties are capped at 20
 * runs (test/mutation/setup.ts), too few to reach most of the evaluator's paths, while a sample is
 * not capped. Each case is checked against the naive reference (decision and deciding statements),
 * and a plan's first decision (statements one by one) against its later ones (entries, and the
 * resource index once 16 bodies have a Resource: src/eval/fast-plan.ts) in every field, with the
 * permission policies as they are and repeated (bodies shared) beside 20 filler Denies (issue 17).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicySet, evaluate, parsePolicy } from '../../src/index.js';
import type { AuthorizationRequest } from '../../src/request/types.js';
import type { NamedPolicy, PolicySet } from '../../src/policy/policy-set.js';
import type { PolicyKind } from '../../src/policy/types.js';
import { naiveEvaluate, NaiveTooManyUnknowns, type RawNamedPolicy, type RawPolicies } from '../reference/naive-evaluator.js';
import { differentialCase } from './arbitraries.js';
import { policySetOf } from './policy-set.js';

/** A few seconds of checks: a surviving mutant runs them all, instrumented. */
const CASES = fc.sample(differentialCase, { numRuns: 150, seed: 17_017 });

function parsed(policy: RawNamedPolicy, kind: PolicyKind): NamedPolicy {
  const { policy: document, diagnostics } = parsePolicy(JSON.stringify(policy.document), { kind });
  if (!document) throw new Error(`generated ${kind} policy ${policy.name} is invalid: ${JSON.stringify(diagnostics)}`);
  return { name: policy.name, document };
}

/** The permission policies of `raw` each repeated `copies` times under new names (`name~copy`). */
function repeated(raw: RawPolicies, copies: number): RawPolicies {
  const times = <P extends RawNamedPolicy>(list: P[]) => list.flatMap((p) => Array.from({ length: copies }, (_, c) => ({ ...p, name: `${p.name}~${c}` })));
  return { ...raw, control: raw.control?.map(times), identity: raw.identity && times(raw.identity) };
}

/** Twenty Deny statements for the request's action whose resources match nothing: enough bodies for the resource index. */
function withFiller(set: PolicySet, request: AuthorizationRequest): PolicySet {
  const Statement = Array.from({ length: 20 }, (_, i) => ({ Effect: 'Deny', Action: request.action.toLowerCase(), Resource: [`acs:ramguard-filler:*:*:never-${i}`, `acs:ramguard-filler:${i}:*`] }));
  return { ...set, identity: [...set.identity, parsed({ name: 'filler', document: { Version: '1', Statement } }, 'identity')] };
}

const refs = (deciding: { policy: string; statement: number }[]) => deciding.map((s) => `${s.policy}#${s.statement}`);

/** The first decision of a compiled set, then a later one, untraced and traced: all alike. */
function decisions(set: PolicySet, request: AuthorizationRequest) {
  const compiled = compilePolicySet(set);
  const first = evaluate(compiled, request, { trace: false });
  const later = evaluate(compiled, request, { trace: false });
  const traced = evaluate(compiled, request);
  expect(later).toEqual(first);
  expect({ ...traced, statements: [] }).toEqual({ ...first, statements: [] });
  return first;
}

describe('differential universes, a fixed sample of 150', () => {
  it('agree with the naive reference, and a plan decides alike the first time and later', () => {
    let compared = 0;
    for (const { policies, request } of CASES) {
      const real = decisions(policySetOf(policies, parsed), request);
      let naive;
      try {
        naive = naiveEvaluate(policies, request);
      } catch (e) {
        if (e instanceof NaiveTooManyUnknowns) continue;
        throw e;
      }
      compared++;
      const scenario = JSON.stringify({ request, policies });
      expect(real.decision, scenario).toBe(naive.decision);
      if (real.decision !== 'Conditional') expect(refs(real.decidingStatements).sort(), scenario).toEqual(naive.deciding);
    }
    expect(compared).toBeGreaterThan(120);
  });

  it('decide alike, on 40 of them, with every permission policy repeated beside 20 filler Denies (shared bodies, the resource index)', () => {
    for (const { policies, request } of CASES.slice(0, 40)) {
      const plain = decisions(withFiller(policySetOf(policies, parsed), request), request);
      const twice = decisions(withFiller(policySetOf(repeated(policies, 2), parsed), request), request);
      // Repeating a policy repeats its deciding statements and changes nothing else
      const scenario = JSON.stringify({ request, policies });
      expect(twice.decision, scenario).toBe(plain.decision);
      expect(new Set(refs(twice.decidingStatements).map((r) => r.replace(/~\d+#/, '#'))), scenario).toEqual(new Set(refs(plain.decidingStatements).map((r) => r.replace(/~\d+#/, '#'))));
    }
  });
});
