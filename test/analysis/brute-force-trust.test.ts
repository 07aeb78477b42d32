/**
 * The trust-policy analysis (N11) against brute force: for random pairs of trust policies, every
 * caller of a finite list × every context of the identity universe is run through the evaluator
 * as `ramguard eval --trust-policy` does (compileAlone: the trust policy as the resource layer,
 * an allow-all identity policy beside it). A difference brute force finds must be a FAIL; every
 * witness must be confirmed by the evaluator here, independently of the analysis; PASS must never
 * meet a difference; UNKNOWN only comes with `analysis-unmodelled-principal` (N12).
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { checkAccessNotGranted, checkNoNewAccess, compileAlone, type AnalysisPolicy } from '../../src/analysis/access-check.js';
import { principalOfArn } from '../../src/analysis/principal-regions.js';
import type { Catalog } from '../../src/catalog/types.js';
import { evaluate, parsePolicy } from '../../src/index.js';
import { ALWAYS_PRESENT } from './universe.js';
import { callersOf, trustContextsOf, trustPolicyPair } from './trust-universe.js';

/** Pairs per run (the seed changes each run); RAMGUARD_TRUST_RUNS=50000 for a long hunt. */
const NUM_RUNS = Number(process.env['RAMGUARD_TRUST_RUNS'] ?? 2_000);
const NO_CATALOG: Catalog = { services: new Map(), actions: new Map(), conditionKeys: [], systemPolicies: new Map() };
const ROLE = 'acs:ram::999:role/target';

const policy = (name: string, raw: unknown): AnalysisPolicy => {
  const parsed = parsePolicy(JSON.stringify(raw), { kind: 'trust' });
  if (!parsed.policy) throw new Error(`generated trust policy is invalid: ${JSON.stringify(parsed.diagnostics)}\n${JSON.stringify(raw)}`);
  return { name, document: parsed.policy };
};
const hasUnmodelled = (raw: any) => raw.Statement.some((s: any) => s.Principal.Service);

it(`trust policies: no-new-access and access-not-granted agree with brute force on ${NUM_RUNS} random pairs`, () => {
  const tally = { pass: 0, failFoundByBoth: 0, failBeyondUniverse: 0, unknown: 0, requests: 0 };
  fc.assert(
    fc.property(trustPolicyPair, fc.boolean(), ({ base, candidate, keys }, singleValuedKeys) => {
      const b = policy('base', base);
      const c = policy('candidate', candidate);
      const answer = checkNoNewAccess(b, c, { catalog: NO_CATALOG, alwaysPresentKeys: ALWAYS_PRESENT, singleValuedKeys, maxWitnesses: 2 });
      const cb = compileAlone(b);
      const cc = compileAlone(c);
      const allows = (set: typeof cb, request: Parameters<typeof evaluate>[1]) => evaluate(set, request, { trace: false }).decision === 'Allow';
      // Given the witnesses, When the evaluator runs them (trust policy as the resource layer), Then the candidate trusts the caller and the base does not.
      for (const w of answer.witnesses) {
        expect(w.request.action.toLowerCase()).toBe('sts:assumerole');
        expect(w.request.principal).toEqual(principalOfArn(w.request.principal.arn!));
        // acs:PrincipalARN is the caller's ARN (N11): a witness never gives it a value of its own.
        expect(Object.keys(w.request.context ?? {}).map((k) => k.toLowerCase())).not.toContain('acs:principalarn');
        expect(allows(cc, w.request)).toBe(true);
        expect(allows(cb, w.request)).toBe(false);
      }
      expect(answer.diagnostics.filter((d) => d.code !== 'analysis-unmodelled-principal')).toEqual([]);
      if (answer.diagnostics.length > 0) expect(hasUnmodelled(candidate) || hasUnmodelled(base)).toBe(true);
      // Given every caller × context, When brute force looks for new trust, Then it finds some only when the analysis says FAIL.
      let contexts = trustContextsOf(keys);
      if (singleValuedKeys) contexts = contexts.filter((x) => Object.values(x.context).every((v) => v.length === 1));
      const callers = callersOf(base, candidate);
      let difference: unknown;
      let trusted: unknown;
      for (const arn of callers) {
        for (const { context, absent } of contexts) {
          tally.requests++;
          const request = { principal: principalOfArn(arn), action: 'sts:AssumeRole', resource: ROLE, context, absent };
          const byCandidate = allows(cc, request);
          if (byCandidate) trusted ??= request;
          if (byCandidate && !allows(cb, request)) difference ??= request;
        }
      }
      if (difference !== undefined) expect(answer.verdict, `brute force found ${JSON.stringify(difference)}`).toBe('fail');
      if (answer.verdict === 'unknown') expect(answer.diagnostics.map((d) => d.code)).toEqual(['analysis-unmodelled-principal']);
      // access-not-granted sts:AssumeRole: FAIL whenever brute force finds a caller trusted.
      const notGranted = checkAccessNotGranted(c, { actions: ['sts:AssumeRole'], catalog: NO_CATALOG, alwaysPresentKeys: ALWAYS_PRESENT, singleValuedKeys, maxWitnesses: 1 });
      if (trusted !== undefined) expect(notGranted.verdict, `brute force found ${JSON.stringify(trusted)}`).toBe('fail');
      if (notGranted.verdict === 'pass') expect(trusted).toBeUndefined();
      for (const w of notGranted.witnesses) expect(allows(cc, w.request)).toBe(true);
      if (answer.verdict === 'pass') tally.pass++;
      else if (answer.verdict === 'unknown') tally.unknown++;
      else if (difference !== undefined) tally.failFoundByBoth++;
      else tally.failBeyondUniverse++;
    }),
    { numRuns: NUM_RUNS },
  );
  console.log(`trust analysis vs brute force: ${JSON.stringify(tally)}`);
  expect(tally.pass).toBeGreaterThan(NUM_RUNS / 10);
  expect(tally.failFoundByBoth).toBeGreaterThan(NUM_RUNS / 10);
}, 120_000);
