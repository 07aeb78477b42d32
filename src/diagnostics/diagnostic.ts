/**
 * The one Diagnostic type used by every part of ramguard: schema errors, validation errors,
 * request errors and (later) lint findings. Messages follow Cedar's style: lower-case, no final
 * period, user values in backticks; the location lives in `range`/`path`, never in the text.
 */
import type { DiagnosticCode } from './codes.js';

export type { DiagnosticCode } from './codes.js';

/** How bad a diagnostic is; mirrors the RAM console's categories plus plain `error`. */
export type Severity = 'error' | 'security-warning' | 'warning' | 'suggestion';

/** A 1-based line/column span in a source file; `endColumn` is exclusive. */
export interface SourceRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A problem or finding, with where it is and how to fix it. */
export interface Diagnostic {
  /** Stable kebab-case identifier, e.g. `unknown-operator`; tests assert codes, not wording. */
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  /** The file the problem is in, when it came from a file (`-` for stdin). */
  file?: string;
  range?: SourceRange;
  /** JSON Pointer (RFC 6901) to the offending element inside the document. */
  path: string;
  /** How to fix it, in a sentence. */
  help?: string;
}

/** True when any diagnostic is an error (the input cannot be used). */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Escapes one JSON Pointer reference token (RFC 6901: `~` → `~0`, `/` → `~1`). */
export function escapePointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Builds a JSON Pointer from path segments: `['Statement', 0, 'Effect']` → `/Statement/0/Effect`. */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + escapePointerToken(s)).join('');
}

/** Splits a JSON Pointer into its unescaped segments (array indices stay strings). */
export function fromPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Formats a diagnostic as one human line: `file:line:col: severity[code]: message`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = [d.file ?? '<input>', d.range ? `${d.range.line}:${d.range.column}` : undefined]
    .filter((x) => x !== undefined)
    .join(':');
  const at = d.path ? ` (at ${d.path})` : '';
  const help = d.help ? `\n  help: ${d.help}` : '';
  return `${where}: ${d.severity}[${d.code}]: ${d.message}${at}${help}`;
}
