/**
 * What `ramguard eval` prints: the text report (decision first, then why, then every statement)
 * and the `--format json` document (the EvaluationResult plus the request).
 */
import { describe, expect, it } from 'vitest';
import { ALLOW_EXAMPLES, example, firstLine, INSTANCE, request, run, runJson } from './run.js';

const PROD_42 = 'acs:cams:ap-southeast-1:1234567890123456:instance/prod-42';
const allowArgs = ['eval', '--policy', 'allow-cams.json', ...request()];
const explicitDenyArgs = ['eval', '--policy', 'allow-cams.json', '--policy', 'deny-delete.json', ...request('cams:DeleteInstance')];
const implicitDenyArgs = ['eval', '--policy', 'deny-delete.json', ...request()];
/** The bundled scenario: Conditional on acs:SourceIp. */
const conditionalArgs = ['eval', ...ALLOW_EXAMPLES, '--scenario', example('update-instance.scenario.yaml')];

describe('text output', () => {
  it('Allow: the first line says ALLOW with the action and resource, then which statement allowed it', () => {
    // Given an Allow on cams:*
    const r = run(allowArgs);
    // Then the headline and the why line name the policy (by file name) and statement
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`ALLOW: \`cams:UpdateInstance\` on \`${INSTANCE}\``);
    expect(lines[1]).toBe('  allowed by identity policy `allow-cams.json` statement 0');
    // And the trace lists the statement with a ✓ and what matched
    expect(lines).toContain('statements:');
    expect(r.stdout).toContain('  ✓ Allow — identity policy `allow-cams.json` statement 0: action matched `cams:*`; resource matched `*`');
  });

  it('ExplicitDeny: DENY (explicit), the denying statement with its Sid, and RAM PolicyType', () => {
    // Given an Allow and a matching Deny
    const r = run(explicitDenyArgs);
    // Then the Deny is named, not the Allow
    expect(firstLine(r.stdout)).toBe(`DENY (explicit): \`cams:DeleteInstance\` on \`${INSTANCE}\``);
    expect(r.stdout).toContain('  denied by identity policy `deny-delete.json` statement 0 (Sid `NoDelete`)');
    expect(r.stdout).not.toContain('allowed by');
    expect(r.stdout).toContain('  RAM would report PolicyType AccountLevelIdentityBasedPolicy');
  });

  it('ImplicitDeny: DENY (implicit ...) and the layer that gave no Allow', () => {
    // Given only a Deny that does not match the action
    const r = run(implicitDenyArgs);
    // Then no deciding statement, and the reason names the identity layer
    expect(firstLine(r.stdout)).toMatch(/^DENY \(implicit: nothing allows it\): `cams:UpdateInstance`/);
    expect(r.stdout).toContain('  no identity policy allows the action on this resource');
    expect(r.stdout).not.toMatch(/^ {2}(allowed|denied) by/m);
    expect(r.stdout).toContain('  ✗ Deny — identity policy `deny-delete.json` statement 0 (Sid `NoDelete`): action did not match');
  });

  it('Conditional: CONDITIONAL, "allowed only if" with the residual, and the unknown keys', () => {
    // Given the bundled scenario, which leaves acs:SourceIp out
    const r = run(conditionalArgs);
    // Then the headline says CONDITIONAL and the residual is the IP condition of the Allow
    expect(firstLine(r.stdout)).toBe(`CONDITIONAL (depends on context the request did not give): \`cams:UpdateInstance\` on \`${PROD_42}\``);
    expect(r.stdout).toContain('  allowed only if: `acs:SourceIp` IpAddress one of `203.0.113.0/24`, `2001:db8::/32`');
    expect(r.stdout).toContain('  unknown context keys: `acs:SourceIp`');
    // And the trace marks the undecided statement with `?` and shows the clause as unknown
    expect(r.stdout).toContain('  ? Allow — identity policy `cams-operator` statement 1 (Sid `UpdateProdInstancesFromOffice`)');
    expect(r.stdout).toContain('      ? `acs:SourceIp` IpAddress `203.0.113.0/24`, `2001:db8::/32`: unknown (request: unknown)');
    expect(r.stdout).toContain('      ✓ `acs:MFAPresent` StringNotEquals `true`: holds (request: absent)');
  });

  it('a possible Deny on an unknown key is named', () => {
    // Given an Allow and the bundled MFA Deny, with acs:MFAPresent unknown
    const r = run(['eval', '--policy', 'allow-cams.json', '--policy', 'deny-delete-bool-mfa-false.yaml', ...request('cams:DeleteInstance')]);
    // Then Conditional on "not (MFAPresent false)", and the Deny is listed as possible
    expect(r.status).toBe(3);
    expect(r.stdout).toContain('  allowed only if: not (`acs:MFAPresent` Bool `false`)');
    expect(r.stdout).toContain('  may also be denied by identity policy `deny-delete-bool-mfa-false.yaml` statement 0 (Sid `DenyDeleteWithoutMfa`)');
  });

  it('residuals and traces read plainly: a negated Deny condition is written with its twin operator, no tick on a failed clause', () => {
    // Given an Allow and a Deny `StringNotEquals cams:Env prod`, with cams:Env unknown
    const unknown = run(['eval', '--policy', 'allow-cams.json', '--policy', 'deny-outside-prod.json', ...request()]);
    // Then the residual is `cams:Env StringEquals prod`, not `not (… StringNotEquals …)`
    expect(unknown.stdout).toContain('  allowed only if: `cams:Env` StringEquals `prod`');
    expect(unknown.stdout).not.toContain('not (');
    expect(runJson(['eval', '--policy', 'allow-cams.json', '--policy', 'deny-outside-prod.json', ...request()]).json.residualText).toBe('`cams:Env` StringEquals `prod`');
    // And with cams:Env=prod the Deny's clause fails, saying which value the request matched
    const prod = run(['eval', '--policy', 'allow-cams.json', '--policy', 'deny-outside-prod.json', ...request(), '--context', 'cams:Env=prod']);
    expect(prod.stdout).toContain('      ✗ `cams:Env` StringNotEquals `prod`: does not hold (request: `prod`; it matches `prod`)');
    expect(prod.stdout).not.toMatch(/no-match.*✓/);
  });

  it('a request value of the wrong type: no verdict, the error diagnostic names the key', () => {
    // Given acs:SourceIp=not-an-ip (C6: exit 2)
    const r = run([...conditionalArgs, '--context', 'acs:SourceIp=not-an-ip']);
    // Then exit 2, no report on stdout, and an invalid-request-value error at /context/acs:SourceIp
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/error\[invalid-request-value\]: `not-an-ip` is not an IPv4 or IPv6 address.*\(at \/context\/acs:SourceIp\)/);
  });

  it('a request value of the wrong type: the error diagnostic goes to stderr, like every other input error', () => {
    const r = run([...conditionalArgs, '--context', 'acs:SourceIp=not-an-ip']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('error[invalid-request-value]');
    expect(r.stdout).not.toContain('error[invalid-request-value]');
  });
});

