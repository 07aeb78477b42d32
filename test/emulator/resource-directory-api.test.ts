/**
 * The account emulator's Resource Directory answers (Resource Manager 2020-03-31) through
 * Alibaba's real SDK, signed like every other call: GetAccount, ListAncestors, GetFolder,
 * ListControlPolicyAttachmentsForTarget and GetControlPolicy for the example snapshot's path, and
 * `EntityNotExists.ResourceDirectory` for an account in no directory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccountEmulator, type RunningAccountEmulator } from '../../src/emulator/ram-api/server.js';
import { generateAccount } from '../../src/emulator/ram-api/generate-account.js';
import { controlPolicyId } from '../../src/emulator/ram-api/resource-directory-actions.js';
import { exampleAccount } from '../collect/fixture.js';
import { sdkCall } from './sdk.js';

const KEY = { accessKeyId: 'LTAI5tDirectoryEmulator', accessKeySecret: 'directory-emulator-secret-3' };
const RM = '2020-03-31';
const served = exampleAccount();
let member: RunningAccountEmulator;
let outsider: RunningAccountEmulator;

beforeAll(async () => {
  const accessKeys = [{ id: KEY.accessKeyId, secret: KEY.accessKeySecret }];
  member = await startAccountEmulator({ account: served, accessKeys });
  outsider = await startAccountEmulator({ account: generateAccount({ users: 2, groups: 1, roles: 1, policies: 1, seed: 3 }), accessKeys });
});
afterAll(async () => {
  await member.close();
  await outsider.close();
});
const rm = (action: string, params: Record<string, string> = {}, at = member) => sdkCall(at.url, action, params, KEY, RM);

describe('an account in a Resource Directory', () => {
  it('GetResourceDirectory names a management account other than the served one, control policies enabled', async () => {
    const r = await rm('GetResourceDirectory');
    expect(r.body.ResourceDirectory).toMatchObject({ RootFolderId: 'r-example', ControlPolicyStatus: 'Enabled', MasterAccountId: expect.stringMatching(/^\d+$/) });
    expect(r.body.ResourceDirectory.MasterAccountId).not.toBe('1234567890123456');
  });

  it('GetAccount gives the folder the account is in and the path from the directory down to it', async () => {
    const r = await rm('GetAccount', { AccountId: '1234567890123456' });
    expect(r.status).toBe(200);
    expect(r.body.Account).toMatchObject({ AccountId: '1234567890123456', DisplayName: 'chatapp-prod', FolderId: 'fd-production', ResourceDirectoryPath: expect.stringMatching(/^rd-\w+\/r-example\/fd-production\/1234567890123456$/) });
  });

  it('ListAncestors lists the folders above a folder, Root first; GetFolder names the folder itself', async () => {
    expect((await rm('ListAncestors', { ChildId: 'fd-production' })).body.Folders.Folder).toEqual([{ FolderId: 'r-example', FolderName: 'Root', CreateTime: expect.any(String) }]);
    expect((await rm('ListAncestors', { ChildId: 'r-example' })).body.Folders.Folder).toEqual([]);
    expect((await rm('GetFolder', { FolderId: 'fd-production' })).body.Folder).toMatchObject({ FolderId: 'fd-production', FolderName: 'Production', ParentFolderId: 'r-example' });
  });

  it('ListControlPolicyAttachmentsForTarget lists each level\'s control policies in the snapshot\'s order', async () => {
    const r = await rm('ListControlPolicyAttachmentsForTarget', { TargetId: 'fd-production' });
    expect(r.body.ControlPolicyAttachments.ControlPolicyAttachment.map((a: Record<string, string>) => [a['PolicyName'], a['PolicyType'], a['PolicyId']])).toEqual([
      ['FullAliyunAccess', 'System', controlPolicyId('System', 'FullAliyunAccess')],
      ['control-no-deletes-in-prod', 'Custom', controlPolicyId('Custom', 'control-no-deletes-in-prod')],
    ]);
    expect((await rm('ListControlPolicyAttachmentsForTarget', { TargetId: '1234567890123456' })).body.ControlPolicyAttachments.ControlPolicyAttachment).toHaveLength(1);
  });

  it('GetControlPolicy gives a custom policy\'s document as a JSON string, and a system one\'s from the catalog', async () => {
    const custom = await rm('GetControlPolicy', { PolicyId: controlPolicyId('Custom', 'control-no-deletes-in-prod') });
    expect(custom.body.ControlPolicy).toMatchObject({ PolicyName: 'control-no-deletes-in-prod', PolicyType: 'Custom', Description: 'nobody deletes a production CAMS instance' });
    expect(JSON.parse(custom.body.ControlPolicy.PolicyDocument)).toEqual(served.resourceDirectory!.controlPolicies![0]!.document);
    const system = await rm('GetControlPolicy', { PolicyId: controlPolicyId('System', 'FullAliyunAccess') });
    expect(JSON.parse(system.body.ControlPolicy.PolicyDocument)).toMatchObject({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
  });

  it.each([
    ['GetAccount', { AccountId: '999' }, 'EntityNotExists.Account'],
    ['ListAncestors', { ChildId: 'fd-nowhere' }, 'EntityNotExists.Folder'],
    ['ListControlPolicyAttachmentsForTarget', { TargetId: 'fd-nowhere' }, 'EntityNotExists.Target'],
    ['GetControlPolicy', { PolicyId: 'cp-nowhere' }, 'EntityNotExists.ControlPolicy'],
    ['GetControlPolicy', {}, 'MissingParameter.PolicyId'],
  ])('%s %o answers %s', async (action, params, code) => {
    const r = await rm(action, params);
    expect(r.body.Code).toBe(code);
    expect(r.status).toBe(code.startsWith('Missing') ? 400 : 404);
  });

  it('refuses a call whose signature does not match, as for every other API', async () => {
    const r = await sdkCall(member.url, 'GetAccount', { AccountId: '1234567890123456' }, { ...KEY, accessKeySecret: 'not-the-secret' }, RM);
    expect(r.body.Code).toBe('SignatureDoesNotMatch');
    expect(r.body.Account).toBeUndefined();
  });
});

describe('an account in no Resource Directory', () => {
  it.each([['GetResourceDirectory', {}], ['GetAccount', { AccountId: '1' }], ['ListControlPolicyAttachmentsForTarget', { TargetId: 'r-x' }]])('%s answers 404 EntityNotExists.ResourceDirectory', async (action, params) => {
    const r = await rm(action, params, outsider);
    expect(r.status).toBe(404);
    expect(r.body.Code).toBe('EntityNotExists.ResourceDirectory');
  });
});
