/**
 * The GitHub Action (action.yml): its steps' script run directly, in a temporary git repository,
 * with the environment the action's `env:` gives it; and action.yml itself read as GitHub reads it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, ROOT, STACK_FRAME } from '../cli/run.js';
import { POLICIES, TempRepo } from './repo.js';

const SCRIPT = resolve(ROOT, 'scripts/action/run.mjs');
const action = parse(readFileSync(resolve(ROOT, 'action.yml'), 'utf8'));

interface ActionRun {
  status: number;
  stdout: string;
  outputs: Map<string, string>;
}

/** Runs the action's script in `cwd` with `inputs` as the action passes them (`INPUT_<NAME>`). */
function runAction(cwd: string, inputs: Record<string, string>): ActionRun {
  const outputDir = mkdtempSync(join(tmpdir(), 'ramguard-action-output-'));
  const githubOutput = join(outputDir, 'output');
  const env: Record<string, string> = { RAMGUARD_BIN: BIN, GITHUB_OUTPUT: githubOutput };
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('INPUT_') && value !== undefined) env[key] = value;
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] = value;
  try {
    const child = spawnSync(process.execPath, [SCRIPT], { cwd, env, encoding: 'utf8', timeout: 60_000 });
    if (child.status === null) throw new Error(`the action script was killed by ${child.signal}`);
    const output = `${child.stdout}${child.stderr}`;
    expect(output).not.toContain(STACK_FRAME);
    const outputs = new Map<string, string>();
    if (existsSync(githubOutput)) {
      for (const line of readFileSync(githubOutput, 'utf8').split('\n').filter(Boolean)) {
        const at = line.indexOf('=');
        outputs.set(line.slice(0, at), line.slice(at + 1));
      }
    }
    return { status: child.status, stdout: output, outputs };
  } finally {
    rmSync(outputDir, { recursive: true, force: true });
  }
}

const readSarif = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const ruleIds = (sarif: any): string[] => sarif.runs.flatMap((run: any) => run.results.map((result: any) => result.ruleId));

describe('the action script: lint to SARIF', () => {
  let repo: TempRepo;
  beforeAll(() => {
    // Given a repository with a clean policy, one with an error and one with a security warning
    repo = new TempRepo().write({ 'clean/ops.json': POLICIES.readOnly, 'typo/ops.json': POLICIES.typo, 'admin/break-glass.json': POLICIES.admin }).commit('policies');
  });
  afterAll(() => repo.remove());

  it('writes a SARIF 2.1.0 file with the findings and exits 1 for an error', () => {
    // When the action lints the policy with a typo'd action
    const result = runAction(repo.root, { paths: 'typo', 'sarif-file': 'out/typo.sarif' });
    // Then the SARIF file names the finding, the job fails, and the finding is annotated in the log
    expect(result.status).toBe(1);
    const sarif = readSarif(repo.path('out/typo.sarif'));
    expect(sarif.version).toBe('2.1.0');
    expect(ruleIds(sarif)).toEqual(['unknown-action']);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('typo/ops.json');
    expect(result.stdout).toMatch(/^::error file=typo\/ops\.json,line=\d+,col=\d+,title=ramguard unknown-action::/m);
    expect(result.outputs.get('lint-exit-code')).toBe('1');
    expect(result.outputs.get('sarif-file')).toBe('out/typo.sarif');
  });

  it('lints `.` into ramguard.sarif by default and passes a clean tree', () => {
    const result = runAction(repo.path('clean'), {});
    expect(result.status).toBe(0);
    expect(ruleIds(readSarif(repo.path('clean/ramguard.sarif')))).toEqual([]);
    expect(result.outputs.get('no-new-access-exit-code')).toBe('0');
  });

  it('exits by fail-on: a security warning passes at `error` and fails at `security-warning`', () => {
    const atError = runAction(repo.root, { paths: 'admin', 'sarif-file': 'admin-error.sarif', 'fail-on': 'error' });
    expect(atError.status).toBe(0);
    // The finding is in the report either way: fail-on decides the exit code, not what is written
    expect(ruleIds(readSarif(repo.path('admin-error.sarif')))).toEqual(['allow-star-on-star']);
    const atSecurityWarning = runAction(repo.root, { paths: 'admin', 'sarif-file': 'admin-sw.sarif', 'fail-on': 'security-warning' });
    expect(atSecurityWarning.status).toBe(1);
  });

  it('takes one path per line, and a path that looks like an option stays a path', () => {
    const both = runAction(repo.root, { paths: 'clean\nadmin\n', 'sarif-file': 'both.sarif' });
    expect(both.status).toBe(0);
    expect(ruleIds(readSarif(repo.path('both.sarif')))).toEqual(['allow-star-on-star']);
    // `--output=…` as a path input is a file that does not exist (exit 2), never lint's --output
    const hostile = runAction(repo.root, { paths: '--output=hijacked.json', 'sarif-file': 'hostile.sarif' });
    expect(hostile.status).toBe(2);
    expect(existsSync(repo.path('hijacked.json'))).toBe(false);
  });

  it('exits 2 for an invalid fail-on value', () => {
    expect(runAction(repo.root, { paths: 'clean', 'fail-on': 'everything' }).status).toBe(2);
  });
});

