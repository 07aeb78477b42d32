/**
 * Where `ramguard eval` takes its request and policies from: stdin, scenario files, and the flags
 * for each layer (control levels, session, trust) and each part of the request.
 */
import { describe, expect, it } from 'vitest';
import { diagnosticLines, ALLOW_EXAMPLES, example, EXAMPLES, request, ROOT, run, runJson } from './run.js';

const SCENARIO = example('update-instance.scenario.yaml');
const ROLE = 'acs:ram::1234567890123456:role/deployer';

describe('stdin', () => {
  it('--policy - reads a JSON policy from stdin, reported as `stdin`', () => {
    // Given a policy piped on stdin
    const { status, json } = runJson(['eval', '--policy', '-', ...request()], { input: '{"Version":"1","Statement":[{"Effect":"Allow","Action":"cams:*","Resource":"*"}]}' });
    // Then it is evaluated and named `stdin`
    expect(status).toBe(0);
    expect(json.decidingStatements).toEqual([{ layer: 'identity', policy: 'stdin', statement: 0, effect: 'Allow' }]);
  });

  it('--policy - reads YAML too, beside a policy file', () => {
    // Given a YAML Deny on stdin and an Allow file
    const r = run(['eval', '--policy', 'allow-cams.json', '--policy', '-', ...request('cams:DeleteInstance')], {
      input: 'Version: "1"\nStatement:\n  - Effect: Deny\n    Action: cams:Delete*\n    Resource: "*"\n',
    });
    // Then the stdin Deny decides
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('  denied by identity policy `stdin` statement 0');
  });

  it('a bad policy on stdin is reported as `-` with its position', () => {
    const r = run(['eval', '--policy', '-', ...request()], { input: '{\n  "Version": "2",\n  "Statement": []\n}' });
    expect(r.status).toBe(2);
    expect(diagnosticLines(r.stderr)[0]).toMatch(/^-:2:\d+: error\[[a-z-]+\]: /);
  });
});

