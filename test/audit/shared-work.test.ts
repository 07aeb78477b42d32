/**
 * Work the audit shares between principals (issue 13 §2): role assumptions evaluated once per
 * `edgeKey` (src/audit/roles.ts), a user joining a group judged once per `joinKey`, routes walked
 * once per list and class (src/audit/action-audit.ts). Whatever tells two principals apart must
 * keep them apart, and the account audited at once must answer each principal as that principal
 * audited alone (where none of that sharing between principals happens).
 */
import { describe, expect, it } from 'vitest';
import { assumeEdge } from '../../src/audit/roles.js';
import { AuditSession } from '../../src/audit/session.js';
import { principalCan, whoCan } from '../../src/audit/who-can.js';
import { generateAccount } from '../../src/emulator/ram-api/generate-account.js';
import { parseSnapshot } from '../../src/snapshot/parse-snapshot.js';
import type { AccountSnapshot } from '../../src/snapshot/types.js';
import { escalationAccount } from './escalation-account.js';

const ACCOUNT = '5555555555555555';
const UPDATE = 'cams:UpdateInstance';
const arn = (name: string) => `acs:ram::${ACCOUNT}:user/${name}`;
const doc = (...statements: Record<string, unknown>[]) => ({ Version: '1', Statement: statements });
const custom = (name: string, ...statements: Record<string, unknown>[]) => ({ name, defaultVersion: 'v1', versions: [{ id: 'v1', document: doc(...statements) }] });
const attached = (...names: string[]) => names.map((policy) => ({ policy, type: 'Custom' }));
const root = { RAM: [`acs:ram::${ACCOUNT}:root`] };
const role = (name: string, trust: Record<string, unknown>[]) => ({ name, arn: `acs:ram::${ACCOUNT}:role/${name}`, trustPolicy: { document: doc(...trust) }, attachments: attached('update') });

/**
 * Pairs of users with the same policies, the first of each pair audited first: carol and dave may
 * assume any role, where one trust policy denies dave by name and one admits carol by a condition
 * on her ARN; alice and bob may add themselves to any group, where one group's policy allows the
 * action to bob's ARN only.
 */
const raw = {
  accountId: ACCOUNT,
  policies: [
    custom('update', { Effect: 'Allow', Action: UPDATE, Resource: '*' }),
    custom('assume', { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }),
    custom('joiner', { Effect: 'Allow', Action: 'ram:AddUserToGroup', Resource: '*' }),
    custom('only-bob', { Effect: 'Allow', Action: UPDATE, Resource: '*', Condition: { StringEquals: { 'acs:PrincipalARN': arn('bob') } } }),
  ],
  users: [
    { name: 'alice', groups: [], attachments: attached('joiner') },
    { name: 'bob', groups: [], attachments: attached('joiner') },
    { name: 'carol', groups: [], attachments: attached('assume') },
    { name: 'dave', groups: [], attachments: attached('assume') },
  ],
  groups: [{ name: 'g-bob', attachments: attached('only-bob') }],
  roles: [
    role('r-open', [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: root }]),
    role('r-not-dave', [
      { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: root },
      { Effect: 'Deny', Action: 'sts:AssumeRole', Principal: { RAM: [arn('dave')] } },
    ]),
    role('r-carol', [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: root, Condition: { StringEquals: { 'acs:PrincipalARN': arn('carol') } } }]),
  ],
  resources: { camsInstances: [{ id: 'ins-1', region: 'cn-hangzhou' }] },
};
const parsed = (account: unknown): AccountSnapshot => {
  const result = parseSnapshot(JSON.stringify(account));
  if (!result.snapshot) throw new Error(JSON.stringify(result.diagnostics));
  return result.snapshot;
};
const snapshot = parsed(raw);

