/** Action matching (M2): RAM wildcards, case-insensitive on both sides. */
import { compileWildcard, type WildcardMatcher } from './wildcard.js';

/** Compiles action patterns, lower-cased once. Match them against `lowerCaseAction(action)`. */
export function compileActionPatterns(patterns: readonly string[]): WildcardMatcher[] {
  return patterns.map((p) => compileWildcard(p.toLowerCase()));
}

/** The form actions are compared in. */
export function lowerCaseAction(action: string): string {
  return action.toLowerCase();
}

/**
 * The service an action pattern is limited to (`cams` for `cams:Get*`), or undefined when the
 * pattern can match several services (`*`, `c*:Get`): used to index statements by service.
 */
export function serviceOfPattern(pattern: string): string | undefined {
  const colon = pattern.indexOf(':');
  if (colon < 0) return undefined;
  const service = pattern.slice(0, colon).toLowerCase();
  return service.includes('*') || service.includes('?') ? undefined : service;
}

/** The service of a concrete action (`cams` for `cams:UpdateInstance`); `''` when it has none. */
export function serviceOfAction(action: string): string {
  const colon = action.indexOf(':');
  return colon < 0 ? '' : action.slice(0, colon).toLowerCase();
}
