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
 * They are set through Node's V8 binding, not node:v8 (round 5): node:v8 loads Node's stream
 * modules for its heap snapshots (20 modules, about 3 ms of a short run), which were 1.2 MiB of a
 * lint's peak once nothing else loaded them (kit/spooled-parts.ts: no node:zlib). The binding is
 * reached with `process.binding('v8')`, deprecated (DEP0111: a warning when called, silenced for
 * that one call through `process.noDeprecation`, documented as settable); where it is gone or
 * lacks the function (a later Node), node:v8 sets them as before (in the CLI bundle node:v8 is
 * loaded when first called: scripts/bundles/cli.mjs). The heap in use is read from
 * `process.memoryUsage()`.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { HeapControl } from './kit/io.js';

/**
 * The flags, in the order they are set. `--expose-gc` gives the contexts made after it a `gc`
 * function: the lint's CollectionPacer (lint-pacer.ts) collects through it.
 */
export const LINT_V8_FLAGS: readonly string[] = ['--semi-space-growth-factor=1', '--heap-growing-percent=10', '--no-opt', '--expose-gc'];

/** Whether a run with these arguments (after `ramguard`) is a lint that sets LINT_V8_FLAGS: all but `lint FILE`. */
export function wantsLintFlags(args: readonly string[], isFile: (path: string) => boolean): boolean {
  return args[0] === 'lint' && !(args.length === 2 && !args[1]!.startsWith('-') && isFile(args[1]!));
}

/** The `setFlagsFromString` of Node's V8 binding, when this Node has it; undefined when not. */
export function bindingSetFlags(): ((flags: string) => void) | undefined {
  const quiet = process.noDeprecation;
  try {
    process.noDeprecation = true;
    const binding = (process as unknown as { binding?: (name: string) => unknown }).binding?.('v8') as { setFlagsFromString?: unknown } | undefined;
    const set = binding?.setFlagsFromString;
    return typeof set === 'function' ? (flags) => void set.call(binding, flags) : undefined;
  } catch {
    return undefined;
  } finally {
    process.noDeprecation = quiet;
  }
}

/** Sets LINT_V8_FLAGS, and returns the heap's control for the lint (`Io.heap`). */
export function setLintFlags(set = bindingSetFlags() ?? setFlagsFromString): HeapControl {
  for (const flag of LINT_V8_FLAGS) set(flag);
  // The context that holds `gc` is made when the lint first collects (not for `lint --list-rules`).
  let gc: (() => void) | undefined;
  return {
    collect: () => (gc ??= runInNewContext('gc') as () => void)(),
    used: () => process.memoryUsage().heapUsed,
  };
}
