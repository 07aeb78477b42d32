/**
 * RAM's wildcard matcher: `*` matches any run of characters (including none, `:` and `/`), `?`
 * exactly one character, everything else is literal. Hand-written because no library has these
 * rules: minimatch stops `*` at `/` and gives `[`, `{`, `!` meaning, and a regex built from the
 * pattern can backtrack exponentially. This matcher is linear in pattern + input: the pattern is
 * split at `*` into segments, the first anchored at the start, the last at the end, and each
 * middle one placed at its leftmost occurrence — which is always safe for `*`-only globs.
 */

/** A pattern compiled once, matched many times. */
export interface WildcardMatcher {
  readonly pattern: string;
  /** True when `input` matches the whole pattern. */
  test(input: string): boolean;
}

/** True when the pattern contains a wildcard character (`*` or `?`). */
export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/** Compiles a RAM wildcard pattern. Pass lower-cased pattern and inputs for case-insensitive use. */
export function compileWildcard(pattern: string): WildcardMatcher {
  if (pattern === '*') return { pattern, test: () => true };
  if (!hasWildcard(pattern)) return { pattern, test: (input) => input === pattern };
  const segments = pattern.split('*');
  if (segments.length === 2 && segments[1] === '' && !pattern.includes('?')) {
    const prefix = segments[0] ?? '';
    return { pattern, test: (input) => input.startsWith(prefix) };
  }
  return { pattern, test: (input) => matchSegments(segments, input) };
}

/** Matches `input` against a pattern once (compile it instead when matching repeatedly). */
export function wildcardMatch(pattern: string, input: string): boolean {
  return compileWildcard(pattern).test(input);
}

function matchSegments(segments: string[], input: string): boolean {
  const first = segments[0] ?? '';
  if (segments.length === 1) return first.length === input.length && segmentAt(first, input, 0);
  const last = segments[segments.length - 1] ?? '';
  if (first.length + last.length > input.length) return false;
  if (!segmentAt(first, input, 0)) return false;
  const lastStart = input.length - last.length;
  if (!segmentAt(last, input, lastStart)) return false;
  let position = first.length;
  for (let i = 1; i < segments.length - 1; i++) {
    const segment = segments[i] ?? '';
    if (segment === '') continue;
    const found = findSegment(segment, input, position, lastStart);
    if (found < 0) return false;
    position = found + segment.length;
  }
  return true;
}

/** True when `segment` (with `?` = any one character) matches `input` at `start`. */
function segmentAt(segment: string, input: string, start: number): boolean {
  if (start + segment.length > input.length) return false;
  for (let i = 0; i < segment.length; i++) {
    const c = segment.charCodeAt(i);
    if (c !== 63 /* ? */ && c !== input.charCodeAt(start + i)) return false;
  }
  return true;
}

/**
 * The leftmost position ≥ `from` where `segment` matches and ends by `limit`, or -1.
 * Segments without `?` use the native indexOf (linear); segments with `?` search from the
 * longest literal run, then check the rest around each candidate.
 */
function findSegment(segment: string, input: string, from: number, limit: number): number {
  if (!segment.includes('?')) {
    const at = input.indexOf(segment, from);
    return at >= 0 && at + segment.length <= limit ? at : -1;
  }
  const { text: anchor, offset } = longestLiteralRun(segment);
  if (anchor === '') {
    return from + segment.length <= limit ? from : -1;
  }
  let at = input.indexOf(anchor, from + offset);
  while (at >= 0) {
    const start = at - offset;
    if (start + segment.length > limit) return -1;
    if (segmentAt(segment, input, start)) return start;
    at = input.indexOf(anchor, at + 1);
  }
  return -1;
}

function longestLiteralRun(segment: string): { text: string; offset: number } {
  let best = { text: '', offset: 0 };
  let offset = 0;
  for (const run of segment.split('?')) {
    if (run.length > best.text.length) best = { text: run, offset };
    offset += run.length + 1;
  }
  return best;
}
