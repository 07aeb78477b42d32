/**
 * Reads a file as it is in a git revision (`origin/main:policies/x.json`), for `check` and `diff`.
 * Text from an argument never reaches git as an option: a revision that starts with `-` is
 * refused, the spec goes to `git cat-file --batch-check` on standard input (never on the command
 * line), which resolves it to an object id, type and size in one call, and the blob is read by
 * that verified id with `git cat-file blob` — no `git show`, whose options include
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

function git(args: string[], cwd: string, maxBuffer = 64 * 1024, input = ''): { ok: true; stdout: string } | { ok: false; reason: string } {
  const run = spawnSync('git', args, { cwd, input, encoding: 'utf8', maxBuffer, timeout: GIT_TIMEOUT_MS, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
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
  // One spec per line of standard input: a line break would name a second object.
  if (/[\r\n]/.test(spec)) return unreadable(spec, 'a revision or path cannot hold a line break', 'invalid-argument');
  const checked = git(['cat-file', '--batch-check'], cwd, 64 * 1024, `${spec}\n`);
  if (!checked.ok) return unreadable(spec, checked.reason);
  // `<id> <type> <size>` for an object; `<spec> missing` (or `ambiguous`) otherwise.
  const [id = '', type = '', size = ''] = checked.stdout.trim().split(' ');
  if (!OBJECT_ID.test(id) || size === '') return unreadable(spec, 'no such revision or path');
  if (type !== 'blob') return unreadable(spec, `it is a ${type}, not a file`);
  const bytes = Number(size);
  if (!Number.isSafeInteger(bytes) || bytes > maxBytes) {
    return { diagnostic: { code: 'input-too-large', severity: 'error', message: `\`${spec}\` is ${size} bytes, more than the ${maxBytes} ramguard reads`, file: spec, path: '' } };
  }
  const blob = git(['cat-file', 'blob', id], cwd, maxBytes + 1024);
  if (!blob.ok) return unreadable(spec, blob.reason);
  return { text: blob.stdout };
}
