/**
 * The files of an emulator's `--log FILE` (both `emulator cams` and `emulator account`):
 *
 * - FILE: one JSON line per request (entries already bounded by src/emulator/request-log.ts),
 *   rotated when the next line would take it over LOG_FILE_MAX_BYTES: FILE becomes FILE.1 (the
 *   previous FILE.1 is dropped) and a new FILE starts, so the two never hold more than twice the
 *   cap. A log that is not a regular file (a pipe, /dev/stdout) is never rotated.
 * - FILE.nonces: the signature nonces still inside their replay window, one JSON line each, so an
 *   emulator restarted with the same `--log` still refuses a request captured before the restart.
 *   Read and compacted (expired ones dropped) at start; rewritten from memory when it passes
 *   NONCE_FILE_MAX_BYTES.
 */
import { closeSync, fstatSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import type { NonceMemory } from '../emulator/signature.js';
import { writeFileAtomic } from './kit/atomic-write.js';

/** The size at which FILE is rotated to FILE.1. */
export const LOG_FILE_MAX_BYTES = 10 * 1024 * 1024;
/** The size at which FILE.nonces is rewritten with only the nonces still remembered. */
export const NONCE_FILE_MAX_BYTES = 1024 * 1024;
/** A nonce file larger than this at start is not read (it was not written by an emulator). */
const NONCE_FILE_READ_LIMIT = 64 * 1024 * 1024;

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

/** An open request log. `write` throws what the file system throws; the caller decides what to say. */
export interface RequestLogFile {
  write(line: string): void;
  close(): void;
  /** Whether FILE is a regular file (so rotated, and given a FILE.nonces). */
  regular: boolean;
}

/** Opens `path` for appending, rotating at `maxBytes`; the error code when it cannot be opened. */
export function openRequestLog(path: string, maxBytes: number = LOG_FILE_MAX_BYTES): RequestLogFile | { error: string } {
  let fd: number;
  let size: number;
  let rotates: boolean;
  try {
    fd = openSync(path, 'a');
    const stat = fstatSync(fd);
    size = stat.size;
    rotates = stat.isFile();
  } catch (error) {
    return { error: errorCode(error) };
  }
  return {
    write(line) {
      const bytes = Buffer.byteLength(line);
      if (rotates && size > 0 && size + bytes > maxBytes) {
        // Rename first: the open descriptor follows the file to FILE.1, so a failure at any step
        // leaves one valid descriptor to write to or close.
        renameSync(path, `${path}.1`);
        const fresh = openSync(path, 'a');
        closeSync(fd);
        fd = fresh;
        size = 0;
      }
      writeSync(fd, line);
      size += bytes;
    },
    close: () => closeSync(fd),
    regular: rotates,
  };
}

/** The nonce memory of an emulator whose nonces live in `path` too. */
export interface PersistedNonces {
  memory: NonceMemory;
  /** How many nonces still inside their window were read at start. */
  loaded: number;
  close(): void;
}

/**
 * Reads `path` (missing: none), keeps the nonces not yet expired at `nowMs`, and keeps every new
 * one in it. A write that fails later is told to `onError` once, and the nonces are from then on
 * kept in memory only (the emulator keeps serving).
 */
export function openNonceFile(path: string, nowMs: number, onError: (code: string) => void, maxBytes: number = NONCE_FILE_MAX_BYTES): PersistedNonces | { error: string } {
  const seen = new Map<string, number>();
  try {
    const size = statSync(path, { throwIfNoEntry: false })?.size ?? 0;
    const text = size > 0 && size <= NONCE_FILE_READ_LIMIT ? readFileSync(path, 'utf8') : '';
    const live: [string, number][] = [];
    for (const line of text.split('\n')) {
      const entry = parseNonceLine(line);
      if (entry && entry[1] > nowMs) live.push(entry);
    }
    // The memory forgets from the front: keep it in expiry order.
    for (const [nonce, until] of live.sort((a, b) => a[1] - b[1])) seen.set(nonce, until);
  } catch (error) {
    return { error: errorCode(error) };
  }
  const compact = (): { error: string } | undefined => {
    const written = writeFileAtomic(path, [...seen].map((entry) => JSON.stringify(entry) + '\n').join(''));
    return 'error' in written ? written : undefined;
  };
  const compacted = compact();
  if (compacted) return compacted;
  let fd: number;
  let size: number;
  try {
    fd = openSync(path, 'a');
    size = fstatSync(fd).size;
  } catch (error) {
    return { error: errorCode(error) };
  }
  let broken = false;
  // Rewrite when the file reaches twice what the last rewrite left: while many nonces are live,
  // rewrites stay rare (amortised constant work per nonce).
  let limit = Math.max(maxBytes, 2 * size);
  const memory: NonceMemory = {
    seen,
    onRemember: (nonce, until) => {
      if (broken) return;
      try {
        const line = JSON.stringify([nonce, until]) + '\n';
        if (size + Buffer.byteLength(line) <= limit) {
          writeSync(fd, line);
          size += Buffer.byteLength(line);
          return;
        }
        // The memory has just dropped every expired nonce and holds this one: it is the whole file.
        const failed = compact();
        if (failed) throw Object.assign(new Error(failed.error), { code: failed.error });
        const fresh = openSync(path, 'a');
        closeSync(fd);
        fd = fresh;
        size = fstatSync(fd).size;
        limit = Math.max(maxBytes, 2 * size);
      } catch (error) {
        broken = true; // called inside a request: never throw, say so once
        onError(errorCode(error));
      }
    },
  };
  return { memory, loaded: seen.size, close: () => closeSync(fd) };
}

/** `["nonce", untilMs]`, or undefined for a line that is not one. */
function parseNonceLine(line: string): [string, number] | undefined {
  if (line === '') return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && Number.isFinite(value[1]) ? [value[0], value[1] as number] : undefined;
  } catch {
    return undefined;
  }
}

/** What an emulator command opens for `--log FILE`: the request log and, for a regular file, its nonce file. */
export interface EmulatorLog {
  /** Appends one entry as a JSON line; after a failed write, says so once (`warn`) and stops. */
  record(entry: object): void;
  /** The nonce memory to start the emulator with (FILE.nonces), when FILE is a regular file. */
  nonces?: NonceMemory;
  /** Nonces read back from FILE.nonces, still inside their replay window. */
  loadedNonces: number;
  close(): void;
}

/** Opens FILE (and FILE.nonces); the problem, as `cannot open …`, when either cannot be opened. */
export function openEmulatorLog(path: string, nowMs: number, warn: (message: string) => void): EmulatorLog | { error: string } {
  const log = openRequestLog(path);
  if ('error' in log) return { error: `cannot open the log file \`${path}\`: ${log.error}` };
  const nonces = log.regular ? openNonceFile(`${path}.nonces`, nowMs, (code) => warn(`cannot write to \`${path}.nonces\` (${code}); nonces are kept in memory only from here`)) : undefined;
  if (nonces && 'error' in nonces) {
    log.close();
    return { error: `cannot open the nonce file \`${path}.nonces\`: ${nonces.error}` };
  }
  let broken = false;
  return {
    record(entry) {
      if (broken) return;
      try {
        log.write(JSON.stringify(entry) + '\n');
      } catch (error) {
        broken = true; // say so once, and keep serving: the terminal still shows each request
        warn(`cannot write to \`${path}\` (${errorCode(error)}); the log stops here`);
      }
    },
    ...(nonces ? { nonces: nonces.memory } : {}),
    loadedNonces: nonces?.loaded ?? 0,
    close() {
      log.close();
      nonces?.close();
    },
  };
}
