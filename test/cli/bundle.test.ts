/**
 * The built CLI is the bundle (scripts/bundles/cli.mjs, issue 15): `--version` and `--help` load no
 * subcommand, a subcommand loads its own file only, and no module of src/ is loaded one by one.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, EXAMPLES, ROOT } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'ramguard-bundle-test-'));
const reporter = join(dir, 'loaded.cjs');
// Every file of the package the process loaded, CommonJS or ES module, listed at exit on fd 3.
writeFileSync(
  reporter,
  `const loaded = new Set();
const Module = require('node:module');
const load = Module._load;
Module._load = function (request, parent) { const r = load.apply(this, arguments); try { loaded.add(Module._resolveFilename(request, parent)); } catch {} return r; };
process.on('exit', () => { for (const k of Object.keys(require.cache)) loaded.add(k); require('fs').writeSync(3, [...loaded].join('\\n')); });
`,
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The files of ramguard's dist/ a run of `ramguard ARGS` loaded with require (ES modules: see below). */
function loadedBy(args: string[]): string[] {
  const run = spawnSync(process.execPath, ['--require', reporter, BIN, ...args], { cwd: EXAMPLES, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
  expect(run.stderr).toBe('');
  return String(run.output[3])
    .split('\n')
    .filter((f) => f.startsWith(join(ROOT, 'dist')))
    .map((f) => f.slice(join(ROOT, 'dist').length + 1));
}

describe('the CLI bundle', () => {
  it('dist/cli/main.js is one bundled file, not tsc’s entry importing the program', () => {
    const main = readFileSync(BIN, 'utf8');
    expect(main.startsWith('#!/usr/bin/env node\n')).toBe(true);
    // No static import of another file of the package: what it loads, it loads with require (seen below)
    expect(main).not.toMatch(/from\s*["']\.\.?\//);
    // The root help's table is inside it, not in a module it imports
    expect(main).toContain('evaluate one request against RAM policies and explain the decision');
  });

  it.each([[['--version']], [['--help']]])('`ramguard %j` loads no subcommand file', (args) => {
    // Then nothing of dist/ but main.js itself (an ES module: not in require's lists) and commander's bundle
    expect(loadedBy(args)).toEqual(['cli/commander.cjs']);
  });

  it('a subcommand’s --help exits 0: main.js and the subcommand share one commander (its errors are told by instanceof)', () => {
    const run = spawnSync(process.execPath, [BIN, 'eval', '--help'], { cwd: EXAMPLES, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: ramguard eval [options]');
  });

  it('`ramguard eval` loads its own subcommand file and the one validator it uses, nothing else of dist/', () => {
    const loaded = loadedBy(['eval', '--policy', 'cams-operator.json', '--action', 'cams:UpdateInstance', '--resource', 'acs:cams:ap-southeast-1:1234567890123456:instance/ins-1']);
    expect(loaded).toContain('cli/eval-command.cjs');
    expect(loaded.filter((f) => f.endsWith('-command.cjs'))).toEqual(['cli/eval-command.cjs']);
    expect(loaded.filter((f) => !f.startsWith('diagnostics/validators/') && f !== 'cli/eval-command.cjs')).toEqual(['cli/commander.cjs']);
  });
});

describe("the package's bin, dist/cli/main.cjs", () => {
  const bin = join(ROOT, 'dist/cli/main.cjs');
  const run = (file: string, args: string[]) => spawnSync(process.execPath, [file, ...args], { cwd: EXAMPLES, encoding: 'utf8' });

  it('is what package.json names, an executable CommonJS bundle (no ES module loader for a run)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(pkg.bin['ramguard']).toBe('dist/cli/main.cjs');
    const text = readFileSync(bin, 'utf8');
    expect(text.startsWith('#!/usr/bin/env node\n"use strict";')).toBe(true);
    expect(text).not.toMatch(/\bimport\.meta\b|^import /m);
  });

  it.each([
    [['--version']],
    [['--help']],
    [['eval', '--policy', 'cams-operator.json', '--action', 'cams:UpdateInstance', '--resource', 'acs:cams:ap-southeast-1:1234567890123456:instance/ins-1']],
    [['lint', 'cams-operator.json', '--format', 'json']],
    [['eval', '--policy', 'no-such-file.json', '--action', 'cams:UpdateInstance']],
    [['no-such-command']],
  ])('answers `ramguard %j` as main.js does: output, errors and exit code', (args) => {
    const a = run(bin, args);
    const b = run(BIN, args);
    expect(a.stdout.length + a.stderr.length).toBeGreaterThan(0);
    expect([a.stdout, a.stderr, a.status]).toEqual([b.stdout, b.stderr, b.status]);
  });

  it('loads no subcommand for --version, and only its own for eval', () => {
    const loaded = (args: string[]) => {
      const r = spawnSync(process.execPath, ['--require', reporter, bin, ...args], { cwd: EXAMPLES, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
      return String(r.output[3]).split('\n').filter((f) => f.startsWith(join(ROOT, 'dist'))).map((f) => f.slice(join(ROOT, 'dist').length + 1));
    };
    expect(loaded(['--version'])).toEqual(['cli/main.cjs', 'cli/commander.cjs']);
    expect(loaded(['eval', '--policy', 'cams-operator.json', '--action', 'cams:UpdateInstance']).filter((f) => f.startsWith('cli/'))).toEqual(['cli/main.cjs', 'cli/commander.cjs', 'cli/eval-command.cjs']);
  });
});
