/**
 * Reads JSON or YAML text into plain data while keeping source positions, so every later
 * diagnostic can point at a line and column. JSON text goes through a fast strict-JSON parser,
 * everything else through YAML (JSON is YAML 1.2). Both hold to the bounds of limits.ts: depth,
 * alias expansion and diagnostics per file.
 */
import type { Diagnostic, SourceRange } from '../diagnostics/diagnostic.js';
import { lineIndex, parseJsonFast } from './json-source.js';
import { capDiagnostics, tooDeep } from './limits.js';
import { parseYamlSource } from './yaml-source.js';

export { parseYamlSource } from './yaml-source.js';

/** Inputs larger than this are refused before parsing (far above any RAM limit). */
export const MAX_SOURCE_CHARACTERS = 1_000_000;

/**
 * An account snapshot's limit: a whole account is not one policy. A collected 2,000-user account
 * is about 0.6 M characters of YAML, 10,000 users about 3 M; 128 Mi keeps far clear of V8's
 * string limit (about 512 Mi) while still refusing a wrong file before it is parsed.
 */
export const MAX_SNAPSHOT_CHARACTERS = 128 * 1024 * 1024;

/** Parsed text with a way back from JSON Pointers to source ranges. */
export interface ParsedSource {
  /** The plain data (undefined when the text could not be parsed). */
  value: unknown;
  file?: string;
  diagnostics: Diagnostic[];
  /** The source range of the element at `pointer`: its key when `target` is `key`, else its value. */
  locate(pointer: string, target?: 'key' | 'value'): SourceRange | undefined;
}

/**
 * Parses JSON or YAML text; syntax errors, duplicate keys, oversize input (over `maxCharacters`),
 * nesting deeper than MAX_DEPTH and alias bombs become diagnostics, at most
 * MAX_DIAGNOSTICS_PER_FILE of them (then one `too-many-diagnostics`).
 */
export function parseSource(text: string, file?: string, options: { maxCharacters?: number } = {}): ParsedSource {
  const parsed = parseUncapped(text, file, options);
  return parsed.diagnostics.length > 0 ? { ...parsed, diagnostics: capDiagnostics(parsed.diagnostics) } : parsed;
}

function parseUncapped(text: string, file?: string, options: { maxCharacters?: number } = {}): ParsedSource {
  const limit = options.maxCharacters ?? MAX_SOURCE_CHARACTERS;
  if (text.length > limit) {
    return {
      value: undefined,
      file,
      diagnostics: [
        {
          code: 'input-too-large',
          severity: 'error',
          message: `input is ${text.length} characters, more than the ${limit} ramguard reads`,
          file,
          path: '',
          help: limit === MAX_SOURCE_CHARACTERS ? 'a RAM policy is at most 6,144 characters; check that this is the right file' : 'check that this is the right file',
        },
      ],
      locate: () => undefined,
    };
  }
  if (isStrictJson(text, file)) {
    const fast = parseJsonFast(text, file);
    if (!('error' in fast)) return { file, ...fast };
    const position = lineIndex(text);
    const a = position(fast.error.offset);
    const b = position(fast.error.offset + Math.max(1, fast.error.length));
    const range = { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
    const problem = fast.error.tooDeep ? tooDeep() : { code: 'syntax-error' as const, severity: 'error' as const, message: `invalid JSON: ${fast.error.message}`, help: 'the input must be a JSON or YAML document' };
    return { value: undefined, file, diagnostics: [{ ...problem, ...(file !== undefined ? { file } : {}), range, path: '' }], locate: () => undefined };
  }
  return parseYamlSource(text, file);
}

/**
 * Whether `text` is read as strict JSON: JSON text (not in a .yaml file) must be strict JSON, as
 * RAM requires — YAML would accept a trailing comma or a comment silently. Everything else is YAML.
 */
export function isStrictJson(text: string, file?: string): boolean {
  return /\.json$/i.test(file ?? '') || (looksLikeJson(text) && !/\.ya?ml$/i.test(file ?? ''));
}

function looksLikeJson(text: string): boolean {
  const first = text.trimStart()[0];
  return first === '{' || first === '[';
}
