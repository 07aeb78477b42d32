/**
 * Runs the built binary (dist/cli/main.js) as a real process, bounded: standard input may be a
 * file descriptor (`/dev/zero` for an endless stream), and a run that does not finish within the
 * timeout is killed and reported as such instead of hanging the suite. Only the real process can
 * show a V8 abort (`FATAL ERROR`, exit 134) or what reaches the terminal unescaped.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { BIN } from '../cli/run.js';

/** What one process run did. */
export interface ProcessRun {
  /** The exit code, or null when the process was killed (by the timeout or a signal). */
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `ramguard ARGS` in `cwd`; `stdin` is text or bytes, or a path opened as the process's standard input. */
export function runBinary(args: string[], cwd: string, options: { stdin?: string | Buffer | { path: string }; timeoutMs?: number } = {}): ProcessRun {
  if (!existsSync(BIN)) throw new Error(`${BIN} does not exist: build first with \`npm run build\``);
  const stdin = options.stdin;
  const fd = stdin !== undefined && typeof stdin === 'object' && !Buffer.isBuffer(stdin) ? openSync(stdin.path, 'r') : undefined;
  try {
    const start = performance.now();
    const child = spawnSync(process.execPath, [BIN, ...args], {
      cwd,
      input: fd === undefined ? (stdin as string | Buffer | undefined) ?? '' : undefined,
      stdio: [fd ?? 'pipe', 'pipe', 'pipe'],
      encoding: 'utf8',
      timeout: options.timeoutMs ?? 15_000,
      killSignal: 'SIGKILL',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { status: child.status, signal: child.signal, stdout: child.stdout ?? '', stderr: child.stderr ?? '', ms: performance.now() - start };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A short description of a process run, for a failure message. */
export function describeRun(run: ProcessRun): string {
  const first = (run.stderr.trim() || run.stdout.trim()).split('\n')[0]?.slice(0, 200) ?? '';
  return `status ${run.status}${run.signal ? ` (killed by ${run.signal})` : ''} in ${Math.round(run.ms)} ms: ${first}`;
}
