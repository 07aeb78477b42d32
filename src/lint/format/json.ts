/** JSON report: `{findings: [...], summary: {...}}`, one object per finding with its position. */
import type { Finding } from '../engine.js';
import { CappedByFile, capFindings } from './cap.js';
import { keptParts, type PartStoreFactory } from './parts.js';

/** One finding as the JSON report shows it. */
export function findingJson(f: Finding) {
  return {
    file: f.file,
    ruleId: f.code,
    severity: f.severity,
    message: f.message,
    line: f.range?.line ?? null,
    column: f.range?.column ?? null,
    endLine: f.range?.endLine ?? null,
    endColumn: f.range?.endColumn ?? null,
    path: f.path,
    source: f.origin ?? null,
    kind: f.kind,
    help: f.help ?? null,
  };
}

/** The whole JSON report: findings capped per file (see `capFindings`), the summary counting the ones listed. */
export function renderLintJson(all: Finding[], stats: { files: number; policies: number; suppressed: number }): string {
  const findings = capFindings(all);
  const bySeverity: Record<string, number> = { error: 0, 'security-warning': 0, warning: 0, suggestion: 0 };
  for (const f of findings) bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
  return JSON.stringify({ findings: findings.map(findingJson), summary: { ...stats, findings: findings.length, bySeverity } }, null, 2);
}

/**
 * `JSON.stringify(value, null, 2)` as it reads nested `depth` levels deep in a larger document
 * indented by 2: every line after the first indented by 2 × depth more. (JSON text has no raw line
 * break inside a string, so splitting at line breaks splits between tokens only.)
 */
export function nestedJson(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).split('\n').join(`\n${' '.repeat(2 * depth)}`);
}

/** A placeholder array item, replaced by the items rendered apart (see `withItems`). */
const ITEMS = '@@ramguard-items@@';

/** What comes between two items of an array `depth` levels deep in `JSON.stringify(document, null, 2)`. */
export const itemSeparator = (depth: number) => `,\n${' '.repeat(2 * depth)}`;

/**
 * `JSON.stringify(document, null, 2)` in parts, where the array `slot` of the document `make`
 * makes holds `items`, each already rendered by `nestedJson(item, depth)` at the array's item
 * depth and kept after `itemSeparator(depth)`: the document is rendered with one placeholder item,
 * which the items replace.
 */
export function* withItems<T>(make: (items: unknown[]) => T, items: CappedByFile): Generator<string> {
  if (items.count === 0) {
    yield JSON.stringify(make([]), null, 2);
    return;
  }
  const [before, after] = JSON.stringify(make([ITEMS]), null, 2).split(`"${ITEMS}"`) as [string, string];
  yield before;
  yield* items.parts();
  yield after;
}

/**
 * The JSON report built file by file, for a lint of many files: each finding is rendered when its
 * file is linted and only its text is kept (in `store`'s stores). It prints what `renderLintJson`
 * prints for all the findings at once, provided each file is added once.
 */
export class JsonReport {
  readonly #items: CappedByFile;
  readonly #bySeverity: Record<string, number> = { error: 0, 'security-warning': 0, warning: 0, suggestion: 0 };
  #count = 0;

  constructor(store: PartStoreFactory = keptParts) {
    this.#items = new CappedByFile(itemSeparator(2), store);
  }

  /** Adds one file's findings (all of them, as the report lists them: suppressed and --quiet ones left out). */
  addFile(findings: readonly Finding[]): void {
    for (const f of this.#items.add(findings, (f) => nestedJson(findingJson(f), 2))) {
      this.#bySeverity[f.severity] = (this.#bySeverity[f.severity] ?? 0) + 1;
      this.#count++;
    }
  }

  /** The report, as `renderLintJson` writes it. */
  render(stats: { files: number; policies: number; suppressed: number }): string {
    return this.parts(stats).join('');
  }

  /** The report in parts, one per finding (joined: `render()`). */
  parts(stats: { files: number; policies: number; suppressed: number }): string[] {
    return [...this.lazyParts(stats)];
  }

  /** The report in parts as its store gives them back, made as they are read: to print without making it whole. */
  lazyParts(stats: { files: number; policies: number; suppressed: number }): Iterable<string> {
    return withItems((findings) => ({ findings, summary: { ...stats, findings: this.#count, bySeverity: this.#bySeverity } }), this.#items);
  }
}
