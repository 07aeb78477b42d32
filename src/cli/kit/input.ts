/**
 * The CLI's only way to read input. Every read is bounded (kit/limits.ts); devices and sockets are
 * refused, pipes and standard input are read up to the limit; standard input is read once per
 * run. Paths the user types are read where they point (the user said so); `file:` references
 * inside a scenario, snapshot or emulator configuration — text that may come from a pull request
 * — resolve relative to the referencing file and must stay inside the directory ramguard runs in
 * (after symlinks are resolved) or a directory given with `--allow-path`. Never throws.
 */
import type { DiagnosticCode } from '../../diagnostics/codes.js';
import { closeSync, fstatSync, openSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { PolicyFileReader } from '../../parse/file-reader.js';
import { readBounded, type Io } from './io.js';
import { READ_LIMITS } from './limits.js';
import { usageProblem } from './report.js';

/** The largest file read into the reader's one buffer (see `scratchFor`). */
const SCRATCH_LIMIT = 1024 * 1024;

/** A file's text, or why it was not read. */
export type ReadResult = { text: string; file: string } | { diagnostic: Diagnostic };

/** Reads the inputs of one command run. */
export interface InputReader {
  /** Reads a path given on the command line (`-`: standard input, once). */
  read(path: string, options?: { maxBytes?: number }): ReadResult;
  /** The reader of `file:` references inside `file`: relative to it, confined to the allowed directories. */
  referencesOf(file: string, options?: { maxBytes?: number }): PolicyFileReader;
  /** True when `path` names a file this run has read (so nothing may be written over it). */
  hasRead(path: string): boolean;
  /** The directories references may reach (real paths). */
  roots: readonly string[];
}

const problem = (code: DiagnosticCode, file: string, message: string, help?: string): Diagnostic => ({ code, severity: 'error', message, file, path: '', ...(help !== undefined ? { help } : {}) });

function tooLarge(file: string, size: number | undefined, limit: number): Diagnostic {
  const what = size === undefined ? `more than ${limit} bytes` : `${size} bytes, more than the ${limit}`;
  return problem('input-too-large', file, `\`${file}\` is ${what} ramguard reads`, limit === READ_LIMITS.document ? 'a RAM policy is at most 6,144 characters; check that this is the right file' : 'check that this is the right file');
}

function errnoReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'a part of the path is not a directory';
  if (code === 'ELOOP') return 'too many symbolic links';
  if (code === 'ENAMETOOLONG') return 'the name is too long';
  return code ?? 'it cannot be read';
}

/** Why a file of this type is not read, or undefined when it may be. */
function refusal(stats: Stats): string | undefined {
  if (stats.isDirectory()) return 'it is a directory';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'it is a device, not a file';
  if (stats.isSocket()) return 'it is a socket, not a file';
  return undefined;
}

