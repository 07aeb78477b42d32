/**
 * Debian programs the renderer tests drive: Chromium (the html page, headless) and Graphviz's
 * `dot` (the dot output). A machine without them gets them from Debian's packages with apt-get,
 * once, bounded in time; when that cannot be done (not root, no apt-get, no network to the
 * package mirror, too slow) the caller is told why, so only the test that needs the program is
 * skipped, with that message. Measured on this project's machine: apt-get update 2.6 s, chromium
 * 21-24 s (81 MB, 25 packages with --no-install-recommends), graphviz 9-14 s (10 packages); the
 * two installs run one after the other (a lock), only on a machine that lacks them.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium as playwright, type Browser } from 'playwright-core';

/** A program the tests can run, or why not. */
export type Tool = { path: string } | { missing: string };

/** What each program is called and which Debian package brings it. */
const TOOLS = {
  chromium: { path: '/usr/bin/chromium', pkg: 'chromium' },
  dot: { path: '/usr/bin/dot', pkg: 'graphviz' },
} as const;

/** Longest an install may take before the test gives up on it (CI's budget is 10 minutes for everything). */
const INSTALL_TIMEOUT_MS = 240_000;
/** Test files run in parallel workers: one apt-get at a time, via a lock directory. */
const LOCK = join(tmpdir(), 'ramguard-test-apt.lock');

/** The program, installing its package first if it is missing and it can be. */
export async function ensureTool(name: keyof typeof TOOLS): Promise<Tool> {
  const tool = TOOLS[name];
  if (existsSync(tool.path)) return { path: tool.path };
  if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) return { missing: `${tool.path} is missing and there is no apt-get to install Debian's ${tool.pkg}` };
  if (process.getuid?.() !== 0) return { missing: `${tool.path} is missing; install it with \`sudo apt-get install ${tool.pkg}\` (the tests install it only as root)` };
  return withLock(async (): Promise<Tool> => {
    if (existsSync(tool.path)) return { path: tool.path }; // another worker installed it meanwhile
    const started = Date.now();
    const update = await command('apt-get', ['update', '-qq'], INSTALL_TIMEOUT_MS);
    const install = await command('apt-get', ['install', '-y', '-qq', '--no-install-recommends', tool.pkg], INSTALL_TIMEOUT_MS - (Date.now() - started));
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (existsSync(tool.path)) {
      console.warn(`installed Debian's ${tool.pkg} for the renderer tests in ${seconds} s`);
      return { path: tool.path };
    }
    const why = install.timedOut ? 'timed out' : lastLines(install.stderr || update.stderr);
    return { missing: `${tool.path} is missing and \`apt-get install ${tool.pkg}\` did not bring it (${seconds} s): ${why}` };
  });
}

/** Runs a command without blocking the test worker; kills it at the timeout. */
function command(program: string, args: string[], timeoutMs: number): Promise<{ stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let timedOut = false;
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, Math.max(timeoutMs, 1));
    child.on('error', (error) => resolve({ stderr: error.message, timedOut }));
    child.on('close', () => {
      clearTimeout(timer);
      resolve({ stderr, timedOut });
    });
  });
}

function lastLines(text: string | null): string {
  return (text ?? '').trim().split('\n').slice(-2).join(' ') || 'no output';
}

/** Runs `fn` holding the lock directory; a lock older than the install timeout is stale. */
async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + INSTALL_TIMEOUT_MS + 30_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      const age = (() => {
        try {
          return Date.now() - statSync(LOCK).mtimeMs;
        } catch {
          return 0;
        }
      })();
      if (age > INSTALL_TIMEOUT_MS + 30_000 || Date.now() > deadline) {
        try {
          rmdirSync(LOCK);
        } catch {
          // another worker removed it first
        }
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    return await fn();
  } finally {
    rmdirSync(LOCK);
  }
}

/**
 * Chromium's flags for a headless run on this machine, as root, off the network (without the
 * background-networking flags it keeps trying hosts a closed network refuses).
 */
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--hide-scrollbars'];

/** Launches headless Chromium through playwright-core (it downloads no browser of its own). */
export function launchChromium(executablePath: string): Promise<Browser> {
  return playwright.launch({ executablePath, args: CHROMIUM_FLAGS });
}
