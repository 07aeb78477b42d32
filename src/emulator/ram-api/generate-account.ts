/**
 * A generator of realistic accounts for the account emulator, the collection tests and the
 * bench: thousands of users in groups, roles with trust policies (users, the account, services),
 * custom policies with several versions, system policies (the catalog's and one it lacks),
 * attachments at account and resource-group scope, resource groups and CAMS instances. Seeded
 * and deterministic; every list in the order `ramguard collect` writes (names sorted, a
 * principal's account-scope attachments before its resource-group ones), so a faithful
 * collection of it equals it.
 */
import { byCodePoint, compareAttachments } from '../../snapshot/order.js';
import type { Attachment } from '../../snapshot/types.js';
import type { ServedAccount, ServedGroup, ServedPolicy, ServedRole, ServedUser } from './account-index.js';

/** What to generate. */
export interface AccountShape {
  users?: number;
  groups?: number;
  roles?: number;
  policies?: number;
  resourceGroups?: number;
  camsInstances?: number;
  seed?: number;
  accountId?: string;
  /** The region of the CAMS instances. */
  region?: string;
}

/** A system policy the built-in catalog lacks, so a collection must read its document. */
export const EXTRA_SYSTEM_POLICY = {
  name: 'AliyunECSReadOnlyAccess',
  description: 'read-only access to ECS',
  document: { Version: '1', Statement: [{ Effect: 'Allow', Action: ['ecs:Describe*', 'ecs:List*'], Resource: '*' }] },
};

/** The catalog's identity system policies the generator attaches. */
const CATALOG_SYSTEM_POLICIES = ['AliyunCamsReadOnlyAccess', 'AliyunCamsFullAccess', 'AliyunRAMReadOnlyAccess', 'AliyunSTSAssumeRoleAccess'];

