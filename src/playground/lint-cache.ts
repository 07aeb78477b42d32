/**
 * Lint findings kept across the page's analyses: an edit usually changes one policy (or only the
 * request), and linting all thirty policies of a large set again took a quarter of a re-decision.
 * A policy is the same when its source text, its column and its JSON Pointer are the same: its
 * findings are then the same, moved by as many lines as the policy moved. Owned by the page (one
 * per editor), bounded, never shared at module level.
 */
import type { SourceRange } from '../diagnostics/diagnostic.js';
import type { Finding } from '../lint/engine.js';

/** Entries kept before the cache starts again (a policy is rarely edited into more versions in one sitting). */
const MAX_ENTRIES = 1000;

/** Where a policy's text is, and what it is. */
export interface PolicyPlace {
  kind: string;
  pointer: string;
  /** The source range of the document's value. */
  range: SourceRange;
  /** Its source text. */
  text: string;
}

/** The cache of one page. */
export class LintCache {
  readonly #entries = new Map<string, { line: number; findings: Finding[] }>();

  /** The findings of the policy at `place`: cached ones moved to its line, else `lint()`'s. */
  findings(place: PolicyPlace, lint: () => Finding[]): Finding[] {
    const key = `${place.kind}\u0000${place.pointer}\u0000${place.range.column}\u0000${place.text}`;
    const hit = this.#entries.get(key);
    if (hit) {
      const delta = place.range.line - hit.line;
      return delta === 0 ? hit.findings : hit.findings.map((f) => (f.range ? { ...f, range: { ...f.range, line: f.range.line + delta, endLine: f.range.endLine + delta } } : f));
    }
    const findings = lint();
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.clear();
    this.#entries.set(key, { line: place.range.line, findings });
    return findings;
  }

  /** How many policies are cached (tests observe reuse with it). */
  get size(): number {
    return this.#entries.size;
  }
}

/** The offset of each line's start in `text` (line 1 at index 0). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * The text of a source range (1-based lines and columns) and the rest of its last line, or
 * undefined when it is outside `text`. The rest of the line: whether a range's end column counts
 * its last character or not, a change of that character changes the slice.
 */
export function sliceOf(text: string, starts: number[], range: SourceRange): string | undefined {
  const from = starts[range.line - 1];
  if (from === undefined || starts[range.endLine - 1] === undefined) return undefined;
  return text.slice(from + range.column - 1, starts[range.endLine] ?? text.length);
}
