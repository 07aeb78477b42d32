/**
 * JSON Schemas of the four policy kinds. They check structure and types only; the rules whose
 * messages must name RAM's own terms (operators, values, Action xor NotAction) live in
 * `elements.ts` and `conditions-validate.ts`, where a person-readable sentence is easier.
 */
import type { PolicyKind } from './types.js';

const stringOrStrings = {
  type: ['string', 'array'],
  items: { type: 'string' },
  minItems: 1,
} as const;

const condition = {
  type: 'object',
  additionalProperties: { type: 'object' },
} as const;

const principal = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { RAM: stringOrStrings, Service: stringOrStrings, Federated: stringOrStrings },
} as const;

function statementSchema(kind: PolicyKind): object {
  const properties: Record<string, object> = {
    Sid: { type: 'string' },
    Effect: { type: 'string', enum: ['Allow', 'Deny'] },
    Action: stringOrStrings,
    NotAction: stringOrStrings,
    Condition: condition,
  };
  const required = ['Effect'];
  if (kind === 'trust') {
    properties['Principal'] = principal;
    required.push('Principal');
  } else {
    properties['Resource'] = stringOrStrings;
    required.push('Resource');
  }
  return { type: 'object', additionalProperties: false, required, properties };
}

/** The JSON Schema of one policy kind (draft 2020-12 compatible subset, as ajv reads it). */
export function policySchema(kind: PolicyKind): object {
  return {
    $id: `https://ramguard.dev/schemas/policy-${kind}.json`,
    title: `RAM ${kind} policy document`,
    type: 'object',
    additionalProperties: false,
    required: ['Version', 'Statement'],
    properties: {
      Version: { type: 'string', const: '1' },
      Statement: { type: 'array', minItems: 1, items: statementSchema(kind) },
    },
  };
}
