/**
 * Assembles what `readAccount` read into a snapshot as a file holds it (documents inline, as RAM
 * returned them), with `collection.gaps` for every call that failed. Pure and deterministic:
 * every list sorted by name (code-point order), a principal's account-scope attachments before
 * its resource-group ones, so two collections of one account give the same file. What cannot be
 * written without breaking the snapshot — a role whose trust policy is unknown, an attachment of
 * a policy whose document is unknown — is left out and named in a gap.
 */
import { builtinCatalog } from '../catalog/builtin.js';
import { byCodePoint, compareAttachments } from '../snapshot/order.js';
import type { RawSnapshot } from '../snapshot/references.js';
import type { Attachment, CollectionGap } from '../snapshot/types.js';
import type { FailedCall } from './calls.js';
import type { AccountReading } from './read-account.js';

/**
 * What collect never reads: in the snapshot these are unknown, not empty. `resourceDirectory` joins
 * them when the directory could not be read (or was not asked about).
 */
export const NOT_COLLECTED = ['users.accessKeys', 'users.loginProfile', 'users.mfaBound', 'resources.camsInstances.tags'] as const;

/** Facts of the run that are not in the reading. */
export interface AssembleOptions {
  /** ISO 8601; the time is the caller's, never read here. */
  collectedAt: string;
  tool: string;
  /** Whether CAMS instances were asked for. */
  camsInstances: boolean;
}

const byName = <T extends { name: string }>(a: T, b: T) => byCodePoint(a.name, b.name);
const versionNumber = (id: string) => Number(id.replace(/^v/, ''));

