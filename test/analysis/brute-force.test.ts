/**
 * The access analysis against brute force (issue #7): for random policy pairs, every request of
 * a finite universe is run through the evaluator. Given a pair, when brute force finds a request
 * the candidate allows and the base does not, the analysis must say FAIL; when the analysis says
 * FAIL, each witness must be confirmed by the evaluator (here, again, independently of the
 * analysis' own check); PASS must never meet a brute-force difference. Zero disagreements.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { checkAccessNotGranted, checkNoNewAccess, compileAlone, type AnalysisPolicy } from '../../src/analysis/access-check.js';
import type { Catalog } from '../../src/catalog/types.js';
import { evaluate, parsePolicy, prepareRequest, type PreparedRequest } from '../../src/index.js';
import { ALWAYS_PRESENT, policyPair, universeOf, type Universe } from './universe.js';

/** Pairs per run (the seed changes each run); RAMGUARD_ANALYSIS_RUNS=100000 for a long hunt. */
const NUM_RUNS = Number(process.env['RAMGUARD_ANALYSIS_RUNS'] ?? 10_000);

/** No catalog actions: witnesses are built from the patterns alone, as for unknown services. */
const NO_CATALOG: Catalog = { services: new Map(), actions: new Map(), conditionKeys: [], systemPolicies: new Map() };

const policy = (name: string, raw: unknown): AnalysisPolicy => {
  const parsed = parsePolicy(JSON.stringify(raw), { kind: 'identity' });
  if (!parsed.policy) throw new Error(`generated policy is invalid: ${JSON.stringify(parsed.diagnostics)}\n${JSON.stringify(raw)}`);
  return { name, document: parsed.policy };
};

const allowed = (decision: string) => decision === 'Allow';

const PRINCIPAL = { type: 'RamUser' as const, arn: 'acs:ram::1:user/u' };

/**
 * Calls `visit` with every request of the universe, prepared. A context is prepared once and
 * shared by every action and resource (preparing reads and checks IP addresses and dates);
 * the action's fields come from preparing it alone.
 */
function forEachRequest(u: Universe, visit: (request: PreparedRequest) => boolean): void {
  const actions = u.actions.map((action) => prepareRequest({ principal: PRINCIPAL, action, resource: '' }));
  for (const { context, absent } of u.contexts) {
    const base = prepareRequest({ principal: PRINCIPAL, action: '', resource: '', context, absent });
    for (const a of actions) {
      for (const resource of u.resources) {
        const request = { ...base.request, action: a.request.action, resource };
        if (visit({ ...base, request, action: a.action, service: a.service, planKey: a.planKey })) return;
      }
    }
  }
}

it(`no-new-access and access-not-granted agree with brute force on ${NUM_RUNS} random policy pairs, with several values per key or one`, () => {
  const cpu = process.cpuUsage();
  const tally = { pass: 0, failFoundByBoth: 0, failBeyondUniverse: 0, requests: 0, analysisMs: 0 };
  fc.assert(
    fc.property(policyPair, fc.boolean(), ({ base, candidate, keys }, singleValuedKeys) => {
      const b = policy('base', base);
      const c = policy('candidate', candidate);
      const t0 = performance.now();
      const answer = checkNoNewAccess(b, c, { catalog: NO_CATALOG, alwaysPresentKeys: ALWAYS_PRESENT, singleValuedKeys, maxWitnesses: 2 });
      tally.analysisMs += performance.now() - t0;
      expect(answer.diagnostics, 'no diagnostics for single-family keys').toEqual([]);
      const compiledBase = compileAlone(b);
      const compiledCandidate = compileAlone(c);
      // Given the analysis' witnesses, When the evaluator runs them, Then the candidate allows and the base does not.
      for (const w of answer.witnesses) {
        expect(allowed(evaluate(compiledCandidate, w.request, { trace: false }).decision)).toBe(true);
        expect(allowed(evaluate(compiledBase, w.request, { trace: false }).decision)).toBe(false);
        if (singleValuedKeys) for (const v of Object.values(w.request.context ?? {})) expect(Array.isArray(v)).toBe(false);
      }
      // Given every request of the universe, When brute force looks for new access, Then it finds some only when the analysis says FAIL.
      let difference: unknown;
      const universe = universeOf(base, candidate, keys);
      if (singleValuedKeys) universe.contexts = universe.contexts.filter((c) => Object.values(c.context).every((v) => v.length === 1));
      forEachRequest(universe, (p) => {
        tally.requests++;
        if (!allowed(evaluate(compiledCandidate, p, { trace: false }).decision) || allowed(evaluate(compiledBase, p, { trace: false }).decision)) return false;
        difference = p.request;
        return true;
      });
      if (difference !== undefined) expect(answer.verdict, `brute force found ${JSON.stringify(difference)}`).toBe('fail');
      else expect(answer.verdict).not.toBe('unknown');
      // access-not-granted on one action of the universe: FAIL exactly when brute force finds it allowed there.
      const scoped = universe.actions[universe.actions.length - 1]!;
      const notGranted = checkAccessNotGranted(c, { actions: [scoped], catalog: NO_CATALOG, alwaysPresentKeys: ALWAYS_PRESENT, singleValuedKeys, maxWitnesses: 1 });
      let granted: unknown;
      forEachRequest({ ...universe, actions: [scoped] }, (p) => {
        if (!allowed(evaluate(compiledCandidate, p, { trace: false }).decision)) return false;
        granted = p.request;
        return true;
      });
      if (granted !== undefined) expect(notGranted.verdict, `brute force found ${JSON.stringify(granted)}`).toBe('fail');
      for (const w of notGranted.witnesses) {
        expect(w.request.action.toLowerCase()).toBe(scoped.toLowerCase());
        expect(allowed(evaluate(compiledCandidate, w.request, { trace: false }).decision)).toBe(true);
      }
      if (answer.verdict === 'pass') tally.pass++;
      else if (difference !== undefined) tally.failFoundByBoth++;
      else tally.failBeyondUniverse++;
    }),
    { numRuns: NUM_RUNS },
  );
  console.log(`analysis vs brute force: ${JSON.stringify(tally)}, cpu ${(process.cpuUsage(cpu).user / 1000).toFixed(0)} ms`);
  // The generator must produce both answers often, or the comparison says little.
  expect(tally.pass).toBeGreaterThan(NUM_RUNS / 10);
  expect(tally.failFoundByBoth).toBeGreaterThan(NUM_RUNS / 10);
}, 240_000); // about 17 s of CPU; the wall time on a loaded machine can be several times that
