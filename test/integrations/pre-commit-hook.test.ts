/**
 * The pre-commit hook (.pre-commit-hooks.yaml): its entry and args run the way pre-commit runs
 * them — the staged files its `files` pattern selects appended as arguments — in a temporary
 * repository, with `ramguard` being the package's bin (dist/cli/main.cjs).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, STACK_FRAME } from '../cli/run.js';
import { POLICIES, TempRepo } from './repo.js';

const hooks: any[] = parse(readFileSync(resolve(ROOT, '.pre-commit-hooks.yaml'), 'utf8'));
const hook = hooks.find((h) => h.id === 'ramguard-lint');
const packageJson = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8'));

/** Runs the hook on the repository's staged files, as `pre-commit run` does. */
function runHook(repo: TempRepo): { status: number; output: string; files: string[] } {
  // pre-commit matches `files` with Python's re.search; this pattern means the same in JavaScript
  const pattern = new RegExp(hook.files);
  const files = repo.git('diff', '--cached', '--name-only', '-z').split('\0').filter((f) => f !== '' && pattern.test(f));
  const [command, ...entryArgs] = String(hook.entry).split(/\s+/);
  expect(packageJson.bin[command!]).toBe('dist/cli/main.cjs');
  const args = [resolve(ROOT, packageJson.bin[command!]), ...entryArgs, ...(hook.args ?? []), ...(hook.pass_filenames === false ? [] : files)];
  const child = spawnSync(process.execPath, args, { cwd: repo.root, encoding: 'utf8', timeout: 60_000 });
  if (child.status === null) throw new Error(`the hook was killed by ${child.signal}`);
  const output = `${child.stdout}${child.stderr}`;
  expect(output).not.toContain(STACK_FRAME);
  return { status: child.status, output, files };
}

describe('the ramguard-lint pre-commit hook', () => {
  let repo: TempRepo;
  beforeEach(() => {
    // Given a repository with a committed clean policy
    repo = new TempRepo().write({ 'policies/ops.json': POLICIES.readOnly }).commit('base');
  });
  afterEach(() => repo.remove());

  it('is declared as the issue asks: a node hook running `ramguard lint` on JSON and YAML files', () => {
    expect(hook).toMatchObject({ name: 'ramguard lint', entry: 'ramguard lint', language: 'node', pass_filenames: true });
    const pattern = new RegExp(hook.files);
    for (const file of ['a.json', 'b.yaml', 'dir/c.yml']) expect(pattern.test(file), file).toBe(true);
    for (const file of ['README.md', 'x.json.bak', 'main.tf']) expect(pattern.test(file), file).toBe(false);
  });

  it('exits 0 for clean staged files and leaves other files out', () => {
    repo.write({ 'policies/audit.yaml': 'Version: "1"\nStatement:\n  - Effect: Allow\n    Action: cams:Get*\n    Resource: "*"\n', 'notes.md': 'not a policy\n' });
    repo.git('add', '--all');
    const result = runHook(repo);
    expect(result.files.sort()).toEqual(['policies/audit.yaml']);
    expect(result.status).toBe(0);
  });

  it('exits 1 when a staged policy has an error, and names it', () => {
    repo.write({ 'policies/ops.json': POLICIES.typo, 'policies/audit.json': POLICIES.readOnly });
    repo.git('add', '--all');
    const result = runHook(repo);
    expect(result.files.sort()).toEqual(['policies/audit.json', 'policies/ops.json']);
    expect(result.status).toBe(1);
    expect(result.output).toContain('policies/ops.json');
    expect(result.output).toContain('unknown-action');
  });

  it('lints a staged file named like an option as a file, never as the option', () => {
    // Given a file whose name is `--output=ops.json`: read as an option it would overwrite ops.json
    repo.write({ '--output=hijacked.json': POLICIES.typo });
    repo.git('add', '--all');
    const result = runHook(repo);
    expect(result.status).toBe(1);
    expect(result.output).toContain('unknown-action');
    expect(existsSync(repo.path('hijacked.json'))).toBe(false);
  });
});
