/**
 * The statements of a layer that can match one action (issue 15): a decision over 600 statements
 * should look only at the few whose Action can name its action. Exact names map straight to their
 * statements; patterns are bucketed by their literal service (`cams:Up*` under `cams`) or kept in
 * one list when the service itself has a wildcard (`*`, `*:*`, `c?ms:*`), and each candidate's
 * own matcher has the last word, so the index is exact: it keeps a statement exactly when one of its
 * Action patterns matches. NotAction statements are always kept (they match what they do not name).
 */
import { hasWildcard, type WildcardMatcher } from '../match/wildcard.js';
import type { CompiledStatement } from './compile.js';

/** One wildcard pattern of a statement, with the literal text every action it matches starts with. */
interface PatternEntry {
  prefix: string;
  matcher: WildcardMatcher;
  position: number;
}

/** Layers of at most this many statements are not indexed (see actionIndex). */
const SMALL_LAYER = 8;

/** Above this many distinct actions per layer, answers are computed each time instead of kept. */
const MAX_CACHED_ACTIONS = 1000;

/**
 * The look-up over `statements` (in document order); ask it with lower-cased actions. The index is
 * built on the first question: a set compiled for one decision pays only for what it uses.
 */
export function actionIndex(statements: CompiledStatement[]): (action: string) => CompiledStatement[] {
  // Stryker disable next-line ConditionalExpression: equivalent, the small-layer filter of no statements gives an empty list too (docs/testing.md)
  if (statements.length === 0) return () => statements; // most sets leave most layers empty
  // A few statements are tested in turn: building the index would cost more than it saves.
  // Stryker disable next-line EqualityOperator,ConditionalExpression: equivalent, scanning and indexing keep the same statements (docs/testing.md)
  if (statements.length <= SMALL_LAYER) return (action) => statements.filter((s) => s.notAction || s.actions.some((m) => m.test(action)));
  let lookUp: ((action: string) => CompiledStatement[]) | undefined;
  const cache = new Map<string, CompiledStatement[]>();
  return (action) => {
    let found = cache.get(action);
    // Stryker disable next-line ConditionalExpression: equivalent, an answer looked up again is the same (docs/testing.md)
    if (!found) {
      lookUp ??= buildIndex(statements);
      found = lookUp(action);
      // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, the cache's bound (docs/testing.md)
      if (cache.size < MAX_CACHED_ACTIONS) cache.set(action, found);
    }
    return found;
  };
}

function buildIndex(statements: CompiledStatement[]): (action: string) => CompiledStatement[] {
  const exact = new Map<string, number[]>();
  const byService = new Map<string, PatternEntry[]>();
  const anyService: PatternEntry[] = [];
  const always: number[] = [];
  statements.forEach((s, position) => {
    if (s.notAction) {
      always.push(position);
      return;
    }
    for (const matcher of s.actions) {
      const pattern = matcher.pattern; // lower-cased by compileActionPatterns
      // Stryker disable next-line ConditionalExpression,BlockStatement: equivalent, an exact pattern filed with the wildcard ones is decided by its matcher alike (docs/testing.md)
      if (!hasWildcard(pattern)) {
        const list = exact.get(pattern);
        if (list) list.push(position);
        else exact.set(pattern, [position]);
        continue;
      }
      const prefix = pattern.slice(0, firstWildcard(pattern));
      const colon = prefix.indexOf(':');
      const entry = { prefix, matcher, position };
      // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, a pattern filed under no service is tested for every action: slower, same answer (docs/testing.md)
      if (colon < 0) anyService.push(entry);
      else {
        const service = prefix.slice(0, colon);
        const list = byService.get(service);
        if (list) list.push(entry);
        else byService.set(service, [entry]);
      }
    }
  });
  return (action) => {
    const hits = new Set<number>(always);
    for (const position of exact.get(action) ?? []) hits.add(position);
    const colon = action.indexOf(':');
    // Stryker disable next-line ConditionalExpression: equivalent, an action without `:` finds no service list that can match it (docs/testing.md)
    const own = colon < 0 ? undefined : byService.get(action.slice(0, colon));
    for (const list of [own ?? [], anyService]) {
      // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, a statement kept already is tested again, and the matcher decides (docs/testing.md)
      for (const e of list) if (!hits.has(e.position) && action.startsWith(e.prefix) && e.matcher.test(action)) hits.add(e.position);
    }
    return [...hits].sort((a, b) => a - b).map((position) => statements[position]!);
  };
}

function firstWildcard(pattern: string): number {
  // Stryker disable next-line StringLiteral: equivalent, an empty prefix files the pattern under no service (docs/testing.md)
  const star = pattern.indexOf('*');
  // Stryker disable next-line StringLiteral: equivalent, as above
  const mark = pattern.indexOf('?');
  return star < 0 ? mark : mark < 0 ? star : Math.min(star, mark);
}
