/** The JSON fast path (jsonc-parser) locates every element exactly where the YAML path does. */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseJsonFast } from '../../src/parse/json-source.js';
import { parseSource, parseYamlSource } from '../../src/parse/source.js';

function pointers(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => pointers(v, `${prefix}/${i}`))];
  if (typeof value === 'object' && value !== null) return [prefix, ...Object.entries(value).flatMap(([k, v]) => pointers(v, `${prefix}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`))];
  return [prefix];
}

describe('JSON fast path', () => {
  const text = readFileSync(new URL('../../policies/examples/cams-operator.json', import.meta.url), 'utf8');

  it('gives the same value and the same ranges as the YAML parser, for keys and values', () => {
    const fast = parseJsonFast(text);
    if ('error' in fast) throw new Error(fast.error.message);
    // The YAML path, forced by parsing as YAML directly.
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter });
    expect(fast.value).toEqual(doc.toJS());
    const viaYaml = parseYamlSource(text);
    for (const pointer of pointers(fast.value)) {
      for (const target of ['key', 'value'] as const) {
        expect(fast.locate(pointer, target), `${pointer} ${target}`).toEqual(viaYaml.locate(pointer, target));
      }
    }
  });

  it('holds JSON to strict JSON (trailing commas, comments, single quotes), but not JSON-looking text in a .yaml file', () => {
    for (const text of ['{"a": 1,}', '// comment\n{}', "{'a': 1}", '{a: 1}']) {
      const [d] = parseSource(text, 'p.json').diagnostics;
      expect([d?.code, d?.message.startsWith('invalid JSON: ')], text).toEqual(['syntax-error', true]);
    }
    expect(parseSource('{"a": 1,}', 'p.json').diagnostics[0]!.message).toBe('invalid JSON: property name expected');
    expect(parseSource('{a: 1}', 'p.yaml').diagnostics).toEqual([]);
  });

  it('reports duplicate keys at the second key', () => {
    const result = parseJsonFast('{\n  "a": 1,\n  "a": 2\n}', 'd.json');
    const diagnostics = 'error' in result ? [] : result.diagnostics;
    expect(diagnostics.map((d) => [d.code, d.range?.line, d.range?.column, d.file])).toEqual([['duplicate-key', 3, 3, 'd.json']]);
  });
});
