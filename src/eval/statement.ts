/**
 * Does one statement apply to a request? Three answers: it does, it does not, or it depends on
 * unknown context. The fast form returns a code; the traced form says why, down to each value,
 * and gives the formula over unknown clauses under which it applies.
 */
import type { Residual, StatementTrace, Tri } from '../decision/types.js';
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

/**
 * Whether the statement's non-condition parts (action, resource, principal) match. `actionMatched`:
 * the statement comes from the action index for this action, which has matched its Action already.
 * `resourceHit`: whether its Resource matches, when the caller has matched it already (fast-plan.ts).
 */
function scopeMatches(s: CompiledStatement, request: PreparedRequest, actionMatched = false, resourceHit?: boolean): boolean {
  if (!(actionMatched && !s.notAction) && !actionMatches(s, request.action)) return false;
  if (s.resources && !(resourceHit ?? firstMatch(s.resources, request.request.resource) !== undefined)) return false;
  if (s.principal && s.principal(request.request.principal) === undefined) return false;
  return true;
}

/**
 * Fast form: 0 does not apply, 1 applies, 2 depends on unknown context. Pass `actionMatched` for
 * a statement of a decision plan (`CompiledLayer.forAction` of the request's action), and
 * `resourceHit` when its Resource has been matched already.
 */
export function statementApplies(s: CompiledStatement, request: PreparedRequest, problems: Diagnostic[], actionMatched = false, resourceHit?: boolean): TriCode {
  if (!scopeMatches(s, request, actionMatched, resourceHit)) return 0;
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

/**
 * Traced form: why the statement did or did not apply. Every entry is one literal with every field
 * present (`undefined` where absent) in one order, so entries share one hidden class and code that
 * reads them stays monomorphic; JSON drops the undefined fields, and the order of the fields that
 * remain is the one entries always had (the reference's fields, action, conditions, result, ...).
 */
export function traceStatement(s: CompiledStatement, request: PreparedRequest, problems: Diagnostic[]): StatementTrace {
  const actionPattern = firstMatch(s.actions, request.action, s.source.actions ?? s.source.notActions);
  const actionHit = s.notAction ? actionPattern === undefined : actionPattern !== undefined;
  const action: Tri = actionHit ? 'match' : 'no-match';
  const conditions = s.clauses.map((c) => traceClause(c, request, problems));
  let resource: StatementTrace['resource'];
  if (s.resources) {
    const by = firstMatch(s.resources, request.request.resource);
    resource = { result: by !== undefined ? 'match' : 'no-match', matchedBy: by };
  }
  let principal: StatementTrace['principal'];
  if (s.principal) {
    const by = s.principal(request.request.principal);
    principal = { result: by !== undefined ? 'match' : 'no-match', matchedBy: by };
  }
  let noMatch = action === 'no-match' || resource?.result === 'no-match' || principal?.result === 'no-match';
  let unknown = false;
  for (const c of conditions) {
    if (c.result === 'no-match') noMatch = true;
    else if (c.result === 'unknown') unknown = true;
  }
  const ref = s.ref;
  return {
    layer: ref.layer,
    policy: ref.policy,
    statement: ref.statement,
    effect: ref.effect,
    level: ref.level,
    resourceGroup: ref.resourceGroup,
    sid: ref.sid,
    action: { result: action, notAction: s.notAction, matchedBy: actionPattern },
    conditions,
    result: noMatch ? 'no-match' : unknown ? 'unknown' : 'match',
    resource,
    principal,
    skipped: undefined,
  };
}

/** The trace of `s` made from the trace of a statement with the same body: its own entry, the parts shared. */
export function traceAs(parts: StatementTrace, s: CompiledStatement): StatementTrace {
  const ref = s.ref;
  // The literal of traceStatement, field for field (one hidden class).
  return {
    layer: ref.layer,
    policy: ref.policy,
    statement: ref.statement,
    effect: ref.effect,
    level: ref.level,
    resourceGroup: ref.resourceGroup,
    sid: ref.sid,
    action: parts.action,
    conditions: parts.conditions,
    result: parts.result,
    resource: parts.resource,
    principal: parts.principal,
    skipped: undefined,
  };
}
