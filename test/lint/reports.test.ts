/** What the reports show beyond the finding: did-you-mean, doc links, tags, certain fixes as SARIF `fixes`. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../../src/index.js';
import { lintPolicy } from '../../src/lint/engine.js';
import { placeFix } from '../../src/lint/fixes.js';
import { renderSarif } from '../../src/lint/format/sarif.js';
import { renderLintText } from '../../src/lint/format/text.js';
import { RULES } from '../../src/lint/registry.js';

const require = createRequire(import.meta.url);
const Ajv04 = require('ajv-draft-04') as new (options: object) => { compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown } };
const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
const validate = new Ajv04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(schema);

const JSON_TEXT = [
  '{ "Version": "1", "Statement": [',
  '  { "Effect": "allow", "Action": "cams:QueryInstance", "Resource": "*" },',
  '  { "Effect": "Allow", "Action": ["cams:queryinstance", "cams:QueryInstanse"], "Resource": "*" }',
  '] }',
].join('\n');
const YAML_TEXT = ['Version: "1"', 'Statement:', '  - Effect: deny', '    Action: "*"', '    Resource: "*"', '  - Effect: Allow', "    Action: 'cams:queryinstance'", '    Resource: "*"', ''].join('\n');

const lint = (text: string, file: string) => lintPolicy({ file, kind: 'identity', text, pointerPrefix: '' }, builtinCatalog());
const sarifOf = (text: string, file: string, repositoryUrl?: string) =>
  JSON.parse(renderSarif(lint(text, file), RULES, '0.1.0', () => file, repositoryUrl === undefined ? {} : { repositoryUrl }));

/** Applies a SARIF log's fixes to the text (one line each, UTF-16 columns as the log's columnKind says). */
function applyFixes(text: string, log: { runs: { results: { fixes?: { artifactChanges: { replacements: { deletedRegion: { startLine: number; startColumn: number; endColumn: number }; insertedContent: { text: string } }[] }[] }[] }[] }[] }): string {
  const lines = text.split('\n');
  for (const r of log.runs[0]!.results) {
    for (const fix of r.fixes ?? []) {
      const { deletedRegion: d, insertedContent } = fix.artifactChanges[0]!.replacements[0]!;
      const line = lines[d.startLine - 1]!;
      lines[d.startLine - 1] = line.slice(0, d.startColumn - 1) + insertedContent.text + line.slice(d.endColumn - 1);
    }
  }
  return lines.join('\n');
}

describe('SARIF', () => {
  it('stays valid with fixes, and offers the Effect and action-case fixes at their exact regions', () => {
    for (const [text, file] of [[JSON_TEXT, 'p.json'], [YAML_TEXT, 'p.yaml']] as const) {
      // Given a policy with an Effect and an action in the wrong case; When it is reported as SARIF
      const log = sarifOf(text, file);
      // Then the log is valid, and applying its fixes gives a policy without those findings
      expect(validate(log) ? [] : validate.errors).toEqual([]);
      const fixed = applyFixes(text, log);
      expect(fixed).not.toBe(text);
      const left = lint(fixed, file).map((f) => f.code);
      expect(left).not.toContain('invalid-effect');
      expect(left).not.toContain('non-canonical-action-case');
    }
    // And the replacements keep the quotes as written
    expect(applyFixes(JSON_TEXT, sarifOf(JSON_TEXT, 'p.json'))).toContain('"Effect": "Allow"');
    expect(applyFixes(YAML_TEXT, sarifOf(YAML_TEXT, 'p.yaml'))).toContain("Action: 'cams:QueryInstance'");
    expect(applyFixes(YAML_TEXT, sarifOf(YAML_TEXT, 'p.yaml'))).toContain('Effect: Deny');
  });

  it('offers no fix where the correction is not certain (a typo has candidates, not a fix)', () => {
    const results = sarifOf(JSON_TEXT, 'p.json').runs[0].results as { ruleId: string; fixes?: unknown }[];
    expect(results.find((r) => r.ruleId === 'unknown-action')!.fixes).toBeUndefined();
  });

  it('puts did-you-mean in the message', () => {
    const results = sarifOf(JSON_TEXT, 'p.json').runs[0].results as { ruleId: string; message: { text: string } }[];
    expect(results.find((r) => r.ruleId === 'unknown-action')!.message.text).toBe('`cams` has no action `QueryInstanse`; did you mean `cams:QueryInstance`?');
  });

  it('links each rule to its doc at the repository URL, and tags rules for code scanning', () => {
    const log = sarifOf(JSON_TEXT, 'p.json', 'https://github.com/example/ramguard.git');
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    const rules = log.runs[0].tool.driver.rules as { id: string; helpUri?: string; properties: { tags: string[]; 'security-severity'?: string } }[];
    expect(rules.find((r) => r.id === 'unknown-action')!.helpUri).toBe('https://github.com/example/ramguard/blob/main/docs/rules/unknown-action.md');
    const security = rules.find((r) => r.id === 'service-wildcard-resource')!;
    expect(security.properties.tags).toContain('security');
    expect(security.properties['security-severity']).toBe('8.0');
    expect(rules.find((r) => r.id === 'unknown-action')!.properties.tags).toEqual(['correctness', 'ram']);
    expect(rules.find((r) => r.id === 'unknown-action')!.properties['security-severity']).toBeUndefined();
  });

  it('links to the doc in the published package of this version without a repository URL, or for one that is not a plain https URL', () => {
    for (const url of [undefined, 'javascript:alert(1)', 'https://x.example/" onload="x']) {
      const rules = sarifOf(JSON_TEXT, 'p.json', url).runs[0].tool.driver.rules as { id: string; helpUri?: string }[];
      expect(rules.map((r) => r.helpUri)).toEqual(rules.map((r) => `https://unpkg.com/ramguard@0.1.0/docs/rules/${r.id}.md`));
    }
  });

  it('links only to doc pages that exist, and the package ships them', () => {
    const rules = sarifOf(JSON_TEXT, 'p.json').runs[0].tool.driver.rules as { id: string }[];
    expect(rules.length).toBe(RULES.length);
    for (const r of rules) expect(existsSync(join(import.meta.dirname, '../../docs/rules', `${r.id}.md`)), r.id).toBe(true);
    const files = (JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { files: string[] }).files;
    expect(files).toContain('docs/rules');
  });
});

