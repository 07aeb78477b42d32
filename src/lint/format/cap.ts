/** The per-file cap every lint report applies (text, JSON, SARIF), so no report grows without bound. */
import { capDiagnostics } from '../../parse/limits.js';
import type { Finding } from '../engine.js';

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
 * at once, provided each file is added once.
 */
export class CappedByFile<T> {
  readonly kept: T[] = [];
  readonly summaries: T[] = [];

  /** Caps one file's findings, keeps each as `render` makes it, and returns them capped (to count). */
  add(findings: readonly Finding[], render: (f: Finding) => T): Finding[] {
    const given = new Set(findings);
    const capped = capFindings(findings);
    for (const f of capped) (given.has(f) ? this.kept : this.summaries).push(render(f));
    return capped;
  }

  /** Every item, in the report's order. */
  get items(): T[] {
    return [...this.kept, ...this.summaries];
  }
}
