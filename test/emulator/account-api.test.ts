/**
 * The account emulator's answers through Alibaba's real SDK: the response shapes of the RAM,
 * Resource Manager and CAMS API references (docs/collect.md lists what was checked), their
 * paging limits, and their errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccountEmulator, type RunningAccountEmulator } from '../../src/emulator/ram-api/server.js';
import { generateAccount } from '../../src/emulator/ram-api/generate-account.js';
import { sdkCall } from './sdk.js';

const account = generateAccount({ users: 250, groups: 10, roles: 6, policies: 8, seed: 11 });
const KEY = { accessKeyId: 'LTAI5tAccountEmulator', accessKeySecret: 'acct-emulator-secret-9' };
const RAM = '2015-05-01';
const RM = '2020-03-31';
let emulator: RunningAccountEmulator;
const victim = account.users![3]!.name;

beforeAll(async () => {
  emulator = await startAccountEmulator({ account, accessKeys: [{ id: KEY.accessKeyId, secret: KEY.accessKeySecret }], faults: [{ kind: 'forbidden', action: 'ListGroupsForUser', parameters: { UserName: victim } }] });
});
afterAll(() => emulator.close());
const ram = (action: string, params: Record<string, string> = {}) => sdkCall(emulator.url, action, params, KEY, RAM);
const rm = (action: string, params: Record<string, string> = {}) => sdkCall(emulator.url, action, params, KEY, RM);

describe('RAM 2015-05-01', () => {
  it('ListUsers pages by Marker: 100 by default, IsTruncated and a Marker while more remain', async () => {
    const first = await ram('ListUsers');
    expect(first.status).toBe(200);
    expect(first.body.Users.User).toHaveLength(100);
    expect(first.body.Users.User[0]).toEqual({ UserId: expect.stringMatching(/^\d+$/), UserName: account.users![0]!.name, DisplayName: account.users![0]!.displayName, CreateDate: expect.any(String), UpdateDate: expect.any(String) });
    expect(first.body).toMatchObject({ IsTruncated: true, Marker: expect.any(String), RequestId: expect.any(String) });
    const last = await ram('ListUsers', { Marker: first.body.Marker, MaxItems: '1000' });
    expect(last.body.Users.User).toHaveLength(150);
    expect(last.body.IsTruncated).toBe(false);
    expect(last.body.Marker).toBeUndefined();
  });

  it.each([['0'], ['1001'], ['ten']])('refuses MaxItems %s (1 to 1000)', async (maxItems) => {
    const r = await ram('ListUsers', { MaxItems: maxItems });
    expect(r.status).toBe(400);
    expect(r.body.Code).toBe('InvalidParameter');
  });

  it('refuses a Marker another list issued', async () => {
    const groups = await ram('ListGroups', { MaxItems: '2' });
    const r = await ram('ListUsers', { Marker: groups.body.Marker });
    expect(r.status).toBe(400);
    expect(r.body.Message).toContain('was not issued by this list');
  });

  it('GetRole gives the trust policy as a JSON string; ListRoles gives ARN and MaxSessionDuration', async () => {
    const role = account.roles![0]!;
    const r = await ram('GetRole', { RoleName: role.name });
    expect(typeof r.body.Role.AssumeRolePolicyDocument).toBe('string');
    expect(JSON.parse(r.body.Role.AssumeRolePolicyDocument)).toEqual(role.trustPolicy.document);
    expect(r.body.Role).toMatchObject({ RoleName: role.name, Arn: role.arn, MaxSessionDuration: role.maxSessionDuration });
    for (const other of account.roles!) expect((await ram('GetRole', { RoleName: other.name })).body.Role.IsServiceLinkedRole).toBe(other.serviceLinked === true);
    const list = await ram('ListRoles');
    expect(list.body.Roles.Role.map((x: { Arn: string }) => x.Arn)).toEqual(account.roles!.map((x) => x.arn));
  });

  it('ListPolicyVersions gives every version with its document as a string; GetPolicyVersion one; an unknown one is 404', async () => {
    const policy = account.policies!.find((p) => p.versions.length > 1)!;
    const list = await ram('ListPolicyVersions', { PolicyType: 'Custom', PolicyName: policy.name });
    const versions = list.body.PolicyVersions.PolicyVersion;
    expect(versions.map((v: { VersionId: string }) => v.VersionId)).toEqual(policy.versions.map((v) => v.id));
    expect(versions.filter((v: { IsDefaultVersion: boolean }) => v.IsDefaultVersion).map((v: { VersionId: string }) => v.VersionId)).toEqual([policy.defaultVersion]);
    expect(JSON.parse(versions[0].PolicyDocument)).toEqual(policy.versions[0]!.document);
    const one = await ram('GetPolicyVersion', { PolicyType: 'Custom', PolicyName: policy.name, VersionId: policy.versions[1]!.id });
    expect(JSON.parse(one.body.PolicyVersion.PolicyDocument)).toEqual(policy.versions[1]!.document);
    const missing = await ram('GetPolicyVersion', { PolicyType: 'Custom', PolicyName: policy.name, VersionId: 'v99' });
    expect(missing).toMatchObject({ status: 404, body: { Code: 'EntityNotExist.Policy.Version' } });
  });

  it('ListPoliciesForUser lists account-scope attachments only; unknown users are 404, a missing name 400', async () => {
    const user = account.users!.find((u) => u.attachments!.some((a) => a.resourceGroup) && u.attachments!.some((a) => !a.resourceGroup))!;
    const r = await ram('ListPoliciesForUser', { UserName: user.name });
    expect(r.body.Policies.Policy.map((p: { PolicyName: string }) => p.PolicyName)).toEqual(user.attachments!.filter((a) => !a.resourceGroup).map((a) => a.policy));
    expect(r.body.Policies.Policy[0]).toEqual({ PolicyName: expect.any(String), PolicyType: expect.stringMatching(/^(Custom|System)$/), Description: expect.any(String), DefaultVersion: expect.any(String), AttachDate: expect.any(String) });
    expect(await ram('ListPoliciesForUser', { UserName: 'nobody' })).toMatchObject({ status: 404, body: { Code: 'EntityNotExist.User' } });
    expect(await ram('ListPoliciesForUser')).toMatchObject({ status: 400, body: { Code: 'MissingUserName' } });
  });

  it('an injected forbidden fault answers 403 Forbidden.RAM with AccessDeniedDetail, for that user only', async () => {
    const r = await ram('ListGroupsForUser', { UserName: victim });
    expect(r).toMatchObject({ status: 403, body: { Code: 'Forbidden.RAM', AccessDeniedDetail: { AuthAction: 'ram:ListGroupsForUser' } } });
    const other = await ram('ListGroupsForUser', { UserName: account.users![4]!.name });
    expect(other.body.Groups.Group.map((g: { GroupName: string }) => g.GroupName)).toEqual(account.users![4]!.groups);
  });

  it('answers only the reads it emulates, and only to a correct signature', async () => {
    expect(await ram('CreateUser', { UserName: 'x' })).toMatchObject({ status: 404, body: { Code: 'InvalidAction.NotFound' } });
    expect(await sdkCall(emulator.url, 'ListUsers', {}, KEY, '2019-08-15')).toMatchObject({ status: 400, body: { Code: 'InvalidVersion' } });
    expect(await sdkCall(emulator.url, 'ListUsers', {}, { ...KEY, accessKeySecret: 'wrong' }, RAM)).toMatchObject({ status: 400, body: { Code: 'SignatureDoesNotMatch' } });
    expect(JSON.stringify(emulator.requests())).not.toContain(KEY.accessKeySecret);
  });
});

describe('Resource Manager 2020-03-31 and CAMS ListInstance', () => {
  it('ListPolicyAttachments pages by number (10 by default), names principals as RAM domains, and gives the account id for account scope', async () => {
    const first = await rm('ListPolicyAttachments');
    expect(first.body).toMatchObject({ PageNumber: 1, PageSize: 10, TotalCount: expect.any(Number) });
    expect(first.body.PolicyAttachments.PolicyAttachment).toHaveLength(10);
    const all = await rm('ListPolicyAttachments', { PageSize: '100', PageNumber: '1' });
    const records: { PrincipalType: string; PrincipalName: string; ResourceGroupId: string }[] = [];
    for (let n = 1; n <= Math.ceil(all.body.TotalCount / 100); n++) records.push(...(await rm('ListPolicyAttachments', { PageSize: '100', PageNumber: String(n) })).body.PolicyAttachments.PolicyAttachment);
    const id = account.accountId;
    expect(records.find((r) => r.PrincipalType === 'IMSUser')!.PrincipalName).toMatch(new RegExp(`^user-\\d+@${id}\\.onaliyun\\.com$`));
    expect(records.find((r) => r.PrincipalType === 'IMSGroup')!.PrincipalName).toMatch(new RegExp(`@group\\.${id}\\.onaliyun\\.com$`));
    expect(records.find((r) => r.PrincipalType === 'ServiceRole')!.PrincipalName).toMatch(new RegExp(`^role-\\d+@role\\.${id}\\.onaliyunservice\\.com$`));
    const scoped = [...account.users!, ...account.groups!, ...account.roles!].flatMap((h) => h.attachments!).filter((a) => a.resourceGroup).length;
    expect(records.filter((r) => r.ResourceGroupId !== id)).toHaveLength(scoped);
    expect(await rm('ListPolicyAttachments', { PageSize: '101' })).toMatchObject({ status: 400, body: { Code: 'InvalidParameter' } });
  });

  it('ListResourceGroups gives each group with the AccountId', async () => {
    const r = await rm('ListResourceGroups', { PageSize: '100' });
    expect(r.body.ResourceGroups.ResourceGroup.map((g: { Id: string }) => g.Id)).toEqual(account.resourceGroups!.map((g) => g.id));
    expect(r.body.ResourceGroups.ResourceGroup[0]).toMatchObject({ AccountId: account.accountId, DisplayName: account.resourceGroups![0]!.name, Status: 'OK' });
  });

  it('CAMS ListInstance answers Code OK with the region\'s instances in Data, by PageIndex', async () => {
    const r = await sdkCall(emulator.url, 'ListInstance', { PageIndex: '2', PageSize: '20' }, KEY, '2020-06-06');
    expect(r.body).toMatchObject({ Code: 'OK', TotalCount: account.resources!.camsInstances!.length });
    expect(r.body.Data.map((i: { InstanceId: string }) => i.InstanceId)).toEqual(account.resources!.camsInstances!.slice(20, 40).map((i) => i.id));
  });
});
