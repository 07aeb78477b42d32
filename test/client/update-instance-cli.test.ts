/**
 * `ramguard update-instance` end to end: the built CLI, Alibaba's real SDK inside it, and the
 * CAMS emulator on loopback standing in for CAMS and RAM. Every output of every test is kept and
 * searched for the AccessKey secret and the security token at the end.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runAsync, type RunResult } from '../cli/run.js';
import { ACCOUNT, ALICE, AK, SECRET, TOKEN, STS_AK, emulatorWith, policyFile, type Emulator } from './emulator-fixture.js';

const outputs: string[] = [];
let emulator: Emulator | undefined;
afterEach(async () => {
  if (emulator) outputs.push(JSON.stringify(emulator.requests()));
  await emulator?.close();
  emulator = undefined;
});
afterAll(() => {
  expect(outputs.length).toBeGreaterThan(10);
  for (const text of outputs) {
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(TOKEN);
  }
});

const dir = mkdtempSync(join(tmpdir(), 'ramguard-update-'));
const ALLOW_UPDATE = policyFile(dir, 'allow-update.json', [{ Effect: 'Allow', Action: ['cams:UpdateInstance', 'cams:QueryInstance'], Resource: `acs:cams:*:${ACCOUNT}:instance/*` }]);
const ONLY_FROM_LOOPBACK = policyFile(dir, 'loopback-only.json', [{ Effect: 'Allow', Action: 'cams:UpdateInstance', Resource: '*', Condition: { IpAddress: { 'acs:SourceIp': '127.0.0.0/8' } } }]);
const ONLY_FROM_OFFICE = policyFile(dir, 'office-only.json', [{ Effect: 'Allow', Action: 'cams:UpdateInstance', Resource: '*', Condition: { IpAddress: { 'acs:SourceIp': '203.0.113.0/24' } } }]);
const READ_ONLY = policyFile(dir, 'read-only.json', [{ Effect: 'Allow', Action: 'cams:QueryInstance', Resource: '*' }]);

const ENV = { ALIBABA_CLOUD_ACCESS_KEY_ID: AK, ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET, ALIBABA_CLOUD_SECURITY_TOKEN: undefined, ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true', ALIBABA_CLOUD_PROFILE: undefined };

/** Runs `ramguard update-instance` for alice on ins-1 against the emulator, keeping its output. */
async function update(policy: string, extra: string[] = [], env: Record<string, string | undefined> = {}): Promise<RunResult> {
  const args = ['update-instance', '--instance-id', 'ins-1', '--instance-name', 'renamed', '--region', 'ap-southeast-1', '--account-id', ACCOUNT,
    '--policy', policy, '--principal-type', 'RamUser', '--principal-arn', ALICE, '--endpoint', emulator!.url, '--timeout-ms', '3000', ...extra];
  const result = await runAsync(args, { env: { ...ENV, ...env } });
  outputs.push(result.stdout, result.stderr);
  return result;
}
const updates = () => emulator!.requests().filter((r) => r.action === 'UpdateInstance');

