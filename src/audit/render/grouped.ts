/**
 * Grants of one principal that share their answer — action, decision, condition, paths and
 * restrictions — differ only in the resource. Every text format prints them once with the list of
 * resources: over an inventory of 1,000 instances a principal has a handful of groups, not 1,000
 * copies of the same paths.
 */
import type { AccessPath, ClassGrant, PrincipalAccess, ResourceGrant } from '../types.js';
import { describePath } from './rows.js';

/** Grants that differ only in their resource (the shape of a grant per class). */
export type GrantGroup = ClassGrant;

/** Groups grants by everything but the resource, keeping the first-seen order. */
export function groupGrants(grants: ResourceGrant[]): GrantGroup[] {
  return mergeGroups(grants.map((g) => {
    const { resource, instance, ...rest } = g;
    return { ...rest, resources: [resource], instances: instance ? [instance] : [] };
  }));
}

/**
 * A principal's grants as groups, whichever way the answer stores them: per resource (`grants`,
 * grouped here) or per class (`classGrants`; classes that print the same are joined, so both give
 * the same groups).
 */
export function grantGroupsOf(access: Pick<PrincipalAccess, 'grants' | 'classGrants'>): GrantGroup[] {
  return access.classGrants ? mergeGroups(access.classGrants) : groupGrants(access.grants);
}

/** Joins groups that agree on everything but the resources; the lists of the first are never changed (they may be shared). */
function mergeGroups(groups: GrantGroup[]): GrantGroup[] {
  const text = new Map<AccessPath[], string>();
  const pathsKey = (paths: AccessPath[]) => {
    let key = text.get(paths);
    if (key === undefined) text.set(paths, (key = paths.map(describePath).join('\u0001')));
    return key;
  };
  // `own`: the lists are this function's copies, to push onto (a group's first lists may be shared).
  const merged = new Map<string, { group: GrantGroup; own: boolean }>();
  for (const g of groups) {
    const key = [g.action, g.decision, g.condition ?? '', pathsKey(g.paths), g.pathCount ?? '', g.pathCountAtLeast ? '+' : '', g.restrictions.map((r) => r.message).join('\u0001')].join('\u0000');
    const found = merged.get(key);
    if (!found) {
      merged.set(key, { group: g, own: false });
      continue;
    }
    if (!found.own) Object.assign(found, { group: { ...found.group, resources: [...found.group.resources], instances: [...found.group.instances] }, own: true });
    for (const r of g.resources) found.group.resources.push(r);
    for (const i of g.instances) found.group.instances.push(i);
  }
  return [...merged.values()].map((m) => m.group);
}
