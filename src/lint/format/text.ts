/** Text report: findings grouped by file, each with line:column, severity, rule, message and a code frame. */
import type { Finding } from '../engine.js';
import type { Suppression } from '../config.js';

/** A two-line code frame: the source line and a caret under the finding's columns. */
export function codeFrame(text: string | undefined, f: Finding): string[] {
  if (text === undefined || !f.range) return [];
  const line = text.split('\n')[f.range.line - 1];
  if (line === undefined) return [];
  const width = f.range.endLine === f.range.line ? Math.max(1, f.range.endColumn - f.range.column) : Math.max(1, line.length - f.range.column + 1);
  const gutter = `${f.range.line} | `;
  return [`    ${gutter}${line}`, `    ${' '.repeat(gutter.length)}${' '.repeat(f.range.column - 1)}${'^'.repeat(Math.min(width, 80))}`];
}

/** The whole text report. `texts` maps file names to their contents, for code frames. */
export function renderLintText(findings: Finding[], texts: Map<string, string>, suppressed: [Finding, Suppression][] = [], verbose = false): string {
  const lines: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) byFile.set(f.file ?? '', [...(byFile.get(f.file ?? '') ?? []), f]);
  for (const [file, list] of byFile) {
    lines.push(file);
    for (const f of list) {
      const at = f.range ? `${f.range.line}:${f.range.column}` : '-';
      const origin = `${f.origin ? ` [${f.origin}]` : ''} (${f.kind} policy)`;
      lines.push(`  ${at.padEnd(8)} ${f.severity.padEnd(16)} ${f.code.padEnd(36)} ${f.message}${origin}`);
      lines.push(...codeFrame(texts.get(file), f));
      if (verbose && f.help) lines.push(`    help: ${f.help}`);
    }
    lines.push('');
  }
  if (verbose) for (const [f, s] of suppressed) lines.push(`suppressed: ${f.file}:${f.range?.line ?? '-'} ${f.code} at ${f.path}: ${s.reason}`);
  const count = (sev: string) => findings.filter((f) => f.severity === sev).length;
  lines.push(`${findings.length} finding${findings.length === 1 ? '' : 's'}: ${count('error')} errors, ${count('security-warning')} security warnings, ${count('warning')} warnings, ${count('suggestion')} suggestions${suppressed.length ? `; ${suppressed.length} suppressed` : ''}`);
  return lines.join('\n');
}