describe('--scenario', () => {
  it('the bundled scenario is Conditional on acs:SourceIp (exit 3)', () => {
    // Given the bundled scenario, which leaves acs:SourceIp out
    const { status, json } = runJson(['eval', ...ALLOW_EXAMPLES, '--scenario', SCENARIO]);
    // Then it depends on acs:SourceIp alone
    expect(status).toBe(3);
    expect(json.decision).toBe('Conditional');
    expect(json.unknownKeys).toEqual(['acs:SourceIp']);
  });

  it('with --context acs:SourceIp=203.0.113.7 it is Allow (exit 0), allowed by the control and identity Allows', () => {
    // Given the scenario and an office IP
    const { status, json } = runJson(['eval', ...ALLOW_EXAMPLES, '--scenario', SCENARIO, '--context', 'acs:SourceIp=203.0.113.7']);
    // Then Allow, decided by the Root-folder control Allow and the office Allow
    expect(status).toBe(0);
    expect(json.decision).toBe('Allow');
    expect(json.decidingStatements.map((s: { layer: string; policy: string; statement: number }) => `${s.layer} ${s.policy}#${s.statement}`)).toEqual([
      'control control-no-deletes-in-prod#0',
      'identity cams-operator#1',
    ]);
    // And the flag was merged into the scenario's context
    expect(json.request.context).toEqual({ 'acs:SecureTransport': 'true', 'acs:CurrentTime': '2026-11-28T10:00:00Z', 'acs:SourceIp': ['203.0.113.7'] });
  });

  it('resolves `file:` references relative to the scenario, whatever the working directory', () => {
    // Given the scenario named relative to the repository root, run from there and from the examples folder
    const fromRoot = run(['eval', '--scenario', 'policies/examples/update-instance.scenario.yaml', '--context', 'acs:SourceIp=203.0.113.7'], { cwd: ROOT });
    const fromExamples = run(['eval', '--scenario', 'update-instance.scenario.yaml', '--context', 'acs:SourceIp=203.0.113.7'], { cwd: EXAMPLES });
    // Then both find the policy files
    expect(fromRoot.status).toBe(0);
    expect(fromExamples.status).toBe(0);
  });

  it('flags override the scenario request: a prod delete is denied by the control policy', () => {
    // Given the scenario with --action cams:DeleteInstance (acs:MFAPresent is absent, so the
    // negated MFA Deny applies too)
    const { status, json } = runJson(['eval', ...ALLOW_EXAMPLES, '--scenario', SCENARIO, '--action', 'cams:DeleteInstance']);
    // Then the control policy's prod Deny is named first, and both Denies decide
    expect(status).toBe(1);
    expect(json.decision).toBe('ExplicitDeny');
    expect(json.deniedBy).toBe('ControlPolicy');
    expect(json.decidingStatements).toEqual([
      { layer: 'control', level: 0, policy: 'control-no-deletes-in-prod', statement: 1, sid: 'ProtectProdInstances', effect: 'Deny' },
      { layer: 'identity', policy: 'deny-without-mfa-on-delete', statement: 0, sid: 'DenyDeleteWithoutMfa', effect: 'Deny' },
    ]);
  });

  it('--context replaces a scenario context key', () => {
    // Given acs:SecureTransport=false over the scenario's "true", and an office IP
    const r = run(['eval', ...ALLOW_EXAMPLES, '--scenario', SCENARIO, '--context', 'acs:SecureTransport=false', '--context', 'acs:SourceIp=203.0.113.7']);
    // Then the Bool clause fails: implicit deny
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('✗ `acs:SecureTransport` Bool `true`: does not hold (request: `false`)');
  });

  it('a missing `file:` reference exits 2 with a diagnostic naming the file at its line', () => {
    // Given a scenario whose identity policy file does not exist (line 8)
    const r = run(['eval', '--scenario', 'missing-file.scenario.yaml']);
    // Then exit 2, and the diagnostic names the file and points at the reference
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^missing-file\.scenario\.yaml:8:13: error\[unreadable-file\]: cannot read policy file `does-not-exist\.json`: no such file/m);
  });

  it('a bad scenario element exits 2 with a diagnostic at its line', () => {
    // Given a scenario with an unknown element `colour` on line 5
    const r = run(['eval', '--scenario', 'bad-element.scenario.yaml']);
    // Then exit 2 with the scenario's diagnostic
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^bad-element\.scenario\.yaml:5:3: error\[unknown-element\]: unknown element `colour`/m);
  });

  it('a missing scenario file exits 2', () => {
    const r = run(['eval', '--scenario', 'no-such.scenario.yaml']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^no-such\.scenario\.yaml: error\[unreadable-file\]: /m);
  });

  it('a scenario error is reported alone, without false "action/resource is missing" errors', () => {
    for (const file of ['bad-element.scenario.yaml', 'missing-file.scenario.yaml']) {
      const r = run(['eval', '--scenario', file]);
      expect(r.status).toBe(2);
      expect(r.stderr).not.toContain('is missing');
      expect(diagnosticLines(r.stderr)).toHaveLength(1);
    }
  });
});

