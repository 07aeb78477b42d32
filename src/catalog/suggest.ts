/** "Did you mean": the closest names by edit distance, for unknown actions and policies. */

/** Levenshtein distance, case-insensitive (names differ mostly in case and typos). */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length]!;
}

/**
 * Printable ASCII as Unicode's root collation orders it (ICU; the order of `localeCompare` in
 * English), letters by their first level, where a letter's two cases are one.
 */
const ROOT_ORDER = ' _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$0123456789aAbBcCdDeEfFgGhHiIjJkKlLmMnNoOpPqQrRsStTuUvVwWxXyYzZ';
const FIRST_LEVEL = new Int8Array(128).fill(-1);
for (let i = 0, level = 0; i < ROOT_ORDER.length; i++) {
  const c = ROOT_ORDER.charCodeAt(i);
  // An upper-case letter shares the level of the lower-case one before it.
  FIRST_LEVEL[c] = c >= 0x41 && c <= 0x5a ? level - 1 : level++;
}
const printableAscii = (s: string) => /^[\x20-\x7e]*$/.test(s);

/**
 * Orders two names as `localeCompare` does in English (issue 15, "Memory", round 5): printable
 * ASCII by the table above — first by letters regardless of case, punctuation, digits; then lower
 * case before upper case — and other text by `localeCompare` itself. `localeCompare` makes ICU's
 * collator, whose data (in Node's binary) a did-you-mean of a lint made resident: 1.9 MiB of its
 * peak. ASCII names are so ordered whatever the user's locale (a Danish one orders `aa` last).
 */
export function compareNames(a: string, b: string): number {
  if (!printableAscii(a) || !printableAscii(b)) return a.localeCompare(b);
  const shorter = Math.min(a.length, b.length);
  for (let i = 0; i < shorter; i++) {
    const d = FIRST_LEVEL[a.charCodeAt(i)]! - FIRST_LEVEL[b.charCodeAt(i)]!;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  // The same letters: the first that differs in case decides, lower case first.
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a.charCodeAt(i) > b.charCodeAt(i) ? -1 : 1;
  return 0;
}

/** Names longer than this get no suggestions (no catalog name is near it). */
export const MAX_SUGGESTED_LENGTH = 256;

/** Up to `limit` candidates within a distance of a third of the name's length, closest first. */
export function closest(name: string, candidates: Iterable<string>, limit = 3): string[] {
  // Edit distance costs length × length per candidate: a name far longer than any action or
  // policy name (a hostile 100,000-character action) is no typo of one, and is not compared.
  if (name.length > MAX_SUGGESTED_LENGTH) return [];
  const budget = Math.max(2, Math.floor(name.length / 3));
  return [...candidates]
    .map((c) => [c, editDistance(name, c)] as const)
    .filter(([, d]) => d <= budget)
    .sort((p, q) => p[1] - q[1] || compareNames(p[0], q[0]))
    .slice(0, limit)
    .map(([c]) => c);
}

/** "did you mean `a`, `b`?" for the given names, or undefined when there are none. */
export function didYouMean(names: readonly string[]): string | undefined {
  return names.length > 0 ? `did you mean ${names.map((n) => `\`${n}\``).join(', ')}?` : undefined;
}
