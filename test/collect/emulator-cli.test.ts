/**
 * `ramguard emulator account` end to end: the built CLI serves a snapshot file (documents by
 * `file:` put inline) or a generated account until SIGTERM, accepting the AccessKey of its
 * environment; `ramguard collect` in the same environment reads it back. Bad input exits 2.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BIN, ROOT, example, runAsync } from '../cli/run.js';

const ENV = { ...process.env, ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI5tEmulatorCli', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'emulator-cli-secret-5' };
const dir = mkdtempSync(join(tmpdir(), 'ramguard-emulator-account-'));
let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Starts `ramguard emulator account ARGS`; resolves with its URL and its output so far, once the
 * banner's last line (the account summary, `(Ctrl-C stops it)`) is out — not as soon as the URL
 * line is: under load the two can arrive in separate chunks (issue 12 item 14).
 */
async function start(args: string[], env: NodeJS.ProcessEnv = ENV) {
  const started = spawn(process.execPath, [BIN, 'emulator', 'account', ...args], { cwd: ROOT, env });
  child = started;
  let stdout = '';
  let stderr = '';
  started.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  started.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const exited = new Promise<number | null>((done) => started.on('close', (code) => done(code)));
  const deadline = Date.now() + 15_000;
  for (;;) {
    const url = /^account emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout)?.[1];
    const ready = url !== undefined && /\(Ctrl-C stops it\)$/m.test(stdout);
    if (ready || started.exitCode !== null || Date.now() > deadline) return { url, exited, out: () => stdout, err: () => stderr };
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('ramguard emulator account', () => {
  it('serves the example snapshot, which collect reads back; stops on SIGTERM', async () => {
    const emulator = await start(['--snapshot', example('account.snapshot.yaml')]);
    expect(emulator.out()).toContain('account 1234567890123456: 6 users, 3 groups, 3 roles, 6 custom policies; accepting AccessKey LTAI5tEmulatorCli');
    const r = await runAsync(['collect', '--endpoint', emulator.url!, '--output', join(dir, 'example.yaml'), '--progress', 'none'], { env: ENV });
    expect(r.status).toBe(0);
    const collected = parse(readFileSync(join(dir, 'example.yaml'), 'utf8'));
    const served = parse(readFileSync(example('account.snapshot.yaml'), 'utf8'));
    expect(collected.users.map((u: { name: string }) => u.name)).toEqual(served.users.map((u: { name: string }) => u.name).sort());
    // cams-operator v2 is a `file:` in the example: served inline, collected inline.
    const operator = collected.policies.find((p: { name: string }) => p.name === 'cams-operator');
    expect(operator.versions.map((v: { id: string }) => v.id)).toEqual(['v1', 'v2']);
    expect(operator.versions[1].document).toEqual(JSON.parse(readFileSync(example('cams-operator.json'), 'utf8')));
    // The Resource Directory round trip: the path and control policies served are those collected, the `file:` document inline.
    const { file: _file, ...control } = served.resourceDirectory.controlPolicies[0];
    expect(collected.resourceDirectory).toEqual({ ...served.resourceDirectory, controlPolicies: [{ ...control, document: JSON.parse(readFileSync(example(_file), 'utf8')) }] });
    expect(collected.collection.notCollected).not.toContain('resourceDirectory');
    // eval on the collected file: the folder's control policy denies, and no warning says control policies are missing.
    const denied = await runAsync(['eval', '--snapshot', join(dir, 'example.yaml'), '--principal', 'user/carol', '--action', 'cams:DeleteInstance', '--resource', 'acs:cams:ap-southeast-1:1234567890123456:instance/prod-1'], { env: ENV });
    expect(denied.stdout).toContain('denied by control policy (level 1) `control-no-deletes-in-prod (at Production)` statement 1');
    expect(denied.stdout + denied.stderr).not.toContain('does not record `resourceDirectory`');
    child!.kill('SIGTERM');
    expect(await emulator.exited).toBe(0);
    expect(emulator.out()).toMatch(/account emulator stopped after \d+ requests/);
    expect(emulator.out() + emulator.err() + r.stdout + r.stderr).not.toContain(ENV.ALIBABA_CLOUD_ACCESS_KEY_SECRET);
  });

  it('serves a generated account of --users N', async () => {
    const emulator = await start(['--users', '150', '--page-cap', '40']);
    expect(emulator.out()).toContain('150 users, 60 groups, 80 roles, 120 custom policies');
    const r = await runAsync(['collect', '--endpoint', emulator.url!, '--output', join(dir, 'generated.json'), '--progress', 'none'], { env: ENV });
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'generated.json'), 'utf8')).users).toHaveLength(150);
  });

  it('listens on the --port it is given, and a port in use is exit 2', async () => {
    const free = await new Promise<number>((done) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => done(port));
      });
    });
    const emulator = await start(['--users', '5', '--port', String(free)]);
    expect(emulator.url).toBe(`http://127.0.0.1:${free}`);
    const first = child!;
    const second = await start(['--users', '5', '--port', String(free)]);
    expect(await second.exited).toBe(2);
    expect(second.err()).toContain(`port ${free} on 127.0.0.1 is already in use`);
    first.kill('SIGKILL');
  });

  it.each([
    [['--users', '10'], { ALIBABA_CLOUD_ACCESS_KEY_ID: '' }, 'the emulator accepts the AccessKey of its environment, and there is none'],
    [['--users', '10', '--snapshot', 'x.yaml'], {}, 'give --users or --snapshot, not both'],
    [['--users', '0'], {}, '`--users` takes a whole number from 1 to 100000'],
    [['--snapshot', 'test/collect/no-such.yaml'], {}, 'cannot read `test/collect/no-such.yaml`: no such file'],
  ])('refuses %j with exit 2', async (args, env, message) => {
    const emulator = await start(args, { ...ENV, ...env });
    expect(await emulator.exited).toBe(2);
    expect(emulator.err()).toContain(message);
    expect(emulator.err()).not.toContain('    at ');
  });
});
