/**
 * Certain fixes: where a finding's correction is one exact value (an action in the API's letter
 * case, `Allow` for `allow`), the edit that makes it, placed at the value's exact region in the
 * file. Reports (SARIF `fixes`) offer it; nothing applies it unasked. Pure: the text comes in.
 */
import type { SourceRange } from '../diagnostics/diagnostic.js';

/** One edit: replace the text at `range` (one line; columns in UTF-16 code units, as every range of ramguard) with `text`. */
export interface CertainFix {
  range: SourceRange;
  text: string;
}

/** Values a fix may touch: plain names, no quotes or escapes whose written form differs from the value. */
const PLAIN = /^[A-Za-z0-9:*?_.\-/]+$/;

/**
 * The edit that writes `replacement` where `value` is written at `range` of `text`, keeping its
 * quotes; undefined when the written form is not exactly `value`, bare or in one pair of quotes
 * (an escaped, block or multi-line scalar is left alone rather than risk a wrong edit).
 */
export function placeFix(text: string, range: SourceRange, value: string, replacement: string): CertainFix | undefined {
  if (range.line !== range.endLine || !PLAIN.test(value) || !PLAIN.test(replacement)) return undefined;
  const line = lineAt(text, range.line);
  if (line === undefined) return undefined;
  const written = line.slice(range.column - 1, range.endColumn - 1);
  for (const quote of ['', '"', "'"]) {
    if (written === `${quote}${value}${quote}`) return { range, text: `${quote}${replacement}${quote}` };
  }
  return undefined;
}

/** The `Effect` RAM means by a value written in another letter case, or undefined. */
export function effectInCase(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const lower = value.toLowerCase();
  return lower === 'allow' ? 'Allow' : lower === 'deny' ? 'Deny' : undefined;
}

/** The value at a JSON Pointer of a document, or undefined. */
export function valueAt(document: unknown, pointer: string): unknown {
  let node = document;
  for (const token of pointer.split('/').slice(1)) {
    const key = token.replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Line `n` (1-based) of `text`, found without splitting the whole text. */
function lineAt(text: string, n: number): string | undefined {
  let start = 0;
  for (let i = 1; i < n; i++) {
    start = text.indexOf('\n', start) + 1;
    if (start === 0) return undefined;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? undefined : end).replace(/\r$/, '');
}
