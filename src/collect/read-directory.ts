/**
 * Reads the account's place in a Resource Directory through Resource Manager (2020-03-31):
 * GetResourceDirectory says whether control policies bind the account (the directory's
 * `ControlPolicyStatus` is `Enabled` and the account is not its management account); GetAccount gives the folder the account is in; ListAncestors the folders above it (Root first)
 * and GetFolder that folder's own name; ListControlPolicyAttachmentsForTarget the control policies
 * at each level (Root, each folder, the account); GetControlPolicy the document of each custom
 * one. System control policies are kept by name: their documents come from ramguard's catalog.
 *
 * All or nothing: a path missing one level's control policies would let through what that level
 * denies, so any failed call leaves the whole section unknown (a gap, and `resourceDirectory`
 * stays in `notCollected`). An account control policies do not bind — in no directory
 * (`EntityNotExists.ResourceDirectory`), the management account, or a directory whose control
 * policies are disabled — is a fact, not a gap: no section, as a snapshot says "no control
 * layer" (semantics A6). No I/O of its own.
 */
import { builtinCatalog } from '../catalog/builtin.js';
import type { ServiceFailure } from '../client/failure.js';
import { byCodePoint } from '../snapshot/order.js';
import type { RawSnapshot } from '../snapshot/references.js';
import type { PolicyType } from '../snapshot/types.js';
import type { Caller, CallRequest, FailedCall } from './calls.js';
import { listIn } from './pages.js';
import { documentOf } from './read-account.js';

/** The directory section as a snapshot file holds it. */
export type RawResourceDirectory = NonNullable<RawSnapshot['resourceDirectory']>;

/** What was learnt: the section, that there is none, or nothing (the failures say why). */
export type DirectoryReading =
  | { state: 'member'; resourceDirectory: RawResourceDirectory }
  | { state: 'outside'; reason: 'no-directory' | 'management-account' | 'control-policies-disabled' }
  | { state: 'unknown'; failures: FailedCall[] };

/** The error codes that mean the account is in no Resource Directory. */
export const OUTSIDE_DIRECTORY_CODES: ReadonlySet<string> = new Set(['EntityNotExists.ResourceDirectory', 'EntityNotExist.ResourceDirectory']);

const MISSING = 'the Resource Directory path and its control policies (answers may allow what a control policy denies)';
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const malformed = (message: string, code?: string): ServiceFailure => ({ kind: 'malformed-response', ...(code ? { code } : {}), message, retryable: false });
const object = (value: unknown): Record<string, unknown> => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** Thrown inside `readDirectory` to stop at the first failure; never leaves it. */
class Stop {
  constructor(readonly failure: FailedCall) {}
}

/** Reads the directory section of account `accountId`. */
export async function readDirectory(call: Caller, accountId: string): Promise<DirectoryReading> {
  const ask = async (action: string, parameters: Record<string, string>): Promise<Record<string, unknown>> => {
    const request: CallRequest = { api: 'resourcemanager', action, parameters };
    const outcome = await call(request);
    if (!outcome.ok) throw new Stop({ request, failure: outcome.failure, missing: MISSING });
    return outcome.body;
  };
  const bad = (action: string, parameters: Record<string, string>, message: string, code?: string) => new Stop({ request: { api: 'resourcemanager', action, parameters }, failure: malformed(message, code), missing: MISSING });
  try {
    let directory: Record<string, unknown>;
    try {
      directory = object((await ask('GetResourceDirectory', {}))['ResourceDirectory']);
    } catch (e) {
      if (e instanceof Stop && OUTSIDE_DIRECTORY_CODES.has(e.failure.failure.code ?? '')) return { state: 'outside', reason: 'no-directory' };
      throw e;
    }
    // Control policies never bind the management account, and bind nobody while disabled.
    if (text(directory['MasterAccountId']) === accountId) return { state: 'outside', reason: 'management-account' };
    const status = text(directory['ControlPolicyStatus']);
    if (status === 'Disabled') return { state: 'outside', reason: 'control-policies-disabled' };
    if (status !== 'Enabled') throw bad('GetResourceDirectory', {}, status === undefined ? 'the answer has no ControlPolicyStatus' : `ControlPolicyStatus \`${status}\` is neither \`Enabled\` nor \`Disabled\``);
    const account = object((await ask('GetAccount', { AccountId: accountId }))['Account']);
    const folderId = text(account['FolderId']);
    const folders: { id: string; name: string }[] = [];
    if (folderId !== undefined) {
      const [ancestors, folder] = await Promise.all([ask('ListAncestors', { ChildId: folderId }), ask('GetFolder', { FolderId: folderId })]);
      for (const f of listIn(ancestors, 'Folders', 'Folder')) {
        const id = text(f['FolderId']);
        if (id === undefined) throw bad('ListAncestors', { ChildId: folderId }, 'a folder of the answer has no FolderId');
        folders.push({ id, name: text(f['FolderName']) ?? id });
      }
      folders.push({ id: folderId, name: text(object(folder['Folder'])['FolderName']) ?? folderId });
    }
    const levels = [...folders, { id: accountId, name: text(account['DisplayName']) ?? accountId }];
    const attached = await Promise.all(levels.map(async (level) => listIn(await ask('ListControlPolicyAttachmentsForTarget', { TargetId: level.id }), 'ControlPolicyAttachments', 'ControlPolicyAttachment')));

    const catalog = builtinCatalog().systemPolicies;
    const customIds = new Map<string, string>();
    const path = levels.map((level, i) => ({
      name: level.name,
      id: level.id,
      controlPolicies: attached[i]!.map((a) => {
        const name = text(a['PolicyName']);
        const id = text(a['PolicyId']);
        const type = a['PolicyType'];
        const parameters = { TargetId: level.id };
        if (name === undefined || id === undefined || (type !== 'Custom' && type !== 'System')) throw bad('ListControlPolicyAttachmentsForTarget', parameters, 'an attachment of the answer lacks PolicyId, PolicyName or a PolicyType of `Custom` or `System`');
        // A snapshot has no place for a system policy's document: ramguard must know it.
        if (type === 'System' && catalog.get(name)?.kind !== 'control') throw bad('ListControlPolicyAttachmentsForTarget', parameters, `system control policy \`${name}\` is not in ramguard's catalog`, 'unknown-system-control-policy');
        if (type === 'Custom') customIds.set(name, id);
        return { policy: name, type: type as PolicyType };
      }),
    }));
    const controlPolicies = await Promise.all(
      [...customIds].map(async ([name, id]) => {
        const policy = object((await ask('GetControlPolicy', { PolicyId: id }))['ControlPolicy']);
        const document = documentOf(policy['PolicyDocument']);
        if (document === undefined) throw bad('GetControlPolicy', { PolicyId: id }, 'the answer has no PolicyDocument that parses as JSON');
        const description = text(policy['Description']);
        return { name, ...(description !== undefined ? { description } : {}), document };
      }),
    );
    controlPolicies.sort((a, b) => byCodePoint(a.name, b.name));
    return { state: 'member', resourceDirectory: { controlPolicies, path } };
  } catch (e) {
    if (e instanceof Stop) return { state: 'unknown', failures: [e.failure] };
    throw e;
  }
}
