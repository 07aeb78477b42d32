/**
 * The page's "copy the `ramguard eval` command" button: the scenario as it is in the editor,
 * given to `ramguard eval --scenario -` on standard input. The text is one POSIX single-quoted
 * word: inside single quotes a shell expands nothing (`$`, backquotes, `\`, newlines stay as
 * they are), and the one character that could end the quoting, `'`, is written `'\''` (end the
 * quote, a quoted quote, start again) — so no scenario text can become shell syntax.
 */

/** `text` as one POSIX shell word. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The command line that evaluates `scenarioText` as the page does (printf is a shell built-in: no length limit of exec applies). */
export function evalCommandLine(scenarioText: string): string {
  return `printf '%s\\n' ${shellQuote(scenarioText)} | ramguard eval --scenario -`;
}
