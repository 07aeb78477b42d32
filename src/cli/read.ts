/** The CLI's only file access: read a policy or scenario file (or stdin), as text or a diagnostic. */
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { MAX_SOURCE_CHARACTERS } from '../parse/source.js';

/** A file's text, or why it could not be read. */
export type ReadResult = { text: string; file: string } | { diagnostic: Diagnostic };

let stdinUsed = false;

/** Reads `path` (`-` = standard input, once), refusing more than `maxCharacters`. Never throws. */
export function readInput(path: string, options: { maxCharacters?: number } = {}): ReadResult {
  const limit = options.maxCharacters ?? MAX_SOURCE_CHARACTERS;
  try {
    if (path === '-') {
      if (stdinUsed) return { diagnostic: readProblem('-', 'standard input can be read only once') };
      stdinUsed = true;
      return { text: readFileSync(0, 'utf8'), file: '-' };
    }
    const text = readFileSync(path, 'utf8');
    if (text.length > limit) {
      return { diagnostic: { code: 'input-too-large', severity: 'error', message: `\`${path}\` is ${text.length} characters, more than the ${limit} ramguard reads`, file: path, path: '' } };
    }
    return { text, file: path };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : String((error as Error).message);
    return { diagnostic: readProblem(path, reason) };
  }
}

function readProblem(path: string, reason: string): Diagnostic {
  return { code: 'unreadable-file', severity: 'error', message: `cannot read \`${path}\`: ${reason}`, file: path, path: '' };
}

/** The name a policy file is reported by in explanations: its base name. */
export function policyNameOf(file: string): string {
  return file === '-' ? 'stdin' : basename(file);
}

/** Reads a file named inside a scenario, relative to the scenario's folder. */
export function readRelativeTo(scenarioFile: string) {
  const base = scenarioFile === '-' ? process.cwd() : dirname(scenarioFile);
  return (path: string): { text: string; file: string } | { error: string } => {
    const read = readInput(resolve(base, path));
    return 'diagnostic' in read ? { error: read.diagnostic.message.replace(/^cannot read `[^`]*`: /, '') } : read;
  };
}
