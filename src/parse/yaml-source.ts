/**
 * The YAML path of `parseSource` (also JSON in a `.yaml` file, which YAML reads as flow style):
 * the document composed within bounds (see yaml-guard.ts), its problems as diagnostics, its data
 * as plain values, and a locator from JSON Pointers back to source ranges.
 */
import { createRequire } from 'node:module';
import type { Document, Node, Pair } from 'yaml';
import { fromPointer, type Diagnostic, type SourceRange } from '../diagnostics/diagnostic.js';
import { checkYamlTree, composeYaml, type YamlProblem } from './yaml-guard.js';
import type { ParsedSource } from './source.js';

// yaml takes ~45 ms to load and JSON text (most policies) never needs it, so it is required on
// first use rather than imported.
const require = createRequire(import.meta.url);
let yamlModule: typeof import('yaml') | undefined;
const yaml = (): typeof import('yaml') => (yamlModule ??= require('yaml') as typeof import('yaml'));

/** Parses YAML text (see `parseSource`). */
export function parseYamlSource(text: string, file?: string): ParsedSource {
  const y = yaml();
  const lineCounter = new y.LineCounter();
  const rangeOf = (start: number, end: number): SourceRange => {
    const a = lineCounter.linePos(start);
    const b = lineCounter.linePos(Math.max(start, end));
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  };
  const diagnosticOf = (p: YamlProblem): Diagnostic => ({ code: p.code, severity: 'error', message: p.message, ...(file !== undefined ? { file } : {}), range: rangeOf(p.range[0], p.range[1]), path: '', help: p.help });
  const composed = composeYaml(y, text, lineCounter);
  if ('problem' in composed) return { value: undefined, file, diagnostics: [diagnosticOf(composed.problem)], locate: () => undefined };
  const { doc } = composed;
  const locate = locator(doc, rangeOf);
  const tree = checkYamlTree(y, doc);
  const problems: [offset: number, diagnostic: Diagnostic][] = tree.duplicates.map((p) => [p.range[0], diagnosticOf(p)]);
  for (const error of [...doc.errors, ...doc.warnings]) {
    problems.push([
      error.pos[0],
      { code: 'syntax-error', severity: 'error', message: `cannot parse the input: ${firstLine(error.message)}`, ...(file !== undefined ? { file } : {}), range: rangeOf(error.pos[0], error.pos[1]), path: '', help: 'the input must be a JSON or YAML document' },
    ]);
  }
  if (problems.length > 0) return { value: undefined, file, diagnostics: problems.sort((a, b) => a[0] - b[0]).map(([, d]) => d), locate };
  if (tree.problem) return { value: undefined, file, diagnostics: [diagnosticOf(tree.problem)], locate };
  // The walk has bounded what aliases add and found no cycle, so the library's own alias guard
  // (which rescans the document for every anchor) is off.
  return { value: doc.toJS({ maxAliasCount: -1 }), file, diagnostics: [], locate };
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.charAt(0).toLowerCase() + line.slice(1).replace(/\.$/, '');
}

/**
 * A locator along pointer segments; returns the range of the key or value node of the last one
 * found (the nearest existing ancestor). Each map's keys are indexed on first use: a diagnostic
 * per key of a 75,000-key map must not scan the map each time.
 */
function locator(doc: Document.Parsed, rangeOf: (start: number, end: number) => SourceRange): ParsedSource['locate'] {
  const { isMap, isPair, isScalar, isSeq } = yaml();
  const indexes = new Map<Node, Map<string, Pair>>();
  const pairIn = (map: Node & { items: unknown[] }, segment: string): Pair | undefined => {
    let index = indexes.get(map);
    if (!index) {
      index = new Map();
      for (const p of map.items) if (isPair(p) && isScalar(p.key) && !index.has(String(p.key.value))) index.set(String(p.key.value), p);
      indexes.set(map, index);
    }
    return index.get(segment);
  };
  return (pointer, target = 'value') => {
    let key: Node | undefined;
    let value: Node | undefined = doc.contents ?? undefined;
    for (const segment of fromPointer(pointer)) {
      if (isMap(value)) {
        const pair = pairIn(value, segment);
        if (!pair) break;
        key = pair.key as Node;
        value = (pair.value ?? pair.key) as Node;
      } else if (isSeq(value)) {
        const item = value.items[Number(segment)];
        if (item === undefined) break;
        key = undefined;
        value = item as Node;
      } else break;
    }
    const node = target === 'key' ? (key ?? value) : (value ?? key);
    const range = node?.range;
    return range ? rangeOf(range[0], range[1]) : undefined;
  };
}