describe('layers given by flags', () => {
  it('--control-policy is repeatable, one level each, Root folder first: every level must allow (E2)', () => {
    // Given an allow-all Root folder and a level 1 that allows only ecs:*
    const { status, json } = runJson(['eval', '--policy', 'allow-cams.json', '--control-policy', 'control-allow-all.json', '--control-policy', 'control-ecs-only.json', ...request()]);
    // Then level 1 gives no Allow
    expect(status).toBe(1);
    expect(json.decision).toBe('ImplicitDeny');
    expect(json.deniedBy).toBe('ControlPolicy');
    expect(json.missingAllow).toMatchObject({ layer: 'control', level: 1 });
  });

  it('two allowing control levels and an identity Allow: Allow, each level named', () => {
    const r = run(['eval', '--policy', 'allow-cams.json', '--control-policy', 'control-allow-all.json', '--control-policy', 'control-allow-all.json', ...request()]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('  allowed by control policy (level 0) `control-allow-all.json` statement 0');
    expect(r.stdout).toContain('  allowed by control policy (level 1) `control-allow-all.json` statement 0');
    expect(r.stdout).toContain('  allowed by identity policy `allow-cams.json` statement 0');
  });

  it('a control Deny wins over an identity Allow', () => {
    const r = run(['eval', '--policy', 'allow-cams.json', '--control-policy', example('control-no-deletes-in-prod.control.json'), ...request('cams:DeleteInstance', 'acs:cams:cn-hangzhou:1:instance/prod-7')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('denied by control policy (level 0) `control-no-deletes-in-prod.control.json` statement 1 (Sid `ProtectProdInstances`)');
    expect(r.stdout).toContain('PolicyType ControlPolicy');
  });

  it('--session-policy must also allow (E3)', () => {
    // Given an identity Allow on cams:* and a session policy allowing only cams:Get*
    const session = ['--policy', 'allow-cams.json', '--session-policy', 'session-read-only.json', '--principal-type', 'AssumedRole', '--principal-arn', 'acs:sts::1234567890123456:assumed-role/deployer/s1'];
    const update = runJson(['eval', ...session, ...request()]);
    const get = runJson(['eval', ...session, ...request('cams:GetInstance')]);
    // Then the update is denied by the session layer, and the read is allowed by both
    expect(update.status).toBe(1);
    expect(update.json).toMatchObject({ decision: 'ImplicitDeny', deniedBy: 'SessionPolicy', missingAllow: { layer: 'session' } });
    expect(get.status).toBe(0);
    expect(get.json.decidingStatements.map((s: { layer: string }) => s.layer)).toEqual(['session', 'identity']);
  });

  it('--trust-policy with sts:AssumeRole: identity and trust must both allow the --principal-arn (E6, M7)', () => {
    const assume = ['eval', '--policy', 'allow-assume-role.json', '--trust-policy', 'trust-account.json', ...request('sts:AssumeRole', ROLE)];
    // Given a caller of the trusted account
    const trusted = runJson([...assume, '--principal-arn', 'acs:ram::1234567890123456:user/alice']);
    // And a caller of another account
    const stranger = runJson([...assume, '--principal-arn', 'acs:ram::999:user/mallory']);
    // Then the first is allowed by both policies, the second by the identity policy only
    expect(trusted.status).toBe(0);
    expect(trusted.json.decidingStatements.map((s: { layer: string; policy: string }) => `${s.layer} ${s.policy}`)).toEqual(['identity allow-assume-role.json', 'resource trust-account.json']);
    expect(stranger.status).toBe(1);
    expect(stranger.json).toMatchObject({ decision: 'ImplicitDeny', deniedBy: 'AssumeRolePolicy', missingAllow: { layer: 'resource' } });
  });

  it('a trust policy is not consulted for other actions (E7)', () => {
    const { status, json } = runJson(['eval', '--policy', 'allow-cams.json', '--trust-policy', 'trust-account.json', ...request()]);
    expect(status).toBe(0);
    expect(json.statements[1]).toMatchObject({ layer: 'resource', skipped: 'trust policies apply only to `sts:AssumeRole`' });
  });
});

describe('the request given by flags', () => {
  it('--principal-type Root: allowed without any policy, control policies skipped (E2, E8)', () => {
    // Given the root caller and a control policy that would not allow cams:*
    const r = run(['eval', '--principal-type', 'Root', '--control-policy', 'control-ecs-only.json', ...request()]);
    // Then Allow with a note, the control statement not consulted
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('  note: the root user is not subject to RAM policies');
    expect(r.stdout).toContain('not consulted, the root user is not subject to RAM policies');
  });

  it('--principal-type Root still needs the trust policy for sts:AssumeRole (E8)', () => {
    const assume = ['eval', '--principal-type', 'Root', '--trust-policy', 'trust-account.json', ...request('sts:AssumeRole', ROLE)];
    expect(run([...assume, '--principal-arn', 'acs:ram::1234567890123456:root']).status).toBe(0);
    expect(run([...assume, '--principal-arn', 'acs:ram::999:root']).status).toBe(1);
  });

  it('--resource-group decides resource-group-level policies; without it they are Conditional (E4)', () => {
    const scenario = ['eval', '--scenario', 'resource-group.scenario.yaml'];
    // Given a policy attached at rg-prod
    const unknown = runJson(scenario);
    const prod = runJson([...scenario, '--resource-group', 'rg-prod']);
    const dev = runJson([...scenario, '--resource-group', 'rg-dev']);
    // Then: unknown group → Conditional on the group; rg-prod → Allow; rg-dev → ImplicitDeny, policy skipped
    expect(unknown.status).toBe(3);
    expect(unknown.json.residual).toEqual({ kind: 'resource-group', resourceGroup: 'rg-prod' });
    expect(unknown.json.residualText).toBe('the resource is in resource group `rg-prod`');
    expect(prod.status).toBe(0);
    expect(prod.json.decidingStatements).toEqual([{ layer: 'resource-group', resourceGroup: 'rg-prod', policy: 'prod-only', statement: 0, effect: 'Allow' }]);
    expect(prod.json.request.resourceGroup).toBe('rg-prod');
    expect(dev.status).toBe(1);
    expect(dev.json.statements[0].skipped).toContain('the resource is in `rg-dev`');
  });

  it('--absent makes a positive clause false (C3); an unknown key makes it Conditional (C4)', () => {
    const args = ['eval', '--policy', 'allow-cams.json', '--policy', 'deny-delete-bool-mfa-false.yaml', ...request('cams:DeleteInstance')];
    // Given the MFA Deny, with acs:MFAPresent unknown, absent, or false
    const unknown = run(args);
    const absent = runJson([...args, '--absent', 'acs:MFAPresent']);
    const noMfa = run([...args, '--context', 'acs:MFAPresent=false']);
    // Then Conditional, Allow, ExplicitDeny
    expect(unknown.status).toBe(3);
    expect(absent.status).toBe(0);
    expect(absent.json.request.absent).toEqual(['acs:MFAPresent']);
    expect(absent.json.statements[1].conditions[0]).toMatchObject({ key: 'acs:MFAPresent', requestValues: 'absent', result: 'no-match' });
    expect(noMfa.status).toBe(1);
  });

  it('a --context key given twice has several values (C5)', () => {
    const env = (...values: string[]) => values.flatMap((v) => ['--context', `cams:Env=${v}`]);
    // Given an Allow needing cams:Env = prod
    const both = runJson(['eval', '--policy', 'env-prod.json', ...request(), ...env('dev', 'prod')]);
    const devOnly = run(['eval', '--policy', 'env-prod.json', ...request(), ...env('dev')]);
    // Then one matching value of two is enough
    expect(both.status).toBe(0);
    expect(both.json.request.context).toEqual({ 'cams:Env': ['dev', 'prod'] });
    expect(both.json.statements[0].conditions[0].requestValues).toEqual(['dev', 'prod']);
    expect(devOnly.status).toBe(1);
  });

  it('a negated operator over several values is the negation of its positive twin (C2, C5)', () => {
    const args = ['eval', '--policy', 'allow-cams.json', '--policy', 'deny-outside-prod.json', ...request()];
    // Given a Deny when cams:Env StringNotEquals prod
    // Then [dev, prod] contains prod: not denied; [dev] alone: denied
    expect(run([...args, '--context', 'cams:Env=dev', '--context', 'cams:Env=prod']).status).toBe(0);
    const dev = run([...args, '--context', 'cams:Env=dev']);
    expect(dev.status).toBe(1);
    expect(dev.stdout).toContain('denied by identity policy `deny-outside-prod.json` statement 0 (Sid `OnlyProd`)');
  });
});
