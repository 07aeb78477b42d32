/**
 * security-warning: an Allow of actions that can grant permissions (catalog `changesPermissions`:
 * attach a policy, create an access key, edit a policy version, ...) on every resource or on every
 * user, role, group or policy of an account: whoever holds it can give themselves more.
 * Conditions do not silence it (a condition limits when, not what). An Allow `*` on `*` with no
 * condition is left to allow-star-on-star.
 */
import { expandActionPattern } from '../../catalog/query.js';
import { LazyActionMap } from '../../catalog/lazy.js';
import type { Catalog, CatalogAction } from '../../catalog/types.js';
import { compileWildcard, hasWildcard } from '../../match/wildcard.js';
import type { Statement } from '../../policy/types.js';
import type { LintRule } from '../types.js';
import { writtenItems } from '../written.js';

const ENTITY_TYPES = ['user', 'role', 'group', 'policy'] as const;
const PROBE_START = 'acs:ram::';

/**
 * True when the resource pattern covers every entity of a RAM type in some account
 * (`*`, `acs:ram:*:*:*`, `acs:ram::123:user/*`, `acs:*`): it matches probe ARNs of that type with
 * names of 1 and 64 characters that no literal pattern can spell, only a wildcard.
 */
export function coversAllOf(resource: string, type: (typeof ENTITY_TYPES)[number]): boolean {
  // Every probe starts with `acs:ram::` and holds a name no literal spells: a pattern that
  // cannot start so, or has no wildcard, matches none (most resources: no matcher to make).
  if (!hasWildcard(resource)) return false;
  const lead = resource.slice(0, resource.search(/[*?]/));
  if (!(PROBE_START.startsWith(lead) || lead.startsWith(PROBE_START))) return false;
  const matcher = compileWildcard(resource);
  const account = resource.split(':')[3];
  const accounts = account !== undefined && !/[*?]/.test(account) && resource.split(':').length >= 5 ? [account] : ['\u0000', '\u0000'.repeat(16)];
  const names = ['\u0000', '\u0000'.repeat(64)];
  return accounts.every((a) => names.every((n) => matcher.test(`acs:ram::${a}:${type}/${n}`)));
}

/** The catalog actions a statement allows that can change permissions, in catalog order. */
function escalationActions(catalog: Catalog, s: Statement): CatalogAction[] {
  if (s.actions) {
    const covered = new Set(s.actions.flatMap((pattern) => expandActionPattern(catalog, pattern).actions));
    return inCatalogOrder(catalog, [...covered].filter((a) => a.changesPermissions));
  }
  const changing = [...catalog.actions.values()].filter((a) => a.changesPermissions);
  const excluded = new Set((s.notActions ?? []).flatMap((pattern) => expandActionPattern(catalog, pattern).actions));
  return changing.filter((a) => !excluded.has(a));
}

/**
 * `actions` in the order a walk of `catalog.actions` gives them, without the walk when the catalog
 * builds its services on demand: the walk builds every service (22 files read and indexed, the
 * most of a one-file lint's start-up), while the statement's patterns built only the ones they
 * name. The lazy catalog's walk goes service by service, each in its own order, and holds one
 * action per lower-cased name (an action another one of the same name hides is not in it).
 */
function inCatalogOrder(catalog: Catalog, actions: CatalogAction[]): CatalogAction[] {
  if (actions.length === 0) return actions;
  if (!(catalog.actions instanceof LazyActionMap)) {
    const wanted = new Set(actions);
    return [...catalog.actions.values()].filter((a) => wanted.has(a));
  }
  const serviceOrder = new Map([...catalog.services.keys()].map((code, i) => [code, i]));
  // A later action of the same lower-cased name takes the first one's place in the walk.
  const place = (a: CatalogAction) => {
    const name = a.fullName.toLowerCase();
    return [serviceOrder.get(a.service) ?? Infinity, catalog.services.get(a.service)?.actions.findIndex((b) => b.fullName.toLowerCase() === name) ?? -1] as const;
  };
  return actions
    .filter((a) => catalog.actions.get(a.fullName.toLowerCase()) === a)
    .map((a) => ({ a, at: place(a) }))
    .sort((x, y) => x.at[0] - y.at[0] || x.at[1] - y.at[1])
    .map(({ a }) => a);
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
