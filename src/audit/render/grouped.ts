/**
 * Grants of one principal that share their answer — action, decision, condition, paths and
 * restrictions — differ only in the resource. Every text format prints them once with the list of
 * resources: over an inventory of 1,000 instances a principal has a handful of groups, not 1,000
 * copies of the same paths.
 */
import type { AccessPath, AuditResult, ResourceGrant } from '../types.js';
import { describePath } from './rows.js';

/** Grants that differ only in their resource. */
export interface GrantGroup extends Omit<ResourceGrant, 'resource' | 'instance'> {
  /** The resource ARNs (or `*`), in the answer's order. */
  resources: string[];
  /** The inventory instances behind them, where there are any. */
  instances: NonNullable<ResourceGrant['instance']>[];
}

/** Groups grants by everything but the resource, keeping the first-seen order. */
export function groupGrants(grants: ResourceGrant[]): GrantGroup[] {
  const text = new Map<AccessPath[], string>();
  const pathsKey = (paths: AccessPath[]) => {
    let key = text.get(paths);
    if (key === undefined) text.set(paths, (key = paths.map(describePath).join('\u0001')));
    return key;
  };
  const groups = new Map<string, GrantGroup>();
  for (const g of grants) {
    const key = [g.action, g.decision, g.condition ?? '', pathsKey(g.paths), g.pathCount ?? '', g.pathCountAtLeast ? '+' : '', g.restrictions.map((r) => r.message).join('\u0001')].join('\u0000');
    const found = groups.get(key);
    if (found) {
      found.resources.push(g.resource);
      if (g.instance) found.instances.push(g.instance);
      continue;
    }
    const { resource, instance, ...rest } = g;
    groups.set(key, { ...rest, resources: [resource], instances: instance ? [instance] : [] });
  }
  return [...groups.values()];
}

/** `--format json`: the answer with each principal's grants grouped (see GrantGroup). */
export function renderJson(result: AuditResult): string {
  const grouped =
    result.kind === 'who-can'
      ? { ...result, principals: result.principals.map((p) => ({ ...p, grants: groupGrants(p.grants) })) }
      : { ...result, access: { ...result.access, grants: groupGrants(result.access.grants) } };
  return JSON.stringify(grouped, null, 2);
}
