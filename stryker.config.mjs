// @ts-check
/**
 * StrykerJS configuration of `npm run mutate`: mutation testing of the evaluator's core (issue 17).
 * See docs/testing.md for what it covers, the scores and the equivalent mutants left.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  mutate: [
    'src/match/**/*.ts',
    'src/conditions/**/*.ts',
    'src/eval/**/*.ts',
    'src/request/**/*.ts',
    'src/analysis/**/*.ts',
    // Type declarations and re-exports only: nothing to mutate.
    '!src/request/types.ts',
    '!src/analysis/index.ts',
  ],
  // Stryker's vitest runner, with its worker thread kept from one mutant to the next and every
  // module of the project evaluated afresh per mutant (test/mutation/warm-vitest-runner.mjs):
  // about twice as many mutants a minute, the same status for every mutant compared.
  testRunner: 'vitest-warm',
  // Only the in-process suites of the core (unit, conformance, reference, differential).
  vitest: { configFile: 'vitest.mutate.config.ts', related: false },
  // Each mutant runs only the tests that cover it.
  coverageAnalysis: 'perTest',
  // A static mutant (in a module-level value: a regex literal, a table) is covered by no test in
  // particular, so it runs the whole selection (0.5–3 min instrumented, each); the 266 of them
  // would take hours. Per file: `npx stryker run stryker.static.config.mjs --mutate <file>`.
  ignoreStatic: true,
  // Two cores, shared: one test-runner process per core.
  concurrency: 2,
  // Re-runs test only the mutants whose code or covering tests changed since the committed result.
  incremental: true,
  incrementalFile: 'test/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json', 'timing'],
  // `timing`: where the run's wall time went, mutant by mutant (test/mutation/timing-reporter.mjs).
  appendPlugins: ['./test/mutation/timing-reporter.mjs', './test/mutation/warm-vitest-runner.mjs'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  // A mutant's timeout is timeoutFactor × its covering tests' dry-run time + timeoutMS + the dry
  // run's overhead (6.5–18.7 s in the full runs measured): 16–29 s in round 8, whose slowest
  // survivor took 5.2 s. The warm runner ends a run 1 s before it and keeps its process
  // (test/mutation/warm-vitest-runner.mjs). At 15 s, with Stryker restarting the process after
  // each, the timeouts took 31% of a 44-minute run (round 7; round 8: 22 min, docs/testing.md).
  // Under heavy load a slow survivor can still pass for a timeout (round 4).
  timeoutMS: 3_000,
  timeoutFactor: 2,
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
