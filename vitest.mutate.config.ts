/**
 * The vitest configuration of `npm run mutate` (stryker.config.mjs): only the suites that test the
 * evaluator's core in-process — unit, conformance, reference and differential. The CLI end-to-end
 * suites (they run the built binary, which Stryker does not mutate), the browser, emulator and
 * hostile-input suites are left out: they are slow and cannot kill a mutant of src/.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/match/**/*.test.ts',
      'test/conditions/**/*.test.ts',
      'test/eval/**/*.test.ts',
      'test/request/**/*.test.ts',
      'test/analysis/**/*.test.ts',
      // The public entry's short paths into the evaluator (evaluatePlain, issue 15) are tested there.
      'test/api/**/*.test.ts',
      'test/explain/**/*.test.ts',
      'test/conformance/**/*.test.ts',
      'test/reference/**/*.test.ts',
      'test/differential/**/*.test.ts',
      'test/mutation/**/*.test.ts',
    ],
    exclude: ['test/**/*-cli.test.ts'],
    setupFiles: ['test/mutation/setup.ts'],
    // One module graph for every test file of a run: Stryker's runner starts a run per mutant in
    // one worker, and with isolation each covering test file imported the whole library again
    // (the selection once: 37 s isolated, 10 s not). Nothing leaks from one mutant to the next:
    // each run (each mutant) gets fresh modules and a fresh global object either way; within a
    // run, the test files share module-level caches of src/, built under the same mutant.
    isolate: false,
    env: {
      // The run counts of the differential and brute-force suites, at test/mutation/setup.ts's cap
      // (20 runs per property), so that their tallies (at least a tenth of the runs PASS, ...) are
      // checked against the runs made. npm test keeps the full counts.
      RAMGUARD_DIFF_RUNS: '20',
      RAMGUARD_ANALYSIS_RUNS: '20',
      RAMGUARD_TRUST_RUNS: '20',
    },
    testTimeout: 60_000,
  },
});
