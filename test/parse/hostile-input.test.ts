/**
 * Hostile input inside the size limit (issue 12, items 4–6): nesting, alias expansion,
 * self-referencing aliases, floods of duplicate keys and of object keys. Each input is generated
 * here; each must end as a diagnostic with its code and location, fast, never as a throw.
 */
import { describe, expect, it, vi } from 'vitest';
import { parseSource } from '../../src/parse/source.js';
import { ALIAS_EXPANSION_ALLOWANCE, MAX_ALIASES, MAX_DEPTH, MAX_DIAGNOSTICS_PER_FILE, capDiagnostics, omittedBy } from '../../src/parse/limits.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';

/** Parses and returns `[code, line, column]` of each diagnostic, with the time taken. */
function parsed(text: string, file: string): { codes: [string, number | undefined, number | undefined][]; ms: number; value: unknown; diagnostics: Diagnostic[] } {
  const start = performance.now();
  const result = parseSource(text, file);
  const ms = performance.now() - start;
  return { codes: result.diagnostics.map((d) => [d.code, d.range?.line, d.range?.column]), ms, value: result.value, diagnostics: result.diagnostics };
}

const nestedJson = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
const nestedYaml = (levels: number) => `${'- '.repeat(levels)}x\n`;

describe('nesting depth', () => {
  it(`reads ${MAX_DEPTH} levels and refuses ${MAX_DEPTH + 1}, in JSON and in YAML`, () => {
    // Given documents exactly at the bound and one level past it
    // Then the first reads and the second is `too-deep` at the bracket (JSON) or item (YAML) that goes too far
    expect(parsed(nestedJson(MAX_DEPTH), 'p.json').codes).toEqual([]);
    expect(parsed(nestedJson(MAX_DEPTH + 1), 'p.json').codes).toEqual([['too-deep', 1, MAX_DEPTH + 1]]);
    expect(parsed(nestedYaml(MAX_DEPTH), 'p.yaml').codes).toEqual([]);
    expect(parsed(nestedYaml(MAX_DEPTH + 1), 'p.yaml').codes).toEqual([['too-deep', 1, 2 * MAX_DEPTH + 1]]);
    expect(parsed('{"a": '.repeat(MAX_DEPTH + 1) + '1' + '}'.repeat(MAX_DEPTH + 1), 'p.yaml').codes.map(([c]) => c)).toEqual(['too-deep']);
  });

  it('refuses JSON nested 10,000 deep (was an internal error) and YAML `- ` × 1,000 (was a V8 abort in lint)', () => {
    const json = parsed(nestedJson(10_000), 'deep.json');
    expect(json.codes).toEqual([['too-deep', 1, MAX_DEPTH + 1]]);
    const yaml = parsed(nestedYaml(1000), 's.yaml');
    expect(yaml.codes.map(([c, line]) => [c, line])).toEqual([['too-deep', 1]]);
    // Inputs at the size limit: the bound is found in one pass, before anything recurses.
    const huge = parsed('['.repeat(999_999), 'h.json');
    const hugeYaml = parsed('['.repeat(999_999), 'h.yaml');
    expect([huge.codes[0]?.[0], hugeYaml.codes[0]?.[0]]).toEqual(['too-deep', 'too-deep']);
    expect(json.ms + yaml.ms + huge.ms + hugeYaml.ms).toBeLessThan(2000);
  });

  it('does not count brackets inside JSON strings', () => {
    const text = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: '['.repeat(500), Resource: '*' }] });
    expect(parsed(text, 'p.json').codes).toEqual([]);
  });

  it('counts the depth an alias brings (a 40-level node aliased 40 levels deep)', () => {
    const forty = (inner: string) => `${'['.repeat(40)}${inner}${']'.repeat(40)}`;
    const text = `a: &a ${forty('x')}\nb: ${forty('*a')}\n`;
    const { codes } = parsed(text, 'p.yaml');
    expect(codes).toEqual([['too-deep', 2, 44]]);
  });
});

