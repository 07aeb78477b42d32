/**
 * `ramguard check --kind trust` on the built binary (N11, N12): a trust policy's new trust is
 * found with a witness caller, and the witness is re-checked by `ramguard eval --trust-policy`
 * itself (beside an allow-all identity policy, so the trust policy alone decides).
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, run, runJson } from '../cli/run.js';

const fixture = (name: string) => resolve(ROOT, 'test/analysis/fixtures', name);

/** `ramguard eval --trust-policy` on a witness request; returns its exit code (0 Allow). */
function evalTrust(policy: string, request: { principal: { type: string; arn: string }; action: string; resource: string; context?: Record<string, string | string[]>; absent?: string[] }): number {
  const context = Object.entries(request.context ?? {}).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).flatMap((x) => ['--context', `${k}=${x}`]));
  const absent = (request.absent ?? []).flatMap((k) => ['--absent', k]);
  const args = ['eval', '--policy', fixture('allow-all.json'), '--trust-policy', fixture(policy), '--action', request.action, '--resource', request.resource, '--principal-type', request.principal.type, '--principal-arn', request.principal.arn, ...context, ...absent];
  return run(args).status;
}

describe('check no-new-access --kind trust', () => {
  it('fails when the account root replaces one user, with a witness caller that eval --trust-policy confirms', () => {
    const r = runJson(['check', 'no-new-access', '--kind', 'trust', '--base', fixture('trust-alice.json'), '--candidate', fixture('trust-account-office.json')]);
    expect(r.status).toBe(1);
    expect(r.json.verdict).toBe('fail');
    const w = r.json.witnesses[0];
    expect(w.request.action).toBe('sts:AssumeRole');
    expect(w.request.principal.arn).toMatch(/^acs:(ram|sts):[^:]*:1111222233334444:/);
    expect(w.request.principal.arn).not.toBe('acs:ram::1111222233334444:user/alice');
    expect(w.request.context['acs:SourceIp']).toMatch(/^203\.0\.113\./);
    expect(w.granted.statements[0]).toMatchObject({ layer: 'resource', sid: 'account-from-office' });
    // The witness, run through `ramguard eval --trust-policy`: the candidate trusts it (exit 0), the base does not (exit 1).
    expect(evalTrust('trust-account-office.json', w.request)).toBe(0);
    expect(evalTrust('trust-alice.json', w.request)).toBe(1);
  });

  it('fails the other way too (alice from any address is new over the office-only account root), and passes on the same policy', () => {
    const r = run(['check', 'no-new-access', '--kind', 'trust', '--base', fixture('trust-account-office.json'), '--candidate', fixture('trust-alice.json')]);
    // The text names the caller.
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/principal RamUser acs:ram::1111222233334444:user\/alice/);
    const same = run(['check', 'no-new-access', '--kind', 'trust', '--base', fixture('trust-account-office.json'), '--candidate', fixture('trust-account-office.json')]);
    expect(same.status).toBe(0);
    expect(same.stdout).toContain('PASS');
  });

  it('is UNKNOWN (exit 2) when the candidate adds a service principal the evaluator cannot witness', () => {
    const r = run(['check', 'no-new-access', '--kind', 'trust', '--base', fixture('trust-alice.json'), '--candidate', fixture('trust-ecs.json')]);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('UNKNOWN');
    expect(r.stderr).toContain('analysis-unmodelled-principal');
    expect(r.stderr).toContain('ecs.aliyuncs.com');
  });

  it('access-not-granted --kind trust finds a trusted caller; an identity policy is not a trust policy (exit 2)', () => {
    const r = runJson(['check', 'access-not-granted', '--kind', 'trust', '--policy', fixture('trust-alice.json'), '--action', 'sts:AssumeRole']);
    expect(r.status).toBe(1);
    expect(r.json.witnesses[0].request.principal).toEqual({ type: 'RamUser', arn: 'acs:ram::1111222233334444:user/alice' });
    expect(run(['check', 'access-not-granted', '--kind', 'trust', '--policy', fixture('trust-alice.json'), '--action', 'cams:*']).status).toBe(0);
    const wrongKind = run(['check', 'no-new-access', '--kind', 'trust', '--base', fixture('allow-all.json'), '--candidate', fixture('trust-alice.json')]);
    expect(wrongKind.status).toBe(2);
    expect(wrongKind.stderr).toMatch(/Principal|Resource/);
  });

  it('writes SARIF naming the trusted caller', () => {
    const r = run(['check', 'no-new-access', '--kind', 'trust', '--base', fixture('trust-alice.json'), '--candidate', fixture('trust-account-office.json'), '--format', 'sarif']);
    expect(r.status).toBe(1);
    const result = JSON.parse(r.stdout).runs[0].results[0];
    expect(result.message.text).toMatch(/allows (Root|RamUser|AssumedRole) `acs:(ram|sts):[^`]*1111222233334444/);
  });
});

describe('diff --kind trust', () => {
  it('shows sts:AssumeRole changed and the principals as written; exits 1 when a caller gains', () => {
    const r = run(['diff', fixture('trust-account-office.json'), fixture('trust-alice.json'), '--kind', 'trust']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/± sts:AssumeRole/);
    expect(r.stdout).toContain('+ Allow RAM acs:ram::1111222233334444:user/alice');
    expect(r.stdout).toContain('- Allow RAM acs:ram::1111222233334444:root');
    expect(run(['diff', fixture('trust-alice.json'), fixture('trust-alice.json'), '--kind', 'trust']).status).toBe(0);
  });

  it('exits 2 with analysis-unmodelled-principal when only a service principal is added (N12)', () => {
    const r = run(['diff', fixture('trust-alice.json'), fixture('trust-ecs.json'), '--kind', 'trust']);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('+ Allow Service ecs.aliyuncs.com');
    expect(r.stderr).toContain('analysis-unmodelled-principal');
  });
});
