/**
 * The Resource Directory reads of Resource Manager (2020-03-31) the account emulator answers for
 * the account it serves: GetResourceDirectory (its management account — never the served one —
 * and `ControlPolicyStatus` `Enabled`), GetAccount (its `FolderId` and `ResourceDirectoryPath`), GetFolder,
 * ListAncestors (the folders above one, Root first), ListControlPolicyAttachmentsForTarget and
 * GetControlPolicy (`PolicyDocument` as a JSON string). The served snapshot's
 * `resourceDirectory.path` is Root first, down to the account itself; a level without an `id` gets
 * a stable one (`r-…`, `fd-…`). An account without `resourceDirectory` answers every one of them
 * with Alibaba's 404 `EntityNotExists.ResourceDirectory`. Pure.
 */
import { builtinCatalog } from '../../catalog/builtin.js';
import type { ApiError } from '../errors.js';
import { parameterError } from '../errors.js';
import { CREATED, idOf, type AccountIndex } from './account-index.js';
import type { ActionResult } from './ram-actions.js';

/** The Resource Directory actions the emulator answers. */
export const RESOURCE_DIRECTORY_ACTIONS = ['GetResourceDirectory', 'GetAccount', 'GetFolder', 'ListAncestors', 'ListControlPolicyAttachmentsForTarget', 'GetControlPolicy'] as const;

/** One level as the emulator serves it. */
interface ServedLevel {
  id: string;
  name: string;
  controlPolicies: { policy: string; type: 'Custom' | 'System' }[];
}

const error = (status: number, code: string, message: string): { error: ApiError } => ({ error: { status, code, message } });
const notInDirectory = () => error(404, 'EntityNotExists.ResourceDirectory', 'The resource directory for the account is not enabled.');

/** The control policy id the emulator gives a policy (custom and system ones apart). */
export function controlPolicyId(type: 'Custom' | 'System', name: string): string {
  return `cp-${idOf(`control-${type}`, name)}`;
}

/** The served path with an id on every level: the account's own id on the last. */
function levelsOf(index: AccountIndex): ServedLevel[] | undefined {
  const path = index.account.resourceDirectory?.path;
  if (!path) return undefined;
  return path.map((level, i) => ({
    id: i === path.length - 1 ? index.account.accountId : (level.id ?? (i === 0 ? `r-${idOf('root', level.name)}` : `fd-${idOf('folder', level.name)}`)),
    name: level.name,
    controlPolicies: level.controlPolicies,
  }));
}

/** A control policy by id: its name, type, description and document. */
function controlPolicy(index: AccountIndex, id: string): { name: string; type: 'Custom' | 'System'; description: string; document: unknown } | undefined {
  for (const p of index.account.resourceDirectory?.controlPolicies ?? []) {
    if (controlPolicyId('Custom', p.name) === id) return { name: p.name, type: 'Custom', description: p.description ?? '', document: p.document };
  }
  for (const p of builtinCatalog().systemPolicies.values()) {
    if (p.kind === 'control' && controlPolicyId('System', p.name) === id) return { name: p.name, type: 'System', description: p.description, document: p.document };
  }
  return undefined;
}

/** Answers one Resource Directory action. */
export function answerResourceDirectory(index: AccountIndex, action: string, parameters: Record<string, string>): ActionResult {
  const levels = levelsOf(index);
  if (!levels) return notInDirectory();
  const folders = levels.slice(0, -1);
  const account = levels[levels.length - 1]!;
  const directoryId = `rd-${idOf('directory', levels[0]!.id)}`;
  const need = (name: string): string | { error: ApiError } => parameters[name] || { error: parameterError('Missing', `Parameter.${name}`, `You must specify ${name}.`) };
  const folderAt = (id: string) => folders.findIndex((f) => f.id === id);

  if (action === 'GetResourceDirectory') {
    const master = idOf('management-account', index.account.accountId);
    return { body: { ResourceDirectory: { ResourceDirectoryId: directoryId, RootFolderId: levels[0]!.id, MasterAccountId: master, MasterAccountName: `management@${master}.onaliyun.com`, ControlPolicyStatus: 'Enabled', CreateTime: CREATED } } };
  }
  if (action === 'GetAccount') {
    const id = need('AccountId');
    if (typeof id !== 'string') return id;
    if (id !== account.id) return error(404, 'EntityNotExists.Account', `The account does not exist: ${id}`);
    const parent = folders[folders.length - 1];
    return {
      body: {
        Account: {
          AccountId: account.id, AccountName: `${account.id}@${index.domainAlias}.onaliyun.com`, DisplayName: account.name, FolderId: parent?.id ?? '',
          ResourceDirectoryId: directoryId, ResourceDirectoryPath: [directoryId, ...levels.map((l) => l.id)].join('/'),
          Type: 'ResourceAccount', Status: 'CreateSuccess', JoinMethod: 'created', JoinTime: CREATED, ModifyTime: CREATED,
        },
      },
    };
  }
  if (action === 'GetFolder' || action === 'ListAncestors') {
    const id = need(action === 'GetFolder' ? 'FolderId' : 'ChildId');
    if (typeof id !== 'string') return id;
    const at = folderAt(id);
    if (at < 0) return error(404, 'EntityNotExists.Folder', `The folder does not exist: ${id}`);
    if (action === 'GetFolder') {
      const folder = folders[at]!;
      return { body: { Folder: { FolderId: folder.id, FolderName: folder.name, ParentFolderId: at > 0 ? folders[at - 1]!.id : '', CreateTime: CREATED, ResourceDirectoryPath: [directoryId, ...folders.slice(0, at + 1).map((f) => f.id)].join('/') } } };
    }
    // "The system returns the information of the folders based on their top-down hierarchy."
    return { body: { Folders: { Folder: folders.slice(0, at).map((f) => ({ FolderId: f.id, FolderName: f.name, CreateTime: CREATED })) } } };
  }
  if (action === 'ListControlPolicyAttachmentsForTarget') {
    const id = need('TargetId');
    if (typeof id !== 'string') return id;
    const target = levels.find((l) => l.id === id);
    if (!target) return error(404, 'EntityNotExists.Target', `The target does not exist: ${id}`);
    const attachments = target.controlPolicies.map((a) => ({
      PolicyId: controlPolicyId(a.type, a.policy), PolicyName: a.policy, PolicyType: a.type, AttachDate: CREATED,
      Description: controlPolicy(index, controlPolicyId(a.type, a.policy))?.description ?? '',
    }));
    return { body: { ControlPolicyAttachments: { ControlPolicyAttachment: attachments } } };
  }
  if (action === 'GetControlPolicy') {
    const id = need('PolicyId');
    if (typeof id !== 'string') return id;
    const found = controlPolicy(index, id);
    if (!found) return error(404, 'EntityNotExists.ControlPolicy', `The control policy does not exist: ${id}`);
    return { body: { ControlPolicy: { PolicyId: id, PolicyName: found.name, PolicyType: found.type, Description: found.description, EffectScope: 'RAM', AttachmentCount: 0, CreateDate: CREATED, UpdateDate: CREATED, PolicyDocument: JSON.stringify(found.document) } } };
  }
  return error(404, 'InvalidAction.NotFound', `Specified api is not found: \`${action}\``);
}
