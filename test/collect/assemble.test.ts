/**
 * What collect does when parts of the account cannot be read: each failure becomes a gap that
 * says what is missing and where, the rest is collected, and the snapshot still parses. A caller
 * answers from the emulator's pure handlers, without the network, with failures injected.
 */
import { describe, expect, it } from 'vitest';
import type { CallOutcome } from '../../src/client/transport.js';
import type { Caller, CallRequest } from '../../src/collect/calls.js';
import { collectAccount } from '../../src/collect/collect.js';
import { documentOf, principalOf } from '../../src/collect/read-account.js';
import { indexAccount } from '../../src/emulator/ram-api/account-index.js';
import { EXTRA_SYSTEM_POLICY, generateAccount } from '../../src/emulator/ram-api/generate-account.js';
import { answerRam } from '../../src/emulator/ram-api/ram-actions.js';
import { answerCamsList, answerResourceManager } from '../../src/emulator/ram-api/resource-manager-actions.js';
import { parseSnapshot } from '../../src/snapshot/parse-snapshot.js';

const account = generateAccount({ users: 120, groups: 40, roles: 10, policies: 15, seed: 3 });
const denied = (code = 'Forbidden.RAM'): CallOutcome => ({ ok: false, failure: { kind: 'http', code, message: 'injected', statusCode: 403, retryable: false }, attempts: 1 });

/** A caller answering from the pure handlers; `fail` picks the requests that fail; `edit` rewrites a body. */
function offline(options: { fail?: (r: CallRequest) => boolean; edit?: (r: CallRequest, body: Record<string, unknown>) => Record<string, unknown> } = {}): Caller & { requests: CallRequest[] } {
  const index = indexAccount(account);
  const requests: CallRequest[] = [];
  return Object.assign(async (r: CallRequest): Promise<CallOutcome> => {
    requests.push(r);
    if (options.fail?.(r)) return denied();
    const result = r.api === 'ram' ? answerRam(index, r.action, r.parameters, { pageCap: 25 }) : r.api === 'resourcemanager' ? answerResourceManager(index, r.action, r.parameters) : answerCamsList(index, 'ap-southeast-1', r.parameters);
    if ('error' in result) return { ok: false, failure: { kind: 'http', code: result.error.code, message: result.error.message, statusCode: result.error.status, retryable: false }, attempts: 1 };
    return { ok: true, body: options.edit ? options.edit(r, result.body) : result.body, statusCode: 200, attempts: 1 };
  }, { requests });
}
const run = (caller: Caller) => collectAccount(caller, { collectedAt: '2026-11-28T12:00:00Z', tool: 't' });
const parses = (snapshot: unknown) => expect(parseSnapshot(JSON.stringify(snapshot)).diagnostics).toEqual([]);

