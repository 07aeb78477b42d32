/**
 * `evaluate`: one request against a compiled policy set → a decision that explains itself.
 * Fast path: every statement known → booleans. Otherwise the same combination is computed as a
 * formula over the unknown context, and the decision is Allow / deny / Conditional (E9–E11).
 */
import type { EvaluationResult, Residual, StatementRef } from '../decision/types.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { RequestLens } from '../request/plain.js';
import { prepareRequest, type PreparedRequest } from '../request/prepare.js';
import type { AuthorizationRequest } from '../request/types.js';
import type { CompiledPolicySet, CompiledStatement } from './compile.js';
import { explainDeny, tracePlan } from './explain-parts.js';
import { algebraGroups, booleanAlgebra, combine, groupValues, planDecision, type Algebra, type DecisionPlan, type GroupValue, type LayerPlan } from './layers.js';
import { and, FALSE, isConstant, not, or, TRUE } from './residual.js';
import { statementFormula } from './statement.js';
import { EntryCodes, fastPlan } from './fast-plan.js';
import { ALLOWS, DENIES, StatementCodes, UNKNOWN_GROUP, type PlanCodes } from './plan-codes.js';

/** Options of `evaluate`. */
export interface EvaluateOptions {
  /** Include the per-statement trace (`statements`); off is faster. Default true. */
  trace?: boolean;
}

const residualAlgebra: Algebra<Residual> = { T: TRUE, F: FALSE, and, or, not, and2: (a, b) => and([a, b]), or2: (a, b) => or([a, b]) };

/** Thrown inside the fast path when something is unknown; caught at once. */
const UNKNOWN = Symbol('unknown');

/** Evaluates one request. Pure: no clock, no I/O; time comes in as `acs:CurrentTime`. */
export function evaluate(
  compiled: CompiledPolicySet,
  input: AuthorizationRequest | PreparedRequest,
  options: EvaluateOptions = {},
): EvaluationResult {
  const request = prepareRequest(input);
  return decide(compiled, request, [...request.diagnostics], options);
}

/** `evaluate` of a prepared request; `problems` starts as the request's diagnostics and becomes the result's. */
function decide(compiled: CompiledPolicySet, request: PreparedRequest, problems: Diagnostic[], options: EvaluateOptions = {}): EvaluationResult {
  const plan = planDecision(compiled, request);
  // A plan's first decision asks its statements one by one; later ones its entries (plan-codes.ts).
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,UpdateOperator: equivalent, both PlanCodes answer alike (docs/testing.md)
  const codes: PlanCodes = plan.fast || plan.decisions++ > 0 ? new EntryCodes((plan.fast ??= fastPlan(plan)), request, problems) : new StatementCodes(compiled, request, problems);
  if (plan.assumeRole && request.request.principal.arn === undefined && plan.resource.namesService()) {
    problems.push({ code: 'missing-principal-arn', severity: 'error', message: '`sts:AssumeRole` is checked against the trust policy, which needs the caller\'s ARN', path: '/principal/arn', help: 'give the caller with `--principal-arn`' });
  }
  const result = decideFast(plan, codes) ?? decideSymbolic(plan, request, problems);
  result.decidingStatements = decidingStatements(plan, result.decision, codes);
  if (options.trace !== false) result.statements = tracePlan(compiled, plan, request, problems);
  result.diagnostics = problems;
  if (plan.root) result.notes.push(plan.assumeRole ? 'the root user is not subject to RAM policies, but a role\'s trust policy must still trust it' : 'the root user is not subject to RAM policies');
  if (!plan.assumeRole && compiled.resource.statements.length > 0) result.notes.push('trust policies apply only to `sts:AssumeRole` and were not consulted');
  return result;
}

/** Each compiled set's lens, with the statements its keys were taken from (a set is not changed, but a copy may be). */
const lenses = new WeakMap<CompiledPolicySet, { all: CompiledStatement[]; count: number; lens: RequestLens }>();

/** The set's RequestLens: the lower-cased keys its clauses test, over every statement (the trace reads them all). */
function lensOf(compiled: CompiledPolicySet): RequestLens {
  const known = lenses.get(compiled);
  if (known !== undefined && known.all === compiled.all && known.count === compiled.all.length) return known.lens;
  const tested = new Set<string>();
  // Every layer's statements as well as `all`: a set put together by hand need not list them alike.
  for (const list of [compiled.all, ...compiled.control.map((l) => l.statements), compiled.session?.statements ?? [], compiled.identity.statements, compiled.resourceGroup.statements, compiled.resource.statements]) {
    for (const s of list) for (const c of s.clauses) tested.add(c.keyLower);
  }
  // A set's first decision (no plan memoised yet) may be its only one — a set compiled per call:
  // remembering a lens for it would cost more than the decision (weak entries and caches, garbage collection).
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, a lens remembered or not reads the same keys (docs/testing.md)
  const remember = compiled.plans.size > 0;
  const lens = new RequestLens(tested, remember);
  // Stryker disable next-line ConditionalExpression,ObjectLiteral: equivalent, as above
  if (remember) lenses.set(compiled, { all: compiled.all, count: compiled.all.length, lens });
  return lens;
}

