/**
 * Issue 12 item 11 end to end: the built CLI's `--log FILE` for `emulator cams` and `emulator
 * account`. Large badly-signed requests leave small lines; FILE rotates at 10 MiB; a request
 * captured before a restart is still refused after it when FILE.nonces is kept (and replays
 * without `--log`, the documented limit).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../cli/run.js';
import { captureSdkRequest, replay, sdkCall, type CapturedRequest } from './sdk.js';

const EXAMPLE = 'policies/examples/emulator.cams.yaml';
const ALICE = { accessKeyId: 'LTAI5tAliceExample', accessKeySecret: 'alice-example-secret' };
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts `ramguard emulator ARGS`; resolves once the banner's last line is out. */
async function start(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const child = spawn(process.execPath, [BIN, 'emulator', ...args], { cwd: ROOT, env });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  const deadline = Date.now() + 15_000;
  while (!/\(Ctrl-C stops it\)$/m.test(stdout)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`no banner; stdout:\n${stdout}\nstderr:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout)![1]!;
  const stop = async () => {
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  };
  return { url, stop, out: () => stdout, err: () => stderr };
}

/** A large request signed by nobody: a 60 KiB form body under a key no emulator knows. */
const badlySigned = (i: number): CapturedRequest => ({
  method: 'POST',
  url: '/',
  headers: { host: '127.0.0.1', 'content-type': 'application/x-www-form-urlencoded', 'x-acs-action': 'UpdateInstance', authorization: `ACS3-HMAC-SHA256 Credential=LTAI5tNobody${i},SignedHeaders=host,Signature=${'0'.repeat(64)}` },
  body: Buffer.from(`InstanceId=ins-1&InstanceName=${'x'.repeat(60 * 1024)}`),
});

describe('emulator --log', () => {
  it('cams: 300 large badly-signed requests leave 300 short lines without their bodies', async () => {
    const log = join(mkdtempSync(join(tmpdir(), 'ramguard-log-cli-')), 'requests.jsonl');
    const emulator = await start(['cams', '--config', EXAMPLE, '--log', log]);
    for (let batch = 0; batch < 30; batch++) await Promise.all(Array.from({ length: 10 }, (_, i) => replay(emulator.url, badlySigned(batch * 10 + i))));
    await emulator.stop();
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(300);
    expect(lines.every((l) => l.length < 400 && !l.includes('xxxxxxxx'))).toBe(true);
    expect(JSON.parse(lines[0]!)).toMatchObject({ action: 'UpdateInstance', status: 400, code: 'IncompleteSignature', parameters: {} });
  });

  it('cams: FILE rotates to FILE.1 when the next line would take it over 10 MiB', async () => {
    const log = join(mkdtempSync(join(tmpdir(), 'ramguard-log-cli-')), 'requests.jsonl');
    writeFileSync(log, 'o'.repeat(10 * 1024 * 1024 - 50) + '\n');
    const emulator = await start(['cams', '--config', EXAMPLE, '--log', log]);
    expect((await sdkCall(emulator.url, 'QueryInstance', { InstanceId: 'ins-1' }, ALICE)).status).toBe(200);
    await emulator.stop();
    expect(statSync(`${log}.1`).size).toBe(10 * 1024 * 1024 - 49);
    expect(readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l).action)).toEqual(['QueryInstance']);
  });

  it('cams: a request captured before a restart is refused after it (FILE.nonces), and replays without --log', async () => {
    const log = join(mkdtempSync(join(tmpdir(), 'ramguard-log-cli-')), 'requests.jsonl');
    const captured = await captureSdkRequest('QueryInstance', { InstanceId: 'ins-1' }, ALICE);
    const first = await start(['cams', '--config', EXAMPLE, '--log', log]);
    expect((await replay(first.url, captured)).status).toBe(200);
    await first.stop();
    expect(existsSync(`${log}.nonces`)).toBe(true);

    const second = await start(['cams', '--config', EXAMPLE, '--log', log]);
    expect(second.out()).toContain(`1 nonce(s) from before the restart still refused (${log}.nonces)`);
    const again = await replay(second.url, captured);
    expect([again.status, again.body['Code']]).toEqual([400, 'SignatureNonceUsed']);
    await second.stop();

    const forgetful = await start(['cams', '--config', EXAMPLE]);
    expect((await replay(forgetful.url, captured)).status).toBe(200);
    await forgetful.stop();
  });

  it('account: logs one JSON line per request, and counts every request when it stops', async () => {
    const log = join(mkdtempSync(join(tmpdir(), 'ramguard-log-cli-')), 'account.jsonl');
    const env = { ...process.env, ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI5tAccountLog', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'account-log-secret-9' };
    const emulator = await start(['account', '--users', '3', '--log', log], env);
    const key = { accessKeyId: env.ALIBABA_CLOUD_ACCESS_KEY_ID, accessKeySecret: env.ALIBABA_CLOUD_ACCESS_KEY_SECRET };
    expect((await sdkCall(emulator.url, 'ListUsers', { MaxItems: '10' }, key, '2015-05-01')).status).toBe(200);
    await replay(emulator.url, badlySigned(1));
    await emulator.stop();
    expect(emulator.out()).toContain('account emulator stopped after 2 requests');
    const lines = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.service, l.action, l.status])).toEqual([['ram', 'ListUsers', 200], [undefined, 'UpdateInstance', 400]]);
    expect(lines[0].parameters).toEqual({ MaxItems: '10' });
    expect(readFileSync(log, 'utf8')).not.toContain(key.accessKeySecret);
    expect(existsSync(`${log}.nonces`)).toBe(true);
  });
});
