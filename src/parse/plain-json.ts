/**
 * JSON text read the engine's way (`JSON.parse`), for text with nothing to report: no source
 * positions, no tree. Reading a policy with positions (json-source.ts) costs several times more,
 * and the positions serve only diagnostics; so a caller reads the plain way first, and reads again
 * with positions whenever anything needs reporting. This reader therefore answers `undefined`
 * for everything the position-tracking reader would say something about — text over the
 * character limit, nesting deeper than MAX_DEPTH, a syntax error, a duplicate key — and for a
 * `__proto__` key, which is safe only in the null-prototype objects that reader builds.
 */
import { MAX_DEPTH } from './limits.js';

/** Parsed JSON with its size as RAM counts it, when the text tells it without re-serialising. */
export interface PlainJson {
  value: unknown;
  /**
   * `JSON.stringify(value).length`, counted in the text (all but the whitespace between tokens);
   * undefined when the text has escapes, numbers or unpaired surrogates, whose compact form may
   * differ from how the text writes them.
   */
  compactLength: number | undefined;
}

// Surrogate halves: JSON.stringify writes an unpaired one as a 6-character escape.
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * `text` parsed by `JSON.parse`, or undefined when the position-tracking reader must run (see
 * the module comment). One pass over the text counts keys, depth and whitespace; `JSON.parse`
 * then keeps the last of duplicate keys, so fewer keys in the value than in the text means one
 * was repeated.
 */
export function readPlainJson(text: string, maxCharacters: number): PlainJson | undefined {
  if (text.length > maxCharacters) return undefined;
  const scan = scanJson(text);
  if (scan === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined; // a syntax error: reported by the position-tracking reader
  }
  const keys = countKeys(value);
  if (keys !== scan.keys) return undefined; // a duplicate key, or `__proto__` (-1)
  const plainText = !scan.numbers && !text.includes('\\') && !SURROGATE.test(text);
  return { value, compactLength: plainText ? text.length - scan.whitespace : undefined };
}

interface Scan {
  /** Colons outside strings: in JSON text, one per key. */
  keys: number;
  /** Characters between tokens. */
  whitespace: number;
  /** Whether a number appears (its compact form may differ: `1.0` → `1`). */
  numbers: boolean;
}

/** One pass outside strings; undefined when the nesting goes deeper than MAX_DEPTH. */
function scanJson(text: string): Scan | undefined {
  let keys = 0;
  let whitespace = 0;
  let numbers = false;
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip the string: the next quote not escaped by an odd run of backslashes.
      let end = text.indexOf('"', i + 1);
      while (end > 0) {
        let slashes = 0;
        while (text.charCodeAt(end - 1 - slashes) === 0x5c) slashes++;
        if (slashes % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      if (end < 0) return undefined; // unterminated: a syntax error
      i = end;
    } else if (c === 0x3a) keys++;
    else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) whitespace++;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_DEPTH) return undefined;
    } else if (c === 0x7d || c === 0x5d) depth--;
    else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) numbers = true;
  }
  return { keys, whitespace, numbers };
}

/** Own keys of every object in `value`, or -1 when an object has a `__proto__` key. */
function countKeys(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let total = 0;
  // Recursion follows the nesting, which the scan bounded by MAX_DEPTH.
  if (Array.isArray(value)) {
    for (const item of value) {
      const inner = countKeys(item);
      if (inner < 0) return -1;
      total += inner;
    }
    return total;
  }
  if (Object.hasOwn(value, '__proto__')) return -1;
  for (const key in value) {
    total++;
    const inner = countKeys((value as Record<string, unknown>)[key]);
    if (inner < 0) return -1;
    total += inner;
  }
  return total;
}
