/**
 * The wildcard matcher against the reference matcher on every short pattern and input of a small
 * alphabet — deterministic, so each of the matcher's shortcuts (`*` alone, no wildcard, a prefix
 * followed by `*`, plain pieces, pieces with `?`, the last piece found from the end, surrogate
 * pairs) is met on every run, not only when a random sample happens to reach it.
 */
import { describe, expect, it } from 'vitest';
import { compileWildcard, hasWildcard, wildcardMatch } from '../../src/match/wildcard.js';

/** The reference: RAM's rules over code points, by dynamic programming (no shortcut, no search). */
function reference(patternText: string, inputText: string): boolean {
  const pattern = Array.from(patternText);
  const input = Array.from(inputText);
  // after[j]: the rest of the pattern from the current position matches input from j
  let after = input.map(() => false).concat(true);
  for (let i = pattern.length - 1; i >= 0; i--) {
    const here = new Array<boolean>(input.length + 1).fill(false);
    for (let j = input.length; j >= 0; j--) {
      const c = pattern[i];
      here[j] = c === '*' ? after[j]! || (j < input.length && here[j + 1]!) : j < input.length && (c === '?' || c === input[j]) && after[j + 1]!;
    }
    after = here;
  }
  return after[0]!;
}

/** Every string of 0..maxLength items of `alphabet`. */
function strings(alphabet: string[], maxLength: number): string[] {
  let level = [''];
  const out = [''];
  for (let n = 1; n <= maxLength; n++) {
    level = level.flatMap((s) => alphabet.map((c) => s + c));
    out.push(...level);
  }
  return out;
}

/** The pairs where the matcher and the reference disagree (at most 5). */
function disagreements(patterns: string[], inputs: string[]): string[] {
  const out: string[] = [];
  for (const pattern of patterns) {
    const matcher = compileWildcard(pattern);
    for (const input of inputs) {
      if (matcher.test(input) !== reference(pattern, input)) out.push(`${JSON.stringify(pattern)} vs ${JSON.stringify(input)}: ${matcher.test(input)}`);
      if (out.length >= 5) return out;
    }
  }
  return out;
}

describe('wildcard matcher, every short pattern', () => {
  it('agrees with the reference on patterns of up to 4 of a b * ? and inputs of up to 4 of a b', () => {
    const patterns = strings(['a', 'b', '*', '?'], 4);
    const inputs = strings(['a', 'b'], 4);
    expect(patterns.length).toBe(341);
    expect(disagreements(patterns, inputs)).toEqual([]);
  });

  it('agrees with the reference over a surrogate pair and lone surrogates', () => {
    // 😀 is one code point of two code units; \ud83d alone and \ude00 alone are lone surrogates
    const patterns = strings(['a', '*', '?', '😀', '\ud83d', '\ude00'], 3);
    const inputs = strings(['a', '😀', '\ud83d', '\ude00'], 3);
    expect(disagreements(patterns, inputs)).toEqual([]);
  });

  it('agrees with the reference at the edges of the surrogate ranges and at U+FFFF', () => {
    // U+10000 and U+10FFFF are the first and last pairs (\ud800\udc00, \udbff\udfff); U+FFFF, U+D7FF
    // and U+E000 are single code units just outside them
    const characters = ['a', '\uffff', '\ud800\udc00', '\udbff\udfff', '\ud7ff', '\ue000'];
    const patterns = strings(['a', '*', '?', '\uffff', '\ud800\udc00'], 3);
    const inputs = strings(characters, 3);
    expect(disagreements(patterns, inputs)).toEqual([]);
    expect(compileWildcard('*??').test('a\ud800\udc00')).toBe(true);
    expect(compileWildcard('*??').test('a\udbff\udfff')).toBe(true);
    expect(compileWildcard('a?b').test('a\uffffb')).toBe(true);
  });

  it('agrees with the reference on middle pieces with ? over characters past ASCII and past the BMP', () => {
    // Middle pieces with `?` are searched bit-parallel (./shift-and.ts): ASCII characters by table,
    // others by map (U+0080 is the first), surrogate pairs read as one character
    const characters = ['a', '\u0001', '\u0080', 'é', '\ud800\udc00', '\udbff\udfff', '\uffff'];
    const pieces = strings(['?', ...characters], 3).filter((p) => p.includes('?'));
    const patterns = pieces.map((p) => `*${p}*`);
    const inputs = strings(characters, 3);
    expect(disagreements(patterns, inputs)).toEqual([]);
    expect(compileWildcard('*é?*').test('éé')).toBe(true);
    expect(compileWildcard('*?\u0080*').test('a\u0080')).toBe(true);
  });

  it('agrees with the reference on middle pieces with ? longer than 32 characters', () => {
    // Given pieces of 31–34 characters between stars, some of them `?`
    const piece = (n: number) => Array.from({ length: n }, (_, i) => (i % 7 === 3 ? '?' : 'ab'[i % 2])).join('');
    const patterns = [31, 32, 33, 34].flatMap((n) => [`*${piece(n)}*`, `a*${piece(n)}*b`, `*${piece(n)}*${piece(n)}*`, `${piece(n)}*`, `*${piece(n)}`]);
    const body = (n: number) => Array.from({ length: n }, (_, i) => 'ab'[i % 2]).join('');
    const inputs = [0, 1, 2, 3].flatMap((pad) => [31, 32, 33, 34, 66, 68].flatMap((n) => [body(n), 'a'.repeat(pad) + body(n) + 'b'.repeat(pad), `x${body(n)}x`, body(n).replace(/b/, 'c')]));
    expect(disagreements(patterns, inputs)).toEqual([]);
  });

  it('says which patterns hold a wildcard, and matches once without compiling', () => {
    expect(['*', '?', 'a*', 'a?b'].every(hasWildcard)).toBe(true);
    expect(['', 'abc', 'a:b/c'].some(hasWildcard)).toBe(false);
    expect(wildcardMatch('ecs:Describe*', 'ecs:DescribeInstances')).toBe(true);
    expect(wildcardMatch('ecs:Describe*', 'ecs:Describ')).toBe(false);
    expect(compileWildcard('a?c').pattern).toBe('a?c');
  });
});
