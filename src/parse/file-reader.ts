/**
 * How pure loaders read the files a document names (`file:` references of scenarios and
 * snapshots): the CLI passes a bounded, confined reader (src/cli/kit/input.ts), a library caller
 * its own, and without one a reference is refused.
 */
import type { DiagnosticCode } from '../diagnostics/codes.js';

/**
 * Reads a `file:` reference, or says why not: `code` names the problem (`unreadable-file`, or
 * `path-outside-tree` when the reference points outside the directories the reader may read).
 */
export type PolicyFileReader = (path: string) => { text: string; file: string } | { error: string; code?: DiagnosticCode };
