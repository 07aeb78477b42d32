/**
 * Which characters lower-case to a given text (`K`, `k` and the Kelvin sign `K` all give `k`):
 * the case-insensitive operators compare `toLowerCase()` forms, so a region search needs every
 * character that can stand for a letter of the policy's value. The table is built once, on first
 * use, by lower-casing every code point (about 70 ms).
 */

let table: Map<string, string[]> | undefined;

/**
 * A new table, lower case → the code points that lower-case to it (none that lower-case to
 * themselves), in code-point order. Exported so that its test calls it: built lazily at module
 * level alone, mutation testing's per-test coverage saw its code run under whichever test came
 * first, never under its own (issue 17).
 */
export function lowerCaseTable(): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    // Stryker disable next-line all: equivalent, a lone surrogate lower-cases to itself and is skipped below anyway (docs/testing.md)
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const s = String.fromCodePoint(cp);
    const lower = s.toLowerCase();
    if (lower === s) continue;
    const list = map.get(lower);
    if (list) list.push(s);
    else map.set(lower, [s]);
  }
  return map;
}

/** The single characters (code points) whose lower case is exactly `text`. */
export function lowerCasePreimages(text: string): string[] {
  table ??= lowerCaseTable();
  const out = [...(table.get(text) ?? [])];
  if ([...text].length === 1 && text.toLowerCase() === text) out.unshift(text);
  return out;
}