describe('when a call fails, the gap says what is missing and the rest is collected', () => {
  it('a role whose GetRole fails is left out (its trust policy is unknown), with a gap at /roles', async () => {
    const role = account.roles![4]!.name;
    const { snapshot, gaps } = await run(offline({ fail: (r) => r.action === 'GetRole' && r.parameters['RoleName'] === role }));
    expect(snapshot!.roles!.map((r) => r.name)).toEqual(account.roles!.map((r) => r.name).filter((n) => n !== role));
    expect(gaps).toEqual([expect.objectContaining({ action: 'GetRole', parameters: { RoleName: role }, code: 'Forbidden.RAM', path: '/roles', missing: `role \`${role}\` (its trust policy could not be read, so the role is left out)` })]);
    parses(snapshot);
  });

  it('a policy whose versions cannot be listed keeps the version in force, read with GetPolicy', async () => {
    const policy = account.policies!.find((p) => p.versions.length > 2)!;
    const { snapshot, gaps } = await run(offline({ fail: (r) => r.action === 'ListPolicyVersions' && r.parameters['PolicyName'] === policy.name }));
    const read = snapshot!.policies!.find((p) => p.name === policy.name)!;
    expect(read).toEqual({ ...policy, versions: policy.versions.filter((v) => v.id === policy.defaultVersion) });
    expect(gaps).toEqual([expect.objectContaining({ action: 'ListPolicyVersions', missing: `the versions of policy \`${policy.name}\` other than \`${policy.defaultVersion}\`, the one in force (read with GetPolicy)` })]);
    parses(snapshot);
  });

  it('a policy that cannot be read at all is left out with every attachment of it, which the gap names', async () => {
    const policy = account.policies!.find((p) => account.users!.some((u) => u.attachments!.some((a) => a.policy === p.name)))!;
    const { snapshot, gaps } = await run(offline({ fail: (r) => (r.action === 'ListPolicyVersions' || r.action === 'GetPolicy') && r.parameters['PolicyName'] === policy.name }));
    expect(snapshot!.policies!.map((p) => p.name)).not.toContain(policy.name);
    expect(snapshot!.users!.flatMap((u) => u.attachments!).some((a) => a.policy === policy.name)).toBe(false);
    expect(gaps.map((g) => g.missing)).toEqual([`policy \`${policy.name}\` (left out, with its attachments)`]);
    parses(snapshot);
  });

  it('a system policy the catalog lacks whose document cannot be read: its attachments are left out, gap at /systemPolicies', async () => {
    const { snapshot, gaps } = await run(offline({ fail: (r) => r.action === 'GetPolicy' && r.parameters['PolicyType'] === 'System' }));
    expect(snapshot!.systemPolicies).toEqual([]);
    expect([...snapshot!.users!, ...snapshot!.groups!, ...snapshot!.roles!].flatMap((h) => h.attachments!).some((a) => a.policy === EXTRA_SYSTEM_POLICY.name)).toBe(false);
    expect(gaps).toEqual([expect.objectContaining({ action: 'GetPolicy', path: '/systemPolicies' })]);
    parses(snapshot);
  });

  it('without ListResourceGroups, the account id comes from the role ARNs and resource groups are left unlisted', async () => {
    const { snapshot, gaps } = await run(offline({ fail: (r) => r.action === 'ListResourceGroups' }));
    expect(snapshot!.accountId).toBe(account.accountId);
    expect(snapshot!.resourceGroups).toBeUndefined();
    expect(gaps).toEqual([expect.objectContaining({ service: 'resourcemanager', action: 'ListResourceGroups', path: '/resourceGroups' })]);
    parses(snapshot);
  });

  it('a list that stops at a failing page keeps the pages before it; memberships of groups not listed become gaps', async () => {
    const { snapshot, gaps } = await run(offline({ fail: (r) => r.action === 'ListGroups' && r.parameters['Marker'] !== undefined }));
    // 40 groups, 25 per page: the second page fails.
    expect(snapshot!.groups!.map((g) => g.name)).toEqual(account.groups!.slice(0, 25).map((g) => g.name));
    const [list, ...consequences] = gaps;
    expect(list).toMatchObject({ action: 'ListGroups', path: '/groups', missing: 'the groups after those listed (the list stopped at this page)' });
    const unlisted = account.groups!.slice(25).map((g) => g.name);
    const memberships = consequences.filter((g) => g.code === 'unknown-group');
    expect(memberships.map((g) => /group `([^`]+)`/.exec(g.message)![1]).sort()).toEqual(unlisted.filter((n) => account.users!.some((u) => u.groups!.includes(n))).sort());
    expect(consequences.filter((g) => g.code !== 'unknown-group').map((g) => g.code)).toEqual(account.groups!.slice(25).some((g) => g.attachments!.some((a) => a.resourceGroup)) ? ['unknown-principal'] : []);
    parses(snapshot);
  });

  it('a resource group an attachment names but ListResourceGroups does not list is added by id', async () => {
    const missing = account.resourceGroups!.find((g) => account.users!.some((u) => u.attachments!.some((a) => a.resourceGroup === g.id)))!;
    const caller = offline({ edit: (r, body) => (r.action === 'ListResourceGroups' ? JSON.parse(JSON.stringify(body).replace(`"DisplayName":"${missing.name}"`, '"DisplayName":""').replace(`"Id":"${missing.id}"`, '"Id":""')) : body) });
    const { snapshot, gaps } = await run(caller);
    expect(gaps).toEqual([]);
    expect(snapshot!.resourceGroups!.find((g) => g.id === missing.id)).toEqual({ id: missing.id });
    parses(snapshot);
  });

  it('a version listed without its document is read with GetPolicyVersion', async () => {
    const caller = offline({ edit: (r, body) => (r.action === 'ListPolicyVersions' ? JSON.parse(JSON.stringify(body).replace(/"PolicyDocument":"(?:[^"\\]|\\.)*",?/g, '')) : body) });
    const { snapshot, gaps } = await run(caller);
    expect(gaps).toEqual([]);
    expect(snapshot!.policies).toEqual(account.policies);
    expect(caller.requests.filter((r) => r.action === 'GetPolicyVersion')).toHaveLength(account.policies!.reduce((n, p) => n + p.versions.length, 0));
  });

  it('when nothing can be read there is no snapshot, only gaps', async () => {
    const { snapshot, gaps } = await run(offline({ fail: () => true }));
    expect(snapshot).toBeUndefined();
    expect(gaps.map((g) => g.action).sort()).toEqual(['ListGroups', 'ListPolicies', 'ListPolicyAttachments', 'ListResourceGroups', 'ListRoles', 'ListUsers']);
  });
});

describe('reading what RAM and Resource Manager return', () => {
  it('a PolicyDocument is a JSON string (the reference) or already an object; anything else is unreadable', () => {
    expect(documentOf('{"Version":"1"}')).toEqual({ Version: '1' });
    expect(documentOf({ Version: '1' })).toEqual({ Version: '1' });
    expect(documentOf('{not json')).toBeUndefined();
    expect(documentOf(42)).toBeUndefined();
  });
  it('a PrincipalName is the principal name before `@`, for users, groups and roles', () => {
    expect(principalOf('alice@demo.onaliyun.com')).toBe('alice');
    expect(principalOf('ops@group.demo.onaliyun.com')).toBe('ops');
    expect(principalOf('deployer@role.demo.onaliyunservice.com')).toBe('deployer');
  });
});
