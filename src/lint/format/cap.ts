/** The per-file cap every lint report applies (text, JSON, SARIF), so no report grows without bound. */
import { capDiagnostics } from '../../parse/limits.js';
import type { Finding } from '../engine.js';
import { keptParts, type PartStoreFactory } from './parts.js';

/**
 * At most MAX_DIAGNOSTICS_PER_FILE findings per file, in order, then one `too-many-diagnostics`
 * finding per file for the rest (see `capDiagnostics`); the summary takes the kind of a finding
 * it stands for.
 */
export function capFindings(findings: readonly Finding[]): Finding[] {
  return capDiagnostics(findings, { complete: (summary, sample) => ({ ...summary, kind: sample.kind }) });
}

/**
 * `capFindings` file by file, each finding kept as its rendered item: the kept findings of every
 * file in file order, then each capped file's summary, as `capFindings` orders them for all files
 * at once, provided each file is added once. The items are kept as the text of a list: each after
 * `separator` but the first.
 */
export class CappedByFile {
  readonly #kept;
  readonly #summaries: string[] = [];
  #keptCount = 0;

  constructor(
    private readonly separator: string,
    store: PartStoreFactory = keptParts,
  ) {
    this.#kept = store();
  }

  /** Caps one file's findings, keeps each as `render` makes it, and returns them capped (to count). */
  add(findings: readonly Finding[], render: (f: Finding) => string): Finding[] {
    const given = new Set(findings);
    const capped = capFindings(findings);
    for (const f of capped) {
      if (!given.has(f)) this.#summaries.push(render(f));
      else this.#kept.push(this.#keptCount++ === 0 ? render(f) : this.separator + render(f));
    }
    return capped;
  }

  /** How many items were kept. */
  get count(): number {
    return this.#keptCount + this.#summaries.length;
  }

  /** The list's text, in parts: every item in the report's order, each after the separator but the first. */
  *parts(): Generator<string> {
    yield* this.#kept.parts();
    for (const [i, summary] of this.#summaries.entries()) yield i === 0 && this.#keptCount === 0 ? summary : this.separator + summary;
  }
}
