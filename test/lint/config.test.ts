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
    // Then the unknown rule and the missing reason are reported together, in file order
    expect(first.map((d) => [d.code, d.range?.line])).toEqual([['unknown-rule', 2], ['missing-element', 4]]);
    const second = parseLintConfig('rules:\n  allow-star-on-stars: error\n', '.ramguard.yaml').diagnostics;
    expect(second.map((d) => [d.code, d.range?.line, d.message, d.help])).toEqual([['unknown-rule', 2, 'there is no rule `allow-star-on-stars`', 'did you mean `allow-star-on-star`?']]);
    const third = parseLintConfig('rules:\n  allow-star-on-star: fatal\n', '.ramguard.yaml').diagnostics;
    expect(third.map((d) => [d.code, d.range?.line])).toEqual([['invalid-value', 2]]);
  });

  it('reports every problem of a configuration at once: bad severities, unknown ids in rules and suppressions, bad globs', () => {
    // Given a configuration with a problem in each part
    const text = ['rules:', '  unknown-actoin: warning', '  allow-star-on-star: fatal', 'ignore:', `  - "${'*'.repeat(300)}"`, 'suppressions:', '  - { rule: no-such-thing-at-all, file: "*.json", reason: r }'].join('\n');
    // When it is parsed
    const { config, diagnostics } = parseLintConfig(text, '.ramguard.yaml');
    // Then there is no configuration, and each problem is reported, in file order, with did-you-mean where a rule is near
    expect(config).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.range?.line])).toEqual([['unknown-rule', 2], ['invalid-value', 3], ['invalid-value', 5], ['unknown-rule', 7]]);
    expect(diagnostics[0]!.help).toBe('did you mean `unknown-action`?');
    expect(diagnostics[3]!.help).toBe('run `ramguard lint --list-rules` for the rule ids');
  });

  it('orders severities for --fail-on', () => {
    expect(atOrAbove('error', 'warning')).toBe(true);
    expect(atOrAbove('suggestion', 'warning')).toBe(false);
    expect(atOrAbove('security-warning', 'security-warning')).toBe(true);
  });
});

describe('hostile globs in a configuration', () => {
  it('refuses a glob over the length limit, with its place', () => {
    const { config, diagnostics } = parseLintConfig(`ignore:\n  - "${'*'.repeat(100_000)}"\nsuppressions:\n  - {rule: unknown-action, file: "${'['.repeat(2_000)}", reason: r}\n`, '.ramguard.yaml');
    expect(config).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.path, d.range?.line])).toEqual([
      ['invalid-value', '/ignore/0', 2],
      ['invalid-value', '/suppressions/0/file', 4],
    ]);
  });

  it('compiles each glob once: pathological globs within the limit stay cheap over many paths', () => {
    const refused = parseLintConfig(`ignore:\n  - "${'{a,b,c,d,e,f,g,h}'.repeat(12)}"\n  - "{1..100000000}"\n  - "{a..z}{a..z}{a..z}"\n`, '.ramguard.yaml');
    expect(refused.diagnostics.map((d) => [d.code, d.path, d.message.includes('alternatives')])).toEqual([
      ['invalid-value', '/ignore/0', true],
      ['invalid-value', '/ignore/1', true],
      ['invalid-value', '/ignore/2', true],
    ]);
    const { config } = parseLintConfig(`ignore:\n  - "${'['.repeat(250)}"\n  - "{a,b}/{c,d,e}/**/*.json"\n  - "{1..9}"\n`, '.ramguard.yaml');
    expect(isIgnored(config!, 'b/e/x/p.json')).toBe(true);
    const started = process.hrtime.bigint();
    const ignored = Array.from({ length: 2_000 }, (_, i) => isIgnored(config!, `policies/p-${i}.txt`));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    expect(ignored.every((x) => x === false)).toBe(true);
    // A generous bound (recompiling per path took minutes); performance figures live in `npm run bench`.
    expect(seconds).toBeLessThan(20);
  });
});
