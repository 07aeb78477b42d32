/**
 * `ramguard emulator cams` end to end: the built CLI as a child process (spawned asynchronously,
 * so this process can call it while it runs), called through the real SDK, its --log file, a clean
 * stop on SIGTERM, and exit 2 with file:line diagnostics for bad input.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { sdkCall } from './sdk.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = resolve(ROOT, 'dist/cli/main.js');
const EXAMPLE = 'policies/examples/emulator.cams.yaml';
const ALICE = { accessKeyId: 'LTAI5tAliceExample', accessKeySecret: 'alice-example-secret' };
const BOB = { accessKeyId: 'LTAI5tBobExample', accessKeySecret: 'bob-example-secret' };

interface Emulator {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
}

let running: Emulator | undefined;
afterEach(() => {
  if (running && running.child.exitCode === null) running.child.kill('SIGKILL');
  running = undefined;
});

/** Starts `ramguard emulator cams ARGS` in `cwd` (the repository root by default). */
function start(args: string[], cwd: string = ROOT): Emulator {
  if (!existsSync(BIN)) throw new Error(`${BIN} does not exist: build first with \`npm run build\``);
  const child = spawn(process.execPath, [BIN, 'emulator', 'cams', ...args], { cwd });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  running = { child, stdout: () => stdout, stderr: () => stderr, exited };
  return running;
}

/** Waits for the URL line; fails with what the process printed if it exits or takes too long. */
async function urlOf(emulator: Emulator): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const match = /^CAMS emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(emulator.stdout());
    if (match) return match[1]!;
    if (emulator.child.exitCode !== null || Date.now() > deadline) throw new Error(`no URL line; stdout:\n${emulator.stdout()}\nstderr:\n${emulator.stderr()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const noStackTrace = (emulator: Emulator) => {
  expect(emulator.stdout()).not.toContain('    at ');
  expect(emulator.stderr()).not.toContain('    at ');
};

describe('ramguard emulator cams', () => {
  it('serves the example configuration through the SDK, logs each request as a JSON line, and stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ramguard-emulator-'));
    const logFile = join(dir, 'requests.jsonl');
    const emulator = start(['--config', EXAMPLE, '--port', '0', '--log', logFile]);
    const url = await urlOf(emulator);
    const allowed = await sdkCall(url, 'UpdateInstance', { InstanceId: 'ins-1', InstanceName: 'renamed' }, ALICE);
    expect([allowed.status, allowed.body['Code']]).toEqual([200, 'OK']);
    expect((await sdkCall(url, 'QueryInstance', { InstanceId: 'ins-1' }, ALICE)).body['Data'].InstanceName).toBe('renamed');
    const denied = await sdkCall(url, 'UpdateInstance', { InstanceId: 'ins-1', InstanceName: 'bob-was-here' }, BOB);
    expect([denied.status, denied.body['Code'], denied.body['AccessDeniedDetail'].NoPermissionType]).toEqual([403, 'Forbidden.RAM', 'ImplicitDeny']);
    emulator.child.kill('SIGTERM');
    expect(await emulator.exited).toBe(0);
    expect(emulator.stdout()).toContain('CAMS emulator stopped');
    expect(emulator.stdout()).toMatch(/ UpdateInstance LTAI5tBobExample 403 Forbidden\.RAM ImplicitDeny$/m);
    const lines = readFileSync(logFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l['action'], l['accessKeyId'], l['status'], l['decision']])).toEqual([
      ['UpdateInstance', 'LTAI5tAliceExample', 200, 'Allow'],
      ['QueryInstance', 'LTAI5tAliceExample', 200, 'Allow'],
      ['UpdateInstance', 'LTAI5tBobExample', 403, 'ImplicitDeny'],
    ]);
    for (const text of [readFileSync(logFile, 'utf8'), emulator.stdout(), emulator.stderr()]) {
      expect(text).not.toContain(ALICE.accessKeySecret);
      expect(text).not.toContain(BOB.accessKeySecret);
    }
    noStackTrace(emulator);
  });

  it('stops cleanly on SIGINT (Ctrl-C) too', async () => {
    const emulator = start(['--config', EXAMPLE]);
    await urlOf(emulator);
    emulator.child.kill('SIGINT');
    expect(await emulator.exited).toBe(0);
    expect(emulator.stdout()).toContain('CAMS emulator stopped');
  });

  it('a bad configuration: diagnostics with file:line on stderr, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ramguard-emulator-'));
    const config = join(dir, 'bad.yaml');
    writeFileSync(config, 'accountId: "1"\nregion: ap-southeast-1\naccessKeys:\n  - id: a\n    secret: s\n    principal: { type: RamUser, arn: "acs:ram::1:user/a" }\n    policies:\n      identity:\n        - { name: p, file: missing.json }\n');
    // Run in the configuration's directory: its references must stay inside the directory ramguard runs in.
    const emulator = start(['--config', config], dir);
    expect(await emulator.exited).toBe(2);
    expect(emulator.stderr()).toContain(`${config}:9:28: error[unreadable-file]: cannot read policy file \`missing.json\``);
    expect(emulator.stdout()).toBe('');
    noStackTrace(emulator);
  });

  it('a configuration file that does not exist, and a bad --port: exit 2', async () => {
    const missing = start(['--config', 'no-such.yaml']);
    expect(await missing.exited).toBe(2);
    expect(missing.stderr()).toContain('error[unreadable-file]: cannot read `no-such.yaml`: no such file');
    const port = start(['--config', EXAMPLE, '--port', 'http']);
    expect(await port.exited).toBe(2);
    expect(port.stderr()).toContain('<command line>: error[invalid-argument]: `--port` takes a whole number from 0 to 65535, not `http`');
  });

  it('a log file that cannot be opened: exit 2', async () => {
    const emulator = start(['--config', EXAMPLE, '--log', join(tmpdir(), 'no-such-dir-ramguard', 'log.jsonl')]);
    expect(await emulator.exited).toBe(2);
    expect(emulator.stderr()).toMatch(/error\[unwritable-file\]: cannot open the log file `[^`]+`: ENOENT/);
  });

  it('a port in use: a clear error, exit 2', async () => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const port = (blocker.address() as { port: number }).port;
    try {
      const emulator = start(['--config', EXAMPLE, '--port', String(port)]);
      expect(await emulator.exited).toBe(2);
      expect(emulator.stderr()).toContain(`error[cannot-listen]: port ${port} on 127.0.0.1 is already in use`);
      noStackTrace(emulator);
    } finally {
      await new Promise((done) => blocker.close(done));
    }
  });
});
