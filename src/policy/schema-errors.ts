/**
 * Turns ajv's errors into Diagnostics a person understands. Raw ajv output ("must NOT have
 * additional properties") is never shown: each keyword gets a sentence in RAM's own terms.
 */
import type { ErrorObject, Options, ValidateFunction } from 'ajv';
import { escapePointerToken } from '../diagnostics/diagnostic.js';
import { elementName, translateAjvError, typeList, typeName, type UnplacedDiagnostic } from '../diagnostics/ajv-errors.js';
import { schemaValidator } from '../diagnostics/schema-check.js';
import { policySchema } from './schema.js';
import type { PolicyKind } from './types.js';

/** The ajv options of the policy schemas; their precompiled validators are generated with them too. */
export const POLICY_SCHEMA_OPTIONS: Options = { allErrors: true, strict: true, allowUnionTypes: true, verbose: true };

// Loaded on first use: a run may need one kind.
const validators = new Map<PolicyKind, ValidateFunction>();

function validatorFor(kind: PolicyKind): ValidateFunction {
  let validate = validators.get(kind);
  if (!validate) {
    validate = schemaValidator(policySchema(kind), POLICY_SCHEMA_OPTIONS);
    validators.set(kind, validate);
  }
  return validate;
}

export type { UnplacedDiagnostic };

const UNSUPPORTED_ELEMENTS: Record<string, string> = {
  NotResource: 'list the resources the statement applies to in `Resource` instead',
  NotPrincipal: 'list the trusted principals in `Principal` instead',
};

/** Structural check of a policy value against its kind's schema. */
export function schemaDiagnostics(value: unknown, kind: PolicyKind): UnplacedDiagnostic[] {
  const validate = validatorFor(kind);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => translate(e, kind)).filter((d): d is UnplacedDiagnostic => !!d);
}

function translate(e: ErrorObject, kind: PolicyKind): UnplacedDiagnostic | undefined {
  const path = e.instancePath;
  const where = elementName(path);
  switch (e.keyword) {
    case 'required': {
      const missing = String(e.params.missingProperty);
      const owner = path === '' ? 'the policy' : 'the statement';
      const help: Record<string, string> = {
        Version: 'add `"Version": "1"`',
        Statement: 'add a `Statement` array with at least one statement',
        Effect: 'add `"Effect": "Allow"` or `"Effect": "Deny"`',
        Resource: `${aKind(kind)} policy needs \`Resource\`; use \`"*"\` for all resources`,
        Principal: 'a trust policy names who may assume the role in `Principal`',
      };
      return { code: 'missing-element', severity: 'error', message: `${owner} is missing \`${missing}\``, path, target: 'key', help: help[missing] };
    }
    case 'additionalProperties': {
      const extra = String(e.params.additionalProperty);
      const extraPath = `${path}/${escapePointerToken(extra)}`;
      if (Object.hasOwn(UNSUPPORTED_ELEMENTS, extra)) {
        return { code: 'unsupported-element', severity: 'error', message: `\`${extra}\` is not supported by RAM`, path: extraPath, target: 'key', help: UNSUPPORTED_ELEMENTS[extra] };
      }
      if (extra === 'Principal' || extra === 'Resource') {
        const help = extra === 'Principal' ? '`Principal` belongs only in role trust policies' : 'a role trust policy has no `Resource`; the role itself is the resource';
        return { code: 'element-not-allowed', severity: 'error', message: `\`${extra}\` is not allowed in ${aKind(kind)} policy`, path: extraPath, target: 'key', help };
      }
      const inPrincipal = path.endsWith('/Principal');
      return {
        code: 'unknown-element',
        severity: 'error',
        message: `unknown element \`${extra}\``,
        path: extraPath,
        target: 'key',
        help: inPrincipal
          ? 'a principal is one of `RAM`, `Service` or `Federated`'
          : path === ''
            ? 'a policy has only `Version` and `Statement`'
            : 'a statement has `Sid`, `Effect`, `Action` or `NotAction`, `Resource` (or `Principal` in trust policies) and `Condition`; names are case-sensitive',
      };
    }
    case 'type': {
      return { code: 'wrong-type', severity: 'error', message: `${where} must be ${typeList(String(e.params.type))}, not ${typeName(e.data)}`, path, target: 'value' };
    }
    case 'const':
      return { code: 'invalid-version', severity: 'error', message: `\`Version\` must be \`"1"\`, not \`${JSON.stringify(e.data)}\``, path, target: 'value', help: 'RAM has one policy language version: write `"Version": "1"`' };
    case 'enum':
      return { code: 'invalid-effect', severity: 'error', message: `\`Effect\` must be \`Allow\` or \`Deny\`, not ${typeof e.data === 'string' ? `\`${e.data}\`` : typeName(e.data)}`, path, target: 'value', help: 'element values are case-sensitive' };
    case 'minItems':
      return { code: 'empty-array', severity: 'error', message: `${where} must have at least one item`, path, target: 'value' };
    case 'minProperties':
      return { code: 'empty-element', severity: 'error', message: `${where} must not be empty`, path, target: 'value', help: 'a principal names at least one of `RAM`, `Service` or `Federated`' };
    default:
      return translateAjvError(e, 'policy');
  }
}

/** `an identity`, `a trust` ...: the kind with its article, for messages. */
export function aKind(kind: PolicyKind): string {
  return `${kind === 'identity' ? 'an' : 'a'} ${kind}`;
}
