/**
 * A generated account for the audit bench: 9,000 users and 1,000 roles with five policies each
 * (a user: three of its own and two through its group), 1,000 CAMS instances in 20 resource groups
 * and 3 regions, tagged by team and environment.
 * Policies mix what real accounts hold: team operators whose update is conditioned on a team tag,
 * resource-group admins, regional readers, other services, a conditional office policy, role
 * assumption (specific roles and account-root trust), a few admins and helpdesk users with RAM
 * permissions (so escalation is searched), and a Resource Directory with a deny.
 */

const ACCOUNT = '1234567890123456';
const REGIONS = ['cn-hangzhou', 'ap-southeast-1', 'eu-central-1'];
const TEAMS = 50;
const GROUPS = 20;

type Doc = { Version: '1'; Statement: Record<string, unknown>[] };
const doc = (...statements: Record<string, unknown>[]): Doc => ({ Version: '1', Statement: statements });
const custom = (name: string, document: Doc) => ({ name, defaultVersion: 'v1', versions: [{ id: 'v1', document }] });

/** The raw snapshot object (as its YAML or JSON would hold it). */
export function generatedAccount(principals = 10_000, instances = 1_000): Record<string, unknown> {
  const policies = [
    ...Array.from({ length: TEAMS }, (_, t) => custom(`team-${t}-operator`, doc({ Effect: 'Allow', Action: ['cams:UpdateInstance', 'cams:QueryInstance'], Resource: `acs:cams:*:${ACCOUNT}:instance/*`, Condition: { StringEquals: { 'acs:ResourceTag/team': `team-${t}` } } }))),
    ...Array.from({ length: GROUPS }, (_, g) => custom(`rg-${g}-admin`, doc({ Effect: 'Allow', Action: 'cams:*', Resource: '*' }))),
    ...REGIONS.map((r) => custom(`read-${r}`, doc({ Effect: 'Allow', Action: ['cams:Query*', 'cams:List*'], Resource: `acs:cams:${r}:${ACCOUNT}:*` }))),
    ...Array.from({ length: 200 }, (_, i) => custom(`other-${i}`, doc({ Effect: 'Allow', Action: [`ecs:Describe*`, `oss:GetObject`], Resource: `acs:oss:*:${ACCOUNT}:bucket-${i}/*` }))),
    custom('office-update', doc({ Effect: 'Allow', Action: 'cams:UpdateInstance', Resource: '*', Condition: { IpAddress: { 'acs:SourceIp': '203.0.113.0/24' } } })),
    custom('deny-prod-delete', doc({ Effect: 'Deny', Action: 'cams:DeleteInstance', Resource: '*', Condition: { StringEquals: { 'acs:ResourceTag/env': 'prod' } } })),
    ...Array.from({ length: 100 }, (_, i) => custom(`assume-${i}`, doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `acs:ram::${ACCOUNT}:role/role-${i}*` }))),
    custom('cams-deployer', doc({ Effect: 'Allow', Action: ['cams:UpdateInstance', 'cams:QueryInstance'], Resource: `acs:cams:*:${ACCOUNT}:instance/*` })),
    custom('helpdesk', doc({ Effect: 'Allow', Action: ['ram:CreateLoginProfile', 'ram:UpdateLoginProfile', 'ram:AddUserToGroup'], Resource: '*' })),
  ];
  // Direct attachments come from the everyday pool (other services, regional reads, role
  // assumption for 1 user in 20); update rights come through team and resource-group groups, a few
  // admins, the office policy and deployer roles — as in an account where most people cannot update.
  const everyday = [...Array.from({ length: 200 }, (_, i) => `other-${i}`), ...REGIONS.map((r) => `read-${r}`)];
  const pick = (i: number, k: number) => everyday[(i * 7919 + k * 104729) % everyday.length]!;
  const groups = [
    ...Array.from({ length: 100 }, (_, g) => ({
      name: `group-${g}`,
      attachments: [
        { policy: `read-${REGIONS[g % 3]}`, type: 'Custom' },
        g % 10 === 0 ? { policy: `team-${(g / 10) % TEAMS}-operator`, type: 'Custom' } : g % 10 === 5 ? { policy: `rg-${g % GROUPS}-admin`, type: 'Custom', resourceGroup: `rg-${g % GROUPS}` } : { policy: `other-${g}`, type: 'Custom' },
      ],
    })),
    { name: 'admins', attachments: [{ policy: 'AdministratorAccess', type: 'System' }, { policy: 'deny-prod-delete', type: 'Custom' }] },
  ];
  const roleCount = Math.round(principals / 10);
  const users = Array.from({ length: principals - roleCount }, (_, i) => {
    const third = i >= 10 && i < 15 ? 'helpdesk' : i % 100 === 1 ? 'office-update' : i % 20 === 2 ? `assume-${i % 100}` : pick(i, 2);
    const attachments = [{ policy: pick(i, 0), type: 'Custom' }, { policy: pick(i, 1), type: 'Custom' }, { policy: third, type: 'Custom' }];
    return { name: `user-${i}`, groups: [i < 10 ? 'admins' : `group-${i % 100}`], attachments, loginProfile: i % 3 !== 0, mfaBound: i % 2 === 0 };
  });
  const roles = Array.from({ length: roleCount }, (_, r) => ({
    name: `role-${r}`,
    trustPolicy: { document: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [r % 10 === 0 ? `acs:ram::${ACCOUNT}:root` : `acs:ram::${ACCOUNT}:user/user-${r * 7}`] } }) },
    attachments: [0, 1, 2, 3, 4].map((k) => ({ policy: k === 0 && r % 20 === 0 ? 'cams-deployer' : pick(r + 100_000, k), type: 'Custom' })),
  }));
  const camsInstances = Array.from({ length: instances }, (_, i) => ({ id: `ins-${i}`, region: REGIONS[i % 3], resourceGroup: `rg-${i % GROUPS}`, tags: { team: `team-${i % TEAMS}`, env: i % 4 === 0 ? 'prod' : 'staging' } }));
  return {
    accountId: ACCOUNT,
    resourceDirectory: {
      controlPolicies: [{ name: 'no-prod-deletes', document: doc({ Effect: 'Deny', Action: 'cams:DeleteInstance', Resource: '*', Condition: { StringEquals: { 'acs:ResourceTag/env': 'prod' } } }) }],
      path: [
        { name: 'Root', controlPolicies: [{ policy: 'FullAliyunAccess', type: 'System' }] },
        { name: 'Production', controlPolicies: [{ policy: 'FullAliyunAccess', type: 'System' }, { policy: 'no-prod-deletes', type: 'Custom' }] },
      ],
    },
    resourceGroups: Array.from({ length: GROUPS }, (_, g) => ({ id: `rg-${g}` })),
    policies,
    users,
    groups,
    roles,
    resources: { camsInstances },
  };
}
