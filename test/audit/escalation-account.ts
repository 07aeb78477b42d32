/**
 * A small account where escalation depends on the instance: old policy versions, policies attached
 * to nobody, resource-group attachments, tag conditions, group Denies, roles that trust the account
 * root, and principals holding each escalation move. Resource classes built from the attached
 * default versions alone cannot tell its instances apart the way the escalation search must
 * (issue 13 §1.2); the differential test in classes.test.ts runs every audit over it.
 */

const ACCOUNT = '8888888888888888';
type Statement = Record<string, unknown>;
const doc = (...statements: Statement[]) => ({ Version: '1', Statement: statements });
const custom = (name: string, ...statements: Statement[]) => ({ name, defaultVersion: 'v1', versions: [{ id: 'v1', document: doc(...statements) }] });
const instance = (id: string) => `acs:cams:*:${ACCOUNT}:instance/${id}`;
const ram = (kind: string, name: string) => `acs:ram:*:${ACCOUNT}:${kind}/${name}`;
const UPDATE = 'cams:UpdateInstance';
const attached = (...names: string[]) => names.map((policy) => ({ policy, type: 'Custom' }));
const rootTrust = (condition?: Record<string, unknown>) => doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${ACCOUNT}:root`] }, ...(condition ? { Condition: condition } : {}) });

/** The raw snapshot (as its JSON would hold it). */
export function escalationAccount(): Record<string, unknown> {
  const policies = [
    // Old versions that allow one instance each (never the first of its kind: a class built from
    // the attached defaults alone has the first as its representative); the default allows something else.
    ...[0, 1, 2].map((k) => ({
      name: `scoped-${k}`,
      defaultVersion: 'v2',
      versions: [
        { id: 'v1', document: doc({ Effect: 'Allow', Action: UPDATE, Resource: instance(`i-${12 + k}`) }) },
        { id: 'v2', document: doc({ Effect: 'Allow', Action: 'cams:QueryInstance', Resource: '*' }) },
      ],
    })),
    {
      name: 'team-old',
      defaultVersion: 'v3',
      versions: [
        { id: 'v1', document: doc({ Effect: 'Allow', Action: UPDATE, Resource: '*', Condition: { StringEquals: { 'acs:ResourceTag/team': 't1' } } }) },
        { id: 'v3', document: doc({ Effect: 'Allow', Action: 'ram:SetDefaultPolicyVersion', Resource: ram('policy', 'team-old') }) },
      ],
    },
    // Attached to nobody: only an attach move brings them in (i-17 is like i-5 but for its id).
    custom('unattached-i17', { Effect: 'Allow', Action: UPDATE, Resource: instance('i-17') }),
    custom('unattached-region', { Effect: 'Allow', Action: UPDATE, Resource: `acs:cams:eu-central-1:${ACCOUNT}:*` }),
    custom('attach-unattached', { Effect: 'Allow', Action: 'ram:AttachPolicyToUser', Resource: [ram('user', '*'), ram('policy', 'unattached-*')] }),
    custom('set-default-scoped', { Effect: 'Allow', Action: 'ram:SetDefaultPolicyVersion', Resource: ram('policy', 'scoped-*') }),
    custom('join-any', { Effect: 'Allow', Action: 'ram:AddUserToGroup', Resource: '*' }),
    custom('keys-for-holders', { Effect: 'Allow', Action: 'ram:CreateAccessKey', Resource: ram('user', 'holder-*') }),
    custom('assume-any', { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }),
    custom('attach-self-admin', { Effect: 'Allow', Action: 'ram:AttachPolicyToUser', Resource: [ram('user', 'locked'), 'acs:ram:*:system:policy/AdministratorAccess'] }),
    custom('update-i3', { Effect: 'Allow', Action: UPDATE, Resource: instance('i-3') }),
    custom('update-i4', { Effect: 'Allow', Action: UPDATE, Resource: instance('i-4') }),
    custom('update-all', { Effect: 'Allow', Action: UPDATE, Resource: '*' }),
    custom('team-t0', { Effect: 'Allow', Action: UPDATE, Resource: '*', Condition: { StringEquals: { 'acs:ResourceTag/team': 't0' } } }),
    custom('deny-prod', { Effect: 'Deny', Action: UPDATE, Resource: '*', Condition: { StringEquals: { 'acs:ResourceTag/env': 'prod' } } }),
  ];
  const users = [
    { name: 'esc-default', groups: [], attachments: attached('scoped-0', 'scoped-1', 'set-default-scoped') },
    { name: 'esc-team', groups: [], attachments: attached('team-old') },
    { name: 'esc-attach', groups: [], attachments: attached('attach-unattached') },
    { name: 'esc-join', groups: [], attachments: attached('join-any') },
    { name: 'esc-keys', groups: [], attachments: attached('keys-for-holders') },
    { name: 'esc-keys-assume', groups: [], attachments: attached('keys-for-holders', 'assume-any') },
    { name: 'locked', groups: ['deny-prod'], attachments: attached('attach-self-admin') },
    { name: 'holder-3', groups: [], attachments: attached('update-i3'), loginProfile: false },
    { name: 'holder-team', groups: ['team'], attachments: [] },
    { name: 'holder-rg', groups: ['rg-updaters'], attachments: [] },
    { name: 'bystander', groups: [], attachments: attached('scoped-2') },
  ];
  const groups = [
    { name: 'team', attachments: attached('team-t0') },
    { name: 'rg-updaters', attachments: [{ policy: 'update-all', type: 'Custom', resourceGroup: 'rg-a' }] },
    { name: 'deny-prod', attachments: attached('deny-prod') },
  ];
  const roles = [
    { name: 'i4-role', trustPolicy: { document: rootTrust({ Bool: { 'acs:MFAPresent': 'true' } }) }, attachments: attached('update-i4') },
    { name: 'keeper', trustPolicy: { document: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${ACCOUNT}:user/holder-3`] } }) }, attachments: attached('update-all') },
  ];
  const camsInstances = Array.from({ length: 24 }, (_, i) => ({
    id: `i-${i}`,
    region: i >= 20 ? 'eu-central-1' : 'cn-hangzhou',
    ...(i % 3 === 0 ? { resourceGroup: 'rg-a' } : i % 3 === 1 ? { resourceGroup: 'rg-b' } : {}),
    tags: { team: i % 2 === 0 ? 't0' : 't1', env: i % 4 === 0 ? 'prod' : 'staging' },
  }));
  return {
    accountId: ACCOUNT,
    resourceDirectory: {
      controlPolicies: [{ name: 'no-i7', document: doc({ Effect: 'Deny', Action: UPDATE, Resource: instance('i-7') }) }],
      path: [{ name: 'Root', controlPolicies: [{ policy: 'FullAliyunAccess', type: 'System' }, { policy: 'no-i7', type: 'Custom' }] }],
    },
    resourceGroups: [{ id: 'rg-a' }, { id: 'rg-b' }],
    policies,
    users,
    groups,
    roles,
    resources: { camsInstances },
  };
}
