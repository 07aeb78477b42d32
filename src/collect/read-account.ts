/**
 * Reads an account through a `Caller`: the lists first (resource groups, users, groups, roles,
 * custom policies, resource-group-scope attachments), then each principal's and policy's details,
 * then the documents of attached system policies the built-in catalog lacks, and CAMS instances
 * when asked. Every failed call is kept with what it leaves missing; nothing is dropped silently.
 * No I/O of its own: the caller does the network, with its retries and concurrency limit.
 */
import { builtinCatalog } from '../catalog/builtin.js';
import type { ServiceFailure } from '../client/failure.js';
import type { Attachment, PolicyType } from '../snapshot/types.js';
import type { Caller, CallRequest, FailedCall } from './calls.js';
import { followMarker, followNumbered, listIn, type ListResult } from './pages.js';
import type { DirectoryReading } from './read-directory.js';

/** What a RAM user, group or role has attached at account scope, as ListPoliciesFor* says. */
type Attached = Pick<Attachment, 'policy' | 'type'>[];

/** Everything read, before it is assembled into a snapshot. */
export interface AccountReading {
  accountId?: string;
  /** Undefined when the list could not be read at all. */
  resourceGroups?: { id: string; name?: string }[];
  users: { name: string; displayName?: string }[];
  groups: { name: string; description?: string }[];
  roles: { name: string; description?: string; arn?: string }[];
  policies: { name: string; description?: string; defaultVersion?: string }[];
  userGroups: Map<string, string[]>;
  userAttachments: Map<string, Attached>;
  groupAttachments: Map<string, Attached>;
  roleAttachments: Map<string, Attached>;
  roleDetails: Map<string, { arn?: string; description?: string; trustPolicy: unknown; maxSessionDuration?: number; serviceLinked?: boolean }>;
  policyVersions: Map<string, { defaultVersion: string; versions: { id: string; document: unknown }[]; onlyDefault: boolean }>;
  /** Resource-group-scope attachments from Resource Manager, principals by name and type. */
  scopedAttachments: { principalType: string; principal: string; policy: string; type: PolicyType; resourceGroup: string }[];
  systemPolicies: Map<string, { description?: string; document: unknown }>;
  camsInstances?: { id: string; name?: string; region: string; resourceGroup?: string }[];
  /** The Resource Directory section (read by `collectAccount` once the account id is known); undefined: not asked. */
  directory?: DirectoryReading;
  failures: FailedCall[];
  /** Pages read per list, for the progress report and the bench. */
  pages: Record<string, number>;
}

