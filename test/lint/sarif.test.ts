/** The SARIF report validates against the SARIF 2.1.0 JSON Schema and carries what code scanning reads. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../../src/index.js';
import { lintPolicy } from '../../src/lint/engine.js';
import { renderSarif } from '../../src/lint/format/sarif.js';
import { extractPolicies } from '../../src/lint/inputs/extract.js';
import { RULES } from '../../src/lint/registry.js';

const require = createRequire(import.meta.url);
const Ajv04 = require('ajv-draft-04') as new (options: object) => { compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown } };
const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;

describe('SARIF output', () => {
  const file = new URL('./fixtures/template.ros.yaml', import.meta.url).pathname;
  const findings = extractPolicies(readFileSync(file, 'utf8'), file).sources.flatMap((s) => lintPolicy(s, builtinCatalog()));
  const log = JSON.parse(renderSarif(findings, RULES, '0.1.0', () => 'infra/template.ros.yaml'));

  it('validates against the SARIF 2.1.0 schema', () => {
    const validate = new Ajv04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(schema);
    expect(validate(log) ? [] : validate.errors).toEqual([]);
  });

  it('describes every rule with help, a default level and security-severity for security rules', () => {
    const rules = log.runs[0].tool.driver.rules as { id: string; help: { markdown: string }; defaultConfiguration: { level: string }; properties: Record<string, unknown> }[];
    expect(rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    const star = rules.find((r) => r.id === 'allow-star-on-star')!;
    expect(star.defaultConfiguration.level).toBe('warning');
    expect(star.properties['security-severity']).toBe('8.0');
    expect(star.help.markdown).toContain('docs/rules/allow-star-on-star.md');
    expect(rules.find((r) => r.id === 'invalid-effect')!.defaultConfiguration.level).toBe('error');
  });

  it('gives results repository-relative URIs, regions and stable fingerprints', () => {
    const results = log.runs[0].results as { ruleId: string; ruleIndex: number; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[]; partialFingerprints: Record<string, string> }[];
    expect(results.length).toBe(findings.length);
    const effect = results.find((r) => r.ruleId === 'invalid-effect')!;
    expect(effect.locations[0]!.physicalLocation.artifactLocation.uri).toBe('infra/template.ros.yaml');
    expect(effect.locations[0]!.physicalLocation.region.startLine).toBe(29);
    expect(RULES[effect.ruleIndex]!.id).toBe('invalid-effect');
    const again = JSON.parse(renderSarif(findings, RULES, '0.1.0', () => 'infra/template.ros.yaml'));
    expect(again.runs[0].results[0].partialFingerprints).toEqual(results[0]!.partialFingerprints);
  });
});
