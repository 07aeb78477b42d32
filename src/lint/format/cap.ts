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
