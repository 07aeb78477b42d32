/**
 * How every command reports problems: one builder for command-line problems, one way to print
 * diagnostics, and one JSON failure envelope, `{"ok": false, "diagnostics": [...]}`, whatever the
 * command (before, `eval` printed `decision: null`, `audit` `result: null`, `check` `verdict: null`).
 */
import type { DiagnosticCode } from '../../diagnostics/codes.js';
import { formatDiagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { capDiagnostics, carryOmitted } from '../../parse/limits.js';
import { EXIT } from '../exit-codes.js';
import type { Io } from './io.js';

/** Where a problem of the command line itself is reported. */
export const COMMAND_LINE = '<command line>';

/** A problem with an argument or option: `invalid-argument` on the command line. */
export function usageProblem(message: string, help?: string, code: DiagnosticCode = 'invalid-argument'): Diagnostic {
  return { code, severity: 'error', message, file: COMMAND_LINE, path: '', ...(help !== undefined ? { help } : {}) };
}

/** `d` with a file, so the printed line says where it is (`<command line>` by default). */
export function located(d: Diagnostic, file = COMMAND_LINE): Diagnostic {
  // A `too-many-diagnostics` summary's copy still stands for the diagnostics it counts.
  return d.file === undefined ? carryOmitted(d, { ...d, file }) : d;
}

/**
 * Prints diagnostics on stderr, one `file:line:col: severity[code]: message` each, at most 100 a
 * file (then one `too-many-diagnostics` with the count): whatever produced them, a command prints
 * a bounded report (an `eval --requests` file of 100,000 bad lines would otherwise print 200,000).
 */
export function printDiagnostics(io: Io, diagnostics: readonly Diagnostic[]): void {
  for (const d of capDiagnostics(diagnostics.map((x) => located(x)))) io.err(formatDiagnostic(d));
}

/** The one JSON shape of a command that could not answer (diagnostics capped per file, as printed). */
export function failureJson(diagnostics: readonly Diagnostic[]): string {
  return JSON.stringify({ ok: false, diagnostics: capDiagnostics(diagnostics.map((d) => located(d))) }, null, 2);
}

/**
 * Ends a command that could not answer: the failure envelope on stdout with `--format json`, else
 * the diagnostics on stderr (a SARIF, CSV or HTML consumer must not get a different JSON), exit 2.
 */
export function failWith(io: Io, format: string | undefined, diagnostics: readonly Diagnostic[], exitCode: number = EXIT.invalid): void {
  if (format === 'json') io.out(failureJson(diagnostics));
  else printDiagnostics(io, diagnostics);
  io.setExit(exitCode);
}

/** With `--strict`, every warning becomes an error (the command then gives no answer and exits 2). */
export function strictProblems(diagnostics: readonly Diagnostic[], strict: boolean): Diagnostic[] {
  if (!strict) return [...diagnostics];
  return diagnostics.map((d) => (d.severity === 'error' ? d : { ...d, severity: 'error' as const, message: `${d.message} (an error with --strict)` }));
}
