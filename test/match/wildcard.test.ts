/**
 * The RAM wildcard matcher (M1): `*` crosses `:` and `/` and matches the empty string, `?` is
 * exactly one character, everything else is literal. Where minimatch would answer differently,
 * the table says so — minimatch is for file globs, never for RAM patterns.
 */
import fc from 'fast-check';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { compileWildcard, wildcardMatch } from '../../src/entries/internals.js';

const TABLE: [pattern: string, input: string, ram: boolean][] = [
  ['*', '', true],
  ['*', 'acs:cams:ap-southeast-1:123:instance/i-1', true],
  ['acs:cams:*', 'acs:cams:ap-southeast-1:123:instance/i-1', true],
  ['acs:cams:*:*:instance/*', 'acs:cams:r:1:instance/a/b', true],
  ['acs:cams:*:instance/i-1', 'acs:cams:r:1:instance/i-1', true],
  ['a*b', 'ab', true],
  ['a*b', 'a/x:y/b', true],
  ['a?c', 'abc', true],
  ['a?c', 'ac', false],
  ['a?c', 'abbc', false],
  ['a?c', 'a/c', true],
  ['??', 'ab', true],
  ['??', 'a', false],
  ['*?', '', false],
  ['*a*a*a', 'aaa', true],
  ['*a*a*a', 'aa', false],
  ['*ab*ab', 'abab', true],
  ['*ab*ab', 'abxab', true],
  ['*ab*ab', 'aab', false],
  ['x*?y', 'xy', false],
  ['x*?y', 'x1y', true],
  ['instance/[ab]', 'instance/a', false],
  ['instance/[ab]', 'instance/[ab]', true],
  ['{a,b}', 'a', false],
  ['{a,b}', '{a,b}', true],
  ['!a', 'b', false],
  ['!a', '!a', true],
  ['a\\*', 'a\\xyz', true],
  ['.*', 'abc', false],
  ['.*', '.abc', true],
  ['Instance/*', 'instance/x', false],
  ['a*', 'a\nb', true],
  // `?` is one code point: a surrogate pair (an emoji) is one character, and `*` never splits one
  ['a?b', 'a😀b', true],
  ['instance/?', 'instance/😀', true],
  ['a??b', 'a😀b', false],
  ['??', '😀', false],
  ['?', '😀', true],
  ['*\ude00', '😀', false],
  ['\ud83d*', '😀', false],
  ['*\ud83d*', 'a😀b', false],
  ['?', '\ud83d', true],
  ['a?*?b', 'a😀😀b', true],
  ['*😀?', 'x😀😀', true],
  ['?'.repeat(33), '😀'.repeat(33), true],
  ['*' + '?'.repeat(33) + 'x*', '😀'.repeat(32) + 'x', false],
];