/**
 * `evaluate` of a new plain request, prepared for this set only (src/request/plain.ts): the same
 * result, or undefined when the request is not one the argument checks accept as it is (or one
 * the cheap preparation leaves to `prepareRequest`). For the checked entry (src/api), which then
 * takes the full path. `compiled` must be a CompiledPolicySet.
 */
export function evaluatePlain(compiled: CompiledPolicySet, input: unknown, options?: EvaluateOptions): EvaluationResult | undefined {
  const request = lensOf(compiled).prepare(input);
  // Its own request, seen by no one else: its diagnostics list can be the result's, uncopied.
  return request === undefined ? undefined : decide(compiled, request, request.diagnostics, options);
}

function emptyResult(decision: EvaluationResult['decision']): EvaluationResult {
  return { decision, decidingStatements: [], unknownKeys: [], possibleDenies: [], statements: [], diagnostics: [], notes: [] };
}

// Stryker disable next-line BlockStatement: equivalent, decideFast giving up hands the decision to decideSymbolic (docs/testing.md)
function decideFast(plan: DecisionPlan, codes: PlanCodes): EvaluationResult | undefined {
  // Plain loops per group inside `codes` (no per-statement arrays): the path most decisions take.
  const group = (p: LayerPlan): GroupValue<boolean> => {
    const value = codes.group(p);
    if (value === UNKNOWN_GROUP) throw UNKNOWN;
    return { allow: (value & ALLOWS) !== 0, deny: (value & DENIES) !== 0 };
  };
  let values;
  try {
    values = groupValues(booleanAlgebra, plan, group);
  } catch (e) {
    if (e === UNKNOWN) return undefined;
    throw e;
  }
  const combined = combine(booleanAlgebra, plan, values);
  if (combined.allowed) return emptyResult('Allow');
  const result = emptyResult(combined.deny ? 'ExplicitDeny' : 'ImplicitDeny');
  Object.assign(result, explainDeny(plan, values, combined.deny, (v) => v));
  return result;
}

function decideSymbolic(plan: DecisionPlan, request: PreparedRequest, problems: Diagnostic[]): EvaluationResult {
  const rg = request.request.resourceGroup;
  const formula = (s: CompiledStatement): Residual => {
    if (s.ref.layer !== 'resource-group') return statementFormula(s, request, problems);
    if (rg !== undefined) return s.ref.resourceGroup === rg ? statementFormula(s, request, problems) : FALSE;
    return and([{ kind: 'resource-group', resourceGroup: s.ref.resourceGroup! }, statementFormula(s, request, problems)]);
  };
  const values = groupValues(residualAlgebra, plan, algebraGroups(residualAlgebra, formula));
  const combined = combine(residualAlgebra, plan, values);
  const allowed = isConstant(combined.allowed);
  const deny = isConstant(combined.deny);
  let result: EvaluationResult;
  if (allowed === true) {
    result = emptyResult('Allow');
  } else if (allowed === false) {
    result = emptyResult(deny === true ? 'ExplicitDeny' : 'ImplicitDeny');
    Object.assign(result, explainDeny(plan, values, deny === true, (v) => isConstant(v)));
  } else {
    result = emptyResult('Conditional');
    result.residual = combined.allowed;
  }
  result.unknownKeys = unknownKeysOf(combined.allowed);
  result.possibleDenies = possibleDenies(plan, formula, allowed === true);
  return result;
}

function unknownKeysOf(p: Residual): string[] {
  const keys = new Map<string, string>();
  const walk = (q: Residual): void => {
    if (q.kind === 'and' || q.kind === 'or') q.of.forEach(walk);
    else if (q.kind === 'not') walk(q.of);
    else if (q.kind === 'condition' && !keys.has(q.key.toLowerCase())) keys.set(q.key.toLowerCase(), q.key);
  };
  walk(p);
  return [...keys.values()];
}

function possibleDenies(plan: DecisionPlan, formula: (s: CompiledStatement) => Residual, allowed: boolean): StatementRef[] {
  if (allowed) return [];
  return plan.consulted
    .flatMap((g) => g.statements)
    .filter((s) => s.deny && isConstant(formula(s)) === undefined)
    .map((s) => s.ref);
}

/** E12: the statements that certainly apply in the groups that decided. */
function decidingStatements(plan: DecisionPlan, decision: EvaluationResult['decision'], codes: PlanCodes): StatementRef[] {
  if (decision === 'Conditional' || decision === 'ImplicitDeny') return [];
  const wantDeny = decision === 'ExplicitDeny';
  // E5: resource-group-level statements decide only when the account level gave implicit deny.
  const accountDecided = codes.accountDecided(plan.account, wantDeny);
  const out: StatementRef[] = [];
  for (const group of plan.consulted) {
    if (group === plan.resourceGroup && accountDecided) continue;
    codes.collect(group, wantDeny, out);
  }
  return out;
}
