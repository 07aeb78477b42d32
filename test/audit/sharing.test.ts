/**
 * Principals whose sets match the action alike share one evaluation per resource class
 * (src/audit/sharing.ts); what tells them apart must keep them apart, and each keeps its own paths.
 */
import { describe, expect, it } from 'vitest';
import { ActionAudit } from '../../src/audit/action-audit.js';
import { allInstances } from '../../src/audit/resources.js';
import { AuditSession } from '../../src/audit/session.js';
import { sharingKey } from '../../src/audit/sharing.js';
import { whoCan } from '../../src/audit/who-can.js';
import { parseSnapshot } from '../../src/snapshot/parse-snapshot.js';

const ACCOUNT = '1234567890123456';
const doc = (statement: Record<string, unknown>) => ({ Version: '1', Statement: [statement] });
const custom = (name: string, statement: Record<string, unknown>) => ({ name, defaultVersion: 'v1', versions: [{ id: 'v1', document: doc(statement) }] });
const raw = {
  accountId: ACCOUNT,
  policies: [
    custom('only-alice', { Effect: 'Allow', Action: 'cams:UpdateInstance', Resource: '*', Condition: { StringEquals: { 'acs:PrincipalARN': `acs:ram::${ACCOUNT}:user/alice` } } }),
    custom('update', { Effect: 'Allow', Action: 'cams:UpdateInstance', Resource: '*' }),
    custom('unrelated', { Effect: 'Allow', Action: 'oss:GetObject', Resource: '*' }),
  ],
  users: [
    { name: 'alice', groups: [], attachments: [{ policy: 'only-alice', type: 'Custom' }] },
    { name: 'bob', groups: [], attachments: [{ policy: 'only-alice', type: 'Custom' }] },
    { name: 'carol', groups: [], attachments: [{ policy: 'update', type: 'Custom' }] },
    { name: 'dave', groups: [], attachments: [{ policy: 'unrelated', type: 'Custom' }, { policy: 'update', type: 'Custom' }] },
  ],
  groups: [],
  roles: [],
  resources: { camsInstances: [{ id: 'ins-1', region: 'cn-hangzhou' }, { id: 'ins-2', region: 'cn-hangzhou' }] },
};
const snapshot = parseSnapshot(JSON.stringify(raw)).snapshot!;

describe('shared evaluations', () => {
  it('an acs:PrincipalARN condition keeps two principals with the same policies apart', () => {
    const answer = whoCan(snapshot, { action: 'cams:UpdateInstance', allResources: true }).result!;
    const decisions = Object.fromEntries(answer.principals.map((p) => [p.principal.name, p.decision]));
    expect(decisions.alice).toBe('Allow');
    expect(decisions.bob).toBeUndefined();
    const session = new AuditSession(snapshot);
    const [alice, bob] = session.model.principals;
    expect(sharingKey(session, session.model.entry(alice!), 'cams:UpdateInstance')).not.toBe(sharingKey(session, session.model.entry(bob!), 'cams:UpdateInstance'));
  });

  it('sets that differ only in policies that cannot match the action share, and each principal keeps its own path', () => {
    const session = new AuditSession(snapshot);
    const { model } = session;
    const carol = model.principals[2]!;
    const dave = model.principals[3]!;
    expect(sharingKey(session, model.entry(carol), 'cams:UpdateInstance')).toBe(sharingKey(session, model.entry(dave), 'cams:UpdateInstance'));
    const audit = new ActionAudit(model, 'cams:UpdateInstance', allInstances(snapshot));
    const [carolPath] = audit.own(carol)[0]!.paths;
    const [davePath] = audit.own(dave)[0]!.paths;
    expect(carolPath!.steps[0]).toMatchObject({ kind: 'principal', principal: { name: 'carol' } });
    expect(davePath!.steps[0]).toMatchObject({ kind: 'principal', principal: { name: 'dave' } });
    const policyOf = (path: typeof carolPath) => path!.steps.find((s) => s.kind === 'policy') as { policy: { attachmentPointer?: string } };
    expect(policyOf(carolPath).policy.attachmentPointer).toBe('/users/2/attachments/0');
    // dave's `update` is his second attachment: the pointer is his own, not carol's.
    expect(policyOf(davePath).policy.attachmentPointer).toBe('/users/3/attachments/1');
  });
});
