/**
 * Set-up for the mutation-testing run (vitest.mutate.config.ts): fast-check's seed is fixed, so a
 * mutant is killed or survives the same way on every run (a random seed would make the
 * incremental report flaky: a mutant killed by one run's lucky sample would survive the next),
 * and a failing property stops at its first counterexample: shrinking it would only spend the
 * mutant's time budget (a killed mutant turned into a timeout).
 */
import fc from 'fast-check';

fc.configureGlobal({ seed: 20_170_017, endOnFailure: true });
