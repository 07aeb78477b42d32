/**
 * policySetFor: the policy set of a snapshot's user or role — which policies, in which layer,
 * under which names, from which attachment — and the decisions those sets get
 * (test/cases/snapshot/principals.yaml).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { compilePolicySet, evaluate, parseSnapshot, policySetFor, roleArn, type AccountSnapshot, type AuthorizationRequest } from '../../src/index.js';
import { findOrigin, resourceFacts } from '../../src/entries/internals.js';

type Case = { name: string; principal: string; request: Omit<AuthorizationRequest, 'principal'>; expect: { decision: string; deciding: string[]; deniedBy?: string } };
const corpus = parse(readFileSync(new URL('../cases/snapshot/principals.yaml', import.meta.url), 'utf8')) as { snapshot: unknown; cases: Case[] };

function snapshotOf(value: unknown): AccountSnapshot {
  const { snapshot, diagnostics } = parseSnapshot(stringify(value), { file: 'principals.yaml' });
  expect(diagnostics).toEqual([]);
  return snapshot!;
}
const snapshot = snapshotOf(corpus.snapshot);
const setOf = (ref: string, resource?: string) => {
  const { result, diagnostics } = policySetFor(snapshot, ref, resource !== undefined ? { resource } : {});
  expect(diagnostics).toEqual([]);
  return result!;
};

describe('decisions of snapshot principals (test/cases/snapshot/principals.yaml)', () => {
  it.each(corpus.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    // Given the principal's policy set, with the trust policy of the role the request names
    const { principal, policies } = setOf(c.principal, c.request.resource);
    // When its request is evaluated
    const result = evaluate(compilePolicySet(policies), { ...c.request, principal });
    // Then the decision and the deciding statements are the expected ones
    expect(result.diagnostics).toEqual([]);
    expect(result.decision).toBe(c.expect.decision);
    expect(result.decidingStatements.map((s) => `${s.policy}#${s.statement}`).sort()).toEqual([...c.expect.deciding].sort());
    if (c.expect.deniedBy) expect(result.deniedBy).toBe(c.expect.deniedBy);
  });
});

describe('policySetFor', () => {
  it('a user: its own attachments, then each group’s, by scope; control levels Root first', () => {
    const { principal, policies } = setOf('user/bob');
    expect(principal).toEqual({ type: 'RamUser', arn: 'acs:ram::111122223333:user/bob' });
    expect(policies.control.map((level) => level.map((p) => p.name))).toEqual([['FullAliyunAccess (at Root)'], ['FullAliyunAccess (at Prod)', 'deny-ecs (at Prod)']]);
    expect(policies.identity.map((p) => p.name)).toEqual(['deny-delete (via group ops)', 'AliyunCamsReadOnlyAccess (via group ops)']);
    expect(policies.resourceGroup.map((p) => [p.name, p.resourceGroup])).toEqual([['update-instances (via group staging)', 'rg-staging']]);
    expect(policies.resource).toEqual([]);
    expect(policies.session).toBeUndefined();
  });

  it('only the default version of a custom policy is in the set', () => {
    const { policies } = setOf('user/alice');
    const admin = policies.identity.find((p) => p.name === 'cams-admin')!;
    const v2 = snapshot.policies.find((p) => p.name === 'cams-admin')!.versions.find((v) => v.id === 'v2')!;
    expect(admin.document).toBe(v2.document);
  });

  it('each policy has its origin: the path from the principal, the policy, its version, the attachment', () => {
    const { sources } = setOf('user/alice');
    expect(sources.filter((s) => s.layer === 'identity')).toEqual([
      { layer: 'identity', name: 'cams-admin', path: [{ kind: 'user', name: 'alice' }], policy: { name: 'cams-admin', type: 'Custom', version: 'v2' }, pointer: '/users/0/attachments/0' },
      { layer: 'identity', name: 'deny-delete (via group ops)', path: [{ kind: 'user', name: 'alice' }, { kind: 'group', name: 'ops' }], policy: { name: 'deny-delete', type: 'Custom', version: 'v1' }, pointer: '/groups/0/attachments/0' },
      { layer: 'identity', name: 'AliyunCamsReadOnlyAccess (via group ops)', path: [{ kind: 'user', name: 'alice' }, { kind: 'group', name: 'ops' }], policy: { name: 'AliyunCamsReadOnlyAccess', type: 'System' }, pointer: '/groups/0/attachments/1' },
    ]);
    expect(sources.find((s) => s.layer === 'control' && s.level === 1 && s.policy.name === 'deny-ecs')).toEqual({
      layer: 'control', name: 'deny-ecs (at Prod)', level: 1, path: [{ kind: 'directory-level', name: 'Prod' }], policy: { name: 'deny-ecs', type: 'Custom' }, pointer: '/resourceDirectory/path/1/controlPolicies/1',
    });
  });

  it('findOrigin maps a deciding statement back to its attachment', () => {
    const { principal, policies, sources } = setOf('user/bob');
    const result = evaluate(compilePolicySet(policies), { principal, action: 'cams:UpdateInstance', resource: 'acs:cams:ap-southeast-1:111122223333:instance/i-1', resourceGroup: 'rg-staging' });
    const identity = result.decidingStatements.filter((s) => s.layer !== 'control');
    expect(identity.map((s) => findOrigin(sources, s)?.path.map((h) => `${h.kind}/${h.name}`))).toEqual([['user/bob', 'group/staging']]);
  });

  it('a role: an assumed-role caller named by its role ARN, the name in lower case (A1, A2)', () => {
    const { principal, policies } = setOf('role/Deployer');
    expect(principal).toEqual({ type: 'AssumedRole', arn: 'acs:ram::111122223333:role/deployer' });
    expect(policies.identity.map((p) => p.name)).toEqual(['AliyunCamsFullAccess']);
    expect(roleArn(snapshot, { name: 'Deployer', arn: 'acs:ram::111122223333:role/Deployer' })).toBe('acs:ram::111122223333:role/Deployer');
  });

  it("with a role's ARN as the resource, that role's trust policy joins the set (names compare case-insensitively)", () => {
    const { policies, sources } = setOf('user/dave', 'acs:ram::111122223333:role/DEPLOYER');
    expect(policies.resource.map((p) => [p.name, p.document.kind])).toEqual([['Deployer', 'trust']]);
    expect(sources.at(-1)).toMatchObject({ layer: 'resource', policy: { name: 'Deployer', type: 'TrustPolicy' }, pointer: '/roles/0/trustPolicy' });
    expect(setOf('user/dave', 'acs:cams:ap-southeast-1:111122223333:instance/i-1').policies.resource).toEqual([]);
  });

  it("a system policy the snapshot carries wins over the catalog's of that name (A5)", () => {
    const own = snapshotOf({
      accountId: '1',
      systemPolicies: [{ name: 'AliyunCamsReadOnlyAccess', document: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'cams:Query*', Resource: '*' }] } }],
      users: [{ name: 'u', attachments: [{ policy: 'AliyunCamsReadOnlyAccess', type: 'System' }] }],
    });
    expect(policySetFor(own, 'user/u').result!.policies.identity[0]!.document.statements[0]!.actions).toEqual(['cams:Query*']);
    expect(setOf('user/alice').policies.identity[2]!.document.statements[0]!.actions).toEqual(['cams:Get*', 'cams:List*']);
  });

  it('an account in no Resource Directory has no control levels (A6)', () => {
    const alone = snapshotOf({ accountId: '1', users: [{ name: 'u' }] });
    expect(policySetFor(alone, 'user/u').result!.policies.control).toEqual([]);
  });

  it('refuses unknown principals with a did-you-mean, and groups and other forms', () => {
    const codes = (ref: string) => policySetFor(snapshot, ref).diagnostics.map((d) => [d.code, d.message, d.help]);
    expect(codes('user/alcie')).toEqual([['unknown-principal', 'the snapshot has no user `alcie`', 'did you mean `user/alice`?']]);
    expect(codes('role/deployer')).toEqual([['unknown-principal', 'the snapshot has no role `deployer`', 'did you mean `role/Deployer`?']]);
    expect(codes('group/ops')).toEqual([['invalid-principal', 'a group is not a principal: `group/ops` cannot make a request', "RAM applies a group's policies to its users; name one of them: `user/alice`, `user/bob`"]]);
    expect(codes('alice')[0]?.[0]).toBe('invalid-principal');
    expect(codes('user/zz')[0]?.[2]).toBe('its users are `alice`, `bob`, `carol`, `dave`, `erin`');
  });

  it('reports attachments a hand-built snapshot does not define, instead of dropping them', () => {
    const broken: AccountSnapshot = { ...snapshot, groups: [], users: [{ name: 'x', groups: ['ops'], attachments: [{ policy: 'nope', type: 'Custom' }] }] };
    expect(policySetFor(broken, 'user/x').diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['unknown-policy', '/users/0/attachments/0'],
      ['unknown-group', ''],
    ]);
  });
});

describe('resourceFacts: what the inventory says about a resource', () => {
  const inventory = snapshotOf({
    accountId: '1',
    policies: [{ name: 'p', defaultVersion: 'v1', versions: [{ id: 'v1', document: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'cams:*', Resource: '*', Condition: { StringEquals: { 'acs:ResourceTag/env': 'prod', 'acs:resourcetag/Team': 'a' } } }] } }] }],
    users: [{ name: 'u', attachments: [{ policy: 'p', type: 'Custom' }] }],
    resources: { camsInstances: [{ id: 'i-1', region: 'r1', resourceGroup: 'rg-1', tags: { env: 'prod' } }, { id: 'i-2', region: 'r1' }] },
  });
  const policies = policySetFor(inventory, 'user/u').result!.policies;

  it('gives a listed instance’s resource group and tags; tag keys the policies name that it lacks are absent (A4)', () => {
    expect(resourceFacts(inventory, 'acs:cams:r1:1:instance/i-1', policies)).toMatchObject({ resourceGroup: 'rg-1', context: { 'acs:ResourceTag/env': 'prod' }, absent: ['acs:resourcetag/Team'] });
  });
  it('leaves tags unknown when the inventory does not record them', () => {
    expect(resourceFacts(inventory, 'acs:cams:r1:1:instance/i-2', policies)).toMatchObject({ context: {}, absent: [] });
  });
  it('knows nothing of other regions, accounts or resources', () => {
    for (const arn of ['acs:cams:r2:1:instance/i-1', 'acs:cams:r1:2:instance/i-1', 'acs:ecs:r1:1:instance/i-1']) {
      expect(resourceFacts(inventory, arn, policies)).toEqual({ context: {}, absent: [] });
    }
  });
});
