/**
 * Reads a file as it is in a git revision (`origin/main:policies/x.json`), for `check` and `diff`.
 * Text from an argument never reaches git as an option: a revision that starts with `-` is
 * refused, the spec is passed after `--end-of-options` to resolve it to an object id, and the
 * blob is read by that verified id with `git cat-file` — no `git show`, whose options include
 * `--output=FILE`. The blob's size is checked before it is read. Never throws.
 */
import type { DiagnosticCode } from '../../diagnostics/codes.js';
import { spawnSync } from 'node:child_process';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { GIT_TIMEOUT_MS, READ_LIMITS } from './limits.js';

/** `REV:PATH`: a revision (no `:` in it) and a path inside it. */
export const REVISION_SPEC = /^([^:]+):(.+)$/s;

const OBJECT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

function unreadable(spec: string, reason: string, code: DiagnosticCode = 'unreadable-revision'): { diagnostic: Diagnostic } {
  return { diagnostic: { code, severity: 'error', message: `cannot read \`${spec}\` from git: ${reason}`, file: spec, path: '', help: 'give a file, or `REVISION:PATH` inside a git repository (e.g. `origin/main:policies/x.json`)' } };
}

function git(args: string[], cwd: string, maxBuffer = 64 * 1024): { ok: true; stdout: string } | { ok: false; reason: string } {
  const run = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer, timeout: GIT_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
  if (run.error) {
    const code = (run.error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'git is not available' : code === 'ETIMEDOUT' ? `git took longer than ${GIT_TIMEOUT_MS / 1000} s` : code ?? run.error.message };
  }
  if (run.status !== 0) return { ok: false, reason: (run.stderr.trim().split('\n')[0] ?? '').replace(/^fatal: /, '') || `git exited with ${run.status}` };
  return { ok: true, stdout: run.stdout };
}

/** The text of `REV:PATH` in the repository at `cwd`, at most `maxBytes` bytes. */
export function readRevision(spec: string, cwd: string, maxBytes: number = READ_LIMITS.document): { text: string } | { diagnostic: Diagnostic } {
  const match = REVISION_SPEC.exec(spec);
  if (!match) return unreadable(spec, 'it is not `REVISION:PATH`');
  const revision = match[1]!;
  if (revision.startsWith('-') || spec.includes('\0')) return unreadable(spec, 'a revision cannot start with `-`', 'invalid-argument');
  const resolved = git(['rev-parse', '--verify', '--quiet', '--end-of-options', spec], cwd);
  if (!resolved.ok) return unreadable(spec, resolved.reason.includes('git is not') || resolved.reason.includes('longer') ? resolved.reason : 'no such revision or path');
  const id = resolved.stdout.trim();
  if (!OBJECT_ID.test(id)) return unreadable(spec, 'git did not name one object');
  const type = git(['cat-file', '-t', id], cwd);
  if (!type.ok) return unreadable(spec, type.reason);
  if (type.stdout.trim() !== 'blob') return unreadable(spec, `it is a ${type.stdout.trim()}, not a file`);
  const size = git(['cat-file', '-s', id], cwd);
  if (!size.ok) return unreadable(spec, size.reason);
  const bytes = Number(size.stdout.trim());
  if (!Number.isSafeInteger(bytes) || bytes > maxBytes) {
    return { diagnostic: { code: 'input-too-large', severity: 'error', message: `\`${spec}\` is ${size.stdout.trim()} bytes, more than the ${maxBytes} ramguard reads`, file: spec, path: '' } };
  }
  const blob = git(['cat-file', 'blob', id], cwd, maxBytes + 1024);
  if (!blob.ok) return unreadable(spec, blob.reason);
  return { text: blob.stdout };
}
