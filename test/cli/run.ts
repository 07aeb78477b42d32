/**
 * Runs the built `ramguard` binary (dist/cli/main.js) as a child process, the way a user or a
 * script would. `npm test` builds before vitest runs; a missing build fails with a clear message.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = resolve(ROOT, 'dist/cli/main.js');
/** Test fixtures; the default working directory, so diagnostics name files by their base name. */
export const FIXTURES = resolve(ROOT, 'test/cli/fixtures');
/** The bundled examples. */
export const EXAMPLES = resolve(ROOT, 'policies/examples');

export const example = (name: string) => resolve(EXAMPLES, name);
/**
 * `file:` references may reach only the directory ramguard runs in: tests that run in the fixtures
 * and name an example that references its neighbours widen it to the examples' folder.
 */
export const ALLOW_EXAMPLES = ['--allow-path', EXAMPLES];

/** A Node stack frame line: never allowed in anything the CLI prints. */
export const STACK_FRAME = '    at ';

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs `ramguard ARGS`, with `input` on stdin (empty by default), in `cwd` (the fixtures by default). */
export function run(args: string[], options: { input?: string; cwd?: string; /** Bytes of output kept (Node's default: 1 MiB). */ maxBuffer?: number } = {}): RunResult {
  if (!existsSync(BIN)) {
    throw new Error(`${BIN} does not exist: build first with \`npm run build\` (\`npm test\` does it for you)`);
  }
  const child = spawnSync(process.execPath, [BIN, ...args], {
    input: options.input ?? '',
    cwd: options.cwd ?? FIXTURES,
    encoding: 'utf8',
    timeout: 30_000,
    ...(options.maxBuffer !== undefined ? { maxBuffer: options.maxBuffer } : {}),
  });
  if (child.error) throw child.error;
  if (child.status === null) throw new Error(`ramguard ${args.join(' ')} was killed by ${child.signal}`);
  const result = { status: child.status, stdout: child.stdout, stderr: child.stderr };
  // Whatever happens, no stack trace reaches the user.
  expect(result.stderr, `stack trace in stderr of \`ramguard ${args.join(' ')}\``).not.toContain(STACK_FRAME);
  expect(result.stdout, `stack trace in stdout of \`ramguard ${args.join(' ')}\``).not.toContain(STACK_FRAME);
  return result;
}

/** Runs with `--format json` appended and parses stdout (which must be one JSON document). */
export function runJson(args: string[], options: { input?: string; cwd?: string } = {}): RunResult & { json: any } {
  const result = run([...args, '--format', 'json'], options);
  let json: unknown;
  try {
    json = JSON.parse(result.stdout);
  } catch {
    throw new Error(`stdout of \`ramguard ${args.join(' ')} --format json\` is not JSON:\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
  return { ...result, json };
}

/**
 * Runs `ramguard ARGS` without blocking the event loop, so a server in this test process (the CAMS
 * emulator) can answer the CLI while it runs. `env` is added to a copy of this process's environment.
 */
export function runAsync(args: string[], options: { input?: string; cwd?: string; env?: Record<string, string | undefined>; timeoutMs?: number } = {}): Promise<RunResult> {
  if (!existsSync(BIN)) throw new Error(`${BIN} does not exist: build first with \`npm run build\``);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? FIXTURES, env: { ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      if (status === null) return reject(new Error(`ramguard ${args.join(' ')} was killed by ${signal}`));
      expect(stderr, `stack trace in stderr of \`ramguard ${args.join(' ')}\``).not.toContain(STACK_FRAME);
      expect(stdout, `stack trace in stdout of \`ramguard ${args.join(' ')}\``).not.toContain(STACK_FRAME);
      resolvePromise({ status, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** The first line of a text. */
export const firstLine = (text: string) => text.split('\n')[0] ?? '';

/** The diagnostic lines of a text report (`file[:line:col]: severity[code]: ...`), without `help:` lines. */
export const diagnosticLines = (text: string) => text.split('\n').filter((l) => /^\S.*: (error|warning|security-warning|suggestion)\[[a-z-]+\]: /.test(l));

/** A request every `eval` test can start from: `cams:<action>` on one CAMS instance. */
export const INSTANCE = 'acs:cams:ap-southeast-1:1234567890123456:instance/ins-1';
export const request = (action = 'cams:UpdateInstance', resource = INSTANCE) => ['--action', action, '--resource', resource];