describe('the action script: no-new-access against the base ref', () => {
  let repo: TempRepo;
  beforeAll(() => {
    // Given a base commit on main with two read-only policies, and a change that adds updates to one
    // of them and adds a third policy
    repo = new TempRepo().write({ 'policies/ops.json': POLICIES.readOnly, 'policies/audit.json': POLICIES.readOnly, 'policies/deployer.trust.json': POLICIES.trustAlice }).commit('base');
    repo.git('checkout', '-q', '-b', 'change');
    repo.write({ 'policies/ops.json': POLICIES.readAndUpdate, 'policies/new.json': POLICIES.readOnly, 'policies/deployer.trust.json': POLICIES.trustAliceAndBob }).commit('change');
  });
  afterAll(() => repo.remove());

  it('fails a policy that gained access, with the witness in the log', () => {
    const result = runAction(repo.root, { paths: 'policies', 'no-new-access': 'policies/ops.json', 'base-ref': 'main' });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('no-new-access: FAIL');
    expect(result.stdout).toContain('cams:UpdateInstance');
    expect(result.stdout).toContain('::error file=policies/ops.json::no-new-access FAIL against main');
    // Lint found nothing: the failure is the check's
    expect(result.outputs.get('lint-exit-code')).toBe('0');
    expect(result.outputs.get('no-new-access-exit-code')).toBe('1');
  });

  it('passes a policy that did not gain access', () => {
    const result = runAction(repo.root, { paths: 'policies', 'no-new-access': './policies/audit.json', 'base-ref': 'main' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('no-new-access: PASS');
  });

  it('checks every listed policy and fails when one of them fails', () => {
    const result = runAction(repo.root, { paths: 'policies', 'no-new-access': 'policies/audit.json\npolicies/ops.json', 'base-ref': 'main' });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('no-new-access: PASS');
    expect(result.stdout).toContain('no-new-access: FAIL');
  });

  it('compares a policy new in the change with nothing: everything it allows is new', () => {
    const result = runAction(repo.root, { paths: 'policies', 'no-new-access': 'policies/new.json', 'base-ref': 'main' });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('against nothing: new in this change');
  });

  it('checks a trust policy as one, by its name as lint reads it: who may newly assume the role', () => {
    const result = runAction(repo.root, { paths: 'policies', 'no-new-access': 'policies/deployer.trust.json', 'base-ref': 'main' });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('user/bob');
    expect(result.outputs.get('lint-exit-code')).toBe('0');
  });

  it('prefers the remote-tracking branch `origin/<base-ref>`, as a pull request checkout has it', () => {
    // Given origin/main at the change itself, the policy gained nothing relative to it
    repo.git('update-ref', 'refs/remotes/origin/main', 'change');
    try {
      const result = runAction(repo.root, { paths: 'policies', 'no-new-access': 'policies/ops.json', 'base-ref': 'main' });
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('origin/main:policies/ops.json');
    } finally {
      repo.git('update-ref', '-d', 'refs/remotes/origin/main');
    }
  });

  it('exits 2 for a base ref the checkout does not have, and skips with a warning when there is none', () => {
    const missing = runAction(repo.root, { paths: 'policies', 'no-new-access': 'policies/ops.json', 'base-ref': 'no-such-branch' });
    expect(missing.status).toBe(2);
    expect(missing.stdout).toContain('fetch-depth: 0');
    const none = runAction(repo.root, { paths: 'policies', 'no-new-access': 'policies/ops.json', 'base-ref': '' });
    expect(none.status).toBe(0);
    expect(none.stdout).toContain('::warning::ramguard: no base ref');
  });
});

describe('action.yml', () => {
  const steps: any[] = action.runs.steps;
  const script = readFileSync(SCRIPT, 'utf8');

  it('is a composite action whose `run:` lines use no expressions (inputs arrive through env only)', () => {
    expect(action.runs.using).toBe('composite');
    const runs = steps.filter((step) => typeof step.run === 'string');
    expect(runs.length).toBeGreaterThan(0);
    for (const step of runs) {
      // `${{ … }}` in a run line is pasted into the shell script before it runs: script injection
      expect(step.run, `step \`${step.name}\``).not.toContain('${{');
      expect(step.shell, `step \`${step.name}\``).toBe('bash');
    }
  });

  it('passes every input the script reads, and every input it declares reaches the script or a `with:`', () => {
    const step = steps.find((s) => s.id === 'ramguard');
    const env: Record<string, string> = step.env;
    const read = new Set([...script.matchAll(/input\('([A-Z_]+)'|process\.env\.INPUT_([A-Z_]+)/g)].map((m) => `INPUT_${m[1] ?? m[2]}`));
    expect([...read].sort()).toEqual(Object.keys(env).sort());
    for (const [name, value] of Object.entries(env)) {
      const input = name.slice('INPUT_'.length).toLowerCase().replace(/_/g, '-');
      expect(value).toBe(`\${{ inputs.${input} }}`);
      expect(action.inputs[input], `input \`${input}\``).toBeDefined();
    }
    const usedElsewhere = JSON.stringify(steps.filter((s) => s !== step));
    for (const input of Object.keys(action.inputs)) {
      expect(Object.keys(env).includes(`INPUT_${input.toUpperCase().replace(/-/g, '_')}`) || usedElsewhere.includes(`inputs.${input}`), `input \`${input}\` is used`).toBe(true);
    }
  });

  it('runs the script from the action checkout, the same file this test runs, and declares its outputs', () => {
    const step = steps.find((s) => s.id === 'ramguard');
    expect(step.run).toBe('node "$GITHUB_ACTION_PATH/scripts/action/run.mjs"');
    for (const output of ['sarif-file', 'lint-exit-code', 'no-new-access-exit-code']) {
      expect(action.outputs[output].value).toBe(`\${{ steps.ramguard.outputs.${output} }}`);
      expect(script).toContain(`${output}=`);
    }
    expect(action.inputs.paths.default).toBe('.');
    expect(action.inputs['sarif-file'].default).toBe('ramguard.sarif');
  });
});
