/**
 * The V8 flags `ramguard lint` sets (but for one named file), each measured on 2,000 files (bench/lint-cli.ts; issue 15, "Memory"). A lint allocates briskly and keeps little
 * (one file at a time), and V8's defaults size the heap for a program that keeps what it makes:
 * - `--semi-space-growth-factor=1`: the young generation stays at its initial size (V8 grew it
 *   from 2 to 32 MiB, most of the peak: 104 → 78 MiB);
 * - `--heap-growing-percent=10`: after a full collection the old generation may grow by 10% of
 *   what is live before the next one, not by up to 4 times (V8's factor when collecting is cheap;
 *   SARIF of 2,000 files grew to 22 MiB of heap with 7 MiB live);
 * - `--no-opt`: no optimizing compiler (TurboFan). Its code and its compilations' working memory
 *   were 9–10 MiB of a lint's peak (2,000 files: text 66 → 57 MiB, SARIF 71 → 61), and a lint
 *   runs each rule briefly on small inputs: the baseline code was as fast on 2,000 files (CPU
 *   time 2.8–3.9 s with it and without it, five interleaved rounds);
 * - `--expose-gc`: the lint collects when its heap has grown by 2 MiB, or by a quarter of what is
 *   live when that is more (lint-pacer.ts), before V8 would (at 8 MiB or more of garbage): 2,000 files, text 57 → 51 MiB, JSON 58 → 51, SARIF
 *   61 → 53 with the round's other changes (kit/input.ts, kit/packed-parts.ts), 5–6% more CPU time.
 * Set before the lint's code is loaded (V8 grows the young generation at the first collections,
 * which loading it makes), by main.ts, for every lint but one of a single named file
 * (`ramguard lint FILE`: the start-up the issue measures), which needs none of them. The build
 * makes the lint's code cache without them: a lint of many files compiles its code from the source.
 *
 * They are set as every command's V8 flags are (kit/v8-flags.ts: Node's V8 binding, which loads
 * none of node:v8's stream modules). The heap in use is read from `process.memoryUsage()`.
 */
import { runInNewContext } from 'node:vm';
import type { HeapControl } from './kit/io.js';
import { setV8Flags } from './kit/v8-flags.js';

/**
 * The flags, in the order they are set. `--expose-gc` gives the contexts made after it a `gc`
 * function: the lint's CollectionPacer (lint-pacer.ts) collects through it.
 */
export const LINT_V8_FLAGS: readonly string[] = ['--semi-space-growth-factor=1', '--heap-growing-percent=10', '--no-opt', '--expose-gc'];

/** Whether a run with these arguments (after `ramguard`) is a lint that sets LINT_V8_FLAGS: all but `lint FILE`. */
export function wantsLintFlags(args: readonly string[], isFile: (path: string) => boolean): boolean {
  return args[0] === 'lint' && !(args.length === 2 && !args[1]!.startsWith('-') && isFile(args[1]!));
}

/** Sets LINT_V8_FLAGS (through `set`, a test's own, else kit/v8-flags.ts's default), and returns the heap's control for the lint (`Io.heap`). */
export function setLintFlags(set?: (flag: string) => void): HeapControl {
  setV8Flags(LINT_V8_FLAGS, set);
  // The context that holds `gc` is made when the lint first collects (not for `lint --list-rules`).
  let gc: (() => void) | undefined;
  return {
    collect: () => (gc ??= runInNewContext('gc') as () => void)(),
    used: () => process.memoryUsage().heapUsed,
  };
}
