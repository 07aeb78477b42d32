/**
 * One escaping function for everything ramguard prints: text from a policy, a file name or an
 * argument must never drive the terminal. A value such as `\u001b]0;title\u0007\u001b[2J` would
 * retitle the window and clear the screen if printed raw, and bidirectional overrides
 * (U+202E) can make a printed line read differently from what it says (Trojan Source).
 *
 * Control characters (C0 except tab and newline, DEL, C1), bidirectional controls and invisible
 * format characters are written as `\uXXXX`: the same spelling a JSON string uses, so applying
 * the escape to JSON output keeps it valid JSON with the same value (JSON.stringify already
 * escapes C0, but not DEL, C1, U+2028/2029 or the bidi controls).
 */

// C0 minus \t (09) and \n (0a), and \r (0d) unless it ends a line (CSV's CRLF; a lone CR would
// let a value overwrite what was printed before it on the line); DEL and C1; zero-width and bidi
// format characters; line and paragraph separators; the BOM and interlinear annotation characters.
const UNSAFE = /\r(?!\n)|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;

/** `text` with every character that could control a terminal written as `\uXXXX`. */
export function escapeTerminal(text: string): string {
  return text.replace(UNSAFE, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** True when `text` holds a character `escapeTerminal` would rewrite. */
export function hasUnsafeCharacters(text: string): boolean {
  UNSAFE.lastIndex = 0;
  const found = UNSAFE.test(text);
  UNSAFE.lastIndex = 0;
  return found;
}
