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
    .sort((p, q) => p[1] - q[1] || p[0].localeCompare(q[0]))
    .slice(0, limit)
    .map(([c]) => c);
}

/** "did you mean `a`, `b`?" for the given names, or undefined when there are none. */
export function didYouMean(names: readonly string[]): string | undefined {
  return names.length > 0 ? `did you mean ${names.map((n) => `\`${n}\``).join(', ')}?` : undefined;
}
