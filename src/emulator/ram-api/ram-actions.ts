/**
 * The RAM API (version 2015-05-01) actions the account emulator answers, with the response
 * shapes of Alibaba's API reference: lists wrapped as `{Users: {User: [...]}}`, Marker paging on
 * ListUsers/ListGroups/ListRoles/ListPolicies, documents as JSON strings (`PolicyDocument`,
 * `AssumeRolePolicyDocument`), ListPoliciesFor* listing account-scope attachments only (the
 * reference: "you cannot query the policies that are attached to resource groups"). Pure.
 */
import { parameterError, type ApiError } from '../errors.js';
import type { Attachment } from '../../snapshot/types.js';
import { roleArn } from '../../snapshot/principal.js';
import { CREATED, idOf, type AccountIndex, type ServedPolicy } from './account-index.js';
import { markerPage } from './paging.js';

/** RAM's API version. */
export const RAM_VERSION = '2015-05-01';

/** The RAM actions the emulator answers. */
export const RAM_ACTIONS = [
  'ListUsers', 'ListGroups', 'ListRoles', 'ListPolicies', 'ListPolicyVersions', 'GetPolicyVersion', 'GetPolicy',
  'ListPoliciesForUser', 'ListPoliciesForGroup', 'ListPoliciesForRole', 'ListGroupsForUser', 'GetRole',
] as const;

/** A success body, or an error. */
export type ActionResult = { body: Record<string, unknown> } | { error: ApiError };

/** Options of the RAM handlers. */
export interface RamAnswerOptions {
  /** Answer at most this many items per Marker page, whatever MaxItems asks (RAM may return fewer). */
  pageCap?: number;
}

const notFound = (what: string, name: string): ActionResult => ({ error: { status: 404, code: `EntityNotExist.${what}`, message: `The ${what.toLowerCase().replace('.', ' ')} does not exist: ${name}` } });
const json = (document: unknown) => JSON.stringify(document);

/** Reads a required parameter, or the `Missing<Name>` error. */
function required(parameters: Record<string, string>, name: string): string | { error: ApiError } {
  const value = parameters[name];
  return value === undefined || value === '' ? { error: parameterError('Missing', name, `${name} is mandatory for this action.`) } : value;
}

/** A page as RAM words it: `{IsTruncated, Marker?, <Outer>: {<Inner>: [...]}}`. */
function listPage<T>(all: readonly T[], outer: string, inner: string, list: string, parameters: Record<string, string>, options: RamAnswerOptions, shape: (item: T) => Record<string, unknown>): ActionResult {
  const page = markerPage(all, list, parameters, options.pageCap);
  if ('error' in page) return page;
  return { body: { IsTruncated: page.isTruncated, ...(page.marker !== undefined ? { Marker: page.marker } : {}), [outer]: { [inner]: page.items.map(shape) } } };
}

/** The version entry of a custom policy, as ListPolicyVersions and GetPolicyVersion give it. */
function versionEntry(policy: ServedPolicy, version: ServedPolicy['versions'][number]): Record<string, unknown> {
  return { VersionId: version.id, IsDefaultVersion: version.id === policy.defaultVersion, PolicyDocument: json(version.document), CreateDate: CREATED };
}

/** The policy entries of ListPoliciesForUser/Group/Role: account-scope attachments only. */
function attachedPolicies(index: AccountIndex, attachments: Attachment[] = []): Record<string, unknown>[] {
  return attachments
    .filter((a) => a.resourceGroup === undefined)
    .map((a) => {
      const custom = a.type === 'Custom' ? index.names.policy(a.policy) : undefined;
      const system = a.type === 'System' ? index.systemPolicies.get(a.policy) : undefined;
      return { PolicyName: a.policy, PolicyType: a.type, Description: custom?.description ?? system?.description ?? '', DefaultVersion: custom?.defaultVersion ?? 'v1', AttachDate: CREATED };
    });
}