describe('--format json', () => {
  it('Allow: decision, deciding statements, a trace entry per statement, no diagnostics, the request', () => {
    // Given an Allow
    const { status, json, stderr } = runJson(allowArgs);
    // Then stdout is one JSON document describing it
    expect(status).toBe(0);
    expect(stderr).toBe('');
    expect(json.decision).toBe('Allow');
    expect(json.decidingStatements).toEqual([{ layer: 'identity', policy: 'allow-cams.json', statement: 0, effect: 'Allow' }]);
    expect(json.statements).toHaveLength(1);
    expect(json.statements[0]).toMatchObject({
      policy: 'allow-cams.json',
      statement: 0,
      result: 'match',
      action: { result: 'match', matchedBy: 'cams:*', notAction: false },
      resource: { result: 'match', matchedBy: '*' },
      conditions: [],
    });
    expect(json.diagnostics).toEqual([]);
    expect(json.residual).toBeUndefined();
    expect(json.request).toEqual({ principal: { type: 'RamUser' }, action: 'cams:UpdateInstance', resource: INSTANCE, context: {}, absent: [] });
  });

  it('ExplicitDeny: the Deny with its Sid, and deniedBy', () => {
    const { status, json } = runJson(explicitDenyArgs);
    expect(status).toBe(1);
    expect(json.decision).toBe('ExplicitDeny');
    expect(json.decidingStatements).toEqual([{ layer: 'identity', policy: 'deny-delete.json', statement: 0, sid: 'NoDelete', effect: 'Deny' }]);
    expect(json.deniedBy).toBe('AccountLevelIdentityBasedPolicy');
    expect(json.statements.map((s: { policy: string; result: string }) => [s.policy, s.result])).toEqual([
      ['allow-cams.json', 'match'],
      ['deny-delete.json', 'match'],
    ]);
  });

  it('ImplicitDeny: no deciding statements, missingAllow names the identity layer', () => {
    const { status, json } = runJson(implicitDenyArgs);
    expect(status).toBe(1);
    expect(json.decision).toBe('ImplicitDeny');
    expect(json.decidingStatements).toEqual([]);
    expect(json.missingAllow).toMatchObject({ layer: 'identity' });
  });

  it('Conditional: the residual, its text, the unknown keys and one trace entry per statement', () => {
    // Given the bundled scenario: 2 control statements, 2 + 1 identity statements
    const { status, json } = runJson(conditionalArgs);
    // Then Conditional, exit 3
    expect(status).toBe(3);
    expect(json.decision).toBe('Conditional');
    expect(json.decidingStatements).toEqual([]);
    // And the residual is the Allow's IpAddress clause, pointing back to its statement
    expect(json.residual).toMatchObject({
      kind: 'condition',
      operator: 'IpAddress',
      key: 'acs:SourceIp',
      values: ['203.0.113.0/24', '2001:db8::/32'],
      from: { layer: 'identity', policy: 'cams-operator', statement: 1, sid: 'UpdateProdInstancesFromOffice' },
    });
    expect(json.residualText).toBe('`acs:SourceIp` IpAddress one of `203.0.113.0/24`, `2001:db8::/32`');
    expect(json.unknownKeys.map((k: string) => k.toLowerCase())).toEqual(['acs:sourceip']);
    const trace = json.statements.map((s: { layer: string; policy: string; statement: number; result: string }) => `${s.layer} ${s.policy}#${s.statement} ${s.result}`);
    expect(trace).toEqual([
      'control control-no-deletes-in-prod#0 match',
      'control control-no-deletes-in-prod#1 no-match',
      'identity cams-operator#0 no-match',
      'identity cams-operator#1 unknown',
      'identity deny-without-mfa-on-delete#0 no-match',
    ]);
    const ipClause = json.statements[3].conditions.find((c: { key: string }) => c.key === 'acs:SourceIp');
    expect(ipClause).toMatchObject({ operator: 'IpAddress', requestValues: 'unknown', result: 'unknown' });
    expect(json.diagnostics).toEqual([]);
    // And the request is the scenario's
    expect(json.request).toMatchObject({
      principal: { type: 'RamUser', arn: 'acs:ram::1234567890123456:user/alice' },
      action: 'cams:UpdateInstance',
      resource: PROD_42,
      absent: ['acs:MFAPresent'],
    });
  });

  it('invalid input: {ok: false, diagnostics} on stdout, nothing on stderr, exit 2', () => {
    // Given a policy with a duplicate key
    const { status, json, stderr } = runJson(['eval', '--policy', 'duplicate-key.json', ...request()]);
    // Then the diagnostics are in the JSON, with their location
    expect(status).toBe(2);
    expect(stderr).toBe('');
    expect(json.ok).toBe(false);
    expect(json.diagnostics).toEqual([
      expect.objectContaining({ code: 'duplicate-key', severity: 'error', file: 'duplicate-key.json', range: expect.objectContaining({ line: 3, column: 3 }) }),
    ]);
  });

  it('invalid arguments: {ok: false} with invalid-argument diagnostics', () => {
    // Given no action and a bad --context
    const { status, json } = runJson(['eval', '--policy', 'allow-cams.json', '--resource', INSTANCE, '--context', 'nokey']);
    // Then both problems are listed
    expect(status).toBe(2);
    expect(json.ok).toBe(false);
    expect(json.diagnostics.map((d: { code: string }) => d.code)).toEqual(['invalid-argument', 'invalid-argument']);
    const messages = json.diagnostics.map((d: { message: string }) => d.message);
    expect(messages).toContain('the action is missing');
    expect(messages).toContain('`--context nokey` is not KEY=VALUE');
  });

  it('a request value of the wrong type: exit 2 with an invalid-request-value diagnostic at the key', () => {
    // Given acs:SourceIp=not-an-ip
    const { status, json } = runJson([...conditionalArgs, '--context', 'acs:SourceIp=not-an-ip']);
    // Then exit 2, and the diagnostic points at the context key
    expect(status).toBe(2);
    expect(json.diagnostics.length).toBeGreaterThan(0);
    for (const d of json.diagnostics) expect(d).toMatchObject({ code: 'invalid-request-value', severity: 'error', path: '/context/acs:SourceIp' });
    // And no verdict at all: the failure envelope, not a decision
    expect(json.ok).toBe(false);
    expect(json).not.toHaveProperty('decision');
  });

  it('usage errors stay on stderr, stdout empty', () => {
    // Given an unknown option with --format json
    const r = run([...allowArgs, '--format', 'json', '--bogus']);
    // Then commander's message, not JSON
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("unknown option '--bogus'");
  });
});