/** What to read. */
export interface ReadOptions {
  /** List CAMS instances of this region. */
  camsRegion?: string;
  /** RAM's MaxItems (1 to 1000). */
  maxItems?: number;
  /** Told when a phase starts and each time a call of it ends. */
  onProgress?: (phase: string, done: number, total: number) => void;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const malformed = (message: string): ServiceFailure => ({ kind: 'malformed-response', message, retryable: false });

/** A policy document as RAM returns it: a JSON string (the reference's type), or already an object. */
export function documentOf(value: unknown): unknown {
  if (typeof value !== 'string') return value !== null && typeof value === 'object' ? value : undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

/** The name in a Resource Manager PrincipalName (`name@<alias>.onaliyun.com`, `@group.`, `@role.`): the part before `@`. */
export function principalOf(principalName: string): string {
  const at = principalName.indexOf('@');
  return at < 0 ? principalName : principalName.slice(0, at);
}

/** Reads the whole account. */
export async function readAccount(call: Caller, options: ReadOptions = {}): Promise<AccountReading> {
  const failures: FailedCall[] = [];
  const pages: Record<string, number> = {};
  const maxItems = options.maxItems ?? 1000;
  const progress = (phase: string, total: number) => {
    let done = 0;
    options.onProgress?.(phase, 0, total);
    return () => options.onProgress?.(phase, ++done, total);
  };
  const failed = (request: CallRequest, failure: ServiceFailure, missing: string, target?: FailedCall['target']) => failures.push({ request, failure, missing, ...(target ? { target } : {}) });
  const listed = (name: string, result: ListResult<Record<string, unknown>>, missing: string, target: FailedCall['target']) => {
    pages[name] = result.pages;
    for (const f of result.failures) failed(f.request, f.failure, missing, target);
    return result.items;
  };

  // Phase 1: the lists.
  const tick = progress('lists', 6);
  const ram = (action: string, parameters: Record<string, string> = {}): CallRequest => ({ api: 'ram', action, parameters });
  const [groupsRead, usersRead, groupListRead, rolesRead, policiesRead, attachmentsRead] = await Promise.all([
    followNumbered(call, { api: 'resourcemanager', action: 'ListResourceGroups', parameters: {} }, 'PageNumber', 100, (b) => listIn(b, 'ResourceGroups', 'ResourceGroup')).finally(tick),
    followMarker(call, ram('ListUsers'), 'Users', 'User', maxItems).finally(tick),
    followMarker(call, ram('ListGroups'), 'Groups', 'Group', maxItems).finally(tick),
    followMarker(call, ram('ListRoles'), 'Roles', 'Role', maxItems).finally(tick),
    followMarker(call, ram('ListPolicies', { PolicyType: 'Custom' }), 'Policies', 'Policy', maxItems).finally(tick),
    followNumbered(call, { api: 'resourcemanager', action: 'ListPolicyAttachments', parameters: {} }, 'PageNumber', 100, (b) => listIn(b, 'PolicyAttachments', 'PolicyAttachment')).finally(tick),
  ]);
  const rgItems = listed('ListResourceGroups', groupsRead, 'resource groups on the pages that failed', { list: 'resourceGroups' });
  const reading: AccountReading = {
    ...(groupsRead.pages > 0 ? { resourceGroups: rgItems.flatMap((g) => (text(g['Id']) ? [{ id: text(g['Id'])!, ...(text(g['DisplayName']) ? { name: text(g['DisplayName'])! } : {}) }] : [])) } : {}),
    users: listed('ListUsers', usersRead, 'the users after those listed (the list stopped at this page)', { list: 'users' }).flatMap((u) => (text(u['UserName']) ? [{ name: text(u['UserName'])!, ...(text(u['DisplayName']) ? { displayName: text(u['DisplayName'])! } : {}) }] : [])),
    groups: listed('ListGroups', groupListRead, 'the groups after those listed (the list stopped at this page)', { list: 'groups' }).flatMap((g) => (text(g['GroupName']) ? [{ name: text(g['GroupName'])!, ...(text(g['Comments']) ? { description: text(g['Comments'])! } : {}) }] : [])),
    roles: listed('ListRoles', rolesRead, 'the roles after those listed (the list stopped at this page)', { list: 'roles' }).flatMap((r) => (text(r['RoleName']) ? [{ name: text(r['RoleName'])!, ...(text(r['Arn']) ? { arn: text(r['Arn'])! } : {}), ...(text(r['Description']) ? { description: text(r['Description'])! } : {}) }] : [])),
    policies: listed('ListPolicies', policiesRead, 'the custom policies after those listed (the list stopped at this page)', { list: 'policies' }).flatMap((p) => (text(p['PolicyName']) ? [{ name: text(p['PolicyName'])!, ...(text(p['Description']) ? { description: text(p['Description'])! } : {}), ...(text(p['DefaultVersion']) ? { defaultVersion: text(p['DefaultVersion'])! } : {}) }] : [])),
    userGroups: new Map(),
    userAttachments: new Map(),
    groupAttachments: new Map(),
    roleAttachments: new Map(),
    roleDetails: new Map(),
    policyVersions: new Map(),
    scopedAttachments: [],
    systemPolicies: new Map(),
    failures,
    pages,
  };
  const accountIds = [...rgItems.map((g) => text(g['AccountId'])), ...reading.roles.map((r) => /^acs:ram::(\d+):role\//.exec(r.arn ?? '')?.[1])].filter((id): id is string => id !== undefined);
  if (accountIds[0] !== undefined) reading.accountId = accountIds[0];
  for (const a of listed('ListPolicyAttachments', attachmentsRead, 'resource-group-scope attachments on the pages that failed', undefined)) {
    const resourceGroup = text(a['ResourceGroupId']);
    const policy = text(a['PolicyName']);
    const type = a['PolicyType'];
    // Account scope (the account id as ResourceGroupId) comes from RAM's ListPoliciesFor* instead.
    if (!resourceGroup || /^\d+$/.test(resourceGroup) || !policy || (type !== 'Custom' && type !== 'System')) continue;
    reading.scopedAttachments.push({ principalType: String(a['PrincipalType']), principal: principalOf(String(a['PrincipalName'] ?? '')), policy, type, resourceGroup });
  }

  // Phase 2: each principal's and each policy's details.
  const details = progress('details', reading.users.length * 2 + reading.groups.length + reading.roles.length * 2 + reading.policies.length);
  const attachedIn = (body: Record<string, unknown>): Attached =>
    listIn(body, 'Policies', 'Policy').flatMap((p) => (text(p['PolicyName']) && (p['PolicyType'] === 'Custom' || p['PolicyType'] === 'System') ? [{ policy: text(p['PolicyName'])!, type: p['PolicyType'] as PolicyType }] : []));
  const one = async (request: CallRequest, onBody: (body: Record<string, unknown>) => string | undefined, missing: string, target?: FailedCall['target']) => {
    const outcome = await call(request);
    details();
    if (!outcome.ok) return failed(request, outcome.failure, missing, target);
    const problem = onBody(outcome.body);
    if (problem !== undefined) failed(request, malformed(problem), missing, target);
  };
  await Promise.all([
    ...reading.users.flatMap((u) => [
      one(ram('ListGroupsForUser', { UserName: u.name }), (b) => void reading.userGroups.set(u.name, listIn(b, 'Groups', 'Group').flatMap((g) => (text(g['GroupName']) ? [text(g['GroupName'])!] : []))), `the groups of user \`${u.name}\``, { list: 'users', name: u.name, field: 'groups' }),
      one(ram('ListPoliciesForUser', { UserName: u.name }), (b) => void reading.userAttachments.set(u.name, attachedIn(b)), `the account-scope policies attached to user \`${u.name}\``, { list: 'users', name: u.name, field: 'attachments' }),
    ]),
    ...reading.groups.map((g) => one(ram('ListPoliciesForGroup', { GroupName: g.name }), (b) => void reading.groupAttachments.set(g.name, attachedIn(b)), `the account-scope policies attached to group \`${g.name}\``, { list: 'groups', name: g.name, field: 'attachments' })),
    ...reading.roles.flatMap((r) => [
      one(ram('GetRole', { RoleName: r.name }), (b) => readRole(reading, r.name, b), `role \`${r.name}\` (its trust policy could not be read, so the role is left out)`, { list: 'roles' }),
      one(ram('ListPoliciesForRole', { RoleName: r.name }), (b) => void reading.roleAttachments.set(r.name, attachedIn(b)), `the account-scope policies attached to role \`${r.name}\``, { list: 'roles', name: r.name, field: 'attachments' }),
    ]),
    ...reading.policies.map((p) => readVersions(call, reading, p, details)),
  ]);

  // Phase 3: documents of attached system policies the built-in catalog lacks.
  const catalog = builtinCatalog().systemPolicies;
  const attachedSystem = new Set([...reading.userAttachments.values(), ...reading.groupAttachments.values(), ...reading.roleAttachments.values(), reading.scopedAttachments].flat().filter((a) => a.type === 'System').map((a) => a.policy));
  const unknownSystem = [...attachedSystem].filter((name) => catalog.get(name)?.kind !== 'identity').sort();
  const systemTick = progress('system policies', unknownSystem.length);
  await Promise.all(
    unknownSystem.map(async (name) => {
      const request = ram('GetPolicy', { PolicyType: 'System', PolicyName: name });
      const outcome = await call(request);
      systemTick();
      const body = outcome.ok ? outcome.body : undefined;
      const version = body?.['DefaultPolicyVersion'] as Record<string, unknown> | undefined;
      const policy = body?.['Policy'] as Record<string, unknown> | undefined;
      const document = documentOf(version?.['PolicyDocument'] ?? policy?.['PolicyDocument']);
      if (document === undefined) return failed(request, outcome.ok ? malformed('the answer has no readable PolicyDocument') : outcome.failure, `the document of system policy \`${name}\` (its attachments are left out)`, { list: 'systemPolicies' });
      reading.systemPolicies.set(name, { ...(text(policy?.['Description']) ? { description: text(policy?.['Description'])! } : {}), document });
    }),
  );

  // Phase 4: CAMS instances, when asked.
  if (options.camsRegion !== undefined) {
    const instanceTick = progress('cams instances', 1);
    const read = await followNumbered(call, { api: 'cams', action: 'ListInstance', parameters: {} }, 'PageIndex', 50, (b) => listIn(b, 'Data'));
    instanceTick();
    const region = options.camsRegion;
    reading.camsInstances = listed('ListInstance', read, 'CAMS instances on the pages that failed', { list: 'camsInstances' }).flatMap((i) =>
      text(i['InstanceId']) ? [{ id: text(i['InstanceId'])!, ...(text(i['InstanceName']) ? { name: text(i['InstanceName'])! } : {}), region: text(i['ResourceRegionId']) ?? region, ...(text(i['ResourceGroupId']) ? { resourceGroup: text(i['ResourceGroupId'])! } : {}) }] : [],
    );
  }
  return reading;
}

/** Reads a GetRole answer; a problem (no trust policy) as a sentence. */
function readRole(reading: AccountReading, name: string, body: Record<string, unknown>): string | undefined {
  const role = (body['Role'] ?? {}) as Record<string, unknown>;
  const trustPolicy = documentOf(role['AssumeRolePolicyDocument']);
  if (trustPolicy === undefined) return 'the answer has no readable AssumeRolePolicyDocument';
  const seconds = Number(role['MaxSessionDuration']);
  reading.roleDetails.set(name, {
    ...(text(role['Arn']) ? { arn: text(role['Arn'])! } : {}),
    ...(text(role['Description']) ? { description: text(role['Description'])! } : {}),
    trustPolicy,
    ...(Number.isInteger(seconds) && seconds > 0 ? { maxSessionDuration: seconds } : {}),
    // RAM answers a boolean; an answer without it leaves the flag unrecorded, not false.
    ...(typeof role['IsServiceLinkedRole'] === 'boolean' ? { serviceLinked: role['IsServiceLinkedRole'] } : {}),
  });
  return undefined;
}

/**
 * Reads every version of a custom policy (ListPolicyVersions); a version listed without its
 * document is read with GetPolicyVersion. When the list fails, GetPolicy still gives the version
 * in force, and the gap says the others are missing.
 */
async function readVersions(call: Caller, reading: AccountReading, policy: AccountReading['policies'][number], tick: () => void): Promise<void> {
  const request: CallRequest = { api: 'ram', action: 'ListPolicyVersions', parameters: { PolicyType: 'Custom', PolicyName: policy.name } };
  const outcome = await call(request);
  tick();
  const target = { list: 'policies' as const, name: policy.name };
  if (outcome.ok) {
    const versions: { id: string; document: unknown }[] = [];
    let defaultVersion = policy.defaultVersion;
    for (const v of listIn(outcome.body, 'PolicyVersions', 'PolicyVersion')) {
      const id = text(v['VersionId']);
      if (id === undefined) continue;
      if (v['IsDefaultVersion'] === true || v['IsDefaultVersion'] === 'true') defaultVersion = id;
      let document = documentOf(v['PolicyDocument']);
      if (document === undefined) {
        const get: CallRequest = { api: 'ram', action: 'GetPolicyVersion', parameters: { PolicyType: 'Custom', PolicyName: policy.name, VersionId: id } };
        const got = await call(get);
        document = got.ok ? documentOf((got.body['PolicyVersion'] as Record<string, unknown> | undefined)?.['PolicyDocument']) : undefined;
        if (document === undefined) {
          reading.failures.push({ request: get, failure: got.ok ? malformed('the answer has no readable PolicyDocument') : got.failure, missing: `version \`${id}\` of policy \`${policy.name}\``, target });
          continue;
        }
      }
      versions.push({ id, document });
    }
    if (defaultVersion !== undefined && versions.some((v) => v.id === defaultVersion)) {
      reading.policyVersions.set(policy.name, { defaultVersion, versions, onlyDefault: false });
      return;
    }
    reading.failures.push({ request, failure: malformed('the version in force is not among the versions read'), missing: `policy \`${policy.name}\` (left out, with its attachments)`, target });
    return;
  }
  const fallback: CallRequest = { api: 'ram', action: 'GetPolicy', parameters: { PolicyType: 'Custom', PolicyName: policy.name } };
  const got = await call(fallback);
  const version = got.ok ? (got.body['DefaultPolicyVersion'] as Record<string, unknown> | undefined) : undefined;
  const id = text(version?.['VersionId']);
  const document = documentOf(version?.['PolicyDocument']);
  if (id !== undefined && document !== undefined) {
    reading.policyVersions.set(policy.name, { defaultVersion: id, versions: [{ id, document }], onlyDefault: true });
    reading.failures.push({ request, failure: outcome.failure, missing: `the versions of policy \`${policy.name}\` other than \`${id}\`, the one in force (read with GetPolicy)`, target });
    return;
  }
  reading.failures.push({ request, failure: outcome.failure, missing: `policy \`${policy.name}\` (left out, with its attachments)`, target });
}
