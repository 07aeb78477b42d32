/**
 * `--format csv`: RFC 4180, one row per principal, action and group of resources with the same
 * answer (see GrantGroup), and one per escalation. Several resources, instances or paths in one
 * field are separated by ` | `.
 */
import type { AuditResult } from '../types.js';
import { grantGroupsOf } from './grouped.js';
import { describeEscalation, pathLines } from './rows.js';

const HEADER = ['principal', 'kind', 'decision', 'action', 'resources', 'instances', 'resource_groups', 'paths', 'condition', 'restrictions'];

/** Quotes a field when it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const list = (items: Array<string | undefined>) => [...new Set(items.filter((x): x is string => x !== undefined))].join(' | ');

/** The answer as CSV. */
export function renderCsv(result: AuditResult): string {
  const principals = result.kind === 'who-can' ? result.principals : [result.access];
  const rows: string[][] = [HEADER];
  for (const a of principals) {
    for (const g of grantGroupsOf(a)) {
      rows.push([a.principal.ref, a.principal.kind, g.decision, g.action, g.resources.join(' | '), list(g.instances.map((i) => i.id)), list(g.instances.map((i) => i.resourceGroup)), pathLines(g).join(' | '), g.condition ?? '', g.restrictions.map((r) => r.message).join(' | ')]);
    }
    for (const e of a.escalations) {
      rows.push([a.principal.ref, a.principal.kind, 'can escalate', e.action ?? '', `as ${e.reaches.ref}`, '', '', describeEscalation(e), e.chain.map((s) => s.condition ?? '').filter(Boolean).join(' | '), '']);
    }
  }
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n');
}
