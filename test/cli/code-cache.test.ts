/**
 * The CLI's bundles are compiled with the V8 code cache the build wrote next to them
 * (scripts/bundles/code-cache.mjs, issue 15): every CommonJS bundle has one, a run hands it to V8
 * and V8 takes it; without it, the file is required as before.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, EXAMPLES, ROOT } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'ramguard-code-cache-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Every script compiled with cached data, and whether V8 rejected it, listed at exit on fd 3.
const reporter = join(dir, 'cached.cjs');
writeFileSync(
  reporter,
  `const vm = require('node:vm');
const seen = [];
const Script = vm.Script;
vm.Script = class extends Script {
  constructor(code, options) {
    super(code, options);
    if (options && options.cachedData) seen.push(require('node:path').basename(options.filename) + (this.cachedDataRejected ? ' rejected' : ' taken'));
  }
};
process.on('exit', () => require('fs').writeSync(3, seen.join('\\n')));
`,
);

/** What a run of `node BIN ARGS` compiled with a code cache. */
function cachedBy(bin: string, args: string[]): { stdout: string; cached: string[] } {
  const run = spawnSync(process.execPath, ['--require', reporter, bin, ...args], { cwd: EXAMPLES, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
  expect(run.stderr).toBe('');
  return { stdout: run.stdout, cached: String(run.output[3]).split('\n').filter(Boolean) };
}

describe('code caches of the CLI bundles', () => {
  it('every CommonJS bundle of dist/cli has its cache', () => {
    const names = readdirSync(join(ROOT, 'dist', 'cli'));
    const bundles = names.filter((n) => n.endsWith('.cjs'));
    expect(bundles.length).toBeGreaterThan(10);
    // main.cjs is the entry Node loads itself: no cache can be handed to it.
    expect(bundles.filter((n) => n !== 'main.cjs' && !names.includes(`${n}.cache`))).toEqual([]);
  });

  it.each([
    [['--version'], ['commander.cjs taken']],
    [['lint', 'cams-operator.json'], ['commander.cjs taken', 'lint-command.cjs taken']],
    [['eval', '--policy', 'cams-operator.json', '--action', 'cams:UpdateInstance', '--resource', '*'], ['commander.cjs taken', 'eval-command.cjs taken']],
    // An audit sets its V8 flags (src/cli/audit-flags.ts) after commander.cjs is loaded: its own file's cache is made under them.
    [['audit', 'who-can', '--snapshot', 'account.snapshot.yaml', '--action', 'cams:UpdateInstance'], ['commander.cjs taken', 'audit-command.cjs taken']],
  ])('`ramguard %j` compiles its files with their caches, and V8 takes them', (args, expected) => {
    expect(cachedBy(BIN, args).cached).toEqual(expected);
  });

  it('without the cache files, the same answer from the files themselves', () => {
    // A copy of dist/cli without its caches, next to the package's other files (the catalog's data, found from dist/).
    const root = join(dir, 'pkg');
    cpSync(join(ROOT, 'dist'), join(root, 'dist'), { recursive: true, filter: (source) => !source.endsWith('.cache') });
    for (const name of ['catalog', 'node_modules', 'schemas']) symlinkSync(join(ROOT, name), join(root, name));
    copyFileSync(join(ROOT, 'package.json'), join(root, 'package.json'));
    const args = ['eval', '--policy', 'cams-operator.json', '--action', 'cams:UpdateInstance', '--resource', '*'];
    const without = cachedBy(join(root, 'dist', 'cli', 'main.js'), args);
    expect(without.cached).toEqual([]);
    expect(without.stdout).toBe(cachedBy(BIN, args).stdout);
    expect(without.stdout).toContain('cams:UpdateInstance');
  });
});
