/**
 * Conformance cases for the access analysis, as data: test/cases/analysis/*.yaml. Each case gives
 * a base and a candidate (statements), the check, options, and the expected verdict; a witness
 * expectation is a set of regular expressions on the first witness' action, resource and context
 * values (several values joined with `,`) and the keys it declares absent. Every witness is run
 * through the evaluator here too.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAccessNotGranted, checkNoNewAccess, compileAlone, type AccessOptions, type AnalysisPolicy } from '../../src/analysis/access-check.js';
import { evaluate, parsePolicy } from '../../src/index.js';
import { readYaml } from '../conformance/yaml-cache.js';

interface Case {
  name: string;
  check?: 'no-new-access' | 'access-not-granted';
  base?: unknown[];
  candidate: unknown[];
  options?: AccessOptions;
  /** The policies' kind (default identity); `trust` statements carry `Principal`. */
  kind?: 'identity' | 'trust';
  expect: { verdict: string; diagnostics?: string[]; witness?: { principal?: string; action?: string; resource?: string; context?: Record<string, string>; absent?: string[] } };
}

const DIR = new URL('../cases/analysis/', import.meta.url).pathname;

const policy = (name: string, statements: unknown[], kind: 'identity' | 'trust' = 'identity'): AnalysisPolicy => {
  const parsed = parsePolicy(JSON.stringify({ Version: '1', Statement: statements }), { kind });
  if (!parsed.policy) throw new Error(`${name} is invalid: ${JSON.stringify(parsed.diagnostics)}`);
  return { name, document: parsed.policy };
};

for (const file of readdirSync(DIR).filter((f) => f.endsWith('.yaml'))) {
  describe(file, () => {
    for (const c of readYaml(join(DIR, file)) as Case[]) {
      it(c.name, () => {
        const candidate = policy('candidate', c.candidate, c.kind);
        const base = c.base ? policy('base', c.base, c.kind) : undefined;
        const answer = c.check === 'access-not-granted' ? checkAccessNotGranted(candidate, { actions: [], ...c.options }) : checkNoNewAccess(base!, candidate, c.options);
        expect(answer.verdict).toBe(c.expect.verdict);
        expect(answer.diagnostics.map((d) => d.code)).toEqual(c.expect.diagnostics ?? []);
        for (const w of answer.witnesses) {
          expect(evaluate(compileAlone(candidate), w.request).decision).toBe('Allow');
          if (base) expect(evaluate(compileAlone(base), w.request).decision).not.toBe('Allow');
        }
        const want = c.expect.witness;
        if (!want) return;
        const w = answer.witnesses[0]!.request;
        if (want.principal) expect(`${w.principal.type} ${w.principal.arn}`).toMatch(new RegExp(want.principal));
        if (want.action) expect(w.action).toMatch(new RegExp(want.action));
        if (want.resource) expect(w.resource).toMatch(new RegExp(want.resource));
        for (const [key, pattern] of Object.entries(want.context ?? {})) expect(String(w.context?.[key] ?? '')).toMatch(new RegExp(pattern, 'u'));
        for (const key of want.absent ?? []) expect(w.absent).toContain(key);
      });
    }
  });
}
