/**
 * A CAMS emulator for the guarded-client tests: one account, alice's AccessKey (and an STS key of
 * hers), instance ins-1, the policies RAM should enforce, and optional faults.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { parseEmulatorConfig } from '../../src/emulator/config.js';
import { startCamsEmulator } from '../../src/emulator/server.js';
import { callCams } from '../../src/client/transport.js';

export const ACCOUNT = '1234567890123456';
export const ALICE = `acs:ram::${ACCOUNT}:user/alice`;
export const AK = 'LTAI5tAliceEmulatorKey';
export const SECRET = 'Emu-Secret/9f3a+Qz7_never-printed';
export const STS_AK = 'STS.NUaliceTemporaryKey';
export const TOKEN = 'CAIS-security-token-never-printed-42';

export type Emulator = Awaited<ReturnType<typeof startCamsEmulator>> & { query(id: string): Promise<Record<string, unknown>> };

/** Writes a one-statement-per-entry identity policy and returns its path. */
export function policyFile(dir: string, name: string, statements: object[]): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ Version: '1', Statement: statements }, null, 2));
  return path;
}

/** Starts an emulator on a free loopback port whose RAM enforces `policies` (a policy file) for alice. */
export async function emulatorWith(options: { policies: string; faults?: object[] }): Promise<Emulator> {
  const policies = { identity: [{ name: 'enforced', file: options.policies }] };
  const text = stringify({
    accountId: ACCOUNT,
    region: 'ap-southeast-1',
    accessKeys: [
      { id: AK, secret: SECRET, principal: { type: 'RamUser', arn: ALICE }, policies },
      { id: STS_AK, secret: SECRET, securityToken: TOKEN, principal: { type: 'RamUser', arn: ALICE }, policies },
    ],
    instances: [{ id: 'ins-1', name: 'viber_ins', region: 'ap-southeast-1', resourceGroup: 'rg-prod', tags: { env: 'prod' } }],
    ...(options.faults ? { faults: options.faults } : {}),
  });
  const { readFileSync } = await import('node:fs');
  const parsed = parseEmulatorConfig(text, { file: 'emulator.yaml', readFile: (path) => ({ text: readFileSync(path, 'utf8'), file: path }) });
  if (!parsed.config) throw new Error(parsed.diagnostics.map((d) => d.message).join('\n'));
  const server = await startCamsEmulator(parsed.config, { port: 0 });
  const host = new URL(server.url).host;
  return Object.assign(server, {
    /** QueryInstance through the real SDK, as alice (it shows in the log: check the log before). */
    async query(id: string) {
      const outcome = await callCams('QueryInstance', { InstanceId: id }, {
        endpoint: { protocol: 'http', host },
        regionId: 'ap-southeast-1',
        credential: { getCredential: async () => ({ accessKeyId: AK, accessKeySecret: SECRET }) },
        timeoutMs: 3000,
        retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
      });
      if (!outcome.ok) throw new Error(`QueryInstance failed: ${outcome.failure.code} ${outcome.failure.message}`);
      return outcome.body['Data'] as Record<string, unknown>;
    },
  });
}
