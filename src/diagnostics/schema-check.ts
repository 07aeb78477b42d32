/**
 * What every schema-checked input shares (scenarios, catalog service files, the lint
 * configuration): a validator compiled on first use, its errors translated into sentences, and
 * diagnostics placed at their source range in the file.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import type { SourceRange } from './diagnostic.js';
import { translateAjvError, type UnplacedDiagnostic } from './ajv-errors.js';
import type { Diagnostic } from './diagnostic.js';

/** A diagnostic that may still need its file and range. */
export type Placeable = Omit<Diagnostic, 'file'> & { target?: 'key' | 'value' };

/**
 * A checker for one JSON Schema, compiled on first use (ajv compilation dominates start-up, and a
 * run may not need it). It returns the translated problems, in document order of the errors.
 */
export function lazySchemaCheck(schema: object, what: string): (value: unknown) => UnplacedDiagnostic[] {
  let validate: ValidateFunction | undefined;
  return (value) => {
    validate ??= new Ajv({ allErrors: true, allowUnionTypes: true, verbose: true, strict: false }).compile(schema);
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