describe('RAM wildcard matcher', () => {
  for (const [pattern, input, expected] of TABLE) {
    it(`\`${pattern}\` ${expected ? 'matches' : 'does not match'} \`${JSON.stringify(input)}\``, () => {
      expect(wildcardMatch(pattern, input)).toBe(expected);
    });
  }

  it('disagrees with minimatch exactly where RAM rules differ', () => {
    // Given patterns where minimatch's `/`, `[`, `{`, `!` and dot rules differ from RAM's
    const disagreements: [pattern: string, input: string, ram: boolean][] = [
      ['acs:cams:*', 'acs:cams:r:1:instance/i-1', true], // `*` crosses `/` in RAM only
      ['instance/[ab]', 'instance/[ab]', true], // `[` is literal in RAM
      ['instance/[ab]', 'instance/a', false], // ... and a character class in minimatch
      ['{a,b}', '{a,b}', true], // `{` is literal in RAM
      ['{a,b}', 'a', false], // ... and a brace expansion in minimatch
      ['!a', 'b', false], // `!` is literal in RAM, a negation in minimatch
      ['a?c', 'a/c', true], // `?` matches `/` in RAM
    ];
    for (const [pattern, input, ram] of disagreements) {
      // Then the two answer differently, and ramguard gives RAM's answer
      expect(wildcardMatch(pattern, input)).toBe(ram);
      expect(minimatch(input, pattern)).toBe(!ram);
    }
  });

  it('agrees with a straightforward reference matcher on random patterns', () => {
    const alphabet = fc.constantFrom('a', 'b', '/', ':', '*', '?');
    const text = fc.constantFrom('a', 'b', '/', ':');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 8 }), fc.array(text, { maxLength: 10 }), (p, t) => {
        const pattern = p.join('');
        const input = t.join('');
        expect(compileWildcard(pattern).test(input)).toBe(referenceMatch(pattern, input));
      }),
      { numRuns: 20_000 },
    );
  });

  it('agrees with the reference over code points, surrogate pairs and lone surrogates included', () => {
    const alphabet = fc.constantFrom('a', 'b', '*', '?', '😀', '𝒳', '\ud83d', '\ude00');
    const text = fc.constantFrom('a', 'b', '😀', '𝒳', '\ud83d', '\ude00');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 8 }), fc.array(text, { maxLength: 10 }), (p, t) => {
        const pattern = p.join('');
        const input = t.join('');
        expect(compileWildcard(pattern).test(input)).toBe(referenceMatch(pattern, input));
      }),
      { numRuns: 20_000 },
    );
  });

  it('agrees with the reference on pieces longer than 32 characters (several state words)', () => {
    // Given `*`-free pieces of 33–120 characters, mostly `a`/`b`/`?`, so that many states stay live
    const piece = fc.array(fc.constantFrom('a', 'b', '?', '?', '😀'), { minLength: 33, maxLength: 120 }).map((a) => a.join(''));
    const pattern = fc.tuple(fc.boolean(), piece, fc.boolean(), fc.option(piece, { nil: undefined })).map(([lead, p, star, tail]) => `${lead ? '*' : ''}${p}${star ? '*' : ''}${tail ?? ''}`);
    const input = fc.array(fc.constantFrom('a', 'a', 'b', '😀'), { maxLength: 300 }).map((a) => a.join(''));
    fc.assert(
      fc.property(pattern, input, (p, t) => {
        expect(compileWildcard(p).test(t)).toBe(referenceMatch(p, t));
      }),
      { numRuns: 3_000 },
    );
  });

  it('decides `*` + `a?`×3000 + `b*` against 100,000 characters both ways (issue 12)', { timeout: 60_000 }, () => {
    // Given the pattern whose middle piece has 6,001 characters, half of them `?`
    const matcher = compileWildcard('*' + 'a?'.repeat(3000) + 'b*');
    // Then it answers both ways (its time is in `npm run bench`)
    expect(matcher.test('a'.repeat(100_000))).toBe(false);
    expect(matcher.test('a'.repeat(99_999) + 'b')).toBe(true);
    expect(matcher.test('a'.repeat(50_000) + 'b' + 'a'.repeat(50_000))).toBe(true);
    expect(matcher.test('a'.repeat(5_000) + 'b' + 'a'.repeat(95_000))).toBe(false);
  });

  it('decides the adversarial pattern in linear time (no backtracking)', () => {
    // 50 × `*a` then `b` against 100,000 `a`s: a backtracking matcher would never finish.
    const matcher = compileWildcard('*a'.repeat(50) + 'b');
    expect(matcher.test('a'.repeat(100_000))).toBe(false);
    expect(matcher.test('a'.repeat(100_000) + 'b')).toBe(true);
    const withQuestion = compileWildcard('*a?'.repeat(50) + 'b');
    expect(withQuestion.test('a'.repeat(100_000))).toBe(false);
  });
});

/** Dynamic programming over (pattern, input) code points: obviously right, quadratic. */
function referenceMatch(patternText: string, inputText: string): boolean {
  const pattern = Array.from(patternText);
  const input = Array.from(inputText);
  const dp: boolean[][] = Array.from({ length: pattern.length + 1 }, () => new Array<boolean>(input.length + 1).fill(false));
  dp[pattern.length]![input.length] = true;
  for (let i = pattern.length - 1; i >= 0; i--) {
    for (let j = input.length; j >= 0; j--) {
      const c = pattern[i];
      if (c === '*') dp[i]![j] = dp[i + 1]![j]! || (j < input.length && dp[i]![j + 1]!);
      else dp[i]![j] = j < input.length && (c === '?' || c === input[j]) && dp[i + 1]![j + 1]!;
    }
  }
  return dp[0]![0]!;
}
