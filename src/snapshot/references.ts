/**
 * What the schema cannot check in a snapshot: formats, limits, unique names, and every
 * cross-reference — a user's groups, each attachment's policy and type, resource groups, default
 * versions — each problem with a did-you-mean where a near name exists.
 */
import type { DiagnosticCode } from '../diagnostics/codes.js';
import { builtinCatalog } from '../catalog/builtin.js';
import { closest, didYouMean } from '../catalog/suggest.js';
import type { Placeable } from '../diagnostics/schema-check.js';
import { MAX_DIAGNOSTICS_PER_FILE } from '../parse/limits.js';
import { findSystemPolicy } from '../catalog/system-policy.js';
import type { Attachment, CollectionInfo, ControlAttachment, PolicyType } from './types.js';

type Named = { name: string; description?: string };

/** A policy document as written in a snapshot: inline or by file (exactly one, checked when loading). */
export type RawDocumentSource = { document?: unknown; file?: string };

/** A snapshot as written, once it has passed the schema. */
export interface RawSnapshot {
  accountId: string;
  collectedAt?: string;
  resourceDirectory?: { controlPolicies?: (Named & RawDocumentSource)[]; path: { name: string; id?: string; controlPolicies: ControlAttachment[] }[] };
  policies?: (Named & { defaultVersion: string; versions: ({ id: string } & RawDocumentSource)[] })[];
  systemPolicies?: (Named & RawDocumentSource)[];
  users?: (Named & { displayName?: string; groups?: string[]; attachments?: Attachment[]; accessKeys?: { id: string; status: 'Active' | 'Inactive' }[]; loginProfile?: boolean; mfaBound?: boolean })[];
  groups?: (Named & { attachments?: Attachment[] })[];
  roles?: (Named & { arn?: string; trustPolicy: RawDocumentSource; maxSessionDuration?: number; serviceLinked?: boolean; attachments?: Attachment[] })[];
  resourceGroups?: { id: string; name?: string }[];
  resources?: { camsInstances?: { id: string; name?: string; region: string; resourceGroup?: string; tags?: Record<string, string> }[] };
  collection?: CollectionInfo;
}

/** RAM's documented limits (shared reference §2) and RAM's own numbering of versions. */
const MAX_VERSIONS = 5;
const POLICY_NAME = /^[A-Za-z0-9-]{1,128}$/;
const VERSION_ID = /^v\d+$/;
/** RAM's documented range of MaxSessionDuration, in seconds. */
const SESSION_SECONDS = { min: 3600, max: 43_200 };

