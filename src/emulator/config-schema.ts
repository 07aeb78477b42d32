/**
 * The JSON Schema of the CAMS emulator's configuration (`ramguard emulator cams --config FILE`),
 * published as schemas/emulator-config.schema.json. Rules that involve several fields (a fault's
 * `first` or `every`, the fields its kind needs, unique ids) are checked in config.ts, where they
 * get sentences of their own.
 */
import { PRINCIPAL_TYPES } from '../request/types.js';
import { policiesSchema } from '../scenario/schema.js';

/** The fault kinds the emulator can inject. */
export const FAULT_KINDS = ['throttling', 'http-500', 'http-503', 'latency', 'business-error'] as const;

/** One of FAULT_KINDS. */
export type FaultKind = (typeof FAULT_KINDS)[number];

const text = (description: string) => ({ type: 'string', description });

/** The emulator configuration schema. */
export const emulatorConfigSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://ramguard.dev/schemas/emulator-config.schema.json',
  title: 'ramguard CAMS emulator configuration',
  type: 'object',
  additionalProperties: false,
  required: ['accountId', 'region', 'accessKeys'],
  properties: {
    accountId: text('the Alibaba Cloud account id (UID) that owns the instances'),
    region: text('the region this endpoint serves, e.g. ap-southeast-1'),
    accessKeys: {
      type: 'array',
      minItems: 1,
      description: 'the AccessKeys the emulator accepts, each with its principal and that principal’s policies',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'secret', 'principal'],
        properties: {
          id: text('the AccessKey ID'),
          secret: text('the AccessKey secret; the emulator never logs or returns it'),
          securityToken: text('for STS keys: requests must carry this x-acs-security-token'),
          principal: {
            type: 'object',
            additionalProperties: false,
            required: ['type', 'arn'],
            properties: { type: { type: 'string', enum: [...PRINCIPAL_TYPES] }, arn: text('the caller’s ARN, e.g. acs:ram::1234567890123456:user/alice') },
          },
          policies: policiesSchema,
        },
      },
    },
    instances: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name'],
        properties: {
          id: text('the instance id (InstanceId)'),
          name: text('InstanceName'),
          description: text('InstanceDescription'),
          region: text('ResourceRegionId (default: the emulator’s region)'),
          resourceGroup: text('the resource group the instance is in'),
          tags: { type: 'object', additionalProperties: { type: 'string' }, description: 'tags; requests carry them as acs:ResourceTag/<key>' },
          channelType: text('ChannelType, e.g. whatsapp, viber, messenger'),
        },
      },
    },
    faults: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['kind'],
        properties: {
          kind: { type: 'string', enum: [...FAULT_KINDS] },
          action: text('only requests for this action (default: every action)'),
          first: { type: 'integer', description: 'the first N matching requests (at least 1)' },
          every: { type: 'integer', description: 'every Nth matching request (at least 1)' },
          ms: { type: 'integer', description: 'latency: milliseconds to wait before answering (0 to 600000)' },
          code: text('business-error: the Code of the 200 body'),
          message: text('business-error: the Message of the 200 body'),
        },
      },
    },
    signature: {
      type: 'object',
      additionalProperties: false,
      properties: { maxSkewSeconds: { type: 'integer', description: 'how far x-acs-date may be from the emulator’s clock, in seconds (default 900)' } },
    },
  },
} as const;
