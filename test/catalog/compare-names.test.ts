/**
 * Did-you-mean's order of names at the same distance (src/catalog/suggest.ts `compareNames`):
 * printable ASCII as `localeCompare` orders it in English, without ICU's collator; other text by
 * `localeCompare` itself.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closest, compareNames } from '../../src/catalog/suggest.js';

const sign = (n: number) => Math.sign(n);
const english = (a: string, b: string) => sign(a.localeCompare(b, 'en'));
const PRINTABLE = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));

describe('compareNames', () => {
  it('orders every pair of printable ASCII characters, and of two-character names, as English localeCompare does', () => {
    for (const a of PRINTABLE) for (const b of PRINTABLE) expect([a, b, sign(compareNames(a, b))]).toEqual([a, b, english(a, b)]);
    for (const [a, b] of <[string, string][]>[['aB', 'Ab'], ['ab', 'AB'], ['a-b', 'ab'], ['a', 'A'], ['ecs:Describe', 'ecs:describe'], ['A1', 'a1'], ['', 'a'], ['ram:Get', 'ram:GetUser']]) expect([a, b, sign(compareNames(a, b))]).toEqual([a, b, english(a, b)]);
  });

  it('orders any printable ASCII names as English localeCompare does (mostly letters, a few marks and digits)', () => {
    const name = fc.string({ unit: fc.constantFrom(...'aAbBzZ:-_/.09*'.split(''), ...PRINTABLE), maxLength: 12 });
    fc.assert(
      fc.property(name, name, (a, b) => sign(compareNames(a, b)) === english(a, b)),
      { numRuns: 5_000 },
    );
  });

  it('leaves other text to localeCompare', () => {
    for (const [a, b] of <[string, string][]>[['é', 'f'], ['ä', 'a'], ['a\u0001', 'a'], ['名', 'a']]) expect(sign(compareNames(a, b))).toBe(sign(a.localeCompare(b)));
  });

  it('orders suggestions at the same distance by it', () => {
    const tied = ['ecs:describeInstanceZ', 'ecs:DescribeInstancez', 'ecs:DescribeInstanceS'];
    expect(closest('ecs:describeinstance', tied)).toEqual([...tied].sort((a, b) => a.localeCompare(b, 'en')));
    expect(closest('ecs:describeinstance', tied)).toEqual(['ecs:DescribeInstanceS', 'ecs:describeInstanceZ', 'ecs:DescribeInstancez']);
  });
});