/** Creates the reader of one run; `allowPaths` widens where references may point. Bad `--allow-path` values are problems. */
export function createInputReader(io: Io, allowPaths: readonly string[] = []): { reader: InputReader; problems: Diagnostic[] } {
  const problems: Diagnostic[] = [];
  const roots: string[] = [];
  for (const dir of [io.cwd, ...allowPaths]) {
    try {
      const real = realpathSync(resolve(io.cwd, dir));
      if (!statSync(real).isDirectory()) problems.push(usageProblem(`\`--allow-path ${dir}\` is not a directory`));
      else roots.push(real);
    } catch (error) {
      problems.push(usageProblem(`\`--allow-path ${dir}\`: ${errnoReason(error)}`));
    }
  }
  const read = new Set<string>();
  let stdinUsed = false;
  // One buffer the files are read into and decoded from (readBounded), grown to the largest file
  // up to SCRATCH_LIMIT: a file larger than that (a snapshot) gets a buffer of its own.
  let scratch: Buffer | undefined;
  const scratchFor = (size: number): Buffer | undefined => {
    if (size > SCRATCH_LIMIT) return undefined;
    if (scratch === undefined || scratch.length < size) scratch = Buffer.allocUnsafeSlow(Math.max(16 * 1024, 2 ** Math.ceil(Math.log2(size))));
    return scratch;
  };

  // A refusal carries its reason apart from the message, so a reference's error is built from
  // data, never by cutting a message apart.
  type Refused = { diagnostic: Diagnostic; reason: string };
  const refuse = (shown: string, reason: string): Refused => ({ diagnostic: problem('unreadable-file', shown, `cannot read \`${shown}\`: ${reason}`), reason });
  const readPath = (path: string, shown: string, maxBytes: number): { text: string; file: string } | Refused => {
    const absolute = resolve(io.cwd, path);
    let fd: number | undefined;
    try {
      const before = statSync(absolute);
      const refused = refusal(before);
      if (refused) return refuse(shown, refused);
      if (before.isFile() && before.size > maxBytes) return { diagnostic: tooLarge(shown, before.size, maxBytes), reason: `it is ${before.size} bytes, more than the ${maxBytes} ramguard reads` };
      fd = openSync(absolute, 'r');
      const stats = fstatSync(fd); // the file opened, not a file swapped in after the check
      const refusedNow = refusal(stats);
      if (refusedNow) return refuse(shown, refusedNow);
      const bytes = readBounded(fd, maxBytes + 1, stats.isFile() ? stats.size : undefined, stats.isFile() ? scratchFor(stats.size + 1) : undefined);
      if (bytes.length > maxBytes) return { diagnostic: tooLarge(shown, undefined, maxBytes), reason: `it is more than the ${maxBytes} bytes ramguard reads` };
      if (stats.isFile()) read.add(`${stats.dev}:${stats.ino}`);
      return { text: bytes.toString('utf8'), file: shown };
    } catch (error) {
      return refuse(shown, errnoReason(error));
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  };

  const reader: InputReader = {
    roots,
    read(path, options = {}) {
      const maxBytes = options.maxBytes ?? READ_LIMITS.document;
      if (path !== '-') return readPath(path, path, maxBytes);
      if (stdinUsed) return { diagnostic: problem('unreadable-file', '-', 'cannot read `-`: standard input can be read only once') };
      stdinUsed = true;
      try {
        const bytes = io.readStdin(maxBytes);
        if (bytes.length > maxBytes) return { diagnostic: tooLarge('-', undefined, maxBytes) };
        return { text: bytes.toString('utf8'), file: '-' };
      } catch (error) {
        return { diagnostic: problem('unreadable-file', '-', `cannot read standard input: ${errnoReason(error)}`) };
      }
    },
    referencesOf(file, options = {}) {
      const base = file === '-' ? io.cwd : dirname(resolve(io.cwd, file));
      const maxBytes = options.maxBytes ?? READ_LIMITS.document;
      return (reference: string) => {
        if (typeof reference !== 'string' || reference === '' || reference.includes('\0')) return { error: 'not a file name', code: 'unreadable-file' };
        const target = resolve(base, reference);
        let real: string;
        try {
          real = realpathSync(target);
        } catch (error) {
          // Say nothing about what exists outside: a missing file outside is "outside" too.
          if (!roots.some((root) => inside(root, target))) return outside(reference);
          return { error: errnoReason(error), code: 'unreadable-file' };
        }
        if (!roots.some((root) => inside(root, real))) return outside(reference);
        const result = readPath(real, relativeName(io.cwd, real, reference), maxBytes);
        return 'diagnostic' in result ? { error: result.reason, code: result.diagnostic.code } : result;
      };
    },
    hasRead(path) {
      const identity = fileIdentity(resolve(io.cwd, path));
      return identity !== undefined && read.has(identity);
    },
  };
  return { reader, problems };
}

function outside(reference: string): { error: string; code: DiagnosticCode } {
  return { error: `\`${reference}\` is outside the directory ramguard runs in; nothing was read (give \`--allow-path DIR\` to allow a directory)`, code: 'path-outside-tree' };
}

/** A file's identity (device and inode: the same for every link to it), or undefined when it cannot be found. */
export function fileIdentity(path: string): string | undefined {
  try {
    const stats = statSync(path);
    return `${stats.dev}:${stats.ino}`;
  } catch {
    return undefined;
  }
}

/** True when `path` is `root` or below it. */
export function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel));
}

/** A referenced file's name in diagnostics: relative to the working directory when inside it. */
function relativeName(cwd: string, real: string, reference: string): string {
  const rel = relative(cwd, real);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : reference === '' ? basename(real) : real;
}
