/** End-to-end: `ramguard eval` and `ramguard preflight update-instance` with `--snapshot FILE --principal REF`. */
import { describe, expect, it } from 'vitest';
import { diagnosticLines, ALLOW_EXAMPLES, example, firstLine, run, runJson } from '../cli/run.js';

const SNAPSHOT = ['--snapshot', example('account.snapshot.yaml'), ...ALLOW_EXAMPLES];
const instance = (id: string) => `acs:cams:ap-southeast-1:1234567890123456:instance/${id}`;
const evalAs = (principal: string, action: string, resource: string, ...more: string[]) => ['eval', ...SNAPSHOT, '--principal', principal, '--action', action, '--resource', resource, ...more];
const deciding = (json: { decidingStatements: { layer: string; policy: string; statement: number }[] }) => json.decidingStatements.filter((s) => s.layer !== 'control').map((s) => `${s.layer} ${s.policy}#${s.statement}`);

describe('ramguard eval --snapshot', () => {
  it("a user's own and its groups' policies decide, named by where they come from", () => {
    // Given alice (cams-operator v2, group ops) and no source IP, When she updates prod-42
    const unknown = run(evalAs('user/alice', 'cams:UpdateInstance', instance('prod-42')));
    // Then it depends on the IP, and the trace names the group's policies by their group
    expect(unknown.status).toBe(3);
    expect(unknown.stdout).toContain("identity policy `cams-operator` statement 1 (Sid `UpdateProdInstancesFromOffice`)");
    expect(unknown.stdout).toContain('identity policy `deny-without-mfa-on-delete (via group ops)` statement 0');
    const office = runJson(evalAs('user/alice', 'cams:UpdateInstance', instance('prod-42'), '--context', 'acs:SourceIp=203.0.113.7', '--context', 'acs:SecureTransport=true'));
    expect(office.status).toBe(0);
    expect(deciding(office.json)).toEqual(['identity cams-operator#1']);
    expect(office.json.decidingStatements.filter((s: { layer: string }) => s.layer === 'control').map((s: { policy: string }) => s.policy)).toEqual([
      'FullAliyunAccess (at Root)',
      'FullAliyunAccess (at Production)',
      'control-no-deletes-in-prod (at Production)',
      'FullAliyunAccess (at chatapp-prod)',
    ]);
  });

  it("the inventory gives the instance's resource group, so resource-group attachments decide", () => {
    const { status, json } = runJson(evalAs('user/carol', 'cams:QueryInstance', instance('prod-42')));
    expect(status).toBe(0);
    expect(json.request.resourceGroup).toBe('rg-prod');
    expect(deciding(json)).toEqual(['resource-group cams-query-instances#0']);
    expect(json.request.context).toMatchObject({ 'acs:ResourceTag/env': 'prod', 'acs:ResourceTag/team': 'messaging' });
  });

  it('flags win over the inventory', () => {
    // carol's group has cams:* at rg-staging: said to be there, prod-42 is allowed through it
    const { status, json } = runJson(evalAs('user/carol', 'cams:QueryInstance', instance('prod-42'), '--resource-group', 'rg-staging', '--context', 'acs:ResourceTag/env=test'));
    expect(status).toBe(0);
    expect(json.request.resourceGroup).toBe('rg-staging');
    expect(deciding(json)).toEqual(['resource-group cams-staging-admin (via group developers)#0']);
    expect(json.request.context['acs:ResourceTag/env']).toEqual(['test']);
  });

  it('a control policy of the directory path denies', () => {
    const r = run(evalAs('user/admin', 'cams:DeleteInstance', instance('prod-42')));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('denied by control policy (level 1) `control-no-deletes-in-prod (at Production)` statement 1 (Sid `ProtectProdInstances`)');
    expect(r.stdout).toContain('RAM would report PolicyType ControlPolicy');
  });

  it("sts:AssumeRole on a role of the snapshot brings that role's trust policy", () => {
    const bot = runJson(evalAs('user/ci-bot', 'sts:AssumeRole', 'acs:ram::1234567890123456:role/deployer'));
    expect(bot.status).toBe(0);
    expect(deciding(bot.json)).toEqual(['identity assume-deployer#0', 'resource deployer#0']);
    const alice = runJson(evalAs('user/alice', 'sts:AssumeRole', 'acs:ram::1234567890123456:role/deployer'));
    expect(alice.status).toBe(1);
  });

  it('a role is an assumed-role caller with its role ARN', () => {
    const { status, json } = runJson(evalAs('role/deployer', 'cams:UpdateInstance', instance('stg-7')));
    expect(status).toBe(0);
    expect(json.request.principal).toEqual({ type: 'AssumedRole', arn: 'acs:ram::1234567890123456:role/deployer' });
    expect(deciding(json)).toEqual(['identity AliyunCamsFullAccess#0']);
  });

  it('a session policy may be added to a role session (it takes away, as RAM intersects them)', () => {
    const r = run([...evalAs('role/deployer', 'cams:UpdateInstance', instance('stg-7')), '--session-policy', 'session-read-only.json']);
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([
      'DENY (implicit: nothing allows it): `cams:UpdateInstance` on `acs:cams:ap-southeast-1:1234567890123456:instance/stg-7`',
      '  the session policy does not allow the action on this resource',
    ]);
  });
});

