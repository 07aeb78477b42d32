/**
 * readDirectory against answers the emulator does not give: a system control policy ramguard's
 * catalog lacks, an answer without a document, a refused or odd GetResourceDirectory — each leaves
 * the whole section unknown with one gap, never a partial path; and the accounts control policies
 * do not bind (the management account, a directory with control policies disabled).
 */
import { describe, expect, it } from 'vitest';
import type { Caller, CallRequest } from '../../src/collect/calls.js';
import { readDirectory } from '../../src/collect/read-directory.js';

const ACCOUNT = '1234567890123456';
type Answer = Record<string, unknown> | { fail: string };

/** A Caller answering each action from `answers` (by action name). */
function stub(answers: Record<string, Answer>): Caller & { asked: CallRequest[] } {
  const asked: CallRequest[] = [];
  const caller: Caller = async (request) => {
    asked.push(request);
    const answer = answers[request.action];
    if (answer === undefined || 'fail' in answer) return { ok: false, attempts: 1, failure: { kind: 'http', statusCode: 404, code: answer?.['fail'] as string | undefined ?? 'InvalidAction.NotFound', message: 'refused', retryable: false } };
    return { ok: true, attempts: 1, statusCode: 200, body: answer };
  };
  return Object.assign(caller, { asked });
}

const member = (attachments: Record<string, unknown>[], policy: Record<string, unknown> = { PolicyDocument: '{"Version":"1","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}' }, directory: Record<string, unknown> = {}) => ({
  GetResourceDirectory: { ResourceDirectory: { MasterAccountId: '999', ControlPolicyStatus: 'Enabled', ...directory } },
  GetAccount: { Account: { AccountId: ACCOUNT, DisplayName: 'acct', FolderId: 'r-root' } },
  ListAncestors: { Folders: { Folder: [] } },
  GetFolder: { Folder: { FolderId: 'r-root', FolderName: 'Root' } },
  ListControlPolicyAttachmentsForTarget: { ControlPolicyAttachments: { ControlPolicyAttachment: attachments } },
  GetControlPolicy: { ControlPolicy: policy },
});

describe('readDirectory', () => {
  it('reads a custom control policy once however many levels attach it', async () => {
    const call = stub(member([{ PolicyId: 'cp-1', PolicyName: 'deny-all', PolicyType: 'Custom' }]));
    const read = await readDirectory(call, ACCOUNT);
    expect(read).toEqual({
      state: 'member',
      resourceDirectory: {
        controlPolicies: [{ name: 'deny-all', document: { Version: '1', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] } }],
        path: [
          { name: 'Root', id: 'r-root', controlPolicies: [{ policy: 'deny-all', type: 'Custom' }] },
          { name: 'acct', id: ACCOUNT, controlPolicies: [{ policy: 'deny-all', type: 'Custom' }] },
        ],
      },
    });
    expect(call.asked.filter((r) => r.action === 'GetControlPolicy')).toHaveLength(1);
  });

  it('leaves the section unknown when a system control policy is not in the catalog', async () => {
    const read = await readDirectory(stub(member([{ PolicyId: 'cp-2', PolicyName: 'BrandNewSystemControl', PolicyType: 'System' }])), ACCOUNT);
    expect(read.state).toBe('unknown');
    expect(read.state === 'unknown' && read.failures.map((f) => [f.request.action, f.failure.code, f.failure.message])).toEqual([
      ['ListControlPolicyAttachmentsForTarget', 'unknown-system-control-policy', "system control policy `BrandNewSystemControl` is not in ramguard's catalog"],
    ]);
  });

  it('leaves the section unknown when a control policy comes without a readable document', async () => {
    const read = await readDirectory(stub(member([{ PolicyId: 'cp-1', PolicyName: 'deny-all', PolicyType: 'Custom' }], { PolicyDocument: '{not json' })), ACCOUNT);
    expect(read.state === 'unknown' && read.failures.map((f) => f.request.action)).toEqual(['GetControlPolicy']);
  });

  it('tells an account in no directory from a refused read', async () => {
    expect(await readDirectory(stub({ GetResourceDirectory: { fail: 'EntityNotExists.ResourceDirectory' } }), ACCOUNT)).toEqual({ state: 'outside', reason: 'no-directory' });
    const refused = await readDirectory(stub({ ...member([]), GetAccount: { fail: 'NoPermission' } }), ACCOUNT);
    expect(refused.state === 'unknown' && refused.failures.map((f) => [f.request.action, f.request.parameters, f.failure.code])).toEqual([['GetAccount', { AccountId: ACCOUNT }, 'NoPermission']]);
  });

  it('records no control layer for the management account or while control policies are disabled, without reading the path', async () => {
    const management = stub(member([], undefined, { MasterAccountId: ACCOUNT }));
    expect(await readDirectory(management, ACCOUNT)).toEqual({ state: 'outside', reason: 'management-account' });
    expect(management.asked.map((r) => r.action)).toEqual(['GetResourceDirectory']);
    expect(await readDirectory(stub(member([], undefined, { ControlPolicyStatus: 'Disabled' })), ACCOUNT)).toEqual({ state: 'outside', reason: 'control-policies-disabled' });
  });

  it('leaves the section unknown when ControlPolicyStatus is neither Enabled nor Disabled (e.g. still being enabled)', async () => {
    const read = await readDirectory(stub(member([], undefined, { ControlPolicyStatus: 'Enabling' })), ACCOUNT);
    expect(read.state === 'unknown' && read.failures.map((f) => f.failure.message)).toEqual(['ControlPolicyStatus `Enabling` is neither `Enabled` nor `Disabled`']);
  });
});
