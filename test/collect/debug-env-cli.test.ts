/**
 * Issue 12 item 10: `ramguard collect` under the debug switches of Alibaba's SDK stack (`DEBUG`
 * for httpx) and of Node (`NODE_DEBUG`), reading the account emulator with an STS key. Unguarded,
 * every one of its calls prints the `x-acs-security-token` header and the `Authorization`
 * signature on stderr; the built CLI must print neither, nor the secret, whatever is set.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { generateAccount } from '../../src/emulator/ram-api/generate-account.js';
import { startAccountEmulator, type RunningAccountEmulator } from '../../src/emulator/ram-api/server.js';
import { runAsync } from '../cli/run.js';

const STS_AK = 'STS.NUcollectorTemporaryKey';
const SECRET = 'Collect-STS-Secret/3c9d+never-printed';
const TOKEN = 'CAIS-collect-token-never-printed-77';
const ENV = { ALIBABA_CLOUD_ACCESS_KEY_ID: STS_AK, ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET, ALIBABA_CLOUD_SECURITY_TOKEN: TOKEN, ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true', ALIBABA_CLOUD_PROFILE: undefined, DEBUG: undefined, NODE_DEBUG: undefined };
const account = generateAccount({ users: 12, groups: 3, roles: 4, policies: 5, seed: 3 });
const dir = mkdtempSync(join(tmpdir(), 'ramguard-collect-debug-'));
let emulator: RunningAccountEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('collect under debug variables, with an STS token', () => {
  it.each([
    ['DEBUG=*', { DEBUG: '*' }],
    ['DEBUG=httpx:*', { DEBUG: 'httpx:*' }],
    ['NODE_DEBUG=http,https,net,tls', { NODE_DEBUG: 'http,https,net,tls' }],
    ['all of them', { DEBUG: '*', NODE_DEBUG: 'http,https,net,tls' }],
  ])('%s: prints neither the token, the secret nor a signature, and collects the account', async (name, env) => {
    emulator = await startAccountEmulator({ account, accessKeys: [{ id: STS_AK, secret: SECRET, securityToken: TOKEN }] });
    const output = join(dir, `${name.replace(/\W+/g, '-')}.json`);
    const r = await runAsync(['collect', '--endpoint', emulator.url, '--output', output, '--progress', 'lines', '--concurrency', '2'], { cwd: dir, env: { ...ENV, ...env }, timeoutMs: 60_000 });
    for (const text of [r.stdout, r.stderr]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(TOKEN);
      expect(text).not.toMatch(/Signature=[0-9a-f]{64}/i);
    }
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(output, 'utf8')).users).toHaveLength(12);
    // Every call was signed with the token and accepted (GetResourceDirectory's 404 says the account is in no Resource Directory).
    const calls = emulator.requests();
    expect(calls.length).toBeGreaterThan(20);
    expect(calls.every((c) => c.accessKeyId === STS_AK && (c.status === 200 || (c.action === 'GetResourceDirectory' && c.code === 'EntityNotExists.ResourceDirectory')))).toBe(true);
    expect(r.stderr).not.toContain('httpx:');
    if ('NODE_DEBUG' in env) expect(r.stderr).toContain("'x-acs-security-token': '<redacted>'");
  });
});
