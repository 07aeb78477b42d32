/** `--format csv`: RFC 4180, one row per principal, resource and answer (escalations included). */
import type { AuditResult } from '../types.js';
import { describeEscalation, describePath } from './rows.js';

const HEADER = ['principal', 'kind', 'decision', 'action', 'resource', 'instance', 'resource_group', 'paths', 'condition', 'restrictions'];

/** Quotes a field when it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The answer as CSV; paths of one grant are joined by ` | `. */
export function renderCsv(result: AuditResult): string {
  const list = result.kind === 'who-can' ? result.principals : [result.access];
  const rows: string[][] = [HEADER];
  for (const a of list) {
    for (const g of a.grants) {
      rows.push([a.principal.ref, a.principal.kind, g.decision, g.action, g.resource, g.instance?.id ?? '', g.instance?.resourceGroup ?? '', g.paths.map(describePath).join(' | '), g.condition ?? '', g.restrictions.map((r) => r.message).join(' | ')]);
    }
    for (const e of a.escalations) {
      rows.push([a.principal.ref, a.principal.kind, 'can escalate', e.action ?? '', `as ${e.reaches.ref}`, '', '', describeEscalation(e), e.chain.map((s) => s.condition ?? '').filter(Boolean).join(' | '), '']);
    }
  }
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n');
}
