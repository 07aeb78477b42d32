/**
 * What every schema-checked input shares (scenarios, catalog service files, the lint
 * configuration): a validator compiled on first use, its errors translated into sentences, and
 * diagnostics placed at their source range in the file.
 */
import { createRequire } from 'node:module';
import type { Options, ValidateFunction } from 'ajv';
import type { SourceRange } from './diagnostic.js';
import { translateAjvError, type UnplacedDiagnostic } from './ajv-errors.js';
import type { Diagnostic } from './diagnostic.js';
import { PRECOMPILED_VALIDATORS } from './schema-validators.generated.js';

/** A diagnostic that may still need its file and range. */
export type Placeable = Omit<Diagnostic, 'file'> & { target?: 'key' | 'value' };

/** The ajv options of every data schema; the precompiled validators are generated with them too. */
export const SCHEMA_CHECK_OPTIONS: Options = { allErrors: true, allowUnionTypes: true, verbose: true, strict: false };

// ajv itself is required only for a schema without a precompiled validator: loading it costs
// ~40 ms, which a static import would add to every run.
const require = createRequire(import.meta.url);

/**
 * A checker for one JSON Schema. Schemas precompiled by `npm run validators` (found by `$id`) use
 * their generated validator; any other schema is compiled on first use (ajv compilation dominates
 * start-up, and a run may not need it). It returns the translated problems, in document order of
 * the errors.
 */
export function lazySchemaCheck(schema: object, what: string): (value: unknown) => UnplacedDiagnostic[] {
  let validate: ValidateFunction | undefined;
  return (value) => {
    validate ??= precompiled(schema) ?? new (require('ajv') as typeof import('ajv')).Ajv(SCHEMA_CHECK_OPTIONS).compile(schema);
    return validate(value) ? [] : (validate.errors ?? []).map((e) => translateAjvError(e, what));
  };
}

function precompiled(schema: object): ValidateFunction | undefined {
  const id = (schema as { $id?: unknown }).$id;
  return typeof id === 'string' && Object.hasOwn(PRECOMPILED_VALIDATORS, id) ? PRECOMPILED_VALIDATORS[id] : undefined;
}

/** Places diagnostics in a file: its name, and the source range of each one's JSON Pointer. */
export function placeIn(locate: (pointer: string, target?: 'key' | 'value') => SourceRange | undefined, file?: string): (d: Placeable) => Diagnostic {
  return ({ target, ...rest }) => {
    const range = locate(rest.path, target);
    return { ...rest, ...(file !== undefined ? { file } : {}), ...(range ? { range } : {}) };
  };
}
