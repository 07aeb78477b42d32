/**
 * Set-up for the mutation-testing run (vitest.mutate.config.ts).
 *
 * fast-check's seed is fixed and its runs capped (MAX_RUNS), so a mutant is killed or survives
 * the same way on every run (a random seed would make the incremental report flaky), and a
 * failing property stops at its first counterexample: shrinking would only spend the mutant's
 * time budget (a killed mutant turned into a timeout).
 *
 * Skipped: the scale tests (100,000-character inputs, 10,000 × 10,000 clauses), which check time
 * bounds, not answers (instrumented, one outlasts its 60-second timeout), and the differential
 * test's check of its own generator's mix (2,000 samples of the arbitrary, not of the evaluator).
 * Also skipped: string-regions' automaton of 65,536 states (5 s plain, past 30 s instrumented, and
 * every mutant of the product search reaches it); it kills only the two mutants of that limit check.
 * The answers checked at scale are checked on small inputs past the same thresholds by the
 * property tests of test/conditions/value-sets.test.ts (0–24 values: both sides of SMALL_CLAUSE)
 * and test/match/wildcard.test.ts (pieces past 32 characters).
 */
import fc from 'fast-check';
import { beforeEach, inject, vi } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The number of the Stryker run (one per mutant) under test/mutation/warm-vitest-runner.mjs. */
    ramguardRun?: number;
    /** Provided by Stryker's vitest runner: its global's name, the run's mode and how its mutant is switched on. */
    globalNamespace?: string;
    mode?: 'dry-run' | 'mutant';
    mutantActivation?: 'static' | 'runtime';
  }
}

/**
 * The warm runner keeps its worker thread from one mutant's run to the next: the first set-up of
 * a new run drops every module evaluated in an earlier one, so src/ (its module-level caches
 * included) is evaluated afresh under this run's mutant, as in a new worker. The test files of one
 * run still share their modules (`isolate: false`). Under vitest alone (no number), nothing is dropped.
 */
const RUN_SEEN = Symbol.for('ramguard.mutation.run');
const run = inject('ramguardRun');
const seen = globalThis as { [RUN_SEEN]?: number };
if (run !== undefined && seen[RUN_SEEN] !== run) {
  seen[RUN_SEEN] = run;
  vi.resetModules();
}

/**
 * A mutant switched on at run time (every mutant of the run but the static ones) is set in
 * Stryker's global by a `beforeAll` of its set-up file, so a new worker imports the project with
 * no mutant on — module-level values are computed by the program as written, which is why
 * Stryker calls these mutants not static. A kept worker's global still held the last run's
 * mutant: a test file's imports computed module-level values under the previous mutant (lint's
 * `RANGES`, read with `readIpRange`, broken by a mutant of `ip.ts`), and the next mutant was
 * killed by it (round 7: two listed equivalents of `ip.ts` killed this way, others flipping from
 * run to run). Each test file's imports now run with none on, as in a new worker; Stryker's
 * `beforeAll` then switches this run's mutant on for the tests.
 */
const stryker = (globalThis as Record<string, { activeMutant?: string } | undefined>)[inject('globalNamespace') ?? '__stryker__'];
if (stryker !== undefined && inject('mode') === 'mutant' && inject('mutantActivation') !== 'static') stryker.activeMutant = undefined;

fc.configureGlobal({ seed: 20_170_017, endOnFailure: true });

/**
 * At most this many runs per property. A mutant that survives runs every test that covers it, on
 * instrumented code: at their own sizes (up to 20,000 runs) the properties made one mutant cost
 * minutes and the whole run days. Killing is the explicit tests' job; a property's first runs
 * still catch what breaks everywhere.
 */
const MAX_RUNS = 20;

vi.mock('fast-check', async (importOriginal) => {
  const original = await importOriginal<typeof import('fast-check')>();
  const real = original.default;
  const capped = { ...real, assert: ((property: never, params?: { numRuns?: number }) => real.assert(property, { ...params, numRuns: Math.min(params?.numRuns ?? 100, MAX_RUNS) })) as typeof real.assert };
  return { ...original, default: capped, assert: capped.assert };
});

/** Full names (suite names and test name) of the scale tests. */
const SCALE_TEST = /generates a useful mix of decisions|one automaton of 65,536 states|100,000 characters|in linear time|10,000 patterns × 10,000 inputs|dictionary chain once per input|10,000 policy values × 10,000 request values|each of 10,000 request values/;

beforeEach((context) => {
  const names: string[] = [];
  for (let task: { name: string; suite?: unknown } | undefined = context.task; task; task = task.suite as typeof task) names.push(task.name);
  if (SCALE_TEST.test(names.join(' > '))) context.skip();
});