describe('assumptions shared between principals', () => {
  it('a Deny naming one user and a condition on one user’s ARN keep two users with the same policies apart', () => {
    const { model } = new AuditSession(snapshot);
    const byName = new Map(model.principals.map((p) => [p.name, p]));
    const roles = (name: string) => model.edgesFrom(byName.get(name)!).map((e) => e.to.name);
    expect(roles('carol')).toEqual(['r-open', 'r-not-dave', 'r-carol']);
    expect(roles('dave')).toEqual(['r-open']);
  });

  it('the same assumption is evaluated once for both users, and each edge names its own attachment', () => {
    const session = new AuditSession(snapshot);
    const { model } = session;
    const [carol, dave] = model.principals.filter((p) => p.name === 'carol' || p.name === 'dave');
    const open = (p: typeof carol) => model.edgesFrom(p!).find((e) => e.to.name === 'r-open')!;
    const mine = open(carol);
    const theirs = open(dave);
    // The shared evaluations: per caller's sharing key, per role's part of the key.
    const keys = () => [...session.edgeEvaluations.values()].flatMap((byRole) => [...byRole.keys()]);
    expect(keys().filter((k) => k.includes(':role/r-open'))).toHaveLength(1);
    expect(mine.from.name).toBe('carol');
    expect(theirs.from.name).toBe('dave');
    expect(mine.step.identityStatements.map((s) => s.policy.attachmentPointer)).toEqual(['/users/2/attachments/0']);
    expect(theirs.step.identityStatements.map((s) => s.policy.attachmentPointer)).toEqual(['/users/3/attachments/0']);
    // A trust condition that reads the principal is never shared: no key at all.
    expect(keys().some((k) => k.includes(':role/r-carol'))).toBe(false);
  });

  it('an edge located when its step is first read gives the step an edge evaluated alone gives, and keeps it', () => {
    // Given the account's edges, their steps not read yet (src/audit/roles.ts, LocatedLater)
    const { model } = new AuditSession(snapshot);
    const edges = model.principals.flatMap((p) => model.edgesFrom(p));
    expect(edges.length).toBe(4); // carol: three roles; dave: r-open only (a Deny names him, r-carol reads her ARN)
    for (const edge of edges) {
      // When a step is read, and an edge of the same two principals is evaluated on its own set
      const alone = assumeEdge(model, edge.from, edge.to)!;
      // Then the steps are the same, and reading again gives the same object
      expect(JSON.stringify(edge.step), `${edge.from.ref} → ${edge.to.ref}`).toBe(JSON.stringify(alone.step));
      expect(edge.step).toBe(edge.step);
      expect(edge.residual).toEqual(alone.residual);
    }
  });

  it('who-can reports carol through all three roles and dave through one', () => {
    const answer = whoCan(snapshot, { action: UPDATE, allResources: true }).result!;
    const via = (name: string) => answer.principals.find((p) => p.principal.name === name)!.grants.flatMap((g) => g.paths.map((path) => path.steps.find((s) => s.kind === 'assume-role')));
    expect(via('carol').map((s) => s && 'role' in s && s.role.name)).toEqual(['r-open', 'r-not-dave', 'r-carol']);
    expect(via('dave').map((s) => s && 'role' in s && s.role.name)).toEqual(['r-open']);
  });
});

describe('users joining a group', () => {
  it('a group whose policy names one user gives only that user, whoever joins first', () => {
    const answer = whoCan(snapshot, { action: UPDATE, allResources: true }).result!;
    const joins = (name: string) =>
      answer.principals.find((p) => p.principal.name === name)?.escalations.flatMap((e) => e.chain.filter((s) => s.method === 'add-user-to-group').map((s) => s.target && 'name' in s.target && s.target.name)) ?? [];
    expect(joins('alice')).toEqual([]);
    expect(joins('bob')).toEqual(['g-bob']);
  });
});

describe('the account audited at once answers each principal as that principal audited alone', () => {
  const accounts: [string, AccountSnapshot][] = [
    ['pairs', snapshot],
    ['escalation account', parsed(escalationAccount())],
    ...[1, 2, 3].map((seed): [string, AccountSnapshot] => [`generated, seed ${seed}`, parsed(generateAccount({ users: 50, groups: 8, roles: 10, policies: 20, camsInstances: 8, seed }))]),
  ];
  for (const [name, account] of accounts) {
    it(name, () => {
      const whole = whoCan(account, { action: UPDATE, allResources: true, maxPaths: 0 }).result!;
      expect(whole.principals.length).toBeGreaterThan(0);
      for (const p of whole.principals) {
        const alone = principalCan(account, { principal: p.principal.ref, actionPattern: UPDATE, maxPaths: 0 }).result!.access;
        expect({ who: p.principal.ref, grants: alone.grants, escalations: alone.escalations }).toEqual({ who: p.principal.ref, grants: p.grants, escalations: p.escalations });
      }
    });
  }
});

