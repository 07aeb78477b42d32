/**
 * End-to-end: `ramguard check` on the built binary — verdicts and exit codes (0 PASS, 1 FAIL,
 * 2 invalid input), witnesses in text, JSON and SARIF, and a base read from a git revision in a
 * temporary repository (the one-line CI job).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compilePolicySet, emptyPolicySet, evaluate, parsePolicy } from '../../src/index.js';
import { ROOT, run, runJson } from '../cli/run.js';

const FIXTURES = resolve(ROOT, 'test/analysis/fixtures');
const fixture = (name: string) => resolve(FIXTURES, name);
const text = (name: string) => readFileSync(fixture(name), 'utf8');

/** The decision of a policy file alone on a request (the same harness as the witnesses: N4). */
function decide(file: string, request: any): string {
  const set = emptyPolicySet();
  set.identity.push({ name: file, document: parsePolicy(text(file), { kind: 'identity' }).policy! });
  return evaluate(compilePolicySet(set), request).decision;
}

describe('check no-new-access', () => {
  it('fails with a witness when the candidate adds an action, and the witness holds', () => {
    // Given a read-only base and a candidate that adds cams:Update* on prod instances
    const r = runJson(['check', 'no-new-access', '--base', fixture('read-only.json'), '--candidate', fixture('read-and-update.json')]);
    // Then FAIL, exit 1, with a witness the evaluator confirms
    expect(r.status).toBe(1);
    expect(r.json.verdict).toBe('fail');
    const w = r.json.witnesses[0];
    expect(w.request.action).toMatch(/^cams:Update/);
    expect(w.request.resource).toMatch(/^acs:cams:.*:instance\/prod-/);
    expect(w.granted.statements[0].sid).toBe('ops');
    expect(decide('read-and-update.json', w.request)).toBe('Allow');
    expect(decide('read-only.json', w.request)).toBe('ImplicitDeny');
  });

  it('passes when the candidate allows less, and prints the verdict in text', () => {
    const r = run(['check', 'no-new-access', '--base', fixture('read-and-update.json'), '--candidate', fixture('read-only.json')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^no-new-access: PASS/);
  });

  it('finds the request a weakened Deny now lets through (MFA absent)', () => {
    const r = runJson(['check', 'no-new-access', '--base', fixture('deny-delete.json'), '--candidate', fixture('deny-delete-without-mfa.json')]);
    expect(r.status).toBe(1);
    const w = r.json.witnesses[0];
    expect(w.request.action).toMatch(/^cams:Delete/);
    expect(w.request.context['acs:MFAPresent'] ?? 'absent').not.toBe('false');
    expect(r.json.witnesses.every((x: any) => x.base.decision === 'ExplicitDeny')).toBe(true);
  });

  it('writes SARIF with the statement that grants the new access', () => {
    const r = run(['check', 'no-new-access', '--base', fixture('read-only.json'), '--candidate', fixture('read-and-update.json'), '--format', 'sarif']);
    expect(r.status).toBe(1);
    const sarif = JSON.parse(r.stdout);
    const result = sarif.runs[0].results[0];
    expect(result.ruleId).toBe('new-access');
    expect(result.locations[0].physicalLocation.region.startLine).toBe(3);
    expect(result.properties.path).toBe('/Statement/1');
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('../../analysis/fixtures/read-and-update.json') // relative to the working directory (test/cli/fixtures);
  });

  it('access-not-granted writes SARIF under its own rule, access-granted', () => {
    const r = run(['check', 'access-not-granted', '--policy', fixture('read-and-update.json'), '--action', 'cams:UpdateInstance', '--format', 'sarif']);
    expect(r.status).toBe(1);
    const sarif = JSON.parse(r.stdout);
    expect(sarif.runs[0].tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(['access-granted']);
    expect(sarif.runs[0].results[0].ruleId).toBe('access-granted');
  });

  it('reads the candidate from standard input, and reports a syntax error there with exit 2', () => {
    const ok = run(['check', 'no-new-access', '--base', fixture('read-only.json'), '--candidate', '-'], { input: text('read-and-update.json') });
    expect(ok.status).toBe(1);
    const bad = run(['check', 'no-new-access', '--base', fixture('read-only.json'), '--candidate', '-'], { input: '{"Version": "1", ' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('[syntax-error]');
  });

  it('limits the question with --scope', () => {
    const r = run(['check', 'no-new-access', '--base', fixture('read-only.json'), '--candidate', fixture('read-and-update.json'), '--scope', 'cams:Get*']);
    expect(r.status).toBe(0);
  });

  it('exits 2 with a placed diagnostic for an invalid policy, a missing file, a missing option, a bad option value and an identity policy read as a trust policy', () => {
    const invalid = run(['check', 'no-new-access', '--base', fixture('read-only.json'), '--candidate', fixture('invalid.json')]);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toMatch(/invalid\.json:3:\d+: error\[/);
    expect(run(['check', 'no-new-access', '--base', 'no-such.json', '--candidate', fixture('read-only.json')]).stderr).toContain('unreadable-file');
    expect(run(['check', 'no-new-access', '--candidate', fixture('read-only.json')]).status).toBe(2);
    const bad = run(['check', 'no-new-access', '--base', fixture('read-only.json'), '--candidate', fixture('read-only.json'), '--max-witnesses', 'many']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('invalid-argument');
    // N11: trust policies are analysed, but an identity policy is not a valid trust policy.
    expect(run(['check', 'no-new-access', '--base', fixture('read-only.json'), '--candidate', fixture('read-only.json'), '--kind', 'trust']).status).toBe(2);
  });
});

describe('check no-new-access with git revisions', () => {
  let repo: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
  beforeAll(() => {
    // Given a repository whose main branch has the read-only policy, and a working copy that adds updates
    repo = mkdtempSync(join(tmpdir(), 'ramguard-check-'));
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'ci@example.com');
    git('config', 'user.name', 'ci');
    execFileSync('mkdir', ['-p', join(repo, 'policies')]);
    writeFileSync(join(repo, 'policies/x.json'), text('read-only.json'));
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    writeFileSync(join(repo, 'policies/x.json'), text('read-and-update.json'));
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('reads the base from `main:policies/x.json` and fails on the new access', () => {
    const r = run(['check', 'no-new-access', '--base', 'main:policies/x.json', '--candidate', 'policies/x.json'], { cwd: repo });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('witness 1:');
  });

  it('passes when both sides are the same revision', () => {
    expect(run(['check', 'no-new-access', '--base', 'main:policies/x.json', '--candidate', 'HEAD:policies/x.json'], { cwd: repo }).status).toBe(0);
  });

  it('exits 2 for a revision or path git does not have', () => {
    const r = run(['check', 'no-new-access', '--base', 'nobranch:policies/x.json', '--candidate', 'policies/x.json'], { cwd: repo });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unreadable-revision');
  });
});

describe('check access-not-granted', () => {
  it('passes when a Deny covers the actions under every context', () => {
    expect(run(['check', 'access-not-granted', '--policy', fixture('deny-delete.json'), '--action', 'cams:DeleteInstance']).status).toBe(0);
  });

  it('fails with a witness when a conditional Deny leaves a way through', () => {
    const r = runJson(['check', 'access-not-granted', '--policy', fixture('deny-delete-without-mfa.json'), '--action', 'cams:DeleteInstance', '--resource', 'acs:cams:*:*:instance/*']);
    expect(r.status).toBe(1);
    const w = r.json.witnesses[0];
    expect(w.request.action).toBe('cams:DeleteInstance');
    expect(w.request.resource).toMatch(/^acs:cams:.*:instance\//);
    expect(decide('deny-delete-without-mfa.json', w.request)).toBe('Allow');
  });

  it('exits 2 without --action', () => {
    const r = run(['check', 'access-not-granted', '--policy', fixture('deny-delete.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('[missing-option]');
  });
});
