/**
 * What the hygiene rules share: JSON Pointers to the items of an element as it was written, a
 * certain-only "pattern covers pattern" test, and "statement covers statement" for one element.
 */
import { hasWildcard, compileWildcard } from '../../match/wildcard.js';
import type { ConditionClause, Principal, Statement } from '../../policy/types.js';
import { rawStatement } from '../written.js';

/**
 * The pointer of item `i` of a statement element (`Action`, `NotAction`, `Resource`):
 * `/Statement/0/Action/1` when the element was written as an array, `/Statement/0/Action` when it
 * was a single string.
 */
export function elementItemPath(raw: Record<string, unknown>, statement: Statement, element: 'Action' | 'NotAction' | 'Resource', i: number): string {
  const written = rawStatement(raw, statement)?.[element];
  return Array.isArray(written) ? `${statement.sourcePath}/${element}/${i}` : `${statement.sourcePath}/${element}`;
}

/** The pointer of value `i` of a condition clause, `/…/Condition/Op/Key/1` or `/…/Condition/Op/Key`. */
export function conditionValuePath(raw: Record<string, unknown>, statement: Statement, clause: ConditionClause, i: number): string {
  const condition = rawStatement(raw, statement)?.['Condition'] as Record<string, Record<string, unknown> | undefined> | undefined;
  const written = condition?.[clause.operator]?.[clause.key];
  return Array.isArray(written) ? `${clause.sourcePath}/${i}` : clause.sourcePath;
}

// Stand-ins for the wildcards of the covered pattern: characters no policy pattern contains.
const STAR = '\u0000';
const QUESTION = '\u0001';

/**
 * True when every string pattern `b` matches is certainly matched by pattern `a` (RAM wildcards,
 * case-sensitive; lower-case both for actions). `b`'s wildcards become characters that only a
 * wildcard of `a` can match: a `*` of `b` must fall inside a `*` of `a`, a `?` of `b` inside a
 * `*` or `?` of `a`. When `a` has `?` and `b` has `*`, coverage is not claimed unless they are equal.
 */
export function patternCovers(a: string, b: string): boolean {
  if (a === '*' || a === b) return true;
  if (!hasWildcard(a)) return false;
  if (a.includes(STAR) || a.includes(QUESTION)) return false;
  if (a.includes('?') && b.includes('*')) return false;
  // What `a` spells before its first wildcard must begin `b` (a wildcard of `b` stands for a
  // character no literal matches): most pairs part there, without a matcher (the hygiene rules
  // compare every pair of statements' patterns, most of a lint's allocations).
  if (!b.startsWith(a.slice(0, a.search(/[*?]/)))) return false;
  return compileWildcard(a).test(b.replaceAll('*', STAR).replaceAll('?', QUESTION));
}

/** Action patterns compare case-insensitively (M2). */
export function actionCovers(a: string, b: string): boolean {
  return patternCovers(a.toLowerCase(), b.toLowerCase());
}

/** True when every pattern of `covered` is covered by some pattern of `by`. */
export function allCovered(by: readonly string[], covered: readonly string[], covers: (a: string, b: string) => boolean): boolean {
  return covered.every((b) => by.some((a) => covers(a, b)));
}

/** True when every action `s` names is certainly named by `t` too (Action or NotAction; mixed forms only under `t` = `*`). */
export function actionsCovered(t: Statement, s: Statement): boolean {
  if (t.actions?.some((a) => a === '*')) return true;
  if (t.actions && s.actions) return allCovered(t.actions, s.actions, actionCovers);
  // NotAction: `t` excludes less than `s` when each of its exclusions is one of `s`'s.
  if (t.notActions && s.notActions) return allCovered(s.notActions, t.notActions, actionCovers);
  return false;
}

/** True when every resource of `s` is covered by `t` (both absent in trust policies). */
export function resourcesCovered(t: Statement, s: Statement): boolean {
  if (t.resources === undefined || s.resources === undefined) return t.resources === s.resources;
  return allCovered(t.resources, s.resources, patternCovers);
}

/** True when every principal entry of `s` is listed in `t` too (both absent outside trust policies). */
export function principalsCovered(t: Statement, s: Statement): boolean {
  if (t.principal === undefined || s.principal === undefined) return t.principal === s.principal;
  const tp = t.principal;
  const sp = s.principal;
  return (['RAM', 'Service', 'Federated'] as (keyof Principal)[]).every((k) => sp[k].every((e) => tp[k].includes(e)));
}

/** A clause in a form that compares equal when two clauses are the same (keys case-insensitive, M4). */
function clauseKey(c: ConditionClause): string {
  return JSON.stringify([c.operator, c.key.toLowerCase(), [...new Set(c.values)].sort()]);
}

/** True when every clause of `t` is also a clause of `s`: whenever `s`'s conditions hold, `t`'s do. */
export function conditionsImplied(t: Statement, s: Statement): boolean {
  const own = new Set(s.conditions.map(clauseKey));
  return t.conditions.every((c) => own.has(clauseKey(c)));
}

/** `statement 2` or ``statement 2 (`Sid`)``, for messages. */
export function statementName(statement: Statement): string {
  return statement.sid !== undefined ? `statement ${statement.index} (\`${statement.sid}\`)` : `statement ${statement.index}`;
}
