/**
 * Meta-test of the diagnostic code table (src/diagnostics/codes.ts): every code in it is asserted
 * by at least one test, every lint rule agrees with its row, and every code the source names is a
 * row (the compiler checks `Diagnostic.code`; this also catches a code spelled in a comment-free
 * string the compiler cannot see, such as a code built for a test).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { codeInfo, DIAGNOSTIC_CODES } from '../src/diagnostics/codes.js';
import { RULES } from '../src/lint/registry.js';

const ROOT = new URL('..', import.meta.url).pathname;

function files(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name), ext) : e.name.endsWith(ext) ? [join(dir, e.name)] : []));
}

const codes = Object.keys(DIAGNOSTIC_CODES);

it('every code of the table has a test that asserts it', () => {
  const tests = files(join(ROOT, 'test'), '.ts')
    .filter((f) => !f.endsWith('diagnostic-codes.test.ts'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  const yaml = files(join(ROOT, 'test'), '.yaml').map((f) => readFileSync(f, 'utf8')).join('\n');
  const untested = codes.filter((code) => ![`'${code}'`, `"${code}"`, `[${code}]`].some((form) => tests.includes(form)) && !new RegExp(`\\b(code|rule|expect(ed)?):\\s*${code}\\b|- ${code}\\b`).test(yaml));
  expect(codes.length).toBeGreaterThan(80);
  expect(untested).toEqual([]);
});

it('every lint rule is a row of the table, with the same severity, title and help', () => {
  for (const rule of RULES) {
    const row = codeInfo(rule.id);
    expect(row, rule.id).toMatchObject({ severity: rule.severity, title: rule.title, help: rule.help, rule: true });
  }
  const ruleRows = codes.filter((c) => codeInfo(c)?.rule);
  expect(ruleRows.sort()).toEqual(RULES.map((r) => r.id).sort());
});

it('every code the source raises is a row, and rows have a title and a help sentence', () => {
  const source = files(join(ROOT, 'src'), '.ts').map((f) => readFileSync(f, 'utf8')).join('\n');
  const raised = new Set([...source.matchAll(/\bcode: '([a-z]+(?:-[a-z]+)+)'/g), ...source.matchAll(/(?:requestProblem|usageProblem|problem|commandLine|at)\('([a-z]+(?:-[a-z]+)+)'/g)].map((m) => m[1]!));
  const notInTable = [...raised].filter((code) => codeInfo(code) === undefined);
  expect(notInTable).toEqual([]);
  for (const code of codes) {
    const row = codeInfo(code)!;
    expect(row.title.length, code).toBeGreaterThan(5);
    expect(row.help.length, code).toBeGreaterThan(5);
    expect(row.title, code).not.toMatch(/\.$/);
  }
  expect(codeInfo('constructor')).toBeUndefined();
});
