/** The JSON Schema of scenario files (`ramguard eval --scenario`), published as schemas/scenario.schema.json. */
import { PRINCIPAL_TYPES } from '../request/types.js';

const policyRef = (withResourceGroup: boolean) => ({
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', description: 'the name explanations use' },
    document: { description: 'the policy document, inline' },
    file: { type: 'string', description: 'a policy file, relative to the scenario file' },
    system: { type: 'string', description: 'a system policy by name, e.g. AliyunCamsFullAccess' },
    ...(withResourceGroup ? { resourceGroup: { type: 'string', description: 'attach at this resource group only' } } : {}),
  },
});

/**
 * The `policies` object, by layer: shared by scenarios and the CAMS emulator's access keys (see
 * src/scenario/load-policies.ts).
 */
export const policiesSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    control: { type: 'array', items: { type: 'array', items: policyRef(false) } },
    session: policyRef(false),
    identity: { type: 'array', items: policyRef(true) },
    resource: { type: 'array', items: policyRef(false) },
  },
} as const;

/** The scenario schema. */
export const scenarioSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://ramguard.dev/schemas/scenario.schema.json',
  title: 'ramguard scenario: one request and every policy that decides it',
  type: 'object',
  additionalProperties: false,
  properties: {
    request: {
      type: 'object',
      additionalProperties: false,
      properties: {
        principal: {
          type: 'object',
          additionalProperties: false,
          required: ['type'],
          properties: { type: { type: 'string', enum: [...PRINCIPAL_TYPES] }, arn: { type: 'string' } },
        },
        action: { type: 'string' },
        resource: { type: 'string' },
        resourceGroup: { type: 'string' },
        context: { type: 'object', additionalProperties: { type: ['string', 'array'], items: { type: 'string' } } },
        absent: { type: 'array', items: { type: 'string' } },
      },
    },
    policies: policiesSchema,
  },
} as const;
