/**
 * The fast path for JSON text: Microsoft's `jsonc-parser` (VS Code's) builds a tree with offsets
 * several times faster than a general YAML parser, which matters when linting thousands of files.
 * Used only for text that parses as strict JSON with no errors; anything else goes through YAML,
 * which gives the better messages for broken input.
 */
import { createRequire } from 'node:module';
import type { Node as JsonNode, ParseError } from 'jsonc-parser';
import { fromPointer, type Diagnostic, type SourceRange } from '../diagnostics/diagnostic.js';
import { MAX_DEPTH } from './limits.js';

// Required, not imported, as ipaddr.js in conditions/ip.ts: Node 20 scans a CommonJS module
// imported from ESM for its export names, a few ms of every CLI start (issue #5).
const { getNodeValue, parseTree, printParseErrorCode } = createRequire(import.meta.url)('jsonc-parser') as typeof import('jsonc-parser');

function words(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Maps offsets to 1-based line and column. */
export function lineIndex(text: string): (offset: number) => { line: number; col: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - starts[lo]! + 1 };
  };
}

/** A JSON syntax error: where, and what in words (`PropertyNameExpected` → `property name expected`). */
export interface JsonSyntaxError {
  offset: number;
  length: number;
  message: string;
  /** Nesting deeper than MAX_DEPTH, found before parsing (the parser and every walker recurse). */
  tooDeep?: true;
}

/**
 * The offset of the first `[` or `{` that opens level MAX_DEPTH + 1, outside strings; undefined
 * when the text nests no deeper. One pass over the text, run before anything recurses into it.
 */
export function tooDeepOffset(text: string, max = MAX_DEPTH): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return undefined;
}

/** The parsed JSON with a locator, or the first syntax error. */
export function parseJsonFast(
  text: string,
  file?: string,
): { value: unknown; diagnostics: Diagnostic[]; locate: (pointer: string, target?: 'key' | 'value') => SourceRange | undefined } | { error: JsonSyntaxError } {
  const deep = tooDeepOffset(text);
  if (deep !== undefined) return { error: { offset: deep, length: 1, message: `nesting deeper than ${MAX_DEPTH} levels`, tooDeep: true } };
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first) return { error: { offset: first.offset, length: first.length, message: words(printParseErrorCode(first.error)) } };
  if (!tree) return { error: { offset: 0, length: 0, message: 'the document is empty' } };
  const position = lineIndex(text);
  const rangeOf = (node: JsonNode): SourceRange => {
    const a = position(node.offset);
    const b = position(node.offset + node.length);
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  };
  const diagnostics: Diagnostic[] = [];
  // Recursion follows the nesting, bounded above.
  const checkDuplicates = (node: JsonNode): void => {
    if (node.type === 'object') {
      const seen = new Set<string>();
      for (const property of node.children ?? []) {
        const key = property.children?.[0];
        if (key && seen.has(String(key.value))) {
          diagnostics.push({ code: 'duplicate-key', severity: 'error', message: 'duplicate key in a mapping', ...(file !== undefined ? { file } : {}), range: rangeOf(key), path: '', help: 'RAM would silently keep only one of the two values; remove or merge the duplicate' });
        }
        if (key) seen.add(String(key.value));
      }
    }
    for (const child of node.children ?? []) checkDuplicates(child);
  };
  checkDuplicates(tree);
  // Each object's properties are indexed on first use: a diagnostic per key of a 75,000-key object
  // must not scan the object each time (minutes, before).
  const indexes = new Map<JsonNode, Map<unknown, JsonNode>>();
  const propertyOf = (object: JsonNode, segment: string): JsonNode | undefined => {
    let index = indexes.get(object);
    if (!index) {
      index = new Map();
      for (const p of object.children ?? []) {
        const name = p.children?.[0]?.value as unknown;
        if (!index.has(name)) index.set(name, p);
      }
      indexes.set(object, index);
    }
    return index.get(segment);
  };
  const locate = (pointer: string, target: 'key' | 'value' = 'value'): SourceRange | undefined => {
    let node: JsonNode = tree;
    let key: JsonNode | undefined;
    for (const segment of fromPointer(pointer)) {
      let next: JsonNode | undefined;
      let nextKey: JsonNode | undefined;
      if (node.type === 'object') {
        const property = propertyOf(node, segment);
        nextKey = property?.children?.[0];
        next = property?.children?.[1];
      } else if (node.type === 'array') {
        next = node.children?.[Number(segment)];
      }
      if (!next) break; // the nearest existing ancestor, as the YAML locator does
      node = next;
      key = nextKey;
    }
    return rangeOf(target === 'key' && key ? key : node);
  };
  return { value: diagnostics.length > 0 ? undefined : getNodeValue(tree), diagnostics, locate };
}
