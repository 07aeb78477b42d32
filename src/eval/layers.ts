/**
 * Which statements take part in a decision, layer by layer (E2–E8), and how the layers combine.
 * The combination is written once over an algebra, so the same code computes a plain boolean
 * decision (fast path) and a formula over unknown context (when something is unknown).
 */
import type { RamPolicyType } from '../decision/types.js';
import type { PreparedRequest } from '../request/prepare.js';
import type { CompiledLayer, CompiledPolicySet, CompiledStatement } from './compile.js';
import type { FastPlan, GroupEntries } from './fast-plan.js';

/** One group of statements that must be evaluated together: a control level, the session, ... */
export interface LayerPlan {
  policyType: RamPolicyType;
  /** The statements that can apply: those whose Action matches the request's action, and NotAction ones. */
  statements: CompiledStatement[];
  /**
   * Whether any statement of the layer names the request's service (or any service), as the
   * plan's statements did before the action index: messages that say a layer was not given
   * ("no trust policy was given") read this, so they do not change with the index. A function:
   * only those messages need it, and a set compiled for one decision need not index by service.
   */
  namesService(): boolean;
  /** The statements as entries of the plan (fast-plan.ts), made with `DecisionPlan.fast`. */
  entries: GroupEntries | undefined;
}

/** The groups a request meets, and what kind of request it is. */
export interface DecisionPlan {
  control: LayerPlan[];
  session: LayerPlan | undefined;
  account: LayerPlan;
  resourceGroup: LayerPlan;
  resource: LayerPlan;
  root: boolean;
  assumeRole: boolean;
  /** The groups consulted for this kind of request, in evaluation order. */
  consulted: LayerPlan[];
  /** The plan as entries for the fast path (fast-plan.ts), made by its second decision (plan-codes.ts). */
  fast: FastPlan | undefined;
  /** Decisions made with the plan before `fast` was made. */
  decisions: number;
}

/** Builds the plan (memoised per set and action): only statements whose Action can match the request's action. */
export function planDecision(set: CompiledPolicySet, request: PreparedRequest): DecisionPlan {
  const service = request.service;
  const action = request.action;
  const root = request.request.principal.type === 'Root';
  // Keyed by the action (a flat string, hashed once), then the caller: `planKey` says the same, but
  // as a joined string each new request must flatten and hash again (issue 15).
  let pair = set.plans.get(action) as PlanPair | undefined;
  // Stryker disable next-line ConditionalExpression: equivalent, a plan built again is the same plan (docs/testing.md)
  const memo = pair && (root ? pair.root : pair.user);
  // Stryker disable next-line ConditionalExpression: equivalent, as above
  if (memo) return memo;
  const plan: DecisionPlan = {
    control: set.control.map((level) => layerPlan('ControlPolicy', level, action, service)),
    account: layerPlan('AccountLevelIdentityBasedPolicy', set.identity, action, service),
    resourceGroup: layerPlan('ResourceGroupLevelIdentityBasedPolicy', set.resourceGroup, action, service),
    resource: layerPlan('AssumeRolePolicy', set.resource, action, service),
    // Every field in the literal, for one hidden class.
    session: set.session ? layerPlan('SessionPolicy', set.session, action, service) : undefined,
    root,
    assumeRole: request.action === 'sts:assumerole',
    // Stryker disable next-line ArrayDeclaration: equivalent, overwritten below (docs/testing.md)
    consulted: [],
    fast: undefined,
    decisions: 0,
  };
  plan.consulted = consultedGroups(plan);
  // Stryker disable next-line ConditionalExpression,BooleanLiteral,EqualityOperator,ObjectLiteral: equivalent, the memo's bound: memoising always, never or from the 1,000th plan on gives the same plans (docs/testing.md)
  if (!pair && set.plans.size < 1000) set.plans.set(action, (pair = { user: undefined, root: undefined }));
  // Stryker disable next-line ConditionalExpression,BlockStatement: equivalent, as above
  if (pair) {
    if (root) pair.root = plan;
    else pair.user = plan;
  }
  return plan;
}

/** The memoised plans of one action (`CompiledPolicySet.plans`): the root user's and everyone else's. */
interface PlanPair {
  user: DecisionPlan | undefined;
  root: DecisionPlan | undefined;
}

function layerPlan(policyType: RamPolicyType, compiled: CompiledLayer, action: string, service: string): LayerPlan {
  // One literal with every field: one hidden class for every group.
  return { policyType, statements: compiled.forAction(action), namesService: () => compiled.forService(service).length > 0, entries: undefined };
}

