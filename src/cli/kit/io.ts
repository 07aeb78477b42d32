/**
 * Where a command prints and how it ends: the one `Io` every command is built with. The process
 * Io escapes everything it prints (escape.ts) and bounds what one call may print, so no command
 * can forget either; tests build their own Io to run commands in-process.
 */
import { readSync, writeSync } from 'node:fs';
import { escapeTerminal } from './escape.js';

/** A command's outputs, exit code and surroundings. */
export interface Io {
  /** Prints a line (the answer) on standard output. */
  out(text: string): void;
  /**
   * Prints a line made of `parts`, as `out(parts.join(''))` would, without making the whole text
   * (a lint report of thousands of files is tens of MiB as one string, and as many again in bytes).
   * Optional: without it, callers print the joined text with `out`.
   */
  outParts?(parts: Iterable<string>): void;
  /** Prints a line (diagnostics, progress, warnings) on standard error. */
  err(text: string): void;
  /** Records the exit code. */
  setExit(code: number): void;
  /** The directory ramguard runs in: relative paths resolve here, and file references stay inside it. */
  cwd: string;
  /** Reads standard input, at most `maxBytes + 1` bytes (one more than allowed, to tell "too large"). */
  readStdin(maxBytes: number): Buffer;
  /**
   * The JavaScript heap, for a command that paces its own full collections (a lint of many files:
   * lint-flags.ts, lint-pacer.ts). Absent, as in tests, V8 alone decides when to collect.
   */
  heap?: HeapControl;
}

/** A full garbage collection, and how much of the JavaScript heap is in use (bytes). */
export interface HeapControl {
  collect(): void;
  used(): number;
}

/**
 * Reads at most `limit` bytes from file descriptor `fd`, waiting out EAGAIN on a non-blocking pipe.
 * `expected` is how many bytes there should be (a regular file's size): the first read takes them
 * and one more into a buffer of that size, which is returned as it is when the file holds no more
 * (a lint of 2,000 files made three buffers of each, one of them 64 KiB, for the garbage collector).
 * `scratch`, when that first read fits in it, is that buffer: what is returned may then be a view
 * of it, to be decoded before `scratch` is read into again (one buffer for all of a lint's files,
 * not one of each file's size outside the heap until a full collection).
 */
export function readBounded(fd: number, limit: number, expected?: number, scratch?: Buffer): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const first = expected === undefined ? 64 * 1024 : Math.max(1, Math.min(limit, expected + 1));
  let chunk = scratch !== undefined && scratch.length >= first ? scratch.subarray(0, first) : Buffer.allocUnsafe(first);
  let filled = 0;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (total < limit) {
    let n: number;
    try {
      n = readSync(fd, chunk, filled, Math.min(chunk.length - filled, limit - total), null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 5); // a non-blocking pipe with nothing yet: wait, don't spin
        continue;
      }
      if (code === 'EOF') break; // Windows' end of a pipe
      throw error;
    }
    if (n === 0) break;
    filled += n;
    total += n;
    if (filled === chunk.length) {
      chunks.push(chunk);
      chunk = Buffer.allocUnsafe(64 * 1024);
      filled = 0;
    }
  }
  if (filled > 0) chunks.push(chunk.subarray(0, filled));
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

/**
 * Writes all of `text` to file descriptor `fd`, waiting out EAGAIN on a non-blocking pipe. The
 * process Io writes this way, not through `process.stdout`: making that stream costs a short run
 * about 8 ms of Node's own start-up (its net and stream modules; bench/cold-start.ts), and Node
 * writes to pipes, files and terminals synchronously on POSIX anyway, so the order of the lines
 * and what is printed before an exit stay the same. `scratch`, when the text's bytes fit in it,
 * holds them instead of a new buffer.
 */
export function writeAll(fd: number, text: string, scratch?: Buffer): void {
  let bytes = scratch && Buffer.byteLength(text, 'utf8') <= scratch.length ? scratch.subarray(0, scratch.write(text, 'utf8')) : Buffer.from(text, 'utf8');
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (bytes.length > 0) {
    let n: number;
    try {
      n = writeSync(fd, bytes);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(pause, 0, 0, 5); // a full non-blocking pipe: wait for the reader, don't spin
      continue;
    }
    bytes = bytes.subarray(n);
  }
}

/**
 * The most one `out`/`err` call prints: a report larger than this is cut with a note, so a
 * hostile input cannot make ramguard print without end (the readers and the per-file diagnostic
 * caps keep real answers far below it).
 */
export const MAX_PRINT_CHARACTERS = 64 * 1024 * 1024;

/** Bounds and escapes one printed text. */
export function printable(text: string): string {
  const bounded = text.length > MAX_PRINT_CHARACTERS ? `${text.slice(0, MAX_PRINT_CHARACTERS)}\n… output cut at ${MAX_PRINT_CHARACTERS} characters` : text;
  return escapeTerminal(bounded);
}

/** How many characters `printParts` gathers before it writes them. */
const PART_BATCH = 64 * 1024;

/**
 * Writes `parts` and a line break to `fd` as `printable(parts.join(''))` would be written, in
 * batches, reading `parts` once (a report's parts may be made as they are read): escaping part by
 * part is escaping the whole, but for a `\r` at the end of a part (the escape looks at the
 * character after it), which waits for the next part; past MAX_PRINT_CHARACTERS the text is cut
 * and the note added where `printable` cuts it.
 */
export function printParts(fd: number, parts: Iterable<string>): void {
  // One buffer for the batches' bytes, not one for each (a batch that does not fit gets its own).
  const scratch = Buffer.allocUnsafeSlow(4 * PART_BATCH);
  let total = 0;
  let batch = '';
  for (const part of parts) {
    const cut = total + part.length > MAX_PRINT_CHARACTERS;
    batch += cut ? `${part.slice(0, MAX_PRINT_CHARACTERS - total)}\n… output cut at ${MAX_PRINT_CHARACTERS} characters` : part;
    total += part.length;
    if (cut) break;
    if (batch.length >= PART_BATCH && !batch.endsWith('\r')) {
      writeAll(fd, escapeTerminal(batch), scratch);
      batch = '';
    }
  }
  writeAll(fd, escapeTerminal(batch) + '\n', scratch);
}

/** The Io of the running process: stdout, stderr, `process.exitCode`, the current directory, fd 0. */
export function processIo(): Io {
  return {
    out: (text) => writeAll(1, printable(text) + '\n'),
    outParts: (parts) => printParts(1, parts),
    err: (text) => writeAll(2, printable(text) + '\n'),
    setExit: (code) => {
      process.exitCode = code;
    },
    cwd: process.cwd(),
    readStdin: (maxBytes) => readBounded(0, maxBytes + 1),
  };
}
