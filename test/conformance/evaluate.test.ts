/**
 * The conformance runner: walks every case file in test/cases/evaluate/ and checks each case's
 * decision, deciding statements and (when given) unknown keys, denying policy type and residual.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilePolicySet, evaluate, renderResidual, scenarioFromValue, type AuthorizationRequest, type PolicySet } from '../../src/index.js';
import { readYaml } from './yaml-cache.js';

const CASES_DIR = new URL('../cases/evaluate/', import.meta.url).pathname;

interface Case {
  name: string;
  scenario: unknown;
  expect: { decision: string; deciding?: string[]; unknownKeys?: string[]; deniedBy?: string; residual?: string };
}

function caseFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? caseFiles(join(dir, e.name)) : e.name.endsWith('.yaml') ? [join(dir, e.name)] : [],
  );
}

const files = caseFiles(CASES_DIR);

describe('conformance corpus', () => {
  it('has at least 150 cases', () => {
    const total = files.reduce((n, f) => n + (readYaml(f) as { cases: Case[] }).cases.length, 0);
    expect(total).toBeGreaterThanOrEqual(150);
  });
});

for (const file of files) {
  const { cases } = readYaml(file) as { cases: Case[] };
  describe(file.slice(CASES_DIR.length), () => {
    for (const c of cases) {
      it(c.name, () => {
        // Given the case's scenario
        const parsed = scenarioFromValue(c.scenario, { file, locate: () => undefined });
        expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        const { request, policies } = parsed.scenario!;
        // When it is evaluated, with and without the trace
        const compiled = compilePolicySet(policies);
        const traced = evaluate(compiled, request as AuthorizationRequest);
        const fast = evaluate(compiled, request as AuthorizationRequest, { trace: false });
        // Then the decision and the deciding statements are the expected ones
        expect(traced.diagnostics).toEqual([]);
        expect(traced.decision).toBe(c.expect.decision);
        expect(fast.decision).toBe(traced.decision);
        const deciding = traced.decidingStatements.map((s) => `${s.policy}#${s.statement}`).sort();
        expect(deciding).toEqual([...(c.expect.deciding ?? [])].sort());
        expect(fast.decidingStatements).toEqual(traced.decidingStatements);
        if (c.expect.unknownKeys) {
          const lower = (keys: string[]) => keys.map((k) => k.toLowerCase()).sort();
          expect(lower(traced.unknownKeys)).toEqual(lower(c.expect.unknownKeys));
        }
        if (c.expect.deniedBy) expect(traced.deniedBy).toBe(c.expect.deniedBy);
        if (c.expect.residual) expect(renderResidual(traced.residual!)).toBe(c.expect.residual);
        expect(traced.statements.length).toBe(countStatements(policies));
      });
    }
  });
}

function countStatements(p: PolicySet): number {
  const docs = [...p.control.flat(), ...(p.session ? [p.session] : []), ...p.identity, ...p.resourceGroup, ...p.resource];
  return docs.reduce((n, d) => n + d.document.statements.length, 0);
}
