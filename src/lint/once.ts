/**
 * One problem, one finding: where two rules describe the same problem at the same place, the
 * more precise one is kept. A table, so a new overlap is one row.
 */
import type { DiagnosticCode } from '../diagnostics/codes.js';
import type { Finding } from './engine.js';

/** At one JSON Pointer, a finding of the key hides findings of the listed rules. */
const SUPERSEDES: ReadonlyMap<string, readonly DiagnosticCode[]> = new Map<DiagnosticCode, DiagnosticCode[]>([
  // `"Version": 1`: the version is wrong, which says more than "not a string".
  ['invalid-version', ['wrong-type']],
  // A trust statement with Action and NotAction: splitting it is the fix; trust-action follows from it.
  ['action-and-notaction', ['trust-action']],
]);

/** The findings without the ones another finding at the same pointer supersedes, and without exact repeats (same rule, place and message). */
export function oncePerProblem(findings: readonly Finding[]): Finding[] {
  const codesAt = new Map<string, Set<string>>();
  for (const f of findings) {
    const codes = codesAt.get(f.path);
    if (codes) codes.add(f.code);
    else codesAt.set(f.path, new Set([f.code]));
  }
  const seen = new Set<string>();
  return findings.filter((f) => {
    const codes = codesAt.get(f.path)!;
    for (const code of codes) if (SUPERSEDES.get(code)?.includes(f.code as DiagnosticCode)) return false;
    const key = JSON.stringify([f.code, f.path, f.message, f.range ?? null]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
