/**
 * The text report built file by file (TextReport, what `ramguard lint` keeps instead of every
 * file's text and findings, issue 15) prints byte for byte what renderLintText prints for all the
 * findings at once: frames, per-file caps, did-you-means, verbose help, suppressions, the summary.
 */
import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../../src/index.js';
import type { Suppression } from '../../src/lint/config.js';
import { lintPolicy, type Finding } from '../../src/lint/engine.js';
import { renderLintText, TextReport, withFrames } from '../../src/lint/format/text.js';

/** Three files: findings with frames and a did-you-mean, none at all, and more than the per-file cap. */
function files(): { file: string; text: string }[] {
  const many = { Version: '1', Statement: [{ Effect: 'Allow', Action: Array.from({ length: 130 }, (_, i) => `cams:Xz${i}`), Resource: '*' }] };
  return [
    { file: 'a.json', text: JSON.stringify({ Version: '1', Statement: [{ Effect: 'allow', Action: ['cams:GetInstancez', 'ecs:*'], Resource: '*', Condition: { StringEqualz: { 'acs:SourceIp': 'x' } } }] }, null, 2) },
    { file: 'clean.json', text: JSON.stringify({ Version: '1', Statement: [{ Effect: 'Deny', Action: 'cams:DeleteInstance', Resource: '*' }] }, null, 2) },
    { file: 'many.json', text: JSON.stringify(many) },
    { file: 'b.yaml', text: 'Version: "1"\nStatement:\n  - Effect: Allow\n    Action: "*"\n    Resource: "*"\n' },
  ];
}

function lintFile(file: string, text: string): Finding[] {
  return lintPolicy({ file, kind: 'identity', text, pointerPrefix: '' }, builtinCatalog());
}

describe('TextReport', () => {
  it.each([[false], [true]])('prints what renderLintText prints for every finding at once (verbose: %s)', (verbose) => {
    // Given the findings of several files, one of them over the cap, and a suppressed finding
    const all = files().map(({ file, text }) => ({ file, text, findings: lintFile(file, text) }));
    const reason: Suppression = { rule: 'allow-star-on-star', file: 'b.yaml', reason: 'the break-glass role' } as Suppression;
    const isSuppressed = (f: Finding) => f.code === reason.rule && f.file === reason.file;
    expect(all.flatMap((x) => x.findings).some(isSuppressed)).toBe(true);
    expect(all.find((x) => x.file === 'many.json')!.findings.some((f) => f.code === 'too-many-diagnostics')).toBe(true);
    // When one report is rendered from all of them with the texts, and one is built file by file from framed findings
    const kept = all.flatMap((x) => x.findings.filter((f) => !isSuppressed(f)));
    const suppressed = all.flatMap((x) => x.findings.filter(isSuppressed).map((f): [Finding, Suppression] => [f, reason]));
    const whole = renderLintText(kept, new Map(all.map((x) => [x.file, x.text])), suppressed, verbose);
    const report = new TextReport(verbose);
    for (const x of all) {
      report.addFile(
        x.file,
        withFrames(x.findings.filter((f) => !isSuppressed(f)), x.text),
        x.findings.filter(isSuppressed).map((f): [Finding, Suppression] => [f, reason]),
      );
    }
    // Then the two are the same text, code frames included
    expect(report.render()).toBe(whole);
    expect(whole).toContain('^^^');
    expect(whole).toMatch(/more diagnostics in this file, not shown/);
    expect(report.findings).toBe(kept.length);
  });

  it('with no findings prints the summary alone, as renderLintText does', () => {
    expect(new TextReport().render()).toBe(renderLintText([], new Map()));
  });
});
