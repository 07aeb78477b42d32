/**
 * A report's text kept in a file that has no name (issue 15, "Memory", round 5): `ramguard lint`
 * of 2,000 files keeps 2.8 MiB of text report, 6.6 MiB of JSON or 12 MiB of SARIF until it prints
 * it (a read error in any file replaces the report, so none of it can be printed before the last
 * file). Kept deflated in the process (PackedParts) it still held about 1 MiB of SARIF, zlib's
 * states and Node's zlib and stream modules; written to a file, it holds none of them: the
 * kernel's page cache keeps the bytes, outside the process. The file is made in a new directory
 * of the system's temporary directory (mode 0700, the file 0600) and unlinked at once with its
 * directory, so nothing is left behind, whatever ends the process: its descriptor is all that
 * reaches it. Where that cannot be done (no writable temporary directory; Windows, which does not
 * unlink an open file) the report is kept deflated, as before; a write that fails (a full disk)
 * keeps the rest of the report deflated.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmdirSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { BatchedParts } from './batched-parts.js';
import { PackedParts } from './packed-parts.js';

/**
 * The system's temporary directory on POSIX, as node:os's `tmpdir()` finds it, without loading
 * node:os (a short lint loads nothing it does not need).
 */
function tmpdir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.TMPDIR || env.TMP || env.TEMP || '/tmp';
  return dir.length > 1 && dir.endsWith('/') ? dir.slice(0, -1) : dir;
}

/**
 * A new file of `dir` (the system's temporary directory) that has no name, open for reading and
 * writing; undefined when none can be made there.
 */
export function openUnnamed(dir = tmpdir(), platform = process.platform): number | undefined {
  if (platform === 'win32') return undefined;
  let home: string | undefined;
  let fd: number | undefined;
  try {
    home = mkdtempSync(join(dir, 'ramguard-report-'));
    const file = join(home, 'report');
    fd = openSync(file, 'wx+', 0o600);
    unlinkSync(file);
    rmdirSync(home);
    return fd;
  } catch {
    if (fd !== undefined) closeSync(fd);
    if (home !== undefined) rmSync(home, { recursive: true, force: true });
    return undefined;
  }
}

/**
 * Text kept in an unnamed file, a batch at a time (BatchedParts). The file is made when the first
 * batch is written: a report shorter than one batch (a lint of a few files) makes none.
 */
export class SpooledParts extends BatchedParts {
  /** Each batch's size in bytes, in the file's order. */
  readonly #sizes: number[] = [];
  #end = 0;
  /** The file, once made. */
  #fd: number | undefined;
  /** Where the batches go once the file could not be made or written. */
  #rest: PackedParts | undefined;

  /** `open` makes the file (openUnnamed; a test's own). */
  constructor(private readonly open: () => number | undefined = openUnnamed) {
    super();
  }

  /** Where the text is kept: in memory still (less than a batch), in the file, or (also) deflated. */
  get keptIn(): 'memory' | 'file' | 'deflated' {
    return this.#rest ? 'deflated' : this.#fd !== undefined ? 'file' : 'memory';
  }

  protected keep(batch: string): void {
    if (!this.#rest && this.#fd === undefined) this.#fd = this.open();
    if (this.#rest || this.#fd === undefined) return (this.#rest ??= new PackedParts()).push(batch);
    const buffer = this.scratch(Buffer.byteLength(batch, 'utf8'));
    const size = buffer.write(batch, 'utf8');
    try {
      for (let done = 0; done < size; ) done += writeSync(this.#fd, buffer, done, size - done, this.#end + done);
    } catch {
      // A full disk, a quota: what was written stays readable, the rest is kept deflated.
      (this.#rest = new PackedParts()).push(batch);
      return;
    }
    this.#sizes.push(size);
    this.#end += size;
  }

  /** One part per batch, read back as it is read, then what was kept deflated. */
  protected *kept(): Generator<string> {
    let at = 0;
    for (const size of this.#sizes) {
      const buffer = this.scratch(size);
      for (let done = 0; done < size; ) {
        const n = readSync(this.#fd!, buffer, done, size - done, at + done);
        if (n === 0) throw new Error('internal: the kept report is shorter than what was written');
        done += n;
      }
      at += size;
      yield buffer.toString('utf8', 0, size);
    }
    if (this.#rest) yield* this.#rest.parts();
  }

  /** Closes the file, which then is gone (as it is at the process's end): the store is not read after. */
  close(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
  }
}
