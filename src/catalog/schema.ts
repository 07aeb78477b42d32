/** JSON Schemas of the catalog's data files (published in schemas/). */
import { ACCESS_LEVELS } from './access.js';

const source = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
  properties: {
    documented: { type: 'string', pattern: '^https://', description: 'the documentation page that states it' },
    inferred: { type: 'string', minLength: 1, description: 'the rule that inferred it' },
  },
} as const;

const KEY_TYPES = ['string', 'numeric', 'date', 'bool', 'ip'] as const;

/** The schema of one service file, `catalog/services/<service>.yaml`. */
export const catalogServiceSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://ramguard.dev/schemas/catalog-service.schema.json',
  title: 'ramguard catalog: one service',
  type: 'object',
  additionalProperties: false,
  required: ['service', 'name', 'resourceTypes', 'conditionKeys', 'actions'],
  properties: {
    service: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' },
    name: { type: 'string' },
    apiVersion: { type: 'string' },
    documentation: { type: 'string', pattern: '^https://' },
    resourceTypes: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['arn', 'source'],
        properties: { arn: { type: 'string', pattern: '^acs:' }, source },
      },
    },
    conditionKeys: {
      type: 'object',
      additionalProperties: false,
      required: ['keys', 'source'],
      properties: { keys: { type: 'array', items: { type: 'string' } }, source },
    },
    actions: {
      type: 'object',
      minProperties: 1,
      propertyNames: { pattern: '^[A-Za-z0-9]+$' },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['access', 'resources', 'source'],
        properties: {
          access: { type: 'string', enum: [...ACCESS_LEVELS] },
          resources: { anyOf: [{ type: 'string', enum: ['all', 'unknown'] }, { type: 'array', minItems: 1, items: { type: 'string' } }] },
          conditionKeys: { type: 'array', items: { type: 'string' } },
          changesPermissions: { type: 'boolean' },
          source,
          note: { type: 'string', description: 'what else the source says: other copies of the page, conflicts between them and the copy kept' },
        },
      },
    },
  },
} as const;

/** The schema of `catalog/condition-keys.yaml`. */
export const catalogConditionKeysSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://ramguard.dev/schemas/catalog-condition-keys.schema.json',
  title: 'ramguard catalog: common condition keys',
  type: 'object',
  additionalProperties: false,
  required: ['keys'],
  properties: {
    keys: {
      type: 'object',
      propertyNames: { pattern: '^acs:' },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['type', 'alwaysPresent', 'description', 'source'],
        properties: { type: { type: 'string', enum: [...KEY_TYPES] }, alwaysPresent: { type: 'boolean' }, description: { type: 'string' }, source },
      },
    },
  },
} as const;

/** The schema of `catalog/system-policies.yaml`. */
export const catalogSystemPoliciesSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://ramguard.dev/schemas/catalog-system-policies.schema.json',
  title: 'ramguard catalog: system policies',
  type: 'object',
  additionalProperties: false,
  required: ['policies'],
  properties: {
    policies: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['kind', 'description', 'source', 'document'],
        properties: { kind: { type: 'string', enum: ['identity', 'control'] }, description: { type: 'string' }, source, document: { type: 'object' } },
      },
    },
  },
} as const;
