/**
 * The JSON Schema of account snapshots, published as schemas/snapshot.schema.json. It checks
 * structure only: formats, cross-references and policy grammar are checked by `parseSnapshot`,
 * which can say more than a schema error can (which name, did you mean, which line).
 */
import { POLICY_TYPES } from './types.js';

const text = (description: string) => ({ type: 'string', description }) as const;

const object = (required: readonly string[], properties: Record<string, unknown>, description?: string) => ({
  type: 'object',
  additionalProperties: false,
  required: [...required],
  properties,
  ...(description ? { description } : {}),
});

/** A policy document given inline or by file: exactly one of the two (checked by the parser). */
const documentSource = {
  document: { description: 'the policy document, inline (JSON or YAML)' },
  file: text('a policy file, relative to the snapshot file'),
};

const policyType = { type: 'string', enum: [...POLICY_TYPES], description: 'Custom (a policy of this snapshot) or System (a system policy, by name)' };

const attachment = object(['policy', 'type'], {
  policy: text('the policy name'),
  type: policyType,
  resourceGroup: text('the resource group the attachment is scoped to; leave out for the whole account'),
});

const attachments = { type: 'array', items: attachment, description: 'policies attached to this principal or group' };

const namedDocument = (what: string) => object(['name'], { name: text(`the ${what} name`), description: text('free text'), ...documentSource });

/** The account snapshot schema. */
export const snapshotSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://ramguard.dev/schemas/snapshot.schema.json',
  title: 'ramguard account snapshot: the account as RAM sees it',
  type: 'object',
  additionalProperties: false,
  required: ['accountId'],
  properties: {
    accountId: text('the Alibaba Cloud account id (UID), digits'),
    collectedAt: text('when the snapshot was taken, ISO 8601'),
    resourceDirectory: object(
      ['path'],
      {
        controlPolicies: { type: 'array', items: namedDocument('control policy'), description: 'the custom control policies the levels refer to' },
        path: {
          type: 'array',
          description: 'Root folder first, down to the account itself',
          items: object(['name', 'controlPolicies'], {
            name: text('the folder or account name'),
            id: text('the folder or account id'),
            controlPolicies: { type: 'array', items: object(['policy', 'type'], { policy: text('the control policy name'), type: policyType }) },
          }),
        },
      },
      'where the account sits in a Resource Directory; leave out when it is in none',
    ),
    policies: {
      type: 'array',
      description: 'custom policies, each with every version',
      items: object(['name', 'defaultVersion', 'versions'], {
        name: text('the policy name'),
        description: text('free text'),
        defaultVersion: text('the id of the version in force, e.g. v2'),
        versions: { type: 'array', items: object(['id'], { id: text('v1, v2, ...'), ...documentSource }) },
      }),
    },
    systemPolicies: { type: 'array', items: namedDocument('system policy'), description: 'system policies as the account sees them; they win over the built-in catalog' },
    users: {
      type: 'array',
      items: object(['name'], {
        name: text('the user name'),
        displayName: text('the display name'),
        groups: { type: 'array', items: { type: 'string' }, description: 'the groups the user is in' },
        attachments,
        accessKeys: { type: 'array', items: object(['id', 'status'], { id: text('the AccessKey ID (never the secret)'), status: { type: 'string', enum: ['Active', 'Inactive'] } }) },
        loginProfile: { type: 'boolean', description: 'whether the user can sign in to the console' },
        mfaBound: { type: 'boolean', description: 'whether an MFA device is bound' },
      }),
    },
    groups: { type: 'array', items: object(['name'], { name: text('the group name'), description: text('free text'), attachments }) },
    roles: {
      type: 'array',
      items: object(['name', 'trustPolicy'], {
        name: text('the role name'),
        description: text('free text'),
        arn: text("the role's ARN as RAM reports it (default acs:ram::<accountId>:role/<name in lower case>)"),
        trustPolicy: object([], documentSource, 'who may assume the role'),
        maxSessionDuration: { type: 'integer', description: 'seconds, 3600 to 43200' },
        serviceLinked: { type: 'boolean', description: 'a service-linked role (RAM IsServiceLinkedRole): control policies do not apply to it' },
        attachments,
      }),
    },
    resourceGroups: { type: 'array', items: object(['id'], { id: text('the resource group id, e.g. rg-aek2...'), name: text('its name') }), description: 'when given, attachments may name only these' },
    resources: object([], {
      camsInstances: {
        type: 'array',
        items: object(['id', 'region'], {
          id: text('the instance id'),
          name: text('the instance name'),
          region: text('the region id, e.g. ap-southeast-1'),
          resourceGroup: text('the resource group the instance is in'),
          tags: { type: 'object', additionalProperties: { type: 'string' }, description: 'every tag of the instance; leave out when not known' },
        }),
      },
    }),
    collection: object(
      ['gaps'],
      {
        tool: text('the tool and version that collected the snapshot'),
        gaps: {
          type: 'array',
          description: 'every call that failed after its retries; empty when everything was read',
          items: object(['service', 'action', 'parameters', 'message', 'missing'], {
            service: text('the API: ram, resourcemanager or cams'),
            action: text('the API action, e.g. ListPoliciesForUser'),
            parameters: { type: 'object', additionalProperties: { type: 'string' }, description: 'the parameters that identify the call; never a credential' },
            code: text("the service's error code"),
            message: text('what went wrong'),
            requestId: text('the request id of the last attempt'),
            missing: text('what the snapshot lacks because of it'),
            path: text('JSON Pointer of the snapshot element left incomplete'),
          }),
        },
        notCollected: { type: 'array', items: { type: 'string' }, description: 'parts collect does not read: unknown, not none' },
      },
      'written by ramguard collect: what could not be read',
    ),
  },
} as const;
