/**
 * security-warning: an Allow of actions that can grant permissions (catalog `changesPermissions`:
 * attach a policy, create an access key, edit a policy version, ...) on every resource or on every
 * user, role, group or policy of an account: whoever holds it can give themselves more.
 * Conditions do not silence it (a condition limits when, not what). An Allow `*` on `*` with no
 * condition is left to allow-star-on-star.
 */
import { expandActionPattern } from '../../catalog/query.js';
import type { Catalog, CatalogAction } from '../../catalog/types.js';
import { compileWildcard } from '../../match/wildcard.js';
import type { Statement } from '../../policy/types.js';
import type { LintRule } from '../types.js';
import { writtenItems } from '../written.js';

const ENTITY_TYPES = ['user', 'role', 'group', 'policy'] as const;

/**
 * True when the resource pattern covers every entity of a RAM type in some account
 * (`*`, `acs:ram:*:*:*`, `acs:ram::123:user/*`, `acs:*`): it matches probe ARNs of that type with
 * names of 1 and 64 characters that no literal pattern can spell, only a wildcard.
 */
export function coversAllOf(resource: string, type: (typeof ENTITY_TYPES)[number]): boolean {
  const matcher = compileWildcard(resource);
  const account = resource.split(':')[3];
  const accounts = account !== undefined && !/[*?]/.test(account) && resource.split(':').length >= 5 ? [account] : ['\u0000', '\u0000'.repeat(16)];
  const names = ['\u0000', '\u0000'.repeat(64)];
  return accounts.every((a) => names.every((n) => matcher.test(`acs:ram::${a}:${type}/${n}`)));
}

/** The catalog actions a statement allows that can change permissions. */
function escalationActions(catalog: Catalog, s: Statement): CatalogAction[] {
  const changing = [...catalog.actions.values()].filter((a) => a.changesPermissions);
  if (s.actions) {
    const covered = new Set(s.actions.flatMap((pattern) => expandActionPattern(catalog, pattern).actions));
    return changing.filter((a) => covered.has(a));
  }
  const excluded = new Set((s.notActions ?? []).flatMap((pattern) => expandActionPattern(catalog, pattern).actions));
  return changing.filter((a) => !excluded.has(a));
}

export const escalationActionsOnBroadResources: LintRule = {
  id: 'escalation-actions-on-broad-resources',
  severity: 'security-warning',
  title: 'actions that can grant permissions, allowed on every user, role, group or policy',
  help: 'allow permission-changing actions only on the users, roles, groups and policies named in `Resource`, or not at all',
  kinds: ['identity', 'session'],
  check({ policy, raw, catalog, report }) {
    for (const s of policy.statements) {
      if (s.effect !== 'Allow' || !s.resources) continue;
      if (s.actions?.includes('*') && s.resources.includes('*') && s.conditions.length === 0) continue; // allow-star-on-star
      const broad = writtenItems(raw, s, 'Resource').find(([r]) => ENTITY_TYPES.some((t) => coversAllOf(r, t)));
      if (!broad) continue;
      const actions = escalationActions(catalog, s);
      if (actions.length === 0) continue;
      const names = actions.slice(0, 3).map((a) => `\`${a.fullName}\``);
      if (actions.length > 3) names.push(`${actions.length - 3} more`);
      const shown = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}`;
      report({ path: broad[1], message: `the statement allows ${shown}, which can grant permissions, on \`${broad[0]}\`` });
    }
  },
};
