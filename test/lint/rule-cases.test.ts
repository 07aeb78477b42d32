/** The lint conformance runner: every case file in test/cases/lint/ (one per rule) is checked here. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { PolicyKind } from '../../src/index.js';
import { ruleById } from '../../src/lint/registry.js';
import { lintDocument } from './helpers.js';

const DIR = new URL('../cases/lint/', import.meta.url).pathname;

interface RuleCases {
  rule: string;
  cases: { name: string; kind?: PolicyKind; policy?: unknown; text?: string; expect: string[] }[];
}

for (const file of readdirSync(DIR).filter((f) => f.endsWith('.yaml'))) {
  const { rule, cases } = parse(readFileSync(DIR + file, 'utf8')) as RuleCases;
  describe(`rule ${rule}`, () => {
    it('is registered and its case file is named after it', () => {
      expect(ruleById(rule)?.id).toBe(rule);
      expect(file).toBe(`${rule}.yaml`);
    });
    for (const c of cases) {
      it(c.name, () => {
        // Given the case's document; When it is linted
        const findings = lintDocument(c.text ?? c.policy, c.kind ?? 'identity');
        // Then the rule fires exactly at the expected paths
        expect(findings.filter((f) => f.code === rule).map((f) => f.path).sort()).toEqual([...c.expect].sort());
        for (const f of findings.filter((x) => x.code === rule)) {
          expect(f.message).not.toMatch(/\.$/);
          expect(f.message.charAt(0)).toBe(f.message.charAt(0).toLowerCase());
        }
      });
    }
  });
}
