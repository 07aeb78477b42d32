/** `--format markdown`: a heading and a GitHub table, paths as line breaks inside the VIA cell. */
import type { AuditResult } from '../types.js';
import { beyondLines } from './beyond.js';
import { auditRows, headline } from './rows.js';
import { shortList } from './table.js';

/** Escapes the characters that would break a table cell. */
export function markdownCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** The answer as Markdown. */
export function renderMarkdown(result: AuditResult): string {
  const withAction = result.kind === 'principal-can';
  const head = ['Principal', 'Decision', ...(withAction ? ['Action'] : []), 'Resources', 'Via', 'Condition'];
  const rows = auditRows(result).map((r) => [r.principal, r.decision, ...(withAction ? [r.action] : []), shortList(r.resources), r.via.join('\n'), r.condition]);
  const lines = [`## ${markdownCell(headline(result))}`, ''];
  if (rows.length === 0) lines.push('Nobody.');
  else {
    lines.push(`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`);
    for (const r of rows) lines.push(`| ${r.map(markdownCell).join(' | ')} |`);
  }
  // The account root and external principals, as a list below the table.
  const beyond = beyondLines(result, Number.MAX_SAFE_INTEGER).filter((l) => l !== '');
  if (beyond.length > 0) lines.push('', ...beyond.map((l) => (l.startsWith('  ') ? `  - ${markdownCell(l.trim())}` : `- ${markdownCell(l)}`)));
  return lines.join('\n');
}
