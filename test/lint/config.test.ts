/** .ramguard.yaml: severities, ignores, suppressions, and bad configuration with positions. */
import type { DiagnosticCode } from '../../src/diagnostics/codes.js';
import { describe, expect, it } from 'vitest';
import { applySuppressions, atOrAbove, isIgnored, parseLintConfig } from '../../src/lint/config.js';
import type { Finding } from '../../src/lint/engine.js';

const finding = (code: DiagnosticCode, file: string, path: string): Finding => ({ code, file, path, severity: 'error', message: 'm', kind: 'identity' });

describe('lint configuration', () => {
  it('reads severities, ignores and suppressions', () => {
    const text = ['rules:', '  allow-star-on-star: error', '  syntax-error: off', 'ignore: ["vendor/**"]', 'suppressions:', '  - { rule: allow-star-on-star, file: "admin/*.json", path: /Statement/0, reason: "break-glass admin, reviewed 2026-11" }'].join('\n');
    const { config, diagnostics } = parseLintConfig(text, '.ramguard.yaml');
    expect(diagnostics).toEqual([]);
    expect(config!.rules).toEqual({ 'allow-star-on-star': 'error', 'syntax-error': 'off' });
    expect(isIgnored(config!, 'vendor/x/p.json')).toBe(true);
    expect(isIgnored(config!, 'policies/p.json')).toBe(false);
    const { kept, suppressed } = applySuppressions(config!, [finding('allow-star-on-star', 'admin/a.json', '/Statement/0'), finding('allow-star-on-star', 'admin/a.json', '/Statement/1'), finding('allow-star-on-star', 'ops/a.json', '/Statement/0')], (f) => f.file!);
    expect(kept.map((f) => `${f.file}${f.path}`)).toEqual(['admin/a.json/Statement/1', 'ops/a.json/Statement/0']);
    expect(suppressed.map(([f, s]) => [f.path, s.reason])).toEqual([['/Statement/0', 'break-glass admin, reviewed 2026-11']]);
  });

  it('refuses unknown rules, bad severities and suppressions without a reason, with positions', () => {
    const text = ['rules:', '  allow-star-on-stars: error', 'suppressions:', '  - { rule: allow-star-on-star, file: "*.json" }'].join('\n');
    const first = parseLintConfig(text, '.ramguard.yaml').diagnostics;
    expect(first.map((d) => [d.code, d.range?.line])).toEqual([['missing-element', 4]]);
    const second = parseLintConfig('rules:\n  allow-star-on-stars: error\n', '.ramguard.yaml').diagnostics;
    expect(second.map((d) => [d.code, d.range?.line, d.message])).toEqual([['unknown-rule', 2, 'there is no rule `allow-star-on-stars`']]);
    const third = parseLintConfig('rules:\n  allow-star-on-star: fatal\n', '.ramguard.yaml').diagnostics;
    expect(third.map((d) => [d.code, d.range?.line])).toEqual([['invalid-value', 2]]);
  });

  it('orders severities for --fail-on', () => {
    expect(atOrAbove('error', 'warning')).toBe(true);
    expect(atOrAbove('suggestion', 'warning')).toBe(false);
    expect(atOrAbove('security-warning', 'security-warning')).toBe(true);
  });
});
