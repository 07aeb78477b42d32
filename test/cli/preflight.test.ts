/** End-to-end: `ramguard preflight update-instance` — exit codes, JSON fields, parameter errors. */
import { describe, expect, it } from 'vitest';
import { ALLOW_EXAMPLES, example, run, runJson } from './run.js';

const BASE = ['preflight', 'update-instance', '--instance-id', 'prod-42', '--instance-name', 'viber_ins', '--region', 'ap-southeast-1', '--account-id', '1234567890123456', '--current-time', '2026-11-28T10:00:00Z'];
const OPERATOR = ['--policy', example('cams-operator.json'), '--principal-arn', 'acs:ram::1234567890123456:user/alice'];

describe('ramguard preflight update-instance', () => {
  it('Conditional (exit 3) when the source IP is unknown, Allow (exit 0) from the office', () => {
    const unknown = run([...BASE, ...OPERATOR]);
    expect(unknown.status).toBe(3);
    expect(unknown.stdout.split('\n')[0]).toBe('CONDITIONAL (depends on context the request did not give): `cams:UpdateInstance` on `acs:cams:ap-southeast-1:1234567890123456:instance/prod-42`');
    const office = run([...BASE, ...OPERATOR, '--source-ip', '203.0.113.7']);
    expect(office.status).toBe(0);
    expect(office.stdout).toContain('allowed by identity policy `cams-operator.json` statement 1 (Sid `UpdateProdInstancesFromOffice`)');
  });

  it('implicit deny (exit 1) from elsewhere; JSON has the eval fields plus request and arn', () => {
    const { status, json } = runJson([...BASE, ...OPERATOR, '--source-ip', '198.51.100.1', '--format', 'json']);
    expect(status).toBe(1);
    expect(json).toMatchObject({
      decision: 'ImplicitDeny',
      decidingStatements: [],
      deniedBy: 'AccountLevelIdentityBasedPolicy',
      arn: 'acs:cams:ap-southeast-1:1234567890123456:instance/prod-42',
      request: { InstanceId: 'prod-42', InstanceName: 'viber_ins' },
      diagnostics: [],
    });
    expect(json.statements).toHaveLength(2);
    expect(json.authorization.context['acs:CurrentTime']).toBe('2026-11-28T10:00:00Z');
  });

  it('a scenario supplies the caller and its policies (control policies included)', () => {
    const r = run([...BASE, ...ALLOW_EXAMPLES, '--scenario', example('update-instance.scenario.yaml'), '--source-ip', '203.0.113.7']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('allowed by control policy (level 0) `control-no-deletes-in-prod` statement 0');
  });

  it('every parameter problem at once, exit 2, on stderr', () => {
    const r = run(['preflight', 'update-instance', '--instance-id', 'prod-42', '--region', 'ap-southeast-1', '--account-id', '1', ...OPERATOR, '--contact-mail', 'nope', '--is-confirm-audit', 'yes', '--isv-terms', 'terms.pdf']);
    expect(r.status).toBe(2);
    const codes = r.stderr.split('\n').filter((l) => l.includes('error[')).map((l) => /error\[([a-z-]+)\].*\(at ([^)]+)\)/.exec(l)?.slice(1).join(' '));
    expect(codes).toEqual(['missing-parameter /request/InstanceName', 'invalid-parameter /request/ContactMail', 'invalid-parameter /request/IsvTerms', 'invalid-parameter /request/IsConfirmAudit']);
  });

  it('missing region and account, no policy, bad source IP and unknown flags are exit 2', () => {
    const noRegion = run(['preflight', 'update-instance', '--instance-id', 'i', '--instance-name', 'n', ...OPERATOR]);
    expect(noRegion.status).toBe(2);
    expect(noRegion.stderr).toContain('the region is missing');
    expect(noRegion.stderr).toContain('the account id is missing');
    expect(run([...BASE]).stderr).toContain('no policy was given');
    const badIp = run([...BASE, ...OPERATOR, '--source-ip', 'not-an-ip']);
    expect(badIp.status).toBe(2);
    expect(badIp.stderr).toContain('error[invalid-request-value]');
    expect(run([...BASE, ...OPERATOR, '--channel-type', 'x']).status).toBe(2);
  });

  it('an invalid context value prints no verdict: diagnostics only, or the failure envelope in JSON', () => {
    // Given a SecureTransport value that is not a boolean
    const args = [...OPERATOR, '--source-ip', '203.0.113.7', '--context', 'acs:SecureTransport=maybe'];
    const text = run([...BASE, ...args]);
    // Then exit 2, nothing on stdout, the diagnostic on stderr
    expect([text.status, text.stdout]).toEqual([2, '']);
    expect(text.stderr).toContain('error[invalid-request-value]');
    const json = runJson([...BASE, ...args]);
    expect(json.status).toBe(2);
    expect(json.json).toEqual({ ok: false, diagnostics: [expect.objectContaining({ code: 'invalid-request-value' })] });
  });
});
