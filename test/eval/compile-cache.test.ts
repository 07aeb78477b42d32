/**
 * A CompileCache lets many `compilePolicySet` calls share each statement's compiled parts (the
 * audit compiles a set per principal and per what-if account from the same documents). A set
 * compiled with a cache long in use must decide and trace exactly as one compiled alone: checked
 * on the differential test's random universes, whose documents repeat (one parse per text), so
 * the cache is hit across sets of different layers, names and orders.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompileCache, compilePolicySet } from '../../src/eval/compile.js';
import { evaluate, parsePolicy } from '../../src/index.js';
import type { PolicyDocument, PolicyKind } from '../../src/policy/types.js';
import type { NamedPolicy, PolicySet } from '../../src/policy/policy-set.js';
import type { RawNamedPolicy, RawPolicies } from '../reference/naive-evaluator.js';
import { differentialCase } from '../differential/arbitraries.js';
import { policySetOf } from '../differential/policy-set.js';

const documents = new Map<string, PolicyDocument>();

function parsed(policy: RawNamedPolicy, kind: PolicyKind): NamedPolicy {
  const key = `${kind} ${JSON.stringify(policy.document)}`;
  let document = documents.get(key);
  if (!document) {
    document = parsePolicy(JSON.stringify(policy.document), { kind }).policy!;
    documents.set(key, document);
  }
  return { name: policy.name, document };
}

const policySet = (raw: RawPolicies): PolicySet => policySetOf(raw, parsed);

describe('compilePolicySet with a CompileCache', () => {
  it('decides and traces as a set compiled alone, over random universes sharing documents', () => {
    const cache = new CompileCache();
    let shared = 0;
    fc.assert(
      fc.property(differentialCase, ({ policies, request }) => {
        const set = policySet(policies);
        const alone = compilePolicySet(set);
        const cached = compilePolicySet(set, cache);
        // The statements are the set's own; their compiled parts come from the cache once seen.
        const again = compilePolicySet(set, cache);
        cached.all.forEach((s, i) => {
          expect(again.all[i]).not.toBe(s);
          expect(again.all[i]!.actions).toBe(s.actions);
          expect(again.all[i]!.clauses).toBe(s.clauses);
          // The same statements of the set share a body, whichever way they were found.
          expect(s.same?.id).toBe(alone.all[i]!.same?.id);
          expect(again.all[i]!.same?.id).toBe(alone.all[i]!.same?.id);
          shared++;
        });
        for (const trace of [false, true]) {
          expect(JSON.stringify(evaluate(cached, request, { trace }))).toBe(JSON.stringify(evaluate(alone, request, { trace })));
        }
      }),
      { numRuns: Number(process.env['RAMGUARD_DIFF_RUNS'] ?? 2_000) },
    );
    expect(shared).toBeGreaterThan(0);
  });
});