/** Every problem of the raw snapshot's values and references, unplaced. */
export function checkReferences(raw: RawSnapshot): Placeable[] {
  const problems: Placeable[] = [];
  const problem = (code: DiagnosticCode, path: string, message: string, help?: string) => problems.push({ code, severity: 'error', message, path, target: 'value', ...(help ? { help } : {}) });
  /** Reports the second and later items with the same key. */
  const unique = <T>(items: readonly T[], key: (item: T) => string, at: (item: T, i: number) => string, report: (k: string, path: string, item: T) => void) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const k = key(item);
      if (seen.has(k)) report(k, at(item, i), item);
      seen.add(k);
    });
  };
  const uniqueNames = <T>(items: readonly T[], key: (item: T) => string, what: string, at: (item: T, i: number) => string) =>
    unique(items, key, at, (k, path) => problem('duplicate-name', path, `${what} \`${k}\` is listed twice`, 'names are unique where RAM keeps them; merge the two entries'));
  // A did-you-mean compares a name with every candidate: only for the problems a report shows, so
  // that 100,000 unknown names against 100,000 candidates stay linear.
  const nearly = (name: string, names: Iterable<string>, fallback?: string) => (problems.length < MAX_DIAGNOSTICS_PER_FILE ? (didYouMean(closest(name, names)) ?? fallback) : fallback);

  if (!/^\d+$/.test(raw.accountId)) problem('invalid-value', '/accountId', `\`accountId\` must be digits, not \`${raw.accountId}\``, 'an Alibaba Cloud account id (UID) is a number such as 1234567890123456');
  if (raw.collectedAt !== undefined && !(/^\d{4}-\d{2}-\d{2}T/.test(raw.collectedAt) && !Number.isNaN(Date.parse(raw.collectedAt)))) {
    problem('invalid-value', '/collectedAt', `\`collectedAt\` must be an ISO 8601 date-time, not \`${raw.collectedAt}\``, 'e.g. 2026-11-28T10:00:00Z');
  }

  const policies = raw.policies ?? [];
  const systemPolicies = raw.systemPolicies ?? [];
  const users = raw.users ?? [];
  const groups = raw.groups ?? [];
  const roles = raw.roles ?? [];
  const instances = raw.resources?.camsInstances ?? [];
  const controlPolicies = raw.resourceDirectory?.controlPolicies ?? [];
  uniqueNames(policies, (p) => p.name, 'custom policy', (_, i) => `/policies/${i}/name`);
  uniqueNames(systemPolicies, (p) => p.name, 'system policy', (_, i) => `/systemPolicies/${i}/name`);
  uniqueNames(controlPolicies, (p) => p.name, 'control policy', (_, i) => `/resourceDirectory/controlPolicies/${i}/name`);
  uniqueNames(users, (u) => u.name, 'user', (_, i) => `/users/${i}/name`);
  uniqueNames(groups, (g) => g.name, 'group', (_, i) => `/groups/${i}/name`);
  uniqueNames(roles, (r) => r.name, 'role', (_, i) => `/roles/${i}/name`);
  uniqueNames(raw.resourceGroups ?? [], (g) => g.id, 'resource group', (_, i) => `/resourceGroups/${i}/id`);
  uniqueNames(instances, (x) => x.id, 'CAMS instance', (_, i) => `/resources/camsInstances/${i}/id`);
  const accessKeys = users.flatMap((u, i) => (u.accessKeys ?? []).map((k, j) => ({ id: k.id, at: `/users/${i}/accessKeys/${j}/id` })));
  uniqueNames(accessKeys, (k) => k.id, 'AccessKey', (k) => k.at);

  policies.forEach((p, i) => {
    const at = `/policies/${i}`;
    if (!POLICY_NAME.test(p.name)) problem('invalid-value', `${at}/name`, `policy name \`${p.name}\` is not 1 to 128 letters, digits and hyphens`, 'RAM policy names take letters, digits and hyphens only');
    p.versions.forEach((v, j) => {
      if (!VERSION_ID.test(v.id)) problem('invalid-value', `${at}/versions/${j}/id`, `version id \`${v.id}\` is not of RAM's form \`v1\`, \`v2\`, ...`);
    });
    uniqueNames(p.versions, (v) => v.id, `policy \`${p.name}\` version`, (_, j) => `${at}/versions/${j}/id`);
    if (p.versions.length > MAX_VERSIONS) problem('too-many-versions', `${at}/versions`, `policy \`${p.name}\` has ${p.versions.length} versions; RAM keeps at most ${MAX_VERSIONS}`, 'a snapshot of a real account cannot hold more: check where this one came from');
    const ids = p.versions.map((v) => v.id);
    if (!ids.includes(p.defaultVersion)) {
      problem('unknown-version', `${at}/defaultVersion`, `policy \`${p.name}\` has no version \`${p.defaultVersion}\` to be its default`, nearly(p.defaultVersion, ids, `its versions are ${ids.map((v) => `\`${v}\``).join(', ') || 'none'}`));
    }
  });

  // Sets for membership: a snapshot may hold 100,000 users, groups and attachments.
  const groupNames = new Set(groups.map((g) => g.name));
  users.forEach((u, i) => {
    uniqueNames(u.groups ?? [], (g) => g, `user \`${u.name}\`'s group`, (_, j) => `/users/${i}/groups/${j}`);
    (u.groups ?? []).forEach((g, j) => {
      if (!groupNames.has(g)) problem('unknown-group', `/users/${i}/groups/${j}`, `user \`${u.name}\` is in group \`${g}\`, which the snapshot does not define`, nearly(g, groupNames, 'add the group under `groups`'));
    });
  });
  roles.forEach((r, i) => {
    const d = r.maxSessionDuration;
    if (d !== undefined && (d < SESSION_SECONDS.min || d > SESSION_SECONDS.max)) problem('invalid-value', `/roles/${i}/maxSessionDuration`, `\`maxSessionDuration\` must be from ${SESSION_SECONDS.min} to ${SESSION_SECONDS.max} seconds, not \`${d}\``);
    const prefix = `acs:ram::${raw.accountId}:role/`;
    if (r.arn !== undefined && !r.arn.startsWith(prefix)) problem('invalid-value', `/roles/${i}/arn`, `role ARN \`${r.arn}\` does not start with \`${prefix}\``);
  });

  const resourceGroupIds = raw.resourceGroups ? new Set(raw.resourceGroups.map((g) => g.id)) : undefined;
  const checkResourceGroup = (id: string | undefined, path: string) => {
    if (id === undefined || resourceGroupIds === undefined || resourceGroupIds.has(id)) return;
    problem('unknown-resource-group', path, `resource group \`${id}\` is not among the snapshot's \`resourceGroups\``, nearly(id, resourceGroupIds, 'add it under `resourceGroups`'));
  };
  instances.forEach((x, i) => checkResourceGroup(x.resourceGroup, `/resources/camsInstances/${i}/resourceGroup`));

  // Which names each type offers, for RAM policies and for control policies.
  const customNames = new Set(policies.map((p) => p.name));
  const snapshotSystem = new Set(systemPolicies.map((p) => p.name));
  const isSystem = (name: string) => snapshotSystem.has(name) || 'policy' in findSystemPolicy(name, 'identity');
  const controlNames = new Set(controlPolicies.map((p) => p.name));
  const isSystemControl = (name: string) => 'policy' in findSystemPolicy(name, 'control');

  const checkAttachment = (a: { policy: string; type: PolicyType }, at: string, custom: ReadonlySet<string>, system: (n: string) => boolean, kind: 'identity' | 'control') => {
    if (a.type === 'Custom' && !custom.has(a.policy)) {
      if (system(a.policy)) problem('attachment-type-mismatch', `${at}/type`, `\`${a.policy}\` is a system policy, attached as \`Custom\``, 'write `type: System`');
      else problem('unknown-policy', `${at}/policy`, `no custom ${kind === 'control' ? 'control ' : ''}policy is called \`${a.policy}\``, nearly(a.policy, custom, `define it under ${kind === 'control' ? '`resourceDirectory.controlPolicies`' : '`policies`'}`));
    } else if (a.type === 'System' && !system(a.policy)) {
      if (custom.has(a.policy)) return problem('attachment-type-mismatch', `${at}/type`, `\`${a.policy}\` is a custom policy of this snapshot, attached as \`System\``, 'write `type: Custom`');
      const found = findSystemPolicy(a.policy, kind);
      if (!('problem' in found)) return;
      // A system policy the catalog lacks can come with the snapshot (`systemPolicies`): say so.
      const catalogNames = [...builtinCatalog().systemPolicies.values()].filter((p) => p.kind === 'identity').map((p) => p.name);
      const help = kind === 'identity' ? (nearly(a.policy, [...snapshotSystem, ...catalogNames]) ?? `${found.problem.help}; add any other under \`systemPolicies\` with its document`) : found.problem.help;
      problems.push({ ...found.problem, ...(help ? { help } : {}), path: `${at}/policy`, target: 'value' });
    }
  };
  const checkAttachments = (list: Attachment[] | undefined, at: string, holder: string) => {
    const scope = (a: Attachment) => (a.resourceGroup === undefined ? 'the account' : `resource group \`${a.resourceGroup}\``);
    unique(list ?? [], (a) => `${a.policy} ${a.type} ${a.resourceGroup ?? ''}`, (_, j) => `${at}/${j}`, (_, path, a) =>
      problem('duplicate-attachment', path, `\`${a.policy}\` is attached to ${holder} twice at ${scope(a)}`, 'RAM attaches a policy once per scope; remove one'),
    );
    (list ?? []).forEach((a, j) => {
      checkAttachment(a, `${at}/${j}`, customNames, isSystem, 'identity');
      checkResourceGroup(a.resourceGroup, `${at}/${j}/resourceGroup`);
    });
  };
  users.forEach((u, i) => checkAttachments(u.attachments, `/users/${i}/attachments`, `user \`${u.name}\``));
  groups.forEach((g, i) => checkAttachments(g.attachments, `/groups/${i}/attachments`, `group \`${g.name}\``));
  roles.forEach((r, i) => checkAttachments(r.attachments, `/roles/${i}/attachments`, `role \`${r.name}\``));
  raw.resourceDirectory?.path.forEach((level, i) => {
    const at = `/resourceDirectory/path/${i}/controlPolicies`;
    unique(level.controlPolicies, (a) => `${a.policy} ${a.type}`, (_, j) => `${at}/${j}`, (_, path, a) => problem('duplicate-attachment', path, `\`${a.policy}\` is attached to level \`${level.name}\` twice`, 'remove one'));
    level.controlPolicies.forEach((a, j) => checkAttachment(a, `${at}/${j}`, controlNames, isSystemControl, 'control'));
  });
  return problems;
}
