/**
 * A seeded stream of integers for the deterministic tests of issue 17 (mulberry32).
 *
 * Not the `seed * 1103515245 + 12345` LCG the first of them used: in doubles its product passes
 * 2^53 and drops its low bits, so `seed % n` took a handful of values in a fixed order (`% 8`:
 * three of eight) — the pattern-set test then drew inputs of `a` alone and never needed a
 * failure link. Math.imul keeps every step in 32-bit integers.
 */
export function seededRandom(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}
