/**
 * What every schema-checked input shares (scenarios, catalog service files, the lint
 * configuration): a validator loaded or compiled on first use, its errors translated into
 * sentences, and diagnostics placed at their source range in the file.
 */
import { createRequire } from 'node:module';
import type { Options, ValidateFunction } from 'ajv';
import type { SourceRange } from './diagnostic.js';
import { translateAjvError, type UnplacedDiagnostic } from './ajv-errors.js';
import type { Diagnostic } from './diagnostic.js';
import { PRECOMPILED_VALIDATORS } from './schema-validators.generated.js';

/** A diagnostic that may still need its file and range. */
export type Placeable = Omit<Diagnostic, 'file'> & { target?: 'key' | 'value' };

/** The ajv options of every data schema; their precompiled validators are generated with them too. */
export const SCHEMA_CHECK_OPTIONS: Options = { allErrors: true, allowUnionTypes: true, verbose: true, strict: false };

// require(), not import: it is synchronous, so a run loads only the validators it uses, and ajv
// itself (~40 ms to load, more to compile) only for a schema that has no precompiled validator.
const require = createRequire(import.meta.url);

/**
 * The validator of `schema`: the one `npm run validators` generated for its `$id` (ajv standalone
 * code, generated with the same options), else ajv's compilation of it with `options`.
 */
export function schemaValidator(schema: object, options: Options): ValidateFunction {
  const id = (schema as { $id?: unknown }).$id;
  if (typeof id === 'string' && Object.hasOwn(PRECOMPILED_VALIDATORS, id)) return require(`./validators/${PRECOMPILED_VALIDATORS[id]}`) as ValidateFunction;
  return new (require('ajv') as typeof import('ajv')).Ajv(options).compile(schema);
}

/**
 * A checker for one JSON Schema, its validator loaded or compiled on first use (compilation
 * dominates start-up, and a run may not need it). It returns the translated problems, in document
 * order of the errors.
 */
export function lazySchemaCheck(schema: object, what: string): (value: unknown) => UnplacedDiagnostic[] {
  let validate: ValidateFunction | undefined;
  return (value) => {
    validate ??= schemaValidator(schema, SCHEMA_CHECK_OPTIONS);
    return validate(value) ? [] : (validate.errors ?? []).map((e) => translateAjvError(e, what));
  };
}

/** Places diagnostics in a file: its name, and the source range of each one's JSON Pointer. */
export function placeIn(locate: (pointer: string, target?: 'key' | 'value') => SourceRange | undefined, file?: string): (d: Placeable) => Diagnostic {
  return ({ target, ...rest }) => {
    const range = locate(rest.path, target);
    return { ...rest, ...(file !== undefined ? { file } : {}), ...(range ? { range } : {}) };
  };
}