describe('ramguard update-instance against the CAMS emulator', () => {
  it('sends an allowed update, which lands: QueryInstance shows the new name', async () => {
    emulator = await emulatorWith({ policies: ALLOW_UPDATE });
    const r = await update(ALLOW_UPDATE);
    expect(r.stdout).toContain('SENT: UpdateInstance succeeded (Code OK');
    expect(r.stdout).toContain('InstanceName: renamed');
    expect(r.status).toBe(0);
    expect(updates()).toHaveLength(1);
    expect((await emulator.query('ins-1'))['InstanceName']).toBe('renamed');
  });

  it('never sends a denied update: the emulator sees no request', async () => {
    emulator = await emulatorWith({ policies: ALLOW_UPDATE });
    const r = await update(READ_ONLY);
    expect(r.stdout).toContain('NOT SENT: the preflight predicts ImplicitDeny');
    expect(r.status).toBe(1);
    expect(emulator.requests()).toEqual([]);
    expect((await emulator.query('ins-1'))['InstanceName']).toBe('viber_ins');
  });

  it('refuses a Conditional update, then sends it with --force and a warning naming the unknown key', async () => {
    emulator = await emulatorWith({ policies: ONLY_FROM_LOOPBACK });
    const refused = await update(ONLY_FROM_LOOPBACK);
    expect(refused.status).toBe(3);
    expect(refused.stdout).toContain('NOT SENT: the answer depends on context the preflight does not know (acs:SourceIp)');
    expect(emulator.requests()).toEqual([]);
    const forced = await update(ONLY_FROM_LOOPBACK, ['--force']);
    expect(forced.stderr).toContain('warning: sent with --force although the preflight answer was Conditional on acs:SourceIp');
    expect(forced.status).toBe(0);
    expect(updates()).toHaveLength(1);
  });

  it('a forced call the service denies exits 1, not drift', async () => {
    emulator = await emulatorWith({ policies: ONLY_FROM_OFFICE });
    const r = await update(ONLY_FROM_OFFICE, ['--force']);
    expect(r.stdout).toContain('DENIED by the service after --force');
    expect(r.status).toBe(1);
  });

  it('reports drift with both sides and exit 4 when the service denies what the preflight allowed', async () => {
    emulator = await emulatorWith({ policies: READ_ONLY });
    const r = await update(ALLOW_UPDATE);
    expect(r.stdout).toContain('DRIFT: the preflight allowed this call, but the service denied it');
    expect(r.stdout).toMatch(/local \(ramguard\): Allow by identity policy `allow-update\.json` statement 0/);
    expect(r.stdout).toContain('Forbidden.RAM (HTTP 403)');
    expect(r.stdout).toContain('NoPermissionType: ImplicitDeny');
    expect(r.status).toBe(4);
    expect((await emulator.query('ins-1'))['InstanceName']).toBe('viber_ins');
  });

  it('a wrong secret is SignatureDoesNotMatch, exit 5, and not retried', async () => {
    emulator = await emulatorWith({ policies: ALLOW_UPDATE });
    const r = await update(ALLOW_UPDATE, [], { ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'a-wrong-secret-value' });
    expect(r.stdout).toContain('FAILED after 1 attempt: SignatureDoesNotMatch (HTTP 400)');
    expect(r.status).toBe(5);
    expect(r.stdout + r.stderr).not.toContain('a-wrong-secret-value');
  });

  it('an unknown AccessKey is InvalidAccessKeyId.NotFound, exit 5', async () => {
    emulator = await emulatorWith({ policies: ALLOW_UPDATE });
    const r = await update(ALLOW_UPDATE, [], { ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI5tNobodyKnowsMe' });
    expect(r.stdout).toContain('InvalidAccessKeyId.NotFound (HTTP 404)');
    expect(r.status).toBe(5);
  });

  it('retries throttling with backoff and then succeeds', async () => {
    emulator = await emulatorWith({ policies: ALLOW_UPDATE, faults: [{ kind: 'throttling', action: 'UpdateInstance', first: 2 }] });
    const r = await update(ALLOW_UPDATE);
    expect(r.stderr.match(/retrying in \d+ ms after Throttling\.User/g)).toHaveLength(2);
    expect(r.stdout).toContain('3 attempts');
    expect(r.status).toBe(0);
    expect(updates()).toHaveLength(3);
  });

  it('gives up on HTTP 500 after --max-attempts and reports it', async () => {
    emulator = await emulatorWith({ policies: ALLOW_UPDATE, faults: [{ kind: 'http-500' }] });
    const r = await update(ALLOW_UPDATE, ['--max-attempts', '2']);
    expect(r.stdout).toContain('FAILED after 2 attempts: InternalError (HTTP 500)');
    expect(r.status).toBe(5);
    expect(updates()).toHaveLength(2);
  });

  it('a business error in an HTTP 200 body is a failure with Code, Message and RequestId, not retried', async () => {
    emulator = await emulatorWith({ policies: ALLOW_UPDATE, faults: [{ kind: 'business-error', code: 'Instance.Auditing', message: 'the instance is being audited' }] });
    const r = await update(ALLOW_UPDATE);
    expect(r.stdout).toContain('Instance.Auditing (HTTP 200): the instance is being audited');
    expect(r.stdout).toMatch(/RequestId: \S+/);
    expect(r.status).toBe(5);
    expect(updates()).toHaveLength(1);
  });

  it('reports a timeout, bounded by --timeout-ms, without retrying', async () => {
    emulator = await emulatorWith({ policies: ALLOW_UPDATE, faults: [{ kind: 'latency', ms: 2500 }] });
    const started = Date.now();
    const r = await update(ALLOW_UPDATE, ['--timeout-ms', '300']);
    expect(r.stdout).toContain('FAILED after 1 attempt: timeout: no answer within the timeout');
    expect(r.status).toBe(5);
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('--dry-run prints the request, never the secret, and sends nothing', async () => {
    emulator = await emulatorWith({ policies: ALLOW_UPDATE });
    const r = await update(ALLOW_UPDATE, ['--dry-run', '--instance-description', 'hello world']);
    expect(r.stdout).toContain(`POST ${emulator.url}/`);
    expect(r.stdout).toContain(`signed with ACS3-HMAC-SHA256 by AccessKey ${AK}`);
    expect(r.stdout).toContain('InstanceDescription=hello world');
    expect(r.status).toBe(0);
    expect(emulator.requests()).toEqual([]);
  });

  it('uses an STS token from the environment, and prints neither it nor the secret, in JSON either', async () => {
    emulator = await emulatorWith({ policies: ALLOW_UPDATE });
    const r = await update(ALLOW_UPDATE, ['--format', 'json'], { ALIBABA_CLOUD_ACCESS_KEY_ID: STS_AK, ALIBABA_CLOUD_SECURITY_TOKEN: TOKEN });
    const json = JSON.parse(r.stdout);
    expect(json.status).toBe('succeeded');
    expect(json.request.securityToken).toBe(true);
    expect(json.preflight.decision).toBe('Allow');
    expect(json.response.Code).toBe('OK');
    expect(r.status).toBe(0);
  });

  it('reads a credentials-file profile named by --profile', async () => {
    emulator = await emulatorWith({ policies: ALLOW_UPDATE });
    const file = join(dir, 'credentials');
    writeFileSync(file, `[default]\ntype = access_key\naccess_key_id = LTAI5tSomeoneElse\naccess_key_secret = not-this-one\n\n[ci]\ntype = access_key\naccess_key_id = ${AK}\naccess_key_secret = ${SECRET}\n`);
    const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: undefined, ALIBABA_CLOUD_ACCESS_KEY_SECRET: undefined, ALIBABA_CLOUD_CREDENTIALS_FILE: file, HOME: dir };
    const r = await update(ALLOW_UPDATE, ['--profile', 'ci'], env);
    expect(r.stdout).toContain('SENT');
    expect(r.status).toBe(0);
    expect(updates()[0]?.accessKeyId).toBe(AK);
  });

  it('without any credentials, says how to give them and exits 2', async () => {
    emulator = await emulatorWith({ policies: ALLOW_UPDATE });
    const r = await update(ALLOW_UPDATE, [], { ALIBABA_CLOUD_ACCESS_KEY_ID: undefined, ALIBABA_CLOUD_ACCESS_KEY_SECRET: undefined, HOME: dir, ALIBABA_CLOUD_CREDENTIALS_FILE: join(dir, 'none') });
    expect(r.stdout).toContain('the credential chain gave no AccessKey');
    expect(r.status).toBe(2);
    expect(emulator.requests()).toEqual([]);
  });

  it('bad input never reaches the network: an invalid e-mail, a bad endpoint, a bad --max-attempts', async () => {
    emulator = await emulatorWith({ policies: ALLOW_UPDATE });
    const mail = await update(ALLOW_UPDATE, ['--contact-mail', 'not-an-address']);
    expect(mail.status).toBe(2);
    expect(mail.stderr).toContain('ContactMail');
    const endpoint = await runAsync(['update-instance', '--instance-id', 'i', '--instance-name', 'n', '--region', 'r', '--account-id', ACCOUNT, '--policy', ALLOW_UPDATE, '--endpoint', 'ftp://x'], { env: ENV });
    expect(endpoint.stderr).toContain('--endpoint: `ftp://x`: only http and https endpoints exist');
    expect(endpoint.status).toBe(2);
    const attempts = await update(ALLOW_UPDATE, ['--max-attempts', '99']);
    expect(attempts.stderr).toContain('`--max-attempts` takes a whole number from 1 to 10');
    expect(attempts.status).toBe(2);
    outputs.push(endpoint.stdout, endpoint.stderr);
    expect(emulator.requests()).toEqual([]);
  });
});
