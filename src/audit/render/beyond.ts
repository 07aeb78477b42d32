/**
 * What a who-can answer says beyond the account's users and roles (W21, W22): the account root,
 * listed once as such, and the external principals a role with access trusts — printed below
 * every text format's table, one line each (wrapped to the table's width).
 */
import type { ExternalAccess } from '../external.js';
import type { AuditResult } from '../types.js';
import { idRanges, wrap } from './table-layout.js';

/** How each kind of external principal reads. */
const KIND: Record<ExternalAccess['kind'], string> = {
  account: 'account',
  'any-account': 'any account',
  user: 'user of account',
  role: 'role of account',
  'saml-provider': 'SAML provider',
  'oidc-provider': 'OIDC provider',
  'identity-provider': 'identity provider',
  service: 'service',
};

/** One external principal as a sentence: who, through which role, on what, under which condition. */
export function describeExternal(e: ExternalAccess): string {
  const who = e.kind === 'account' ? `account ${e.account} (any identity it allows)` : e.kind === 'service' ? `service ${e.principal}` : `${KIND[e.kind]} ${e.kind === 'user' || e.kind === 'role' ? `${e.account}: ` : ''}${e.principal}`;
  const ranges = idRanges(e.resources.map((r) => r.slice(r.lastIndexOf('/') + 1)));
  const on = ranges.length <= 3 ? ranges.join(', ') : `${e.resources.length} resources (${ranges.slice(0, 2).join(', ')}, …)`;
  const trust = e.trustStatements.map((s) => s.pointer).join(', ');
  return `${who} → assumes ${e.role.ref} (trust ${trust}): ${e.decision} on ${on}${e.condition ? ` if ${e.condition}` : ''}`;
}

/** The lines below a who-can table; none for principal-can. */
export function beyondLines(result: AuditResult, width: number): string[] {
  if (result.kind !== 'who-can') return [];
  const lines: string[] = [];
  if (result.accountRoot) lines.push('', ...wrap(`account root ${result.accountRoot.arn}: ${result.accountRoot.note}`, width, ''));
  const external = result.external ?? [];
  if (external.length > 0) {
    lines.push('', ...wrap('external principals, through roles with access (what their own account allows them is not in the snapshot):', width, ''));
    for (const e of external) lines.push(...wrap(describeExternal(e), width, '  '));
  }
  return lines;
}
