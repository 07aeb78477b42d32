/**
 * Bit-parallel search (Shift-And) for one `*`-free piece of a RAM pattern that contains `?`:
 * the state keeps one bit per pattern character ("the last j+1 input characters match the
 * first j+1 pattern characters"), so each input character costs ⌈m/32⌉ word operations for a
 * piece of m characters, whatever the pattern — no candidate is ever re-checked, unlike
 * "find a literal run, then verify around it", which is O(n·m) on `a?a?…` against `aaa…`.
 * Characters are code points: a surrogate pair is read as one character.
 */

/** A piece of a pattern as code points, `-1` standing for `?`. */
export type PieceCodes = readonly number[];

/** Search tables of one piece, built once per compiled pattern. */
export interface ShiftAnd {
  /** Pattern length in code points. */
  readonly length: number;
  /**
   * The end (a code-unit index) of the leftmost occurrence that starts at or after `from` and
   * ends at or before `limit`, or -1. `from` and `limit` must be code point boundaries.
   */
  findEnd(input: string, from: number, limit: number): number;
}

/** Builds the tables of a piece (at least one character). */
export function compileShiftAnd(codes: PieceCodes): ShiftAnd {
  return codes.length <= 32 ? oneWord(codes) : manyWords(codes);
}

/** The code point at `i` (a pair read as one) and the index after it, packed as `code * 2 + width - 1`. */
function codePointAt(input: string, i: number): number {
  const c = input.charCodeAt(i);
  // Stryker disable next-line ArithmeticOperator: equivalent, `charCodeAt` past the end is NaN, never a low surrogate (docs/testing.md)
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < input.length) {
    const d = input.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return ((c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000) * 2 + 1;
  }
  return c * 2;
}

/** Pieces of up to 32 characters: the state is one 32-bit integer. */
function oneWord(codes: PieceCodes): ShiftAnd {
  let any = 0; // the bits of the `?` positions: every character passes them
  codes.forEach((c, j) => {
    if (c === -1) any |= 1 << j;
  });
  const ascii = new Int32Array(128).fill(any);
  const other = new Map<number, number>();
  codes.forEach((c, j) => {
    if (c === -1) return;
    if (c < 128) ascii[c] = ascii[c]! | (1 << j);
    else other.set(c, (other.get(c) ?? any) | (1 << j));
  });
  const last = 1 << (codes.length - 1);
  return {
    length: codes.length,
    findEnd(input, from, limit) {
      let state = 0;
      for (let i = from; i < limit; ) {
        const packed = codePointAt(input, i);
        const code = packed >>> 1;
        i += (packed & 1) + 1;
        state = ((state << 1) | 1) & (code < 128 ? ascii[code]! : other.get(code) ?? any);
        if ((state & last) !== 0) return i;
      }
      return -1;
    },
  };
}

/** Longer pieces: the state is an array of 32-bit words; only the words that hold live bits are shifted. */
function manyWords(codes: PieceCodes): ShiftAnd {
  const words = (codes.length + 31) >>> 5;
  const any = new Int32Array(words);
  const positions = new Map<number, number[]>();
  codes.forEach((c, j) => {
    if (c === -1) any[j >>> 5] = any[j >>> 5]! | (1 << (j & 31));
    else {
      const at = positions.get(c);
      if (at) at.push(j);
      else positions.set(c, [j]);
    }
  });
  // Masks are made on first use: a piece of m distinct characters would need m·m/32 words up front.
  const masks = new Map<number, Int32Array>();
  const maskOf = (code: number): Int32Array => {
    let mask = masks.get(code);
    if (mask) return mask;
    const at = positions.get(code);
    if (!at) return any;
    mask = Int32Array.from(any);
    for (const j of at) mask[j >>> 5] = mask[j >>> 5]! | (1 << (j & 31));
    masks.set(code, mask);
    return mask;
  };
  const lastWord = (codes.length - 1) >>> 5;
  const lastBit = 1 << ((codes.length - 1) & 31);
  return {
    length: codes.length,
    findEnd(input, from, limit) {
      const state = new Int32Array(words);
      let live = 0; // words at and above `live` are all zero
      for (let i = from; i < limit; ) {
        const packed = codePointAt(input, i);
        i += (packed & 1) + 1;
        const mask = maskOf(packed >>> 1);
        // Stryker disable next-line MethodExpression: equivalent, shifting all-zero words changes nothing (docs/testing.md)
        const upTo = Math.min(live + 1, words);
        let carry = 1;
        for (let w = 0; w < upTo; w++) {
          const v = state[w]!;
          state[w] = ((v << 1) | carry) & mask[w]!;
          carry = v >>> 31;
        }
        live = upTo;
        // Stryker disable next-line UpdateOperator: equivalent, `live` then runs past the last word and all words are shifted (docs/testing.md)
        while (live > 0 && state[live - 1] === 0) live--;
        if ((state[lastWord]! & lastBit) !== 0) return i;
      }
      return -1;
    },
  };
}
