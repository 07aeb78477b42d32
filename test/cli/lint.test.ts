/** End-to-end: `ramguard lint` over a small repository — walking, config, formats, exit codes. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, run, runJson } from './run.js';

const REPO = join(FIXTURES, 'lint-repo');
const inRepo = (args: string[]) => run(['lint', ...args], { cwd: REPO });

describe('ramguard lint', () => {
  it('walks the repository: finds policies, skips non-policy YAML and ignored paths, applies suppressions', () => {
    const r = inRepo(['.']);
    expect(r.status).toBe(1); // broken.json has an error
    expect(r.stdout).toContain('policies/broken.json');
    expect(r.stdout).toMatch(/3:\d+\s+error\s+invalid-effect/);
    expect(r.stdout).toContain('^^^'); // a code frame
    expect(r.stdout).not.toContain('vendor/third-party.json');
    expect(r.stdout).not.toContain('ci.yml');
    expect(r.stdout).not.toMatch(/allow-star-on-star/); // suppressed
    expect(r.stdout).toContain('1 finding: 1 error, 0 security warnings, 0 warnings, 0 suggestions; 1 suppressed'); // plurals agree
  });

  it('--verbose prints each suppression with its reason', () => {
    const r = inRepo(['.', '--verbose']);
    expect(r.stdout).toContain('suppressed: policies/admin.json:3 allow-star-on-star at /Statement/0: break-glass administrator, reviewed by security 2026-11');
  });

  it('--config elsewhere, --fail-on and exit codes', () => {
    expect(run(['lint', join(REPO, 'policies/ops.yaml')]).status).toBe(0);
    const admin = join(REPO, 'policies/admin.json');
    expect(run(['lint', admin]).status).toBe(0); // a security warning is below the default threshold
    expect(run(['lint', admin, '--fail-on', 'security-warning']).status).toBe(1);
  });

  it('--format json lists findings with positions and a summary', () => {
    const { status, json } = runJson(['lint', 'policies', '--format', 'json'], { cwd: REPO });
    expect(status).toBe(1);
    expect(json.findings).toEqual([
      expect.objectContaining({ file: 'policies/broken.json', ruleId: 'invalid-effect', severity: 'error', line: 3, path: '/Statement/0/Effect' }),
    ]);
    expect(json.summary).toMatchObject({ files: 3, policies: 3, suppressed: 1, findings: 1 });
  });

  it('--format sarif --output writes a SARIF log with repository-relative URIs', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ramguard-sarif-')), 'ramguard.sarif');
    const r = inRepo(['.', '--format', 'sarif', '--output', out]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const log = JSON.parse(readFileSync(out, 'utf8'));
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual(['policies/broken.json']);
  });

  it('--quiet prints nothing when nothing reaches the threshold', () => {
    const r = run(['lint', join(REPO, 'policies/ops.yaml'), '--quiet']);
    expect([r.status, r.stdout]).toEqual([0, '']);
  });

  it('lints Terraform plans and ROS templates, naming the resource', () => {
    const r = run(['lint', join(ROOT, 'test/lint/fixtures/plan.json'), join(ROOT, 'test/lint/fixtures/template.ros.yaml'), '--fail-on', 'suggestion']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('[alicloud_ram_role.deployer (assume_role_policy_document)]');
    expect(r.stdout).toContain('[Deployer (ALIYUN::RAM::Role inline policy inline)]');
  });

  it('reads stdin with --kind, and the bundled examples are clean', () => {
    const trust = '{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["acs:ram::1234567890123456:user/ci"]}}]}';
    expect(run(['lint', '-', '--kind', 'trust'], { input: trust }).status).toBe(0);
    expect(run(['lint', '-'], { input: trust }).stdout).toContain('element-not-allowed');
    const examples = run(['lint', join(ROOT, 'policies/examples'), join(ROOT, 'policies/good')]);
    expect([examples.status, examples.stdout.trim().split('\n').pop()]).toEqual([0, '0 findings: 0 errors, 0 security warnings, 0 warnings, 0 suggestions']);
  });

  it('exit 2 for a path that does not exist, a bad config, or an unknown rule in it', () => {
    const missing = run(['lint', 'no/such/file.json']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('error[unreadable-file]');
    const badConfig = run(['lint', join(REPO, 'policies/ops.yaml'), '--config', join(FIXTURES, 'lint-bad-config.yaml')]);
    expect(badConfig.status).toBe(2);
    expect(badConfig.stderr).toMatch(/lint-bad-config\.yaml:2:3: error\[unknown-rule\]: there is no rule `allow-everything`/);
    expect(run(['lint', '--format', 'xml']).status).toBe(2);
  });

  it('--list-rules lists every rule with its severity', () => {
    const r = run(['lint', '--list-rules']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^allow-star-on-star\s+security-warning\s+Allow `\*` on `\*`/m);
    expect(r.stdout.trim().split('\n').length).toBeGreaterThanOrEqual(30);
  });
});

describe('lint --output and the run\'s inputs', () => {
  it('refuses to write over a policy it linted, but replaces last run\'s report found in the walked tree', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ramguard-lint-output-'));
    const policy = '{"Version":"1","Statement":[{"Effect":"Allow","Action":"cams:QueryInstance","Resource":"*"}]}';
    writeFileSync(join(dir, 'p.json'), policy);
    writeFileSync(join(dir, 'report.json'), '{"findings": []}');
    const over = run(['lint', '.', '--output', 'p.json', '--format', 'json'], { cwd: dir });
    expect([over.status, over.stdout]).toEqual([2, expect.stringContaining('"unwritable-file"')]);
    expect(readFileSync(join(dir, 'p.json'), 'utf8')).toBe(policy);
    const again = run(['lint', '.', '--output', 'report.json', '--format', 'json'], { cwd: dir });
    expect(again.status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'))).toMatchObject({ findings: [] });
    const named = run(['lint', 'report.json', '--output', 'report.json'], { cwd: dir });
    expect([named.status, named.stderr]).toEqual([2, expect.stringContaining('it is an input of this run')]);
  });
});
