/**
 * Does one statement apply to a request? Three answers: it does, it does not, or it depends on
 * unknown context. The fast form returns a code; the traced form says why, down to each value,
 * and gives the formula over unknown clauses under which it applies.
 */
import type { Residual, StatementRef, StatementTrace, Tri } from '../decision/types.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { WildcardMatcher } from '../match/wildcard.js';
import type { PreparedRequest } from '../request/prepare.js';
import type { CompiledStatement } from './compile.js';
import { evaluateClause, traceClause, type TriCode } from './conditions.js';
import { and, FALSE, TRUE } from './residual.js';

/** The pattern (as the policy wrote it) of the first matcher that matches, or undefined. */
function firstMatch(matchers: WildcardMatcher[], input: string, written: readonly string[] = []): string | undefined {
  for (let i = 0; i < matchers.length; i++) if (matchers[i]!.test(input)) return written[i] ?? matchers[i]!.pattern;
  return undefined;
}

/** Whether the action (or NotAction) part matches. */
function actionMatches(s: CompiledStatement, action: string): boolean {
  const hit = firstMatch(s.actions, action) !== undefined;
  return s.notAction ? !hit : hit;
}

/** Whether the statement's non-condition parts (action, resource, principal) match. */
function scopeMatches(s: CompiledStatement, request: PreparedRequest): boolean {
  if (!actionMatches(s, request.action)) return false;
  if (s.resources && firstMatch(s.resources, request.request.resource) === undefined) return false;
  if (s.principal && s.principal(request.request.principal) === undefined) return false;
  return true;
}

/** Fast form: 0 does not apply, 1 applies, 2 depends on unknown context. */
export function statementApplies(s: CompiledStatement, request: PreparedRequest, problems: Diagnostic[]): TriCode {
  if (!scopeMatches(s, request)) return 0;
  let result: TriCode = 1;
  for (const clause of s.clauses) {
    const r = evaluateClause(clause, request, problems);
    if (r === 0) return 0;
    if (r === 2) result = 2;
  }
  return result;
}

/** The formula over unknown clauses under which the statement applies (TRUE/FALSE when known). */
export function statementFormula(s: CompiledStatement, request: PreparedRequest, problems: Diagnostic[]): Residual {
  if (!scopeMatches(s, request)) return FALSE;
  const parts: Residual[] = [];
  for (const c of s.clauses) {
    const r = evaluateClause(c, request, problems);
    if (r === 0) return FALSE;
    if (r === 2) parts.push({ kind: 'condition', operator: c.clause.operator, key: c.clause.key, values: c.clause.values, from: s.ref });
  }
  return parts.length === 0 ? TRUE : and(parts);
}

/** Traced form: why the statement did or did not apply. */
export function traceStatement(s: CompiledStatement, request: PreparedRequest, problems: Diagnostic[]): StatementTrace {
  const actionPattern = firstMatch(s.actions, request.action, s.source.actions ?? s.source.notActions);
  const actionHit = s.notAction ? actionPattern === undefined : actionPattern !== undefined;
  const trace = copyRef(s.ref) as StatementTrace;
  trace.action = { result: actionHit ? 'match' : 'no-match', notAction: s.notAction };
  if (actionPattern !== undefined) trace.action.matchedBy = actionPattern;
  trace.conditions = s.clauses.map((c) => traceClause(c, request, problems));
  trace.result = 'no-match';
  const parts: Tri[] = [trace.action.result];
  if (s.resources) {
    const by = firstMatch(s.resources, request.request.resource);
    trace.resource = by !== undefined ? { result: 'match', matchedBy: by } : { result: 'no-match' };
    parts.push(trace.resource.result);
  }
  if (s.principal) {
    const by = s.principal(request.request.principal);
    trace.principal = by !== undefined ? { result: 'match', matchedBy: by } : { result: 'no-match' };
    parts.push(trace.principal.result);
  }
  for (const c of trace.conditions) parts.push(c.result);
  trace.result = parts.includes('no-match') ? 'no-match' : parts.includes('unknown') ? 'unknown' : 'match';
  return trace;
}

/** A copy of a statement reference with only its defined fields (no object spread: it is hot). */
export function copyRef(ref: StatementRef): StatementRef {
  const copy: StatementRef = { layer: ref.layer, policy: ref.policy, statement: ref.statement, effect: ref.effect };
  if (ref.level !== undefined) copy.level = ref.level;
  if (ref.resourceGroup !== undefined) copy.resourceGroup = ref.resourceGroup;
  if (ref.sid !== undefined) copy.sid = ref.sid;
  return copy;
}

