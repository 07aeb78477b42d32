/**
 * The V8 flags `ramguard audit` sets (issue 13, "Cost that explodes"): `--no-turbo-inlining` and
 * `--interrupt-budget=200000`.
 *
 * An audit runs a large body of code (the evaluator, the role graph, the escalation moves) once
 * over many principals, for a few seconds at most, and TurboFan's inlining made its optimized
 * compilations the largest single cost: compiling with inlining took about as much CPU time as the
 * audit's own work (`--trace-opt`: 377 compilations, single functions 70–145 ms each, on the
 * README's demo), on the core the garbage collector's helpers also use. Without inlining the
 * optimized code is compiled several times faster and runs about as fast for so short a run.
 * Measured in process, four interleaved rounds at load 9–10 (README's Performance section has the
 * CLI's figures):
 * - the README's demo (`whoCan` alone): 3.72 → 2.81 s median wall, 6.2 → 4.2 s CPU;
 * - the bench account (10,000 principals × 1,000 instances): 1.04–1.22 → 0.78–0.89 s, 1.8–2.2 →
 *   1.2–1.4 s CPU;
 * - the 1,000-role mesh: 0.80 → 0.66 s.
 * A smaller inlining budget (`--max-inlined-bytecode-size=100` or 27) gained a little less.
 * With it, a run's interrupt budget three times V8's (67,584 bytes of bytecode run before a
 * function is considered for optimizing: fewer functions are optimized in a run of seconds) took
 * the bench account from 0.95 to 0.80 s and the 1,000-role mesh from 0.68 to 0.63 s (CPU 1.49 →
 * 1.19 s, 0.96 → 0.82 s; six and five interleaved rounds at load 11) and left the demo as it was
 * (3.12 / 3.18 s); 400,000 was slower on the demo.
 *
 * Set by main.ts, the process's edge, for `ramguard audit …` only: the evaluator's long loops
 * (`eval` of many requests, the benches of issue 15) gain from inlining. The library's `whoCan`
 * runs with whatever V8 flags the process that calls it has.
 */
import { setV8Flags } from './kit/v8-flags.js';

/** The flags, in the order they are set. */
export const AUDIT_V8_FLAGS: readonly string[] = ['--no-turbo-inlining', '--interrupt-budget=200000'];

/** Whether a run with these arguments (after `ramguard`) is an audit, which sets AUDIT_V8_FLAGS. */
export function wantsAuditFlags(args: readonly string[]): boolean {
  return args[0] === 'audit';
}

/** Sets AUDIT_V8_FLAGS through `set`: by default as every command's V8 flags are set (kit/v8-flags.ts). */
export function setAuditFlags(set?: (flag: string) => void): void {
  setV8Flags(AUDIT_V8_FLAGS, set);
}
