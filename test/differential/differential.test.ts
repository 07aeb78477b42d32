/**
 * Differential test: the real evaluator (parse → compile → evaluate) against the naive reference
 * evaluator (test/reference), on random small universes. Both read docs/semantics.md; they share
 * no code, so an agreement over thousands of cases is evidence and a disagreement is a bug in one
 * of them (or an ambiguity in semantics.md). A failure prints the shrunk case as a scenario
 * (`request` + `policies`, the scenario-file shape) beside both answers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicySet, evaluate, parsePolicy } from '../../src/index.js';
import type { EvaluationResult } from '../../src/decision/types.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { PolicyDocument, PolicyKind } from '../../src/policy/types.js';
import type { NamedPolicy, PolicySet } from '../../src/policy/policy-set.js';
import { naiveEvaluate, NaiveTooManyUnknowns, type NaiveResult, type RawNamedPolicy, type RawPolicies } from '../reference/naive-evaluator.js';
import { differentialCase, type DifferentialCase } from './arbitraries.js';
import { policySetOf } from './policy-set.js';

/** Runs per `npm test` (the seed changes each run); RAMGUARD_DIFF_RUNS=200000 for a long hunt. */
const NUM_RUNS = Number(process.env['RAMGUARD_DIFF_RUNS'] ?? 10_000);

/** Parsed documents by kind and text: parsing dominates the run time and documents repeat a lot. */
const parseCache = new Map<string, PolicyDocument>();

/** Parses one raw document as the given kind; an error diagnostic means the generator is wrong. */
function parsed(policy: RawNamedPolicy, kind: PolicyKind): NamedPolicy {
  const text = JSON.stringify(policy.document);
  const cached = parseCache.get(`${kind} ${text}`);
  if (cached) return { name: policy.name, document: cached };
  const { policy: document, diagnostics } = parsePolicy(text, { kind, file: policy.name });
  const errors = diagnostics.filter((d: Diagnostic) => d.severity === 'error');
  if (!document || errors.length > 0) {
    throw new Error(`generated ${kind} policy ${policy.name} is invalid: ${JSON.stringify(errors)}\n${text}`);
  }
  if (parseCache.size > 20_000) parseCache.clear();
  parseCache.set(`${kind} ${text}`, document);
  return { name: policy.name, document };
}

/** The real evaluator's PolicySet for the raw layers. */
const policySet = (raw: RawPolicies): PolicySet => policySetOf(raw, parsed);

const refs = (result: EvaluationResult) => result.decidingStatements.map((s) => `${s.policy}#${s.statement}`).sort();

/** What differs between the two answers, or undefined when they agree. */
function disagreement(naive: NaiveResult, real: EvaluationResult, traced: EvaluationResult): string | undefined {
  if (real.decision !== traced.decision) return 'trace:true and trace:false decide differently';
  if (JSON.stringify(refs(real)) !== JSON.stringify(refs(traced))) return 'trace:true and trace:false name different deciding statements';
  if (real.diagnostics.some((d) => d.severity === 'error')) return 'the real evaluator reported request errors on a valid request';
  if (naive.decision !== real.decision) return 'decisions differ';
  // E12: deciding statements are only defined for a non-Conditional answer.
  if (real.decision !== 'Conditional' && JSON.stringify(naive.deciding) !== JSON.stringify(refs(real))) return 'deciding statements differ';
  return undefined;
}

/** Checks one case; skips it (fc.pre) when brute force would be too large. */
function check({ policies, request }: DifferentialCase): void {
  let naive: NaiveResult;
  try {
    naive = naiveEvaluate(policies, request);
  } catch (e) {
    if (e instanceof NaiveTooManyUnknowns) return fc.pre(false);
    throw e;
  }
  const compiled = compilePolicySet(policySet(policies));
  const real = evaluate(compiled, request, { trace: false });
  const traced = evaluate(compiled, request, { trace: true });
  const problem = disagreement(naive, real, traced);
  if (problem === undefined) return;
  const answers = {
    naive,
    real: { decision: real.decision, deciding: refs(real), deniedBy: real.deniedBy, unknownKeys: real.unknownKeys, diagnostics: real.diagnostics },
    traced: { decision: traced.decision, deciding: refs(traced) },
  };
  throw new Error(`${problem}\n${JSON.stringify({ scenario: { request, policies }, answers }, null, 2)}`);
}

describe('differential: real evaluator vs naive reference', () => {
  it(`agrees on ${NUM_RUNS} random universes`, { timeout: Math.max(120_000, NUM_RUNS * 10) }, () => {
    fc.assert(fc.property(differentialCase, check), { numRuns: NUM_RUNS });
  });

  it('generates a useful mix of decisions (so agreement means something)', () => {
    const seen = new Map<string, number>();
    for (const c of fc.sample(differentialCase, { numRuns: 2_000, seed: 42 })) {
      try {
        const d = naiveEvaluate(c.policies, c.request).decision;
        seen.set(d, (seen.get(d) ?? 0) + 1);
      } catch (e) {
        if (!(e instanceof NaiveTooManyUnknowns)) throw e;
      }
    }
    for (const decision of ['Allow', 'ExplicitDeny', 'ImplicitDeny', 'Conditional']) {
      expect(seen.get(decision) ?? 0, `${decision} in ${JSON.stringify([...seen])}`).toBeGreaterThan(100);
    }
  });
});