/** The snapshot (undefined when the account id is unknown: a snapshot needs one) and its gaps. */
export function assembleSnapshot(reading: AccountReading, options: AssembleOptions): { snapshot?: RawSnapshot; gaps: CollectionGap[] } {
  const extra: FailedCall[] = [];
  const catalog = builtinCatalog().systemPolicies;
  const known = (a: Attachment) => (a.type === 'Custom' ? reading.policyVersions.has(a.policy) : catalog.get(a.policy)?.kind === 'identity' || reading.systemPolicies.has(a.policy));
  const scoped = (principalType: string, name: string): Attachment[] =>
    reading.scopedAttachments.filter((s) => s.principalType === principalType && s.principal === name).map((s) => ({ policy: s.policy, type: s.type, resourceGroup: s.resourceGroup }));
  /** A holder's attachments: known ones, deduplicated, in canonical order. */
  const attachmentsOf = (accountScope: Pick<Attachment, 'policy' | 'type'>[] | undefined, principalType: string, name: string): Attachment[] => {
    const all: Attachment[] = [...(accountScope ?? []).map((a) => ({ policy: a.policy, type: a.type })), ...scoped(principalType, name)];
    const unique = new Map(all.filter(known).map((a) => [`${a.resourceGroup ?? ''}|${a.type}|${a.policy}`, a]));
    return [...unique.values()].sort(compareAttachments);
  };

  const groupNames = new Set(reading.groups.map((g) => g.name));
  const unknownGroups = new Map<string, string[]>();
  const users = reading.users
    .map((u) => {
      const groups = (reading.userGroups.get(u.name) ?? []).filter((g) => groupNames.has(g) || void unknownGroups.set(g, [...(unknownGroups.get(g) ?? []), u.name]));
      return { name: u.name, ...(u.displayName !== undefined ? { displayName: u.displayName } : {}), groups: [...new Set(groups)].sort(byCodePoint), attachments: attachmentsOf(reading.userAttachments.get(u.name), 'IMSUser', u.name) };
    })
    .sort(byName);
  for (const [group, members] of unknownGroups) {
    extra.push({ request: { api: 'ram', action: 'ListGroupsForUser', parameters: {} }, failure: { kind: 'malformed-response', code: 'unknown-group', message: `group \`${group}\` is not among the groups listed`, retryable: false }, missing: `the membership of ${members.length} user(s) in group \`${group}\` (${members.slice(0, 5).join(', ')}${members.length > 5 ? ', ...' : ''})`, target: { list: 'groups' } });
  }
  const groups = reading.groups.map((g) => ({ name: g.name, ...(g.description !== undefined ? { description: g.description } : {}), attachments: attachmentsOf(reading.groupAttachments.get(g.name), 'IMSGroup', g.name) })).sort(byName);
  const roles = reading.roles
    .flatMap((r) => {
      const detail = reading.roleDetails.get(r.name);
      if (!detail) return [];
      const arn = detail.arn ?? r.arn;
      const description = detail.description ?? r.description;
      return [{ name: r.name, ...(description !== undefined ? { description } : {}), ...(arn !== undefined ? { arn } : {}), trustPolicy: { document: detail.trustPolicy }, ...(detail.maxSessionDuration !== undefined ? { maxSessionDuration: detail.maxSessionDuration } : {}), ...(detail.serviceLinked !== undefined ? { serviceLinked: detail.serviceLinked } : {}), attachments: attachmentsOf(reading.roleAttachments.get(r.name), 'ServiceRole', r.name) }];
    })
    .sort(byName);

  // Resource-group attachments of principals nobody listed, and attachments of unreadable policies.
  const principals = { IMSUser: new Set(users.map((u) => u.name)), IMSGroup: new Set(groups.map((g) => g.name)), ServiceRole: new Set(reading.roles.map((r) => r.name)) } as Record<string, Set<string>>;
  const orphans = reading.scopedAttachments.filter((s) => !principals[s.principalType]?.has(s.principal));
  if (orphans.length > 0) {
    extra.push({ request: { api: 'resourcemanager', action: 'ListPolicyAttachments', parameters: {} }, failure: { kind: 'malformed-response', code: 'unknown-principal', message: `${orphans.length} resource-group-scope attachment(s) name principals that are not among those listed`, retryable: false }, missing: orphans.slice(0, 5).map((o) => `\`${o.policy}\` on ${o.principalType} \`${o.principal}\` in \`${o.resourceGroup}\``).join(', ') + (orphans.length > 5 ? ', ...' : '') });
  }

  const policies = reading.policies
    .flatMap((p) => {
      const read = reading.policyVersions.get(p.name);
      if (!read) return [];
      const versions = [...read.versions].sort((a, b) => versionNumber(a.id) - versionNumber(b.id) || byCodePoint(a.id, b.id));
      return [{ name: p.name, ...(p.description !== undefined ? { description: p.description } : {}), defaultVersion: read.defaultVersion, versions: versions.map((v) => ({ id: v.id, document: v.document })) }];
    })
    .sort(byName);
  const systemPolicies = [...reading.systemPolicies].map(([name, p]) => ({ name, ...(p.description !== undefined ? { description: p.description } : {}), document: p.document })).sort(byName);

  let resourceGroups = reading.resourceGroups?.map((g) => ({ ...g }));
  if (resourceGroups) {
    // A group named by an attachment or instance but not listed (deleted meanwhile): its id is a fact.
    const listed = new Set(resourceGroups.map((g) => g.id));
    const named = [...users, ...groups, ...roles].flatMap((h) => h.attachments.map((a) => a.resourceGroup)).concat((reading.camsInstances ?? []).map((i) => i.resourceGroup));
    for (const id of named) if (id !== undefined && !listed.has(id)) listed.add(id) && resourceGroups.push({ id });
    resourceGroups = resourceGroups.sort((a, b) => byCodePoint(a.id, b.id));
  }

  const snapshotLists = { users, groups, roles, policies, systemPolicies };
  const directory = reading.directory;
  const directoryFailures = directory?.state === 'unknown' ? directory.failures : [];
  const gaps = [...reading.failures, ...directoryFailures, ...extra].map((f) => gapOf(f, snapshotLists));
  if (reading.accountId === undefined) return { gaps };
  const snapshot: RawSnapshot = {
    accountId: reading.accountId,
    collectedAt: options.collectedAt,
    ...(directory?.state === 'member' ? { resourceDirectory: directory.resourceDirectory } : {}),
    policies,
    systemPolicies,
    users,
    groups,
    roles,
    ...(resourceGroups ? { resourceGroups } : {}),
    ...(reading.camsInstances ? { resources: { camsInstances: [...reading.camsInstances].sort((a, b) => byCodePoint(a.id, b.id)) } } : {}),
    collection: { tool: options.tool, gaps, notCollected: [...(directory?.state === 'member' || directory?.state === 'outside' ? [] : ['resourceDirectory']), ...NOT_COLLECTED, ...(options.camsInstances ? [] : ['resources.camsInstances'])] },
  };
  return { snapshot, gaps };
}

/** A failed call as the snapshot records it: the identifying parameters, the error, what is missing and where. */
function gapOf(f: FailedCall, lists: { users: { name: string }[]; groups: { name: string }[]; roles: { name: string }[]; policies: { name: string }[]; systemPolicies: { name: string }[] }): CollectionGap {
  let path: string | undefined;
  if (f.target) {
    const { list, name, field } = f.target;
    const pointerList = list === 'camsInstances' ? '/resources/camsInstances' : `/${list}`;
    path = pointerList;
    if (name !== undefined && list !== 'resourceGroups' && list !== 'camsInstances') {
      const index = lists[list].findIndex((x) => x.name === name);
      const system = list === 'policies' && index < 0 ? lists.systemPolicies.findIndex((x) => x.name === name) : -1;
      if (index >= 0) path = `${pointerList}/${index}${field !== undefined ? `/${field}` : ''}`;
      else if (system >= 0) path = `/systemPolicies/${system}`;
      else if (list === 'policies') path = '/policies';
    }
  }
  const { request, failure } = f;
  return {
    service: request.api,
    action: request.action,
    parameters: request.parameters,
    ...(failure.code !== undefined ? { code: failure.code } : {}),
    message: failure.message,
    ...(failure.requestId !== undefined ? { requestId: failure.requestId } : {}),
    missing: f.missing,
    ...(path !== undefined ? { path } : {}),
  };
}
