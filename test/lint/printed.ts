/** What `printParts` writes to a file descriptor, read back: shared by the report tests. */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printParts } from '../../src/cli/kit/io.js';

/** What printParts writes for `parts` (to a file of its own temporary directory, removed after). */
export function printed(parts: Iterable<string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ramguard-print-parts-'));
  try {
    const path = join(dir, 'out.txt');
    const fd = openSync(path, 'w');
    try {
      printParts(fd, parts);
    } finally {
      closeSync(fd);
    }
    return readFileSync(path, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
