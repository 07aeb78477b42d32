/** Meta-test: every decision in docs/semantics.md names code and tests that exist. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = new URL('..', import.meta.url).pathname;
const CASES = join(ROOT, 'test/cases/evaluate');

function testFileExists(name: string): boolean {
  if (name.endsWith('.yaml') && name.includes('*')) {
    const [prefix, suffix] = name.split('*') as [string, string];
    return readdirSync(CASES).some((f) => f.startsWith(prefix) && f.endsWith(suffix));
  }
  if (name.endsWith('.yaml')) return existsSync(join(CASES, name));
  if (name.includes('*')) {
    const dir = join(ROOT, name.slice(0, name.lastIndexOf('/')));
    return existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.test.ts'));
  }
  if (name.startsWith('test/')) return existsSync(join(ROOT, name));
  return readdirSync(join(ROOT, 'test'), { recursive: true }).some((f) => String(f).endsWith(name));
}

it('every semantics decision points at existing code and tests', () => {
  const rows = readFileSync(join(ROOT, 'docs/semantics.md'), 'utf8')
    .split('\n')
    .filter((l) => /^\| [SMCEXAGWKLND]\d+ \|/.test(l));
  expect(rows.length).toBeGreaterThanOrEqual(40);
  const missing: string[] = [];
  for (const row of rows) {
    const cells = row.split(' | ');
    const id = cells[0]!.replace('| ', '');
    const code = [...cells[2]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    const tests = [...cells[3]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    expect(code.length, `${id} names its code`).toBeGreaterThan(0);
    expect(tests.length, `${id} names its tests`).toBeGreaterThan(0);
    for (const file of code) if (!existsSync(join(ROOT, file))) missing.push(`${id}: ${file}`);
    for (const file of tests) if (!testFileExists(file)) missing.push(`${id}: ${file}`);
  }
  expect(missing).toEqual([]);
});
