/**
 * RAM's wildcard matcher: `*` matches any run of characters (including none, `:` and `/`), `?`
 * exactly one character, everything else is literal (M1). Characters are Unicode code points:
 * `?` takes a whole surrogate pair (`a?b` matches `a😀b`), and `*` never ends inside one.
 * Hand-written because no library has these rules: minimatch stops `*` at `/` and gives `[`,
 * `{`, `!` meaning, and a regex built from the pattern can backtrack exponentially.
 *
 * Time bound. The pattern is split at `*` into pieces; the first is anchored at the start, the
 * last at the end, and each middle one placed at its leftmost occurrence after the one before —
 * always safe, since a piece has a fixed length in characters. A piece without `?` is found by
 * the native `indexOf`; one with `?` by a bit-parallel scan (./shift-and.ts). The scans of
 * successive pieces cover disjoint stretches of the input, so matching n input characters
 * costs O(n · ⌈m/32⌉) for pieces of at most m characters — linear in the input whenever no piece
 * with `?` is longer than 32 characters, and never worse than n·m/32 steps, with no backtracking.
 */
import { compileShiftAnd, type ShiftAnd } from './shift-and.js';

/** A pattern compiled once, matched many times. */
export interface WildcardMatcher {
  readonly pattern: string;
  /** True when `input` matches the whole pattern. */
  test(input: string): boolean;
}

/** True when the pattern contains a wildcard character (`*` or `?`). */
export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/** A lone surrogate: code-unit and code-point matching can differ only around one of these. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Compiles a RAM wildcard pattern. Pass lower-cased pattern and inputs for case-insensitive use. */
export function compileWildcard(pattern: string): WildcardMatcher {
  if (pattern === '*') return { pattern, test: () => true };
  if (!hasWildcard(pattern)) return { pattern, test: (input) => input === pattern };
  const pieces = pattern.split('*').map(compilePiece);
  if (pieces.length === 2 && pieces[1]!.length === 0 && pieces[0]!.plain) {
    const prefix = pieces[0]!.text;
    return { pattern, test: (input) => input.startsWith(prefix) };
  }
  return { pattern, test: (input) => matchPieces(pieces, input) };
}

/** Matches `input` against a pattern once (compile it instead when matching repeatedly). */
export function wildcardMatch(pattern: string, input: string): boolean {
  return compileWildcard(pattern).test(input);
}

/** One `*`-free piece of a pattern. */
interface Piece {
  text: string;
  /** Length in code points (in code units for plain pieces: only compared with 0 then). */
  length: number;
  /**
   * No `?` and no lone surrogate: then a code-unit match is a code-point match (a well-formed
   * string neither starts with a low surrogate nor ends with a high one), so native search serves.
   */
  plain: boolean;
  /** Code points, -1 for `?` (empty for plain pieces, which never need them). */
  codes: number[];
  /** Search tables, made on first use (only middle pieces that are not plain need them). */
  scanner?: ShiftAnd;
}

function compilePiece(text: string): Piece {
  if (!text.includes('?') && !LONE_SURROGATE.test(text)) return { text, length: text.length, plain: true, codes: [] };
  const codes = Array.from(text, (c) => (c === '?' ? -1 : c.codePointAt(0)!));
  return { text, length: codes.length, plain: false, codes };
}

function matchPieces(pieces: Piece[], input: string): boolean {
  const first = pieces[0]!;
  if (pieces.length === 1) return endOfPieceAt(first, input, 0) === input.length;
  const afterFirst = endOfPieceAt(first, input, 0);
  if (afterFirst < 0) return false;
  const last = pieces[pieces.length - 1]!;
  const lastStart = startOfLastPiece(last, input);
  if (lastStart < afterFirst || endOfPieceAt(last, input, lastStart) !== input.length) return false;
  let position = afterFirst;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i]!;
    if (piece.length === 0) continue;
    position = findEndOfPiece(piece, input, position, lastStart);
    if (position < 0) return false;
  }
  return true;
}

/** The end (code-unit index) of `piece` matched at `start`, or -1 when it does not match there. */
function endOfPieceAt(piece: Piece, input: string, start: number): number {
  if (piece.plain) return input.startsWith(piece.text, start) ? start + piece.text.length : -1;
  let i = start;
  for (const code of piece.codes) {
    if (i >= input.length) return -1;
    const actual = input.codePointAt(i)!;
    if (code !== -1 && code !== actual) return -1;
    i += actual > 0xffff ? 2 : 1;
  }
  return i;
}

/** Where the last piece must start: `piece.length` code points before the end, or -1. */
function startOfLastPiece(piece: Piece, input: string): number {
  if (piece.plain) return input.length - piece.text.length;
  let j = input.length;
  for (let k = 0; k < piece.length; k++) {
    if (j <= 0) return -1;
    const low = input.charCodeAt(j - 1);
    const pair = j >= 2 && low >= 0xdc00 && low <= 0xdfff && isHighSurrogate(input.charCodeAt(j - 2));
    j -= pair ? 2 : 1;
  }
  return j;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** The end of the leftmost occurrence of `piece` at or after `from` that ends by `limit`, or -1. */
function findEndOfPiece(piece: Piece, input: string, from: number, limit: number): number {
  if (piece.plain) {
    const at = input.indexOf(piece.text, from);
    return at >= 0 && at + piece.text.length <= limit ? at + piece.text.length : -1;
  }
  piece.scanner ??= compileShiftAnd(piece.codes);
  return piece.scanner.findEnd(input, from, limit);
}
