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
      'test/explain/**/*.test.ts',
      'test/conformance/**/*.test.ts',
      'test/reference/**/*.test.ts',
      'test/differential/**/*.test.ts',
      'test/mutation/**/*.test.ts',
    ],
    exclude: ['test/**/*-cli.test.ts'],
    setupFiles: ['test/mutation/setup.ts'],
    env: {
      // Property runs sized for a mutant-by-mutant run (npm test keeps the full counts): a mutant
      // that survives runs every test that covers it, and at full size these three cost ~30 s of
      // a loaded 2-core machine per mutant. The edges they used to find are pinned by unit tests.
      RAMGUARD_DIFF_RUNS: '500',
      RAMGUARD_ANALYSIS_RUNS: '300',
      RAMGUARD_TRUST_RUNS: '200',
    },
    testTimeout: 60_000,
  },
});
