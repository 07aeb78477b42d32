/**
 * Reads JSON or YAML text into plain data while keeping source positions, so every later
 * diagnostic can point at a line and column. JSON is YAML 1.2, so one parser (`yaml`'s
 * `parseDocument` with a `LineCounter`) serves both.
 */
import { createRequire } from 'node:module';
import type { Document, Node } from 'yaml';
import { fromPointer, type Diagnostic, type SourceRange } from '../diagnostics/diagnostic.js';
import { lineIndex, parseJsonFast } from './json-source.js';

// yaml takes ~45 ms to load and JSON text (most policies) never needs it, so it is required on
// first use rather than imported.
const require = createRequire(import.meta.url);
let yamlModule: typeof import('yaml') | undefined;
const yaml = (): typeof import('yaml') => (yamlModule ??= require('yaml') as typeof import('yaml'));

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

/** Parses JSON or YAML text; syntax errors, duplicate keys and oversize input (over `maxCharacters`) become diagnostics. */
export function parseSource(text: string, file?: string, options: { maxCharacters?: number } = {}): ParsedSource {
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
  // JSON text (not in a .yaml file) must be strict JSON, as RAM requires: YAML would accept a
  // trailing comma or a comment silently.
  const strictJson = /\.json$/i.test(file ?? '') || (looksLikeJson(text) && !/\.ya?ml$/i.test(file ?? ''));
  if (strictJson) {
    const fast = parseJsonFast(text, file);
    if (!('error' in fast)) return { file, ...fast };
    const position = lineIndex(text);
    const a = position(fast.error.offset);
    const b = position(fast.error.offset + Math.max(1, fast.error.length));
    const range = { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
    return { value: undefined, file, diagnostics: [{ code: 'syntax-error', severity: 'error', message: `invalid JSON: ${fast.error.message}`, ...(file !== undefined ? { file } : {}), range, path: '', help: 'the input must be a JSON or YAML document' }], locate: () => undefined };
  }
  return parseYamlSource(text, file);
}

/** The YAML path of `parseSource` (also for JSON in a `.yaml` file, which YAML reads as flow style). */
export function parseYamlSource(text: string, file?: string): ParsedSource {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const rangeOf = (start: number, end: number): SourceRange => {
    const a = lineCounter.linePos(start);
    const b = lineCounter.linePos(Math.max(start, end));
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  };
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const diagnostics: Diagnostic[] = [];
  for (const error of [...doc.errors, ...doc.warnings]) {
    const duplicate = error.code === 'DUPLICATE_KEY';
    diagnostics.push({
      code: duplicate ? 'duplicate-key' : 'syntax-error',
      severity: 'error',
      message: duplicate ? 'duplicate key in a mapping' : `cannot parse the input: ${firstLine(error.message)}`,
      file,
      range: rangeOf(error.pos[0], error.pos[1]),
      path: '',
      help: duplicate
        ? 'RAM would silently keep only one of the two values; remove or merge the duplicate'
        : 'the input must be a JSON or YAML document',
    });
  }
  const locate = (pointer: string, target: 'key' | 'value' = 'value'): SourceRange | undefined => {
    const found = findNode(doc, fromPointer(pointer));
    const node = target === 'key' ? (found?.key ?? found?.value) : (found?.value ?? found?.key);
    const range = node?.range;
    return range ? rangeOf(range[0], range[1]) : undefined;
  };
  if (diagnostics.length > 0) return { value: undefined, file, diagnostics, locate };
  try {
    return { value: doc.toJS({ maxAliasCount: 100 }), file, diagnostics, locate };
  } catch (error) {
    // yaml throws on alias expansion bombs ("billion laughs"): a document, not a crash.
    const message = firstLine((error as Error).message);
    return {
      value: undefined,
      file,
      diagnostics: [{ code: 'too-many-aliases', severity: 'error', message: `the document expands too many YAML aliases: ${message}`, file, path: '', help: 'write the policy out without anchors and aliases' }],
      locate,
    };
  }
}

function looksLikeJson(text: string): boolean {
  const first = text.trimStart()[0];
  return first === '{' || first === '[';
}


function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.charAt(0).toLowerCase() + line.slice(1).replace(/\.$/, '');
}

interface FoundNode {
  key?: Node;
  value?: Node;
}

/** Walks the YAML AST along pointer segments; returns the key and value nodes of the last one. */
function findNode(doc: Document, segments: string[]): FoundNode | undefined {
  const { isMap, isPair, isScalar, isSeq } = yaml();
  let current: FoundNode = { value: doc.contents ?? undefined };
  for (const segment of segments) {
    const node = current.value;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === segment);
      if (!pair) return current;
      current = { key: pair.key as Node, value: (pair.value ?? pair.key) as Node };
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (item === undefined) return current;
      current = { value: item as Node };
    } else {
      return current;
    }
  }
  return current;
}
