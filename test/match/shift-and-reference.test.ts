/**
 * The bit-parallel piece search (src/match/shift-and.ts) called directly, against a naive search
 * over code points: pieces of one word (up to 32 characters, ASCII by table, others by map) and
 * of several (33–70 characters), over characters either side of every boundary the code tests —
 * U+0001, U+007F/U+0080, the ends of both surrogate ranges, U+FFFF, U+10000, U+10FFFF — and lone
 * surrogates, from and up to positions inside the input. Seeded, so every run meets the same cases.
 */
import { describe, expect, it } from 'vitest';
import { compileShiftAnd, type PieceCodes } from '../../src/match/shift-and.js';
import { seededRandom } from '../mutation/seeded-random.js';

/** Code points as the search reads them: a high surrogate followed by a low one is one character. */
function codePoints(input: string, from: number, limit: number): { code: number; end: number }[] {
  const out: { code: number; end: number }[] = [];
  for (let i = from; i < limit; ) {
    const c = input.charCodeAt(i);
    const d = input.charCodeAt(i + 1);
    const pair = c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff;
    out.push({ code: pair ? input.codePointAt(i)! : c, end: i + (pair ? 2 : 1) });
    i += pair ? 2 : 1;
  }
  return out;
}

/** The reference: the end of the earliest-ending occurrence in [from, limit), or -1. */
function naiveEnd(codes: PieceCodes, input: string, from: number, limit: number): number {
  const points = codePoints(input, from, limit);
  for (let last = codes.length - 1; last < points.length; last++) {
    const start = last - codes.length + 1;
    if (codes.every((c, j) => c === -1 || c === points[start + j]!.code)) return points[last]!.end;
  }
  return -1;
}

/** Characters either side of each boundary, as strings (U+D800 to U+DFFF alone are lone surrogates). */
const CHARS = ['a', 'b', '\u0001', '\u007f', '\u0080', 'é', '\ud7ff', '\ud800', '\udbff', '\udc00', '\udfff', '\ue000', '\uffff', '\u{10000}', '\u{1f600}', '\u{10ffff}'];

/** The first disagreements (at most 5) on `rounds` seeded pieces and inputs. */
function disagreements(seed: number, rounds: number, pieceLength: () => number, alphabet: string[], inputLength: number): string[] {
  const rand = seededRandom(seed);
  const out: string[] = [];
  for (let round = 0; round < rounds && out.length < 5; round++) {
    const codes = Array.from({ length: pieceLength() }, () => (rand(4) === 0 ? -1 : alphabet[rand(alphabet.length)]!.codePointAt(0)!));
    const input = Array.from({ length: rand(inputLength + 1) }, () => alphabet[rand(alphabet.length)]).join('');
    // from and limit on code point boundaries, as the matcher passes them
    const bounds = [0, ...codePoints(input, 0, input.length).map((p) => p.end)];
    const from = bounds[rand(3) === 0 ? rand(bounds.length) : 0]!;
    const limit = bounds[rand(3) === 0 ? rand(bounds.length) : bounds.length - 1]!;
    if (limit < from) continue;
    const got = compileShiftAnd(codes).findEnd(input, from, limit);
    const expected = naiveEnd(codes, input, from, limit);
    if (got !== expected) out.push(`${JSON.stringify(codes)} in ${JSON.stringify(input)} [${from}, ${limit}): ${got}, expected ${expected}`);
  }
  return out;
}

describe('shift-and piece search, against a naive search over code points', () => {
  it('agrees on 20,000 seeded pieces of 1–4 characters over characters at every boundary', () => {
    const rand = seededRandom(1);
    expect(disagreements(2, 20_000, () => 1 + rand(4), CHARS, 8)).toEqual([]);
  });

  it('agrees on pieces of 29–70 characters (one word and several) over a small alphabet', () => {
    const rand = seededRandom(3);
    expect(disagreements(4, 3_000, () => 29 + rand(42), ['a', 'b', 'é', '\u{1f600}'], 90)).toEqual([]);
  });

  it('matches each boundary character by its own code, and only a pair as one character', () => {
    // Given pieces of one character between two `?`
    const at = (char: string) => [-1, char.codePointAt(0)!, -1];
    for (const char of ['\u0001', '\u007f', '\u0080', 'é', '\u{10000}', '\u{10ffff}', '\u{1f600}']) {
      // Then the character is found between two others, and not where it is absent
      const input = `x${char}y`;
      expect(compileShiftAnd(at(char)).findEnd(input, 0, input.length)).toBe(input.length);
      expect(compileShiftAnd(at(char)).findEnd('xzy', 0, 3)).toBe(-1);
    }
    // A high surrogate followed by a non-surrogate is two characters; a pair is one
    expect(compileShiftAnd([0xd800, 0x61]).findEnd('\ud800a', 0, 2)).toBe(2);
    expect(compileShiftAnd([-1]).findEnd('\u{10000}', 0, 2)).toBe(2);
    expect(compileShiftAnd([-1, -1]).findEnd('\u{10000}', 0, 2)).toBe(-1);
    expect(compileShiftAnd([-1, -1]).findEnd('\udbff\ue000', 0, 2)).toBe(2);
    // A `?` passes any character, a non-ASCII one included, beside a non-ASCII literal
    expect(compileShiftAnd([-1, 0xe9]).findEnd('éé', 0, 2)).toBe(2);
    expect(compileShiftAnd([0xe9, -1]).findEnd('éa', 0, 2)).toBe(2);
  });

  it('finds a piece of exactly 32, 33, 64 and 65 characters ending at the input end', () => {
    for (const n of [32, 33, 64, 65]) {
      const codes = Array.from({ length: n }, (_, j) => (j % 5 === 2 ? -1 : 0x61 + (j % 3)));
      const text = codes.map((c, j) => String.fromCharCode(c === -1 ? 0x7a : 0x61 + (j % 3))).join('');
      const input = `ab${text}`;
      expect(compileShiftAnd(codes).findEnd(input, 0, input.length)).toBe(input.length);
      expect(compileShiftAnd(codes).findEnd(input, 0, input.length - 1)).toBe(-1);
    }
  });
});