/** mulberry32: a small, fast, seeded PRNG (no dependency for a test-data generator). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width = 4) => String(n).padStart(width, '0');
/** Generates an account: by default 2,000 users, 60 groups, 80 roles, 120 custom policies. */
export function generateAccount(shape: AccountShape = {}): ServedAccount {
  const random = prng(shape.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number) => random() < p;
  const accountId = shape.accountId ?? '1234567890123456';
  const region = shape.region ?? 'ap-southeast-1';
  const counts = { users: shape.users ?? 2000, groups: shape.groups ?? 60, roles: shape.roles ?? 80, policies: shape.policies ?? 120, resourceGroups: shape.resourceGroups ?? 10, instances: shape.camsInstances ?? 60 };

  const resourceGroups = Array.from({ length: counts.resourceGroups }, (_, i) => ({ id: `rg-aek2${pad(i, 6)}`, name: i === 0 ? 'default' : `project-${pad(i, 2)}` }));
  const userNames = Array.from({ length: counts.users }, (_, i) => `user-${pad(i + 1)}`);
  const statements = [
    () => ({ Effect: 'Allow', Action: ['cams:Get*', 'cams:List*', 'cams:QueryInstance'], Resource: '*' }),
    () => ({ Effect: 'Allow', Action: 'cams:UpdateInstance', Resource: `acs:cams:${region}:${accountId}:instance/*`, Condition: { IpAddress: { 'acs:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } } }),
    () => ({ Effect: 'Allow', Action: 'cams:*', Resource: '*', Condition: { StringEquals: { 'acs:ResourceTag/env': pick(['dev', 'staging', 'prod']) } } }),
    () => ({ Effect: 'Deny', Action: 'cams:DeleteInstance', Resource: '*', Condition: { Bool: { 'acs:MFAPresent': 'false' } } }),
    () => ({ Effect: 'Allow', Action: ['ecs:Describe*', 'oss:GetObject', 'oss:ListObjects'], Resource: '*' }),
    () => ({ Effect: 'Allow', Action: ['ram:AttachPolicyToUser', 'ram:AddUserToGroup'], Resource: '*' }),
    () => ({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `acs:ram::${accountId}:role/role-${pad(1 + Math.floor(random() * counts.roles), 3)}` }),
    () => ({ Effect: 'Allow', Action: 'cams:UpdateInstance', Resource: '*', Condition: { Bool: { 'acs:SecureTransport': 'true' } } }),
  ];
  const document = () => ({ Version: '1', Statement: Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(statements)()) });

  const policies: ServedPolicy[] = Array.from({ length: counts.policies }, (_, i) => {
    const versions = Array.from({ length: 1 + (i % 5) }, (_, v) => ({ id: `v${v + 1}`, document: document() }));
    return { name: `${pick(['cams', 'ops', 'dev', 'audit', 'deploy'])}-policy-${pad(i + 1, 3)}`, description: `generated policy ${i + 1}`, defaultVersion: pick(versions).id, versions };
  });
  const systemNames = [...CATALOG_SYSTEM_POLICIES, EXTRA_SYSTEM_POLICY.name];
  /** `n` distinct attachments, a fifth of them (when allowed) scoped to a resource group. */
  const attachments = (n: number, scoped: number): Attachment[] => {
    const seen = new Map<string, Attachment>();
    for (let k = 0; k < n; k++) {
      const attachment: Attachment = chance(0.7) ? { policy: pick(policies).name, type: 'Custom' } : { policy: pick(systemNames), type: 'System' };
      if (chance(scoped)) attachment.resourceGroup = pick(resourceGroups).id;
      seen.set(`${attachment.resourceGroup ?? ''}|${attachment.policy}`, attachment);
    }
    return [...seen.values()].sort(compareAttachments);
  };

  const groups: ServedGroup[] = Array.from({ length: counts.groups }, (_, i) => ({ name: `${pick(['team', 'ops', 'dev', 'sec'])}-group-${pad(i + 1, 2)}`, description: `generated group ${i + 1}`, attachments: attachments(1 + Math.floor(random() * 3), 0.2) }));
  const groupNames = groups.map((g) => g.name);
  const users: ServedUser[] = userNames.map((name, i) => ({
    name,
    displayName: `User ${i + 1}`,
    groups: [...new Set(Array.from({ length: Math.floor(random() * 4) }, () => pick(groupNames)))].sort(byCodePoint),
    attachments: attachments(Math.floor(random() * 3), 0.1),
  }));
  const trustPrincipals = [
    () => ({ RAM: [`acs:ram::${accountId}:user/${pick(userNames)}`] }),
    () => ({ RAM: [`acs:ram::${accountId}:root`] }),
    () => ({ Service: [pick(['ecs.aliyuncs.com', 'fc.aliyuncs.com', 'actiontrail.aliyuncs.com'])] }),
    () => ({ RAM: [`acs:ram::${accountId}:user/${pick(userNames)}`, `acs:ram::${accountId}:user/${pick(userNames)}`] }),
  ];
  const roles: ServedRole[] = Array.from({ length: counts.roles }, (_, i) => {
    const name = `role-${pad(i + 1, 3)}`;
    const principal = pick(trustPrincipals)();
    return {
      name,
      description: `generated role ${i + 1}`,
      arn: `acs:ram::${accountId}:role/${name}`,
      trustPolicy: { document: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: principal }] } },
      maxSessionDuration: pick([3600, 7200, 14400, 43200]),
      // Some roles a service assumes are service-linked (exempt from control policies): collect reads the flag.
      ...('Service' in principal && i % 3 === 0 ? { serviceLinked: true } : {}),
      attachments: attachments(1 + Math.floor(random() * 2), 0.15),
    };
  });
  const camsInstances = Array.from({ length: counts.instances }, (_, i) => ({
    id: `cams-${pad(i + 1, 5)}`,
    name: `${pick(['whatsapp', 'viber', 'messenger'])}_ins_${i + 1}`,
    region,
    resourceGroup: pick(resourceGroups).id,
  }));
  const sortByName = <T extends { name: string }>(items: T[]) => items.sort((a, b) => byCodePoint(a.name, b.name));
  return {
    accountId,
    policies: sortByName(policies),
    systemPolicies: [structuredClone(EXTRA_SYSTEM_POLICY)],
    users: sortByName(users),
    groups: sortByName(groups),
    roles: sortByName(roles),
    resourceGroups,
    resources: { camsInstances },
  };
}
