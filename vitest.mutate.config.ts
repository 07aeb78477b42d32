/**
 * The vitest configuration of `npm run mutate` (stryker.config.mjs): only the suites that test the
 * evaluator's core in-process — unit, conformance, reference and differential. The CLI end-to-end
 * suites (they run the built binary, which Stryker does not mutate), the browser, emulator and
 * hostile-input suites are left out: they are slow and cannot kill a mutant of src/.
 */
import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The order of a mutant's test files: those that failed in the last run first (the mutant before
 * was most often in the same function, and what killed it likely kills this one), then the
 * quickest first, as the last run that ran each file timed it. A mutant's run stops at its first
 * failing test (Stryker's bail), so a killed mutant costs the files run before its killer; vitest's
 * own order runs the longest first (the API misuse suite, 10 s of a 27 s run of 27 mutants, before
 * the unit test that killed them). A survivor runs every covering test whatever the order, and
 * the order decides no status: it only decides which killer is found first.
 */
class QuickFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { cache, config } = this.ctx;
    const last = (spec: TestSpecification) => cache.getFileTestResults(`${spec.project.name}:${relative(config.root, spec.moduleId)}`);
    const keyed = files.map((spec) => {
      const result = last(spec);
      return { spec, failed: result?.failed === true ? 0 : 1, duration: result?.duration ?? Number.MAX_SAFE_INTEGER };
    });
    return keyed.sort((a, b) => a.failed - b.failed || a.duration - b.duration).map((k) => k.spec);
  }
}

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
    // The API's misuse suite calls every exported function with hostile arguments: it tests the
    // argument guards of src/api (not mutated), took 3.1 of the selection's 7.4 s of tests, and
    // covers nearly every mutant, so every survivor ran it (issue 17: a full run in 30 minutes).
    exclude: ['test/**/*-cli.test.ts', 'test/api/misuse.test.ts'],
    setupFiles: ['test/mutation/setup.ts'],
    // One module graph for every test file of a run: Stryker's runner starts a run per mutant in
    // one worker, and with isolation each covering test file imported the whole library again
    // (the selection once: 37 s isolated, 10 s not). Nothing leaks from one mutant to the next:
    // each run (each mutant) starts with every project module fresh and imports them with no
    // mutant on, as a new worker does (test/mutation/setup.ts, under the warm runner of
    // test/mutation/warm-vitest-runner.mjs); within a run, the test files share module-level caches
    // of src/, built under the same mutant.
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
    sequence: { sequencer: QuickFirstSequencer },
    // No reporter: Stryker reads each run's results from vitest's state, and the default reporter
    // printed every run's files to a stream nobody reads — 349 mutants in a median 101 s without
    // it, 108 s with it (round 6, 3 files, interleaved runs). Run vitest with `--reporter=default`
    // on this config to see its output.
    reporters: [{}],
  },
});
