import { describe, expect, it } from 'vitest';
import { JoinedLists, grantGroupsOf, type GrantGroup } from '../../src/audit/render/grouped.js';
import type { ClassGrant } from '../../src/audit/types.js';

const grant = (resources: string[], decision: ClassGrant['decision'] = 'Allow'): ClassGrant => ({ action: 'cams:UpdateInstance', decision, paths: [], restrictions: [], resources, instances: resources.map((r) => ({ id: r.slice(-1), arn: r }) as unknown as ClassGrant['instances'][number]) });

describe('JoinedLists (the renderers share joined resource lists, issue 13)', () => {
  it('joins the lists in order, and gives the same arrays for the same lists', () => {
    const a = grant(['acs:cams:::instance/a']);
    const b = grant(['acs:cams:::instance/b', 'acs:cams:::instance/c']);
    const lists = new JoinedLists();
    const ab = lists.of([a, b]);
    expect(ab.resources).toEqual(['acs:cams:::instance/a', 'acs:cams:::instance/b', 'acs:cams:::instance/c']);
    expect(ab.instances.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    // Other grant objects holding the same lists: the same joined arrays.
    const again = lists.of([{ ...a }, { ...b }]);
    expect(again.resources).toBe(ab.resources);
    expect(again.instances).toBe(ab.instances);
    // Another order, or lists equal in content but other arrays: other joined lists.
    expect(lists.of([b, a]).resources).not.toBe(ab.resources);
    expect(lists.of([b, a]).resources).toEqual(['acs:cams:::instance/b', 'acs:cams:::instance/c', 'acs:cams:::instance/a']);
    expect(lists.of([grant([...a.resources]), b]).resources).not.toBe(ab.resources);
    // The lists joined are never changed.
    expect(a.resources).toEqual(['acs:cams:::instance/a']);
  });

  it('two principals whose classes print alike get the same joined lists from grantGroupsOf', () => {
    const x = grant(['acs:cams:::instance/x']);
    const y = grant(['acs:cams:::instance/y']);
    const lists = new JoinedLists();
    const first = grantGroupsOf({ grants: [], classGrants: [x, y] }, lists);
    const second = grantGroupsOf({ grants: [], classGrants: [{ ...x }, { ...y }] }, lists);
    expect(first).toHaveLength(1);
    expect(first[0]!.resources).toEqual(['acs:cams:::instance/x', 'acs:cams:::instance/y']);
    expect(second[0]!.resources).toBe(first[0]!.resources);
    // Without a shared JoinedLists, equal content in arrays of its own.
    const alone: GrantGroup[] = grantGroupsOf({ grants: [], classGrants: [{ ...x }, { ...y }] });
    expect(alone[0]!.resources).toEqual(first[0]!.resources);
    expect(alone[0]!.resources).not.toBe(first[0]!.resources);
    // Groups that differ (another decision) are not joined.
    expect(grantGroupsOf({ grants: [], classGrants: [x, grant(['acs:cams:::instance/z'], 'Conditional')] }, lists)).toHaveLength(2);
  });
});
