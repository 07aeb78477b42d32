/** `--format table` (default): aligned columns, one row per principal and group of resources. */
import type { AuditResult } from '../types.js';
import { auditRows, headline } from './rows.js';

const MAX_RESOURCES = 4;

/** Lists at most a few resources, then how many more. */
export function shortList(items: string[]): string {
  return items.length <= MAX_RESOURCES ? items.join(', ') : `${items.slice(0, MAX_RESOURCES).join(', ')} (+${items.length - MAX_RESOURCES})`;
}

/** The answer as aligned columns; paths after the first on their own lines under VIA. */
export function renderTable(result: AuditResult): string {
  const rows = auditRows(result);
  const head = ['PRINCIPAL', 'DECISION', ...(result.kind === 'principal-can' ? ['ACTION'] : []), 'RESOURCES', 'VIA', 'CONDITION'];
  const lines: string[][] = [];
  for (const r of rows) {
    const first = [r.principal, r.decision, ...(result.kind === 'principal-can' ? [r.action] : []), shortList(r.resources), r.via[0] ?? '', r.condition];
    lines.push(first);
    for (const more of r.via.slice(1)) lines.push(first.map((_, i) => (i === first.length - 2 ? more : '')));
  }
  if (lines.length === 0) return `${headline(result)}\nnobody`;
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [headline(result), format(head), ...lines.map(format)].join('\n');
}