describe('ramguard eval --snapshot: usage and input errors (exit 2)', () => {
  it.each([
    ['--policy', ['--policy', 'allow-cams.json'], '`--snapshot` cannot be combined with `--policy`'],
    ['--scenario', ['--scenario', 'resource-group.scenario.yaml'], '`--snapshot` cannot be combined with `--scenario`'],
    ['--control-policy', ['--control-policy', 'control-allow-all.json'], '`--snapshot` cannot be combined with `--control-policy`'],
    ['--principal-arn', ['--principal-arn', 'acs:ram::1:user/x'], '`--snapshot` cannot be combined with `--principal-arn`'],
  ])('--snapshot with %s', (_, extra, message) => {
    const r = run([...evalAs('user/alice', 'cams:UpdateInstance', instance('prod-42')), ...extra]);
    expect(r.status).toBe(2);
    expect(diagnosticLines(r.stderr)).toEqual([`<command line>: error[invalid-argument]: ${message}`]);
  });

  it('--principal without --snapshot, and --snapshot without --principal', () => {
    const alone = run(['eval', '--principal', 'user/alice', '--policy', 'allow-cams.json', '--action', 'cams:UpdateInstance', '--resource', instance('i')]);
    expect(alone.status).toBe(2);
    expect(firstLine(alone.stderr)).toBe('<command line>: error[invalid-argument]: `--principal` needs `--snapshot`');
    const nobody = run(['eval', ...SNAPSHOT, '--action', 'cams:UpdateInstance', '--resource', instance('i')]);
    expect(nobody.status).toBe(2);
    expect(firstLine(nobody.stderr)).toBe('<command line>: error[invalid-argument]: `--snapshot` needs `--principal`');
  });

  it('an unknown principal, with a did-you-mean; a group', () => {
    const typo = run(evalAs('user/alcie', 'cams:UpdateInstance', instance('prod-42')));
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('<command line>: error[unknown-principal]: the snapshot has no user `alcie`\n  help: did you mean `user/alice`?');
    expect(run(evalAs('group/ops', 'cams:UpdateInstance', instance('prod-42'))).stderr).toContain('error[invalid-principal]');
  });

  it('a broken snapshot: every problem with its file and line, nothing evaluated', () => {
    const text = ['accountId: "1"', 'groups: [{ name: ops }]', 'users:', '  - { name: alice, groups: [opps] }', 'roles:', '  - { name: r, trustPolicy: { file: missing.json } }'].join('\n');
    const r = run(['eval', '--snapshot', '-', '--principal', 'user/alice', '--action', 'cams:UpdateInstance', '--resource', instance('i')], { input: text });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(diagnosticLines(r.stderr)).toEqual([
      '-:4:29: error[unknown-group]: user `alice` is in group `opps`, which the snapshot does not define (at /users/0/groups/0)',
      '-:6:37: error[unreadable-file]: cannot read policy file `missing.json`: no such file (at /roles/0/trustPolicy/file)',
    ]);
  });

  it('a snapshot file that does not exist; JSON output of errors', () => {
    const r = runJson(['eval', '--snapshot', 'nope.yaml', '--principal', 'user/a', '--action', 'cams:UpdateInstance', '--resource', instance('i')]);
    expect(r.status).toBe(2);
    expect(r.json).toMatchObject({ ok: false, diagnostics: [{ code: 'unreadable-file', file: 'nope.yaml' }] });
  });
});

describe('ramguard preflight update-instance --snapshot', () => {
  const BASE = ['preflight', 'update-instance', '--instance-name', 'viber_ins', '--region', 'ap-southeast-1', '--account-id', '1234567890123456', '--current-time', '2026-11-28T10:00:00Z', ...SNAPSHOT];

  it("a group's resource-group attachment applies to the instances the inventory puts in that group", () => {
    const staging = runJson([...BASE, '--principal', 'user/bob', '--instance-id', 'stg-7']);
    expect(staging.status).toBe(0);
    expect(staging.json.authorization.resourceGroup).toBe('rg-staging');
    expect(deciding(staging.json)).toEqual(['resource-group cams-staging-admin (via group developers)#0']);
    const prod = runJson([...BASE, '--principal', 'user/bob', '--instance-id', 'prod-42']);
    expect(prod.status).toBe(1);
    expect(prod.json.decision).toBe('ImplicitDeny');
  });

  it('the office policy of a user, and a role', () => {
    expect(run([...BASE, '--principal', 'user/alice', '--instance-id', 'prod-42', '--source-ip', '203.0.113.7']).status).toBe(0);
    expect(run([...BASE, '--principal', 'user/alice', '--instance-id', 'prod-42']).status).toBe(3);
    const role = run([...BASE, '--principal', 'role/deployer', '--instance-id', 'prod-43']);
    expect(role.status).toBe(0);
    expect(role.stdout).toContain('allowed by identity policy `AliyunCamsFullAccess` statement 0');
  });

  it('usage errors: --policy beside --snapshot; an instance of another account', () => {
    const both = run([...BASE, '--principal', 'user/alice', '--instance-id', 'prod-42', '--policy', 'allow-cams.json']);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('`--snapshot` cannot be combined with `--policy`');
    const other = run([...BASE.map((a) => (a === '1234567890123456' ? '999' : a)), '--principal', 'user/alice', '--instance-id', 'prod-42']);
    expect(other.status).toBe(2);
    expect(firstLine(other.stderr)).toBe('<command line>: error[invalid-argument]: the instance is in account `999`, the snapshot is of account `1234567890123456`');
  });
});