describe('SARIF from findings a library caller made', () => {
  it('leaves out a malformed fix instead of throwing', () => {
    // Given findings whose `fix` is not what the engine makes
    const base = lint(JSON_TEXT, 'p.json')[0]!;
    const odd = [5, null, { range: 'x', text: 'y' }, { range: { line: 1, column: 0, endLine: 1, endColumn: 2 }, text: 'y' }].map((fix) => ({ ...base, fix }) as never);
    // When they are rendered; Then the log has no fixes and stays valid
    const log = JSON.parse(renderSarif(odd, RULES, '0.1.0', () => 'p.json'));
    expect((log.runs[0].results as { fixes?: unknown }[]).every((r) => r.fixes === undefined)).toBe(true);
    expect(validate(log) ? [] : validate.errors).toEqual([]);
  });
});

describe('text', () => {
  it('shows did-you-mean without --verbose, and not the other help', () => {
    const findings = lint(JSON_TEXT, 'p.json');
    const text = renderLintText(findings, new Map([['p.json', JSON_TEXT]]));
    expect(text).toContain('    did you mean `cams:QueryInstance`?');
    expect(text).not.toContain('help:');
  });
});

describe('placeFix', () => {
  it('edits only a value written bare or in one pair of quotes', () => {
    const range = { line: 1, column: 11, endLine: 1, endColumn: 18 };
    expect(placeFix('"Effect": "allow"', { ...range, column: 11, endColumn: 18 }, 'allow', 'Allow')).toEqual({ range: { ...range, column: 11, endColumn: 18 }, text: '"Allow"' });
    // An escaped form (`"\u0061llow"`) is not edited
    expect(placeFix('"Effect": "\\u0061llow"', { ...range, endColumn: 23 }, 'allow', 'Allow')).toBeUndefined();
    // Columns count UTF-16 code units: an emoji before the value takes two
    expect(placeFix('"😀": "allow"', { line: 1, column: 7, endLine: 1, endColumn: 14 }, 'allow', 'Allow')?.text).toBe('"Allow"');
  });
});

describe('fixes on lines with characters outside the BMP', () => {
  it('the Effect fix lands on the value after an emoji Sid on the same line', () => {
    // Given a line with characters of two UTF-16 units before the value; Then the edit lands on the value
    const text = '{ "Version": "1", "Statement": [{ "Sid": "😀😀", "Effect": "allow", "Action": "*", "Resource": "*" }] }';
    const fixed = applyFixes(text, sarifOf(text, 'p.json'));
    expect(fixed).toBe(text.replace('"allow"', '"Allow"'));
    expect(sarifOf(text, 'p.json').runs[0].columnKind).toBe('utf16CodeUnits');
  });
});