describe('routes walked once per list and class', () => {
  // u may assume r (which has nothing) but not r2 (which has the action), and may attach two
  // policies to itself and to r: `mfa-update` (Conditional on MFA) and `update`. Attaching
  // `mfa-update` to itself leaves the roles as they are, and its walk of u's routes finds nothing
  // through r; attaching `update` to r changes r, and that walk must not be taken from the first.
  const policy = (name: string) => `acs:ram:*:${ACCOUNT}:policy/${name}`;
  const account = parsed({
    accountId: ACCOUNT,
    policies: [
      custom('mfa-update', { Effect: 'Allow', Action: UPDATE, Resource: '*', Condition: { Bool: { 'acs:MFAPresent': 'true' } } }),
      custom('update', { Effect: 'Allow', Action: UPDATE, Resource: '*' }),
      custom('assume-r', { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `acs:ram:*:${ACCOUNT}:role/r` }),
      custom('attacher', { Effect: 'Allow', Action: ['ram:AttachPolicyToUser', 'ram:AttachPolicyToRole'], Resource: [`acs:ram:*:${ACCOUNT}:user/u`, `acs:ram:*:${ACCOUNT}:role/r`, policy('mfa-update'), policy('update')] }),
    ],
    users: [{ name: 'u', groups: [], attachments: attached('assume-r', 'attacher') }],
    groups: [],
    roles: [
      { name: 'r', arn: `acs:ram::${ACCOUNT}:role/r`, trustPolicy: { document: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: root }) }, attachments: [] },
      { name: 'r2', arn: `acs:ram::${ACCOUNT}:role/r2`, trustPolicy: { document: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: root }) }, attachments: attached('update') },
    ],
    resources: { camsInstances: [{ id: 'ins-1', region: 'cn-hangzhou' }] },
  });

  it('a move that changes a role is judged on the changed role, after a move that left the roles alone', () => {
    const answer = whoCan(account, { action: UPDATE, allResources: true }).result!;
    const u = answer.principals.find((p) => p.principal.name === 'u')!;
    const methods = u.escalations.map((e) => e.chain.map((s) => s.method).join(' → '));
    expect(methods).toContain('attach-policy-to-user');
    expect(methods).toContain('attach-policy-to-role → assume-role');
  });
});

describe('the walk for a role that gives the action', () => {
  // Joining g lets u assume any role: r-mfa (first) gives the action on MFA only, r-full outright.
  const role = (name: string, policy: string) => ({ name, arn: `acs:ram::${ACCOUNT}:role/${name}`, trustPolicy: { document: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: root }) }, attachments: attached(policy) });
  const scoped = (name: string, id: string) => custom(name, { Effect: 'Allow', Action: UPDATE, Resource: `acs:cams:*:${ACCOUNT}:instance/${id}` });
  const account = (roles: ReturnType<typeof role>[], instances = ['ins-1']) =>
    parsed({
      accountId: ACCOUNT,
      policies: [
        custom('mfa-update', { Effect: 'Allow', Action: UPDATE, Resource: '*', Condition: { Bool: { 'acs:MFAPresent': 'true' } } }),
        custom('update', { Effect: 'Allow', Action: UPDATE, Resource: '*' }),
        custom('assume', { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }),
        custom('joiner', { Effect: 'Allow', Action: 'ram:AddUserToGroup', Resource: '*' }),
        scoped('update-1', 'ins-1'),
        scoped('update-2', 'ins-2'),
      ],
      users: [{ name: 'u', groups: [], attachments: attached('joiner') }],
      groups: [{ name: 'g', attachments: attached('assume') }],
      roles,
      resources: { camsInstances: instances.map((id) => ({ id, region: 'cn-hangzhou' })) },
    });
  const joinThenAssume = (snapshotOf: AccountSnapshot) => {
    const u = whoCan(snapshotOf, { action: UPDATE, allResources: true }).result!.principals.find((p) => p.principal.name === 'u')!;
    return u.escalations.map((e) => ({ roles: e.chain.flatMap((s) => (s.method === 'assume-role' && s.target && 'name' in s.target ? [s.target.name] : [])), decision: e.decision }));
  };

  it('goes past a role that gives it on a condition to one that gives it outright', () => {
    expect(joinThenAssume(account([role('r-mfa', 'mfa-update'), role('r-full', 'update')]))).toEqual([{ roles: ['r-full'], decision: 'Allow' }]);
  });

  it('finds, in one pass, each class its own role', () => {
    expect(joinThenAssume(account([role('r-1', 'update-1'), role('r-2', 'update-2')], ['ins-1', 'ins-2']))).toEqual([
      { roles: ['r-1'], decision: 'Allow' },
      { roles: ['r-2'], decision: 'Allow' },
    ]);
  });

  it('settles every class a route gives at once', () => {
    expect(joinThenAssume(account([role('r-full', 'update'), role('r-2', 'update-2')], ['ins-1', 'ins-2']))).toEqual([{ roles: ['r-full'], decision: 'Allow' }]);
  });

  it('where no role can give it outright, takes the first that gives it at all', () => {
    expect(joinThenAssume(account([role('r-mfa', 'mfa-update'), role('r-mfa-2', 'mfa-update')]))).toEqual([{ roles: ['r-mfa'], decision: 'Conditional' }]);
  });
});
