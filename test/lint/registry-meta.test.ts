/**
 * Meta-tests of the rule registry: every rule has its doc page (whose ❌ example fires it and ✅
 * example does not), its case file with firing and clean cases, and a fixture in policies/bad/
 * that fires exactly that rule; everything in policies/good/ is clean.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { PolicyKind } from '../../src/index.js';
import { RULES } from '../../src/lint/registry.js';
import { kindOfFixture, lintDocument } from './helpers.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const BAD = `${ROOT}policies/bad/`;
const GOOD = `${ROOT}policies/good/`;

function docExamples(id: string): { kind: PolicyKind; bad: string; good: string } {
  const doc = readFileSync(`${ROOT}docs/rules/${id}.md`, 'utf8');
  const kind = (/\*\*Kinds:\*\* (\w+)/.exec(doc)?.[1] ?? 'identity') as PolicyKind;
  const block = (heading: string) => new RegExp(`## ${heading}[^\\n]*\\n+\`\`\`(?:json|yaml)\\n([\\s\\S]*?)\`\`\``).exec(doc)?.[1];
  return { kind, bad: block('❌') ?? '', good: block('✅') ?? '' };
}

describe('rule registry', () => {
  it('has at least 30 rules with unique kebab-case ids', () => {
    expect(RULES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const r of RULES) expect(r.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  for (const rule of RULES) {
    describe(rule.id, () => {
      it('has a doc page whose ❌ example fires it and ✅ example does not', () => {
        expect(existsSync(`${ROOT}docs/rules/${rule.id}.md`), `docs/rules/${rule.id}.md`).toBe(true);
        const { kind, bad, good } = docExamples(rule.id);
        expect(bad, 'a ❌ example').not.toBe('');
        expect(good, 'a ✅ example').not.toBe('');
        expect(lintDocument(bad, kind).map((f) => f.code)).toContain(rule.id);
        expect(lintDocument(good, kind).map((f) => f.code)).not.toContain(rule.id);
      });

      it('has a case file with firing and clean cases', () => {
        const file = `${ROOT}test/cases/lint/${rule.id}.yaml`;
        expect(existsSync(file), `test/cases/lint/${rule.id}.yaml`).toBe(true);
        const { cases } = parse(readFileSync(file, 'utf8')) as { cases: { expect: string[] }[] };
        expect(cases.some((c) => c.expect.length > 0)).toBe(true);
        expect(cases.some((c) => c.expect.length === 0)).toBe(true);
      });

      it('has a fixture in policies/bad/ that fires exactly this rule', () => {
        const fixtures = readdirSync(BAD).filter((f) => f.startsWith(`${rule.id}.`));
        expect(fixtures, `policies/bad/${rule.id}.*`).toHaveLength(1);
        const name = fixtures[0]!;
        const codes = new Set(lintDocument(readFileSync(BAD + name, 'utf8'), kindOfFixture(name), name).map((f) => f.code));
        expect([...codes]).toEqual([rule.id]);
      });
    });
  }

  it('finds nothing in policies/good/', () => {
    const files = readdirSync(GOOD);
    expect(files.length).toBeGreaterThan(0);
    for (const name of files) expect(lintDocument(readFileSync(GOOD + name, 'utf8'), kindOfFixture(name), name), name).toEqual([]);
  });
});

describe('docs/rules/README.md', () => {
  it('lists every rule with its default severity', () => {
    const index = readFileSync(`${ROOT}docs/rules/README.md`, 'utf8');
    for (const rule of RULES) expect(index, rule.id).toContain(`| [${rule.id}](${rule.id}.md) | ${rule.severity} |`);
  });
});
