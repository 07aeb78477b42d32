/** Generic translation of ajv errors into Diagnostics, for schemas other than policy documents. */
import type { ErrorObject } from 'ajv';
import { escapePointerToken, fromPointer } from './diagnostic.js';
import type { Diagnostic } from './diagnostic.js';

/** A diagnostic whose file and range the caller fills in; `target` says key or value. */
export type UnplacedDiagnostic = Omit<Diagnostic, 'file' | 'range'> & { target: 'key' | 'value' };

/** A readable name for the element at a JSON Pointer. */
export function elementName(pointer: string): string {
  const segments = fromPointer(pointer);
  const last = segments[segments.length - 1];
  if (last === undefined) return 'the document';
  if (/^\d+$/.test(last)) return `item ${last} of \`${segments[segments.length - 2] ?? ''}\``;
  return `\`${last}\``;
}

/** `a string`, `an array`, `null` ... for messages. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** `string,array` → `a string or an array`. */
export function typeList(types: string): string {
  return types
    .split(',')
    .map((t) => (t === 'array' || t === 'object' || t === 'integer' ? `an ${t}` : `a ${t}`))
    .join(' or ');
}

/** Person-readable sentences for the common ajv keywords (needs ajv's `verbose: true`). */
export function translateAjvError(e: ErrorObject, what: string): UnplacedDiagnostic {
  const path = e.instancePath;
  switch (e.keyword) {
    case 'required':
      return { code: 'missing-element', severity: 'error', message: `${elementName(path) === 'the document' ? `the ${what}` : elementName(path)} is missing \`${String(e.params.missingProperty)}\``, path, target: 'key' };
    case 'additionalProperties': {
      const extra = String(e.params.additionalProperty);
      return { code: 'unknown-element', severity: 'error', message: `unknown element \`${extra}\``, path: `${path}/${escapePointerToken(extra)}`, target: 'key', help: `element names of a ${what} are case-sensitive` };
    }
    case 'type':
      return { code: 'wrong-type', severity: 'error', message: `${elementName(path)} must be ${typeList(String(e.params.type))}, not ${typeName(e.data)}`, path, target: 'value' };
    case 'enum':
      return { code: 'invalid-value', severity: 'error', message: `${elementName(path)} must be one of ${(e.params.allowedValues as unknown[]).map((v) => `\`${String(v)}\``).join(', ')}, not \`${String(e.data)}\``, path, target: 'value' };
    case 'minItems':
      return { code: 'empty-array', severity: 'error', message: `${elementName(path)} must have at least one item`, path, target: 'value' };
    default:
      return { code: 'invalid-element', severity: 'error', message: `${elementName(path)} is not valid here`, path, target: 'value' };
  }
}
