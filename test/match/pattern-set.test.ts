/**
 * Many patterns at once (the values of a `StringLike` clause): the set must answer exactly what
 * testing each pattern with the wildcard matcher answers, for "any" and for "which ones".
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePatternSet } from '../../src/match/pattern-set.js';
import { wildcardMatch } from '../../src/match/wildcard.js';

/** Per pattern, whether it matches: what `mark` must report. */
const oneByOne = (patterns: string[], input: string) => patterns.map((p) => wildcardMatch(p, input));

describe('pattern set', () => {
  it('agrees with testing every pattern, on random sets (runs that overlap, repeat and nest)', () => {
    // Given small alphabets, so that literal runs are often substrings of one another
    const pattern = fc.array(fc.constantFrom('a', 'b', 'ab', '*', '?', '😀', ':'), { maxLength: 7 }).map((a) => a.join(''));
    const input = fc.array(fc.constantFrom('a', 'b', '😀', ':', '\ud83d'), { maxLength: 12 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(pattern, { maxLength: 20 }), fc.array(input, { minLength: 1, maxLength: 4 }), (patterns, inputs) => {
        const set = compilePatternSet(patterns);
        const hits = new Array<boolean>(patterns.length).fill(false);
        for (const i of inputs) {
          // Then `test` is "some pattern matches" and `mark` names exactly the matching ones
          expect(set.test(i)).toBe(patterns.some((p) => wildcardMatch(p, i)));
          set.mark(i, hits);
        }
        const expected = patterns.map((_, k) => inputs.some((i) => oneByOne(patterns, i)[k]));
        expect(hits).toEqual(expected);
      }),
      { numRuns: 5_000 },
    );
  });

  it('keeps exact values, duplicates and patterns without any literal character', () => {
    const patterns = ['prod', 'prod', '*', 'p?od', '??', 'x*'];
    const set = compilePatternSet(patterns);
    const hits = new Array<boolean>(patterns.length).fill(false);
    set.mark('prod', hits);
    expect(hits).toEqual([true, true, true, true, false, false]);
    expect(compilePatternSet(['??', 'x*']).test('ab')).toBe(true);
    expect(compilePatternSet(['??', 'x*']).test('abc')).toBe(false);
    expect(compilePatternSet([]).test('')).toBe(false);
  });

  it('answers 10,000 patterns × 10,000 inputs, finding the one that matches', { timeout: 120_000 }, () => {
    // Given 10,000 patterns of the shapes policies use, and 10,000 ARNs of which one matches
    const shapes = [(i: number) => `acs:ram::1:user/team-${i}/*`, (i: number) => `acs:ram::*:user/team-${i}/?lice`, (i: number) => `*:user/team-${i}/*`, (i: number) => `*team-${i}x?*`];
    const patterns = Array.from({ length: 10_000 }, (_, i) => shapes[i % 4]!(i));
    const inputs = Array.from({ length: 10_000 }, (_, i) => `acs:ram::1:user/other-${i}/alice`);
    const set = compilePatternSet(patterns);
    // Then none matches the others, and each shape finds its own input
    expect(inputs.some((i) => set.test(i))).toBe(false);
    expect(set.test('acs:ram::1:user/team-8/bob')).toBe(true);
    expect(set.test('acs:ram::2:user/team-9/alice')).toBe(true);
    expect(set.test('acs:ram::2:user/team-9/bob')).toBe(false);
    expect(set.test('x:user/team-10/')).toBe(true);
    expect(set.test('team-11xy')).toBe(true);
    const hits = new Array<boolean>(patterns.length).fill(false);
    for (const i of inputs) set.mark(i, hits);
    expect(hits.includes(true)).toBe(false);
  });

  it('walks each dictionary chain once per input (runs `a`, `aa`, … against `aaa…`)', { timeout: 60_000 }, () => {
    // Given runs that are all suffixes of one another, every input position reports all of them
    const patterns = Array.from({ length: 2_000 }, (_, i) => `*${'a'.repeat(i + 1)}b`);
    const set = compilePatternSet(patterns);
    // Then the answers are right (the time stays linear: chains already walked are not walked again)
    expect(set.test('a'.repeat(20_000))).toBe(false);
    expect(set.test('a'.repeat(20_000) + 'b')).toBe(true);
  });
});
