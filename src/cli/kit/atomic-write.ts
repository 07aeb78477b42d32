/**
 * Writes a file so that readers see the old file or the whole new one, never a part: the text
 * goes to a temporary file in the same directory (same file system, so the rename is atomic),
 * is flushed to disk, then renamed over the target. On any failure the temporary file is removed
 * and the target is left as it was.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The file operations used, injectable so a test can make one of them fail. */
export interface AtomicFs {
  openSync: (path: string, flags: string, mode?: number) => number;
  /** Writes all of `text` (writeFileSync on a descriptor loops until it is written). */
  writeFileSync: (fd: number, text: string) => void;
  fsyncSync: (fd: number) => void;
  closeSync: (fd: number) => void;
  renameSync: (from: string, to: string) => void;
  rmSync: (path: string, options: { force: boolean }) => void;
}

const nodeFs: AtomicFs = { openSync, writeFileSync, fsyncSync, closeSync, renameSync, rmSync };

/** The temporary file beside `path`: hidden, unique to this process and call. */
export function temporaryPathFor(path: string, unique: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${unique}.tmp`);
}

/** Writes `text` to `path` atomically; the error's message when it cannot. */
export function writeFileAtomic(path: string, text: string, fs: AtomicFs = nodeFs): { ok: true } | { error: string } {
  const temporary = temporaryPathFor(path, Math.random().toString(36).slice(2, 10));
  let fd: number | undefined;
  try {
    // `wx`: never follow or reuse an existing file at the temporary name.
    fd = fs.openSync(temporary, 'wx', 0o644);
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temporary, path);
    return { ok: true };
  } catch (error) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // already failing: the first error is the one to report
      }
    }
    fs.rmSync(temporary, { force: true });
    const e = error as NodeJS.ErrnoException;
    return { error: e.code ? `${e.code}: ${e.message.replace(/^[A-Z]+: /, '')}` : String(e.message ?? error) };
  }
}
