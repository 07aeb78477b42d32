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
export function grantGroupsOf(access: Pick<PrincipalAccess, 'grants' | 'classGrants'>, lists?: JoinedLists): GrantGroup[] {
  return access.classGrants ? mergeGroups(access.classGrants, lists) : groupGrants(access.grants);
}

/**
 * The joined resource and instance lists of one rendering, one per sequence of joined lists: the
 * principals whose classes print alike join the same class lists, and share the result, so that
 * what a renderer keeps per list (the table's ranges, the JSON's resource sets, by identity) is
 * made once. In the README's demo the table made the ranges of 1,009 joined lists (48,063 names),
 * and the JSON wrote 1,009 resource sets (6.8 MB of JSON text) to find the distinct ones.
 */
export class JoinedLists {
  private readonly ids = new WeakMap<readonly unknown[], number>();
  private next = 0;
  private readonly joined = new Map<string, Pick<GrantGroup, 'resources' | 'instances'>>();

  /** The lists of `groups`, joined in their order (the same arrays for the same lists). */
  of(groups: readonly GrantGroup[]): Pick<GrantGroup, 'resources' | 'instances'> {
    const key = groups.map((g) => `${this.idOf(g.resources)}/${this.idOf(g.instances)}`).join(',');
    let found = this.joined.get(key);
    if (!found) this.joined.set(key, (found = { resources: groups.flatMap((g) => g.resources), instances: groups.flatMap((g) => g.instances) }));
    return found;
  }

  private idOf(list: readonly unknown[]): number {
    let id = this.ids.get(list);
    if (id === undefined) this.ids.set(list, (id = this.next++));
    return id;
  }
}

/** Joins groups that agree on everything but the resources; the lists of the first are never changed (they may be shared). */
function mergeGroups(groups: GrantGroup[], lists = new JoinedLists()): GrantGroup[] {
  const text = new Map<AccessPath[], string>();
  const pathsKey = (paths: AccessPath[]) => {
    let key = text.get(paths);
    if (key === undefined) text.set(paths, (key = paths.map(describePath).join('\u0001')));
    return key;
  };
  // The groups each joined group is made of, in order (the first gives everything but the lists).
  const merged = new Map<string, GrantGroup[]>();
  for (const g of groups) {
    const key = [g.action, g.decision, g.condition ?? '', pathsKey(g.paths), g.pathCount ?? '', g.pathCountAtLeast ? '+' : '', g.restrictions.map((r) => r.message).join('\u0001')].join('\u0000');
    const found = merged.get(key);
    if (found) found.push(g);
    else merged.set(key, [g]);
  }
  return [...merged.values()].map((parts) => (parts.length === 1 ? parts[0]! : { ...parts[0]!, ...lists.of(parts) }));
}