describe('YAML aliases', () => {
  it('refuses 10 aliases of a 50,000-item list (650 KB: was 10 s, 570 MB, then a stack overflow), quickly', () => {
    // Given a list of 50,000 actions and ten aliases of it
    const items = Array.from({ length: 50_000 }, (_, i) => `  - ab:X${String(i).padStart(5, '0')}`).join('\n');
    const text = `base: &b\n${items}\nrefs:\n${'  - *b\n'.repeat(10)}`;
    expect(text.length).toBeGreaterThan(600_000);
    // When it is parsed
    const result = parsed(text, 'alias.yaml');
    // Then the second alias (the first already adds 50,001 of the 50,003 nodes allowed) is the one reported
    expect(result.codes).toEqual([['too-many-aliases', 50_004, 5]]);
    expect(result.diagnostics[0]!.message).toBe('YAML aliases expand the document by more than 550030 characters');
    expect(result.ms).toBeLessThan(5000);
  });

  it(`lets aliases add up to ${ALIAS_EXPANSION_ALLOWANCE} characters to a small document`, () => {
    const list = `[${Array.from({ length: 1000 }, () => 'x').join(', ')}]`; // 3,002 characters as JSON
    const ok = `a: &a ${list}\nb: [${Array.from({ length: 33 }, () => '*a').join(', ')}]\n`;
    expect(parsed(ok, 'ok.yaml').codes).toEqual([]);
    const over = `a: &a ${list}\nb: [${Array.from({ length: 34 }, () => '*a').join(', ')}]\n`;
    expect(parsed(over, 'over.yaml').codes).toEqual([['too-many-aliases', 2, 5 + 33 * 4]]);
  });

  it('weighs an alias of a long string by its length (1,000 aliases of 200 KB were an out-of-memory abort)', () => {
    const text = `a: &a "${'x'.repeat(200_000)}"\nb: [${Array.from({ length: 1000 }, () => '*a').join(', ')}]\n`;
    const result = parsed(text, 'strings.yaml');
    expect(result.codes).toEqual([['too-many-aliases', 2, 9]]);
    expect(result.ms).toBeLessThan(2000);
  });

  it(`refuses more than ${MAX_ALIASES} aliases, whatever they expand to`, () => {
    const text = `a: &a x\nb: [${Array.from({ length: MAX_ALIASES + 1 }, () => '*a').join(', ')}]\n`;
    expect(parsed(text, 'many.yaml').codes.map(([c]) => c)).toEqual(['too-many-aliases']);
  });

  it('refuses a self-referencing alias (`a: &a [*a]`, was an internal error) and an alias with no anchor', () => {
    expect(parsed('a: &a [*a]\n', 'self.yaml').codes).toEqual([['recursive-alias', 1, 8]]);
    expect(parsed('a: &a\n  b: [1, {c: *a}]\n', 'self.yaml').codes).toEqual([['recursive-alias', 2, 14]]);
    const missing = parsed('a: *nowhere\n', 'm.yaml');
    expect(missing.codes).toEqual([['syntax-error', 1, 4]]);
    expect(missing.diagnostics[0]!.message).toBe('cannot parse the input: alias `*nowhere` names no anchor before it');
  });

  it('still reads ordinary anchors and aliases, keys such as `__proto__` as own keys', () => {
    const { value, codes } = parsed('a: &a [x, y]\nb: *a\n__proto__: {polluted: true}\nconstructor: 1\n', 'ok.yaml');
    expect(codes).toEqual([]);
    expect(value).toEqual({ a: ['x', 'y'], b: ['x', 'y'], ['__proto__']: { polluted: true }, constructor: 1 });
    expect(Object.hasOwn(value as object, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('nothing printed by the YAML library', () => {
  it('does not print a warning quoting the input for a collection used as a key', () => {
    // The library's warning would carry the key's text, escapes and all, to stderr.
    const emitWarning = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      const { value, codes } = parsed('{[a, "\\u001b]0;title\\u0007"]: 1}\n', 'k.yaml');
      expect(codes).toEqual([]);
      expect(Object.keys(value as object)).toHaveLength(1);
      expect(emitWarning).not.toHaveBeenCalled();
    } finally {
      emitWarning.mockRestore();
    }
  });
});

describe('diagnostic floods', () => {
  it(`keeps ${MAX_DIAGNOSTICS_PER_FILE} of 5,000 and 20,000 duplicate keys, then says how many more`, () => {
    for (const [count, file, text] of [
      [5000, 'dup.json', `{${Array.from({ length: 5000 }, () => '"a":1').join(',')}}`],
      [20_000, 'dup.json', `{${Array.from({ length: 20_000 }, () => '"a":1').join(',')}}`],
      [5000, 'dup.yaml', Array.from({ length: 5000 }, () => 'a: 1').join('\n')],
    ] as const) {
      const result = parsed(text, file);
      const codes = result.diagnostics.map((d) => d.code);
      expect(codes.length, file).toBe(MAX_DIAGNOSTICS_PER_FILE + 1);
      expect(codes.slice(0, -1).every((c) => c === 'duplicate-key')).toBe(true);
      const last = result.diagnostics.at(-1)!;
      expect([last.code, last.severity, last.file, last.message]).toEqual(['too-many-diagnostics', 'error', file, `… and ${count - 1 - MAX_DIAGNOSTICS_PER_FILE} more diagnostics in this file, not shown`]);
      expect(result.ms, file).toBeLessThan(3000);
    }
  });

  it('reads 30,000 distinct keys in linear time (the YAML library compared each key with every earlier one: 90,000 took minutes)', () => {
    const yaml = Array.from({ length: 30_000 }, (_, i) => `k${i}: 1`).join('\n');
    const json = `{${Array.from({ length: 30_000 }, (_, i) => `"k${i}": 1`).join(',')}}`;
    const y = parseSource(yaml, 'keys.yaml');
    const j = parseSource(json, 'keys.json');
    expect([y.diagnostics, j.diagnostics]).toEqual([[], []]);
    // Locating the last key (what a diagnostic per key does) must not scan the map each time: 75,000 took minutes.
    const start = performance.now();
    for (let i = 0; i < 30_000; i += 1) {
      y.locate(`/k${i}`, 'key');
      j.locate(`/k${i}`, 'key');
    }
    expect(y.locate('/k29999', 'key')).toEqual({ line: 30_000, column: 1, endLine: 30_000, endColumn: 7 });
    expect(performance.now() - start).toBeLessThan(3000);
  });
});

describe('capDiagnostics', () => {
  const d = (file: string, i: number, severity: Diagnostic['severity'] = 'error'): Diagnostic => ({ code: 'wrong-type', severity, message: `m${i}`, file, path: '' });

  it('caps each file on its own, as severe as the worst one left out, and leaves short lists alone', () => {
    const list = [...Array.from({ length: 3 }, (_, i) => d('a', i)), ...Array.from({ length: 5 }, (_, i) => d('b', i, i === 4 ? 'warning' : 'suggestion'))];
    const capped = capDiagnostics(list, { limit: 2 });
    expect(capped.map((x) => [x.file, x.code, x.severity])).toEqual([
      ['a', 'wrong-type', 'error'],
      ['a', 'wrong-type', 'error'],
      ['b', 'wrong-type', 'suggestion'],
      ['b', 'wrong-type', 'suggestion'],
      ['a', 'too-many-diagnostics', 'error'],
      ['b', 'too-many-diagnostics', 'warning'],
    ]);
    expect(capDiagnostics(list)).toEqual(list);
  });

  it('adds up the counts of summaries already in the list (a snapshot gathering capped policies)', () => {
    const first = capDiagnostics(Array.from({ length: 150 }, (_, i) => d('s', i)));
    const second = capDiagnostics(Array.from({ length: 130 }, (_, i) => d('s', i)));
    const merged = capDiagnostics([...first, ...second]);
    expect(merged.length).toBe(MAX_DIAGNOSTICS_PER_FILE + 1);
    expect(omittedBy(merged.at(-1)!)).toBe(280 - MAX_DIAGNOSTICS_PER_FILE);
    expect(merged.at(-1)!.message).toBe(`… and ${280 - MAX_DIAGNOSTICS_PER_FILE} more diagnostics in this file, not shown`);
  });
});
