/**
 * Issue 13 §1.4: a principal whose own group's Deny refuses it is described by that Deny, in the
 * answer (`restrictions`, layer `identity`, with the group) and in the graph both graph renderers
 * draw — never as "identity grants, control policy denies".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { accessGraphOf } from '../../src/audit/render/access-graph.js';
import { whoCan } from '../../src/audit/who-can.js';
import { parseSnapshot } from '../../src/snapshot/parse-snapshot.js';

const raw = (parse(readFileSync(join(import.meta.dirname, 'cases/identity-deny.yaml'), 'utf8')) as { snapshot: unknown }).snapshot;
const snapshot = parseSnapshot(stringify(raw)).snapshot!;

describe('a group Deny that refuses', () => {
  const answer = whoCan(snapshot, { action: 'cams:UpdateInstance', resource: 'acs:cams:cn-hangzhou:1111111111111111:instance/c-1' }).result!;
  const alice = answer.principals.find((p) => p.principal.ref === 'user/alice')!;

  it('is the first restriction, with the group and the statement', () => {
    const [first, ...rest] = alice.grants[0]!.restrictions;
    expect(first).toMatchObject({ layer: 'identity', group: 'locked', kind: 'deny', certainty: 'certain' });
    expect(first!.statements.map((s) => [s.policy.name, s.policy.attachmentPointer, s.pointer])).toEqual([['deny-update', '/groups/0/attachments/0', '/Statement/0']]);
    // The control policy that also denies on this prod instance is still reported, after it.
    expect(rest.map((r) => r.layer)).toEqual(['control']);
  });

  it('is its own node in the graph, named as an identity policy of the group', () => {
    const graph = accessGraphOf(answer);
    const labels = graph.nodes.filter((n) => n.kind === 'restriction').map((n) => n.label);
    expect(labels).toContain('identity policy deny-update of group locked');
    expect(labels.filter((l) => l.startsWith('control policy'))).toHaveLength(1);
  });

  it('on a principal that attaches the Deny itself, names the principal, not a group', () => {
    const bob = answer.principals.find((p) => p.principal.ref === 'user/bob')!;
    const [first] = bob.grants[0]!.restrictions;
    expect(first).toMatchObject({ layer: 'identity', kind: 'deny' });
    expect(first!.group).toBeUndefined();
    expect(first!.message).toBe('the identity policy `deny-update` attached to user `bob` denies it (statement 0)');
  });
});
