/**
 * The V8 flags `ramguard lint` sets before it loads its code (main.ts), each measured on 2,000
 * files (bench/lint-cli.ts; issue 15, "Memory"). A lint allocates briskly and keeps little (one
 * file at a time), and V8's defaults size the heap for a program that keeps what it makes:
 * - `--semi-space-growth-factor=1`: the young generation stays at its initial size (V8 grew it
 *   from 2 to 32 MiB, most of the peak: 104 → 78 MiB);
 * - `--heap-growing-percent=10`: after a full collection the old generation may grow by 10% of
 *   what is live before the next one, not by up to 4 times (V8's factor when collecting is cheap;
 *   SARIF of 2,000 files grew to 22 MiB of heap with 7 MiB live);
 * - `--no-opt`: no optimizing compiler (TurboFan). Its code and its compilations' working memory
 *   were about 7 MiB of a lint's peak, and a lint runs each rule briefly on small inputs: the
 *   baseline code was as fast on 2,000 files (CPU time within the rounds' spread).
 * The build makes the lint bundle's code cache under the same flags (scripts/bundles/code-cache.mjs
 * reads this list): V8 takes a cache only under the flags it was made with.
 */
export const LINT_V8_FLAGS: readonly string[] = ['--semi-space-growth-factor=1', '--heap-growing-percent=10', '--no-opt'];
