/**
 * `lint` on hostile input (issue 12, items 4–6): reports stay small whatever the input (diagnostics
 * capped per file, code frames cut to a window), plans and templates with prototype-named or
 * mistyped parts are read without an internal error, and the reproductions end as findings with
 * the documented exit code when run through the built CLI.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../../src/catalog/builtin.js';
import { lintPolicy, type Finding } from '../../src/lint/engine.js';
import { FRAME_WIDTH, codeFrame, renderLintText } from '../../src/lint/format/text.js';
import { renderLintJson } from '../../src/lint/format/json.js';
import { renderSarif } from '../../src/lint/format/sarif.js';
import { extractPolicies } from '../../src/lint/inputs/extract.js';
import { parseLintConfig } from '../../src/lint/config.js';
import { RULES } from '../../src/lint/registry.js';
import { MAX_DIAGNOSTICS_PER_FILE } from '../../src/parse/limits.js';
import { run } from '../cli/run.js';

const lintText = (text: string, file: string): Finding[] => lintPolicy({ file, kind: 'identity', text, pointerPrefix: '' }, builtinCatalog());
const duplicates = (n: number) => `{${Array.from({ length: n }, () => '"a":1').join(',')}}`;

describe('lint reports stay small', () => {
  it('shows a window of a long line around the finding, with the caret under it', () => {
    // Given a finding at column 20,000 of a 30,000-character line
    const line = `${'a'.repeat(19_999)}XYZ${'b'.repeat(10_000)}`;
    const finding = { code: 'wrong-type', severity: 'error', message: 'm', file: 'f.json', path: '', kind: 'identity', range: { line: 1, column: 20_000, endLine: 1, endColumn: 20_003 } } as Finding;
    // When its code frame is drawn
    const [source, carets] = codeFrame(line, finding);
    // Then it is a window of FRAME_WIDTH characters with an ellipsis each side, the caret under `XYZ`
    expect(source!.length).toBeLessThan(FRAME_WIDTH + 20);
    expect(source).toMatch(/^ {4}1 \| …a+XYZb+…$/);
    expect(source!.indexOf('XYZ')).toBe(carets!.indexOf('^'));
    expect(carets!.trim()).toBe('^^^');
    // A short line is shown whole, as before
    const short = { ...finding, range: { line: 1, column: 3, endLine: 1, endColumn: 5 } };
    expect(codeFrame('abcdef', short)).toEqual(['    1 | abcdef', '          ^^']);
  });

  it('lints 20,000 duplicate keys on one line into a bounded report (was 225 MB for 5,000, `Invalid string length` for 20,000)', () => {
    const text = duplicates(20_000);
    const findings = lintText(text, 'dup.json');
    expect(findings.length).toBe(MAX_DIAGNOSTICS_PER_FILE + 1);
    expect(findings.at(-1)!.code).toBe('too-many-diagnostics');
    const report = renderLintText(findings, new Map([['dup.json', text]]));
    expect(report.length).toBeLessThan(60_000);
    expect(report).toContain('… and 19899 more diagnostics in this file, not shown');
  });

  it('caps findings per file in every format, the summary a finding of its file', () => {
    // Given 250 findings of one file (as from many policies of one template)
    const findings = Array.from({ length: 250 }, (_, i): Finding => ({ code: 'unknown-action', severity: 'warning', message: `m${i}`, file: 't.yaml', path: `/x/${i}`, kind: 'identity' }));
    const text = renderLintText(findings, new Map());
    expect(text.split('\n').filter((l) => l.includes('unknown-action')).length).toBe(MAX_DIAGNOSTICS_PER_FILE);
    expect(text).toContain('… and 150 more diagnostics in this file, not shown');
    const json = JSON.parse(renderLintJson(findings, { files: 1, policies: 1, suppressed: 0 }));
    expect(json.findings.length).toBe(MAX_DIAGNOSTICS_PER_FILE + 1);
    expect(json.findings.at(-1)).toMatchObject({ ruleId: 'too-many-diagnostics', severity: 'warning', file: 't.yaml', kind: 'identity' });
    const sarif = JSON.parse(renderSarif(findings, RULES, '0', (f) => f));
    expect(sarif.runs[0].results.length).toBe(MAX_DIAGNOSTICS_PER_FILE + 1);
  });

  it('reports depth and alias problems as findings', () => {
    expect(lintText(`${'- '.repeat(1000)}x\n`, 's.yaml').map((f) => [f.code, f.range?.line])).toEqual([['too-deep', 1]]);
    expect(lintText('a: &a [*a]\n', 'self.yaml').map((f) => [f.code, f.range?.line, f.range?.column])).toEqual([['recursive-alias', 1, 8]]);
  });
});

describe('the configuration file', () => {
  it('caps its diagnostics too (1,000 unknown rules, 1,000 wrong suppressions)', () => {
    const rules = Array.from({ length: 1000 }, (_, i) => `  no-such-rule-${i}: off`).join('\n');
    const unknown = parseLintConfig(`rules:\n${rules}\n`, '.ramguard.yaml').diagnostics;
    expect([unknown.length, unknown[0]!.code, unknown.at(-1)!.code]).toEqual([MAX_DIAGNOSTICS_PER_FILE + 1, 'unknown-rule', 'too-many-diagnostics']);
    const wrong = parseLintConfig(`suppressions:\n${'  - {rule: 1}\n'.repeat(1000)}`, '.ramguard.yaml').diagnostics;
    expect([wrong.length, wrong.at(-1)!.code]).toEqual([MAX_DIAGNOSTICS_PER_FILE + 1, 'too-many-diagnostics']);
  });

  it('reads rule settings by own members only', () => {
    const { config } = parseLintConfig('rules:\n  allow-star-on-star: off\n', '.ramguard.yaml');
    const findings = lintPolicy({ file: 'p.json', kind: 'identity', value: { Version: '1', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, pointerPrefix: '' }, builtinCatalog(), config!.rules);
    expect(findings.map((f) => f.code)).not.toContain('allow-star-on-star');
    const inherited = Object.create({ 'allow-star-on-star': 'off' }) as Record<string, 'off'>;
    const withInherited = lintPolicy({ file: 'p.json', kind: 'identity', value: { Version: '1', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, pointerPrefix: '' }, builtinCatalog(), inherited);
    expect(withInherited.map((f) => f.code)).toContain('allow-star-on-star');
  });
});

describe('plans and templates of the wrong shape', () => {
  const plan = (root: unknown) => JSON.stringify({ format_version: '1.0', planned_values: { root_module: root } });

  it('skips mistyped parts and never reads a prototype member (each was an internal error)', () => {
    for (const [name, text] of [
      ['type constructor', plan({ resources: [{ type: 'constructor', values: {} }] })],
      ['null resources', plan({ resources: [null, 3, 'x'], child_modules: { a: 1 } })],
      ['resources an object', plan({ resources: { a: 1 } })],
      ['template', "ROSTemplateFormatVersion: '2015-09-01'\nResources:\n  a: null\n  b: 3\n  c: {Type: 'ALIYUN::RAM::Role', Properties: {Policies: [null, 3]}}\n  toString: {Type: 'ALIYUN::RAM::ManagedPolicy', Properties: 5}\n"],
      ['template resources a number', "ROSTemplateFormatVersion: '2015-09-01'\nResources: 5\n"],
    ]) {
      const file = name!.startsWith('template') ? 't.yaml' : 'plan.json';
      expect(() => extractPolicies(text!, file), name!).not.toThrow();
      expect(extractPolicies(text!, file).sources, name!).toEqual([]);
    }
  });

  it('still finds the policies of well-formed parts next to broken ones, under any resource name', () => {
    const text = [
      "ROSTemplateFormatVersion: '2015-09-01'",
      'Resources:',
      '  a: null',
      "  __proto__: {Type: 'ALIYUN::RAM::ManagedPolicy', Properties: {PolicyDocument: {Version: '1'}}}",
      "  r: {Type: 'ALIYUN::RAM::User', Properties: {Policies: [null, {PolicyName: p, PolicyDocument: {Version: '1'}}]}}",
    ].join('\n');
    const { format, sources } = extractPolicies(text, 't.yaml');
    expect(format).toBe('ros-template');
    expect(sources.map((s) => [s.origin, s.pointerPrefix])).toEqual([
      ['__proto__ (ALIYUN::RAM::ManagedPolicy PolicyDocument)', '/Resources/__proto__/Properties/PolicyDocument'],
      ['r (ALIYUN::RAM::User inline policy p)', '/Resources/r/Properties/Policies/1/PolicyDocument'],
    ]);
  });
});

describe('the reproductions through the built CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ramguard-hostile-'));
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return name;
  };
  const inputs: [name: string, text: string, code: string][] = [
    ['deep.json', '['.repeat(10_000) + ']'.repeat(10_000), 'too-deep'],
    ['s.yaml', `${'- '.repeat(1000)}x\n`, 'too-deep'],
    ['self.yaml', 'a: &a [*a]\n', 'recursive-alias'],
    // Item 4a, smaller: ten aliases of a 2,000-item list add 20,000 nodes to 2,000 (10,000 allowed).
    ['alias.yaml', `base: &b\n${Array.from({ length: 2000 }, (_, i) => `  - ab:X${i}`).join('\n')}\nrefs:\n${'  - *b\n'.repeat(10)}`, 'too-many-aliases'],
    ['dup.json', duplicates(20_000), 'too-many-diagnostics'],
    ['actions.json', JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: Array.from({ length: 190_000 }, () => 'x'), Resource: '*' }] }), 'too-many-diagnostics'],
  ];

  it.each(inputs)('validate and lint %s: a diagnostic, exit 2 (validate) and 1 (lint, a finding at error), no internal error, a small report', (name, text, code) => {
    const file = write(name, text);
    const validate = run(['validate', file], { cwd: dir });
    expect([validate.status, validate.stderr.includes(`[${code}]`)]).toEqual([2, true]);
    const lint = run(['lint', file], { cwd: dir });
    expect([lint.status, lint.stdout.includes(code)]).toEqual([1, true]);
    for (const output of [validate.stdout, validate.stderr, lint.stdout, lint.stderr]) {
      expect(output).not.toContain('internal error');
      expect(output).not.toContain('FATAL');
      expect(output.length).toBeLessThan(100_000);
    }
  });
});
