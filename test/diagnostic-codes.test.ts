/** Meta-test: every diagnostic code the source can emit is asserted by at least one test. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = new URL('..', import.meta.url).pathname;

function files(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name), ext) : e.name.endsWith(ext) ? [join(dir, e.name)] : []));
}

it('every diagnostic code has a test that asserts it', () => {
  const source = files(join(ROOT, 'src'), '.ts').map((f) => readFileSync(f, 'utf8')).join('\n');
  const codes = new Set([...source.matchAll(/code: '([a-z]+(?:-[a-z]+)+)'/g), ...source.matchAll(/requestProblem\('([a-z-]+)'/g)].map((m) => m[1]!));
  codes.add('duplicate-key').add('syntax-error');
  const tests = files(join(ROOT, 'test'), '.ts')
    .filter((f) => !f.endsWith('diagnostic-codes.test.ts'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  const untested = [...codes].filter((code) => ![`'${code}'`, `"${code}"`, `[${code}]`].some((form) => tests.includes(form)));
  expect(codes.size).toBeGreaterThan(20);
  expect(untested).toEqual([]);
});
