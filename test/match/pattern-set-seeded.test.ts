/**
 * The pattern set (src/match/pattern-set.ts) against the patterns tested one by one, on a fixed,
 * seeded stream of sets — deterministic, so every run meets runs that overlap, nest and repeat,
 * exact values, patterns without a literal character and duplicates — and on a set too large
 * for the dense table, which scans through the edge map instead.
 */
import { describe, expect, it } from 'vitest';
import { compilePatternSet } from '../../src/match/pattern-set.js';
import { wildcardMatch } from '../../src/match/wildcard.js';
import { seededRandom } from '../mutation/seeded-random.js';

/** The first disagreement of the set with the patterns one by one on `inputs`, or undefined. */
function disagreement(patterns: string[], inputs: string[]): string | undefined {
  const set = compilePatternSet(patterns);
  const hits = new Array<boolean>(patterns.length).fill(false);
  for (const input of inputs) {
    const one = patterns.map((p) => wildcardMatch(p, input));
    if (set.test(input) !== one.includes(true)) return `test ${JSON.stringify(patterns)} on ${JSON.stringify(input)}`;
    const alone = new Array<boolean>(patterns.length).fill(false);
    set.mark(input, alone);
    if (JSON.stringify(alone) !== JSON.stringify(one)) return `mark ${JSON.stringify(patterns)} on ${JSON.stringify(input)}: ${JSON.stringify(alone)}`;
    set.mark(input, hits);
  }
  const expected = patterns.map((p) => inputs.some((i) => wildcardMatch(p, i)));
  return JSON.stringify(hits) === JSON.stringify(expected) ? undefined : `mark over all inputs ${JSON.stringify(patterns)}`;
}

describe('pattern set, seeded', () => {
  it('agrees with the patterns one by one on 1,500 seeded sets of 0–20 patterns', () => {
    // Given pieces that are often substrings of one another
    const rand = seededRandom(17);
    const join = (items: string[], max: number) => Array.from({ length: rand(max + 1) }, () => items[rand(items.length)]).join('');
    const failures: string[] = [];
    let matched = 0;
    for (let round = 0; round < 1_500 && failures.length < 3; round++) {
      const patterns = Array.from({ length: rand(21) }, () => join(['a', 'b', 'ab', 'ba', 'aab', '*', '*', '?', '😀', ':', 'é'], 6));
      const inputs = Array.from({ length: 1 + rand(4) }, () => join(['a', 'b', 'a', 'ab', '😀', ':', 'é', '\ud83d'], 10));
      const found = disagreement(patterns, inputs);
      if (found) failures.push(found);
      if (inputs.some((i) => patterns.some((p) => wildcardMatch(p, i)))) matched++;
    }
    expect(failures).toEqual([]);
    expect(matched).toBeGreaterThan(500);
  });

  it('finds runs of characters either side of the ASCII table (U+007F, U+0080, U+00FF)', () => {
    // Given runs whose characters the dense table classes by an ASCII array or by a map
    const patterns = ['*\u007f\u0080*', '*\u0080?', '?\u00ff\u0080*', '*a\u0080b*', '*a\u0080*', '*\u0080\u0080*'];
    const inputs = ['\u007f\u0080', 'x\u0080y', 'z\u00ff\u0080', 'a\u0080b', '\u0080', '\u007f', 'a\u0081b'];
    // (after `a`, U+0080 leads on in `a\u0080` and back to `\u0080\u0080` by its failure link)
    expect(disagreement(patterns, ['a\u0080\u0080'])).toBeUndefined();
    // Then the set answers as the patterns one by one, and finds each run
    expect(disagreement(patterns, inputs)).toBeUndefined();
    const set = compilePatternSet(patterns);
    expect(inputs.map((i) => set.test(i))).toEqual([true, true, true, true, false, false, false]);
  });

  it('agrees with the patterns one by one when the automaton is too large for its dense table', () => {
    // Given 1,200 patterns whose runs use 1,200 distinct characters (about 2,400 nodes × 1,200 classes)
    const char = (i: number) => String.fromCharCode(0x4e00 + i);
    const patterns = Array.from({ length: 1_200 }, (_, i) => (i % 3 === 0 ? `*${char(i)}${char(i + 1)}*` : i % 3 === 1 ? `x${char(i)}?${char(i)}*` : `*${char(i)}${char(i)}`));
    const inputs = ['', 'x', `${char(0)}${char(1)}`, `yy${char(3)}${char(4)}zz`, `x${char(4)}q${char(4)}tail`, `head${char(5)}${char(5)}`, `${char(8)}${char(8)}${char(9)}`, `x${char(7)}${char(7)}${char(7)}`, char(1_199) + char(1_200), `${char(0)}${char(3)}${char(4)}`, `${char(5)}${char(6)}${char(6)}`];
    expect(disagreement(patterns, inputs)).toBeUndefined();
    // And the answers are the expected ones
    const set = compilePatternSet(patterns);
    expect(set.test(`yy${char(3)}${char(4)}zz`)).toBe(true);
    expect(set.test(`head${char(5)}${char(5)}`)).toBe(true);
    expect(set.test(`head${char(5)}${char(5)}!`)).toBe(false);
    expect(set.test(`x${char(4)}q${char(4)}`)).toBe(true);
    expect(set.test(`y${char(4)}q${char(4)}`)).toBe(false);
    // And a run is found after a character that leaves another run's path (a failure transition)
    expect(set.test(`${char(0)}${char(3)}${char(4)}`)).toBe(true);
  });
});
