/**
 * The JSON and SARIF reports built file by file (JsonReport, SarifReport: what `ramguard lint`
 * keeps instead of every finding, issue 15) print byte for byte what renderLintJson and
 * renderSarif print for all the findings at once; and a report printed in parts (printParts) is
 * the report printed whole.
 */
import { describe, expect, it } from 'vitest';
import { printable } from '../../src/cli/kit/io.js';
import { printed } from './printed.js';
import { builtinCatalog } from '../../src/index.js';
import { lintPolicy, type Finding } from '../../src/lint/engine.js';
import { JsonReport, renderLintJson } from '../../src/lint/format/json.js';
import { renderSarif, SarifReport } from '../../src/lint/format/sarif.js';
import { RULES } from '../../src/lint/registry.js';

/** Files with findings of every shape: a fix (action case), a did-you-mean, none, more than the per-file cap, YAML. */
function files(): { file: string; findings: Finding[] }[] {
  const many = { Version: '1', Statement: [{ Effect: 'Allow', Action: Array.from({ length: 130 }, (_, i) => `cams:Xz${i}`), Resource: '*' }] };
  const texts = [
    { file: 'a.json', text: JSON.stringify({ Version: '1', Statement: [{ Effect: 'allow', Action: ['cams:getinstance', 'cams:GetInstancez', 'ecs:*'], Resource: '*', Condition: { StringEqualz: { 'acs:SourceIp': 'x' } } }] }, null, 2) },
    { file: 'clean.json', text: JSON.stringify({ Version: '1', Statement: [{ Effect: 'Deny', Action: 'cams:DeleteInstance', Resource: '*' }] }, null, 2) },
    { file: 'many.json', text: JSON.stringify(many) },
    { file: 'other-many.json', text: JSON.stringify(many, null, 1) },
    { file: 'b.yaml', text: 'Version: "1"\nStatement:\n  - Effect: Allow\n    Action: "*"\n    Resource: "*"\n' },
  ];
  return texts.map(({ file, text }) => ({ file, findings: lintPolicy({ file, kind: 'identity', text, pointerPrefix: '' }, builtinCatalog()) }));
}

const uriOf = (file: string) => `policies/${file}`;

describe('reports built file by file', () => {
  const all = files();
  const findings = all.flatMap((x) => x.findings);

  it('the findings cover a fix, the cap of two files and a clean file', () => {
    expect(findings.some((f) => f.fix !== undefined)).toBe(true);
    expect(findings.filter((f) => f.code === 'too-many-diagnostics').map((f) => f.file)).toEqual(['many.json', 'other-many.json']);
    expect(all.find((x) => x.file === 'clean.json')!.findings).toEqual([]);
  });

  it('JsonReport prints what renderLintJson prints', () => {
    const stats = { files: all.length, policies: all.length, suppressed: 2 };
    const report = new JsonReport();
    for (const x of all) report.addFile(x.findings);
    const whole = renderLintJson(findings, stats);
    expect(report.render(stats)).toBe(whole);
    expect(report.parts(stats).length).toBeGreaterThan(100);
    expect(JSON.parse(whole).summary.findings).toBe(JSON.parse(whole).findings.length);
  });

  it('SarifReport prints what renderSarif prints', () => {
    const report = new SarifReport(RULES, '0.1.0', uriOf);
    for (const x of all) report.addFile(x.findings);
    const whole = renderSarif(findings, RULES, '0.1.0', uriOf);
    expect(report.render()).toBe(whole);
    expect(whole).toContain('"fixes"');
  });

  it.each([
    ['JSON', () => new JsonReport().render({ files: 1, policies: 0, suppressed: 0 }), () => renderLintJson([], { files: 1, policies: 0, suppressed: 0 })],
    ['SARIF', () => new SarifReport(RULES, '0.1.0', uriOf).render(), () => renderSarif([], RULES, '0.1.0', uriOf)],
  ])('%s with no findings is the empty report', (_, parts, whole) => {
    expect(parts()).toBe(whole());
  });
});

describe('printParts', () => {
  it.each([
    ['a lone \\r at the end of a part, then a line break', ['abc\r', '\ndef']],
    ['a lone \\r at the end of a part, then text', ['abc\r', 'def']],
    ['terminal controls inside parts', ['\u001b[31mred', '\u202e', 'x\u0007']],
    ['batches: a \\r where a batch would end', ['x'.repeat(64 * 1024 - 1) + '\r', '\n', 'y'.repeat(70 * 1024) + '\r', 'z']],
    ['no parts', []],
  ])('prints what printable prints of the whole (%s)', (_, parts) => {
    expect(printed(parts)).toBe(printable(parts.join('')) + '\n');
  });
});
