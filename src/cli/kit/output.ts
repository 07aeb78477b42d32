/**
 * The CLI's only way to write a file (`lint --output`, `collect --output`): never over a file the
 * same run read (`lint p.json --output p.json` would replace the policy with its report), never
 * onto a directory, and atomically (kit/atomic-write.ts), so a full disk leaves the previous file
 * whole. A symbolic link is followed and its target replaced; a pipe or device (`/dev/stdout`)
 * is written to directly, since it cannot be renamed over. Never throws.
 */
import { realpathSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { writeFileAtomic, type AtomicFs } from './atomic-write.js';
import type { InputReader } from './input.js';
import { usageProblem } from './report.js';

const unwritable = (message: string, help?: string) => usageProblem(message, help, 'unwritable-file');

/** `stat`, or undefined when nothing can be found there (ENOENT, ENOTDIR, EACCES, a loop). */
function statOrNothing(path: string) {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/**
 * Checks that `path` can be written by this run, before the work that produces it. `reader` says
 * which files are the run's inputs (by default every file it read; `lint` counts only the files
 * that were named or held a policy, so last run's `report.json` in a walked tree is no input).
 */
export function checkOutputPath(path: string, cwd: string, reader?: Pick<InputReader, 'hasRead'>): Diagnostic | undefined {
  const absolute = resolve(cwd, path);
  const stats = statOrNothing(absolute);
  if (stats?.isDirectory()) return unwritable(`cannot write \`${path}\`: it is a directory`, 'name a file, e.g. `--output report.sarif`');
  if (stats && reader?.hasRead(absolute)) return unwritable(`cannot write \`${path}\`: it is an input of this run, and would be lost`, 'write the report to another file');
  const parent = statOrNothing(dirname(absolute));
  if (!parent) return unwritable(`cannot write \`${path}\`: the directory \`${dirname(path)}\` does not exist`, 'create the directory first');
  if (!parent.isDirectory()) return unwritable(`cannot write \`${path}\`: \`${dirname(path)}\` is not a directory`);
  return undefined;
}

/** Writes `text` to `path` (checked again: the inputs are known now); a diagnostic when it cannot. */
export function writeOutput(path: string, text: string, cwd: string, reader?: Pick<InputReader, 'hasRead'>, fs?: AtomicFs): Diagnostic | undefined {
  const checked = checkOutputPath(path, cwd, reader);
  if (checked) return checked;
  let target = resolve(cwd, path);
  const stats = statOrNothing(target);
  if (stats && !stats.isFile()) {
    try {
      writeFileSync(target, text);
      return undefined;
    } catch (error) {
      return unwritable(`cannot write \`${path}\`: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  if (stats) target = realpathSync(target); // keep a symbolic link, replace what it points to
  const written = writeFileAtomic(target, text, fs);
  return 'error' in written ? unwritable(`cannot write \`${path}\`: ${written.error}`, 'nothing was written; the file, if it existed, is unchanged') : undefined;
}