function consultedGroups(plan: DecisionPlan): LayerPlan[] {
  if (plan.root) return plan.assumeRole ? [plan.resource] : [];
  return [...plan.control, ...(plan.session ? [plan.session] : []), plan.account, plan.resourceGroup, ...(plan.assumeRole ? [plan.resource] : [])];
}

/** Boolean operations over some value type V (booleans, or formulas). */
export interface Algebra<V> {
  T: V;
  F: V;
  and(parts: V[]): V;
  or(parts: V[]): V;
  and2(a: V, b: V): V;
  or2(a: V, b: V): V;
  not(part: V): V;
}

/** Allow and Deny of one group: any applying Allow / any applying Deny. */
export interface GroupValue<V> {
  allow: V;
  deny: V;
}

/** Per-group values of a whole plan. */
export interface PlanValues<V> {
  control: GroupValue<V>[];
  session?: GroupValue<V>;
  account: GroupValue<V>;
  resourceGroup: GroupValue<V>;
  resource: GroupValue<V>;
}

/** Evaluates one group: any applying Allow, any applying Deny. */
export type GroupEvaluator<V> = (group: LayerPlan) => GroupValue<V>;

/** The group evaluator of an algebra, given each statement's value. */
export function algebraGroups<V>(alg: Algebra<V>, applies: (s: CompiledStatement) => V): GroupEvaluator<V> {
  return (p) => {
    const allows: V[] = [];
    const denies: V[] = [];
    for (const s of p.statements) (s.deny ? denies : allows).push(applies(s));
    return { allow: alg.or(allows), deny: alg.or(denies) };
  };
}

/** Evaluates every group a request meets; groups not consulted (E7, E8) neither allow nor deny. */
export function groupValues<V>(alg: Algebra<V>, plan: DecisionPlan, group: GroupEvaluator<V>): PlanValues<V> {
  const none = (): GroupValue<V> => ({ allow: alg.F, deny: alg.F });
  const values: PlanValues<V> = {
    control: plan.root ? [] : plan.control.map(group),
    account: plan.root ? none() : group(plan.account),
    resourceGroup: plan.root ? none() : group(plan.resourceGroup),
    resource: plan.assumeRole ? group(plan.resource) : none(),
  };
  if (plan.session && !plan.root) values.session = group(plan.session);
  return values;
}

/** The decision's two questions: is an Allow in place where needed, and does any Deny apply. */
export interface Combined<V> {
  /** Every layer that must allow does (control levels, session, identity and/or trust). */
  needed: V;
  /** Some Deny applies in a layer that is consulted. */
  deny: V;
  /** Allowed = needed and no deny. */
  allowed: V;
  /** The identity layer's allow: account level, or resource-group level when consulted (E5). */
  identityAllow: V;
}

/** Combines group values per RAM's evaluation order (E1–E8). */
export function combine<V>(alg: Algebra<V>, plan: DecisionPlan, v: PlanValues<V>): Combined<V> {
  // Binary operations and plain loops: this runs once per decision on the fast path.
  // E5: resource-group-level policies are consulted only when the account level gives implicit deny.
  const rgConsulted = alg.and2(alg.not(v.account.allow), alg.not(v.account.deny));
  const identityAllow = alg.or2(v.account.allow, alg.and2(rgConsulted, v.resourceGroup.allow));
  const identityDeny = alg.or2(v.account.deny, alg.and2(rgConsulted, v.resourceGroup.deny));
  let deny = alg.or2(identityDeny, v.resource.deny);
  if (v.session) deny = alg.or2(v.session.deny, deny);
  for (let i = v.control.length - 1; i >= 0; i--) deny = alg.or2(v.control[i]!.deny, deny);
  let needed: V;
  if (plan.root) {
    needed = plan.assumeRole ? v.resource.allow : alg.T; // E8
  } else {
    needed = plan.assumeRole ? alg.and2(identityAllow, v.resource.allow) : identityAllow; // E6, E7
    if (v.session) needed = alg.and2(v.session.allow, needed);
    for (let i = v.control.length - 1; i >= 0; i--) needed = alg.and2(v.control[i]!.allow, needed);
  }
  return { needed, deny, allowed: alg.and2(needed, alg.not(deny)), identityAllow };
}

/** Plain booleans. */
export const booleanAlgebra: Algebra<boolean> = {
  T: true,
  F: false,
  and: (parts) => parts.every(Boolean),
  or: (parts) => parts.some(Boolean),
  and2: (a, b) => a && b,
  or2: (a, b) => a || b,
  not: (p) => !p,
};
