/** JSON report: `{findings: [...], summary: {...}}`, one object per finding with its position. */
import type { Finding } from '../engine.js';
import { capFindings } from './cap.js';

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
