/** Text report: findings grouped by file, each with line:column, severity, rule, message and a code frame. */
import type { Finding } from '../engine.js';
import type { Suppression } from '../config.js';
import { capFindings } from './cap.js';
import { suggestionOf } from './suggestion.js';

/** Characters of a source line a code frame shows at most: one minified line must not print megabytes. */
export const FRAME_WIDTH = 120;
/** Of those, how many come before the finding's column when the line is cut. */
const FRAME_LEAD = 40;
const MAX_CARETS = 80;

/**
 * A two-line code frame: the source line and a caret under the finding's columns. A line longer
 * than FRAME_WIDTH shows a window around the column, with `…` where it is cut. `line` is the
 * finding's source line (see `renderLintText`, which splits each file once).
 */
export function codeFrame(text: string | undefined, f: Finding, line = text?.split('\n')[(f.range?.line ?? 0) - 1]): string[] {
  if (text === undefined || !f.range || line === undefined) return [];
  const column = f.range.column - 1;
  const width = f.range.endLine === f.range.line ? Math.max(1, f.range.endColumn - f.range.column) : Math.max(1, line.length - column);
  let start = 0;
  let end = line.length;
  if (line.length > FRAME_WIDTH) {
    start = Math.max(0, Math.min(column - FRAME_LEAD, line.length - FRAME_WIDTH));
    end = start + FRAME_WIDTH;
  }
  const before = start > 0 ? '…' : '';
  const shown = `${before}${line.slice(start, end)}${end < line.length ? '…' : ''}`;
  const gutter = `${f.range.line} | `;
  const carets = Math.max(1, Math.min(width, MAX_CARETS, end - column));
  return [`    ${gutter}${shown}`, `    ${' '.repeat(gutter.length)}${' '.repeat(before.length + column - start)}${'^'.repeat(carets)}`];
}

/** `1 error`, `0 errors`, `2 errors`: every noun of the summary agrees with its number. */
function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The whole text report. `texts` maps file names to their contents, for code frames. */
export function renderLintText(findings: Finding[], texts: Map<string, string>, suppressed: [Finding, Suppression][] = [], verbose = false): string {
  const lines: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of capFindings(findings)) {
    const list = byFile.get(f.file ?? '');
    if (list) list.push(f);
    else byFile.set(f.file ?? '', [f]);
  }
  for (const [file, list] of byFile) {
    lines.push(file);
    const text = texts.get(file);
    const sourceLines = text?.split('\n'); // once per file, not once per finding
    for (const f of list) {
      const at = f.range ? `${f.range.line}:${f.range.column}` : '-';
      const origin = `${f.origin ? ` [${f.origin}]` : ''} (${f.kind} policy)`;
      lines.push(`  ${at.padEnd(8)} ${f.severity.padEnd(16)} ${f.code.padEnd(36)} ${f.message}${origin}`);
      for (const frameLine of codeFrame(text, f, sourceLines?.[(f.range?.line ?? 0) - 1])) lines.push(frameLine);
      if (verbose && f.help) lines.push(`    help: ${f.help}`);
      else if (suggestionOf(f)) lines.push(`    ${suggestionOf(f)}`);
    }
    lines.push('');
  }
  if (verbose) for (const [f, s] of suppressed) lines.push(`suppressed: ${f.file}:${f.range?.line ?? '-'} ${f.code} at ${f.path}: ${s.reason}`);
  const count = (sev: string, noun: string) => counted(findings.filter((f) => f.severity === sev).length, noun);
  lines.push(`${counted(findings.length, 'finding')}: ${count('error', 'error')}, ${count('security-warning', 'security warning')}, ${count('warning', 'warning')}, ${count('suggestion', 'suggestion')}${suppressed.length ? `; ${suppressed.length} suppressed` : ''}`);
  return lines.join('\n');
}