/** Answers one RAM action (the caller has checked that `action` is one of RAM_ACTIONS). */
export function answerRam(index: AccountIndex, action: string, parameters: Record<string, string>, options: RamAnswerOptions = {}): ActionResult {
  const { account } = index;
  const named = (name: string) => required(parameters, name);
  switch (action) {
    case 'ListUsers':
      return listPage(index.users, 'Users', 'User', 'users', parameters, options, (u) => ({ UserId: idOf('user', u.name), UserName: u.name, DisplayName: u.displayName ?? u.name, CreateDate: CREATED, UpdateDate: CREATED }));
    case 'ListGroups':
      return listPage(index.groups, 'Groups', 'Group', 'groups', parameters, options, (g) => ({ GroupId: idOf('group', g.name), GroupName: g.name, Comments: g.description ?? '', CreateDate: CREATED, UpdateDate: CREATED }));
    case 'ListRoles':
      return listPage(index.roles, 'Roles', 'Role', 'roles', parameters, options, (r) => ({ RoleId: idOf('role', r.name), RoleName: r.name, Arn: roleArn(account, r), Description: r.description ?? '', MaxSessionDuration: r.maxSessionDuration ?? 3600, CreateDate: CREATED, UpdateDate: CREATED }));
    case 'ListPolicies': {
      const type = parameters['PolicyType'];
      if (type !== undefined && type !== '' && type !== 'Custom' && type !== 'System') return { error: { status: 400, code: 'InvalidParameter.PolicyType', message: `The parameter PolicyType is invalid: ${type}` } };
      const custom = type === 'System' ? [] : index.policies.map((p) => ({ PolicyName: p.name, PolicyType: 'Custom', Description: p.description ?? '', DefaultVersion: p.defaultVersion }));
      const system = type === 'Custom' ? [] : [...index.systemPolicies.values()].map((p) => ({ PolicyName: p.name, PolicyType: 'System', Description: p.description, DefaultVersion: 'v1' }));
      const count = (name: string) => index.attachments.filter((h) => h.attachment.policy === name).length;
      return listPage([...custom, ...system], 'Policies', 'Policy', `policies-${type || 'All'}`, parameters, options, (p) => ({ ...p, AttachmentCount: count(p.PolicyName), CreateDate: CREATED, UpdateDate: CREATED }));
    }
    case 'ListPolicyVersions':
    case 'GetPolicyVersion':
    case 'GetPolicy': {
      const name = named('PolicyName');
      if (typeof name !== 'string') return name;
      const type = named('PolicyType');
      if (typeof type !== 'string') return type;
      if (type === 'System') {
        const system = index.systemPolicies.get(name);
        if (!system) return notFound('Policy', name);
        const version = { VersionId: 'v1', IsDefaultVersion: true, PolicyDocument: json(system.document), CreateDate: CREATED };
        if (action === 'ListPolicyVersions') return { body: { PolicyVersions: { PolicyVersion: [version] } } };
        if (action === 'GetPolicyVersion') return parameters['VersionId'] === 'v1' ? { body: { PolicyVersion: version } } : notFound('Policy.Version', `${name} ${parameters['VersionId'] ?? ''}`);
        return { body: { Policy: { PolicyName: name, PolicyType: 'System', Description: system.description, DefaultVersion: 'v1', PolicyDocument: version.PolicyDocument, CreateDate: CREATED, UpdateDate: CREATED }, DefaultPolicyVersion: version } };
      }
      if (type !== 'Custom') return { error: { status: 400, code: 'InvalidParameter.PolicyType', message: `The parameter PolicyType is invalid: ${type}` } };
      const policy = index.names.policy(name);
      if (!policy) return notFound('Policy', name);
      if (action === 'ListPolicyVersions') return { body: { PolicyVersions: { PolicyVersion: policy.versions.map((v) => versionEntry(policy, v)) } } };
      if (action === 'GetPolicyVersion') {
        const id = named('VersionId');
        if (typeof id !== 'string') return id;
        const version = policy.versions.find((v) => v.id === id);
        return version ? { body: { PolicyVersion: versionEntry(policy, version) } } : notFound('Policy.Version', `${name} ${id}`);
      }
      const current = policy.versions.find((v) => v.id === policy.defaultVersion)!;
      return { body: { Policy: { PolicyName: name, PolicyType: 'Custom', Description: policy.description ?? '', DefaultVersion: policy.defaultVersion, PolicyDocument: json(current.document), CreateDate: CREATED, UpdateDate: CREATED }, DefaultPolicyVersion: versionEntry(policy, current) } };
    }
    case 'ListPoliciesForUser':
    case 'ListGroupsForUser': {
      const name = named('UserName');
      if (typeof name !== 'string') return name;
      const user = index.names.user(name);
      if (!user) return notFound('User', name);
      if (action === 'ListPoliciesForUser') return { body: { Policies: { Policy: attachedPolicies(index, user.attachments) } } };
      return { body: { Groups: { Group: (user.groups ?? []).map((g) => ({ GroupId: idOf('group', g), GroupName: g, Comments: index.names.group(g)?.description ?? '', JoinDate: CREATED })) } } };
    }
    case 'ListPoliciesForGroup': {
      const name = named('GroupName');
      if (typeof name !== 'string') return name;
      const group = index.names.group(name);
      return group ? { body: { Policies: { Policy: attachedPolicies(index, group.attachments) } } } : notFound('Group', name);
    }
    case 'ListPoliciesForRole':
    case 'GetRole': {
      const name = named('RoleName');
      if (typeof name !== 'string') return name;
      const role = index.names.role(name);
      if (!role) return notFound('Role', name);
      if (action === 'ListPoliciesForRole') return { body: { Policies: { Policy: attachedPolicies(index, role.attachments) } } };
      return {
        body: {
          Role: {
            RoleId: idOf('role', role.name), RoleName: role.name, Arn: roleArn(account, role), Description: role.description ?? '',
            AssumeRolePolicyDocument: json(role.trustPolicy.document), MaxSessionDuration: role.maxSessionDuration ?? 3600, IsServiceLinkedRole: role.serviceLinked === true, CreateDate: CREATED, UpdateDate: CREATED,
          },
        },
      };
    }
    default:
      return { error: { status: 404, code: 'InvalidAction.NotFound', message: `Specified api is not found: \`${action}\`` } };
  }
}
