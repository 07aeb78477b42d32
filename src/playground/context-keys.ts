/**
 * The context keys the playground offers to set, each with its type from the catalog and what the
 * request says of it now: the keys the request gives or declares absent, the keys the policies
 * test, the action's service keys and the catalog's common keys — each once, compared
 * case-insensitively as RAM compares them, spelled as the first of those sources spells it.
 */
import type { Catalog, ConditionKeyInfo } from '../catalog/types.js';
import { compileWildcard } from '../match/wildcard.js';
import type { PolicySet } from '../policy/policy-set.js';
import type { Scenario } from '../scenario/parse-scenario.js';

/** What the request says of a key: a value or several, absent, or nothing (unknown). */
export type KeyState = { mode: 'unknown' } | { mode: 'absent' } | { mode: 'values'; values: string[] };

/** One settable key. */
export interface ContextKeyRow {
  key: string;
  /** The catalog's type (`string`, `numeric`, `date`, `bool`, `ip`), or `string` when the catalog has none. */
  type: ConditionKeyInfo['type'];
  /** True when the type is the catalog's, false when it is assumed. */
  typed: boolean;
  description?: string;
  /** Why the key is offered: the policies test it, the request names it, the catalog lists it. */
  origins: ('request' | 'policy' | 'service' | 'common')[];
  state: KeyState;
}

function policyKeys(policies: PolicySet): string[] {
  const keys: string[] = [];
  const all = [...policies.control.flat(), ...(policies.session ? [policies.session] : []), ...policies.identity, ...policies.resourceGroup, ...policies.resource];
  for (const p of all) for (const s of p.document.statements) for (const c of s.conditions) keys.push(c.key);
  return keys;
}

/** The rows for a scenario's request and policies. */
export function contextKeyRows(scenario: Scenario, catalog: Catalog): ContextKeyRow[] {
  const rows = new Map<string, ContextKeyRow>();
  const common = catalog.conditionKeys.map((info) => ({ info, matcher: compileWildcard(info.name.toLowerCase()) }));
  const add = (key: string, origin: ContextKeyRow['origins'][number]) => {
    const lower = key.toLowerCase();
    const row = rows.get(lower);
    if (row) {
      if (!row.origins.includes(origin)) row.origins.push(origin);
      return;
    }
    const info = common.find((c) => c.matcher.test(lower))?.info;
    rows.set(lower, { key, type: info?.type ?? 'string', typed: info !== undefined, ...(info ? { description: info.description } : {}), origins: [origin], state: { mode: 'unknown' } });
  };
  const request = scenario.request;
  const context = request.context ?? {};
  for (const key of Object.keys(context)) add(key, 'request');
  for (const key of request.absent ?? []) add(key, 'request');
  for (const key of policyKeys(scenario.policies)) add(key, 'policy');
  const action = request.action;
  const colon = action?.indexOf(':') ?? -1;
  const service = action !== undefined && colon > 0 && catalog.services.has(action.slice(0, colon).toLowerCase()) ? catalog.services.get(action.slice(0, colon).toLowerCase()) : undefined;
  for (const key of service?.conditionKeys.keys ?? []) add(key, 'service');
  for (const info of catalog.conditionKeys) if (!/[*?]/.test(info.name)) add(info.name, 'common');
  // The request's state last: a key given under two spellings shows what RAM would see (all values).
  for (const [key, value] of Object.entries(context)) {
    const row = rows.get(key.toLowerCase())!;
    const values = Array.isArray(value) ? value : [value];
    row.state = row.state.mode === 'values' ? { mode: 'values', values: [...row.state.values, ...values] } : { mode: 'values', values: [...values] };
  }
  for (const key of request.absent ?? []) {
    const row = rows.get(key.toLowerCase())!;
    if (row.state.mode === 'unknown') row.state = { mode: 'absent' };
  }
  return [...rows.values()];
}
