/**
 * Issue 12 item 10: `ramguard update-instance` under the debug switches of Alibaba's SDK stack
 * (`DEBUG` for httpx) and of Node (`NODE_DEBUG` for http, https, net and tls), signing with an
 * STS key. Unguarded, both print the `x-acs-security-token` header and the `Authorization`
 * signature on stderr; the built CLI must print neither, nor the secret, whatever is set.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runAsync } from '../cli/run.js';
import { ACCOUNT, ALICE, SECRET, STS_AK, TOKEN, emulatorWith, policyFile, type Emulator } from './emulator-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'ramguard-debug-env-'));
const ALLOW = policyFile(dir, 'allow.json', [{ Effect: 'Allow', Action: ['cams:UpdateInstance', 'cams:QueryInstance'], Resource: `acs:cams:*:${ACCOUNT}:instance/*` }]);
const STS_ENV = { ALIBABA_CLOUD_ACCESS_KEY_ID: STS_AK, ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET, ALIBABA_CLOUD_SECURITY_TOKEN: TOKEN, ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true', ALIBABA_CLOUD_PROFILE: undefined, DEBUG: undefined, NODE_DEBUG: undefined };
/** Any ACS3 signature value: 64 hex digits after `Signature=`. */
const SIGNATURE_VALUE = /Signature=[0-9a-f]{64}/i;

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** Sends an allowed update as alice's STS key under `env`; fails the test on any credential in the output. */
async function updateUnder(env: Record<string, string>, extra: string[] = []) {
  emulator = await emulatorWith({ policies: ALLOW });
  const args = ['update-instance', '--instance-id', 'ins-1', '--instance-name', 'renamed', '--region', 'ap-southeast-1', '--account-id', ACCOUNT,
    '--policy', ALLOW, '--principal-type', 'RamUser', '--principal-arn', ALICE, '--endpoint', emulator.url, '--timeout-ms', '5000', ...extra];
  const r = await runAsync(args, { env: { ...STS_ENV, ...env } });
  for (const text of [r.stdout, r.stderr]) {
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toMatch(SIGNATURE_VALUE);
  }
  // The call went through with the token: the guard hides, it does not break.
  expect(r.status, r.stdout + r.stderr).toBe(0);
  expect(emulator.requests().filter((q) => q.action === 'UpdateInstance' && q.status === 200 && q.accessKeyId === STS_AK)).toHaveLength(1);
  return r;
}

describe('update-instance under debug variables, with an STS token', () => {
  it.each([['DEBUG=*', { DEBUG: '*' }], ['DEBUG=httpx:*', { DEBUG: 'httpx:*' }], ['DEBUG=httpx:header,sign', { DEBUG: 'httpx:header,sign' }]])('%s: httpx prints nothing at all', async (_name, env) => {
    const r = await updateUnder(env);
    expect(r.stdout).toContain('SENT: UpdateInstance succeeded');
    expect(r.stderr).not.toContain('httpx:');
  });

  it('NODE_DEBUG=http,https,net,tls: Node still prints its request options, with the token and the Authorization value redacted', async () => {
    const r = await updateUnder({ NODE_DEBUG: 'http,https,net,tls' });
    // Node's own debug output is there (it is read at start-up and cannot be switched off)…
    expect(r.stderr).toMatch(/^HTTP \d+: /m);
    // …with the credential headers' values replaced.
    expect(r.stderr).toContain("'x-acs-security-token': '<redacted>'");
    expect(r.stderr).toContain("Authorization: '<redacted>'");
  });

  it('all of them at once, with --format json: the JSON outcome is intact and says a token was used', async () => {
    const r = await updateUnder({ DEBUG: '*', NODE_DEBUG: 'http,https,net,tls' }, ['--format', 'json']);
    const json = JSON.parse(r.stdout);
    expect(json.status).toBe('succeeded');
    expect(json.request.securityToken).toBe(true);
    expect(json.request.signature).toBe('ACS3-HMAC-SHA256');
  });
});
