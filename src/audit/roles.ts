/**
 * Role assumption as the audit follows it (W2, W3): principal P reaches role R when the evaluator
 * allows P `sts:AssumeRole` on R's ARN with R's trust policy in the set — P's identity policies
 * must allow it AND the trust policy must trust P (an account's `root` trusts every identity of that
 * account; `Service` principals are not identities of the account and never match), control
 * policies included. Chains (a role session assuming another role) are followed up to
 * MAX_ROLE_CHAIN assumptions.
 */
import type { Residual } from '../decision/types.js';
import { evaluate } from '../eval/authorize.js';
import { compilePolicySet, type CompiledLayer, type CompiledPolicySet, type CompiledStatement } from '../eval/compile.js';
import { and, TRUE } from '../eval/residual.js';
import { statementFormula } from '../eval/statement.js';
import { compilePrincipal, type PrincipalMatcher } from '../match/principal.js';
import { renderResidual } from '../explain/residual-text.js';
import { prepareRequest } from '../request/prepare.js';
import type { PrincipalPolicySet } from '../snapshot/principal.js';
import type { AccountSnapshot } from '../snapshot/types.js';
import { locate } from './access.js';
import { compileWildcard, type WildcardMatcher } from '../match/wildcard.js';
import type { PolicyDocument } from '../policy/types.js';
import type { PolicySet } from '../scenario/types.js';
import { documentMentions, indexOf, mayAllow, type AuditModel } from './model.js';
import type { AssumeRoleStep, AuditPrincipal } from './types.js';

/** Longest chain of role assumptions followed: user → role → role → role. */
export const MAX_ROLE_CHAIN = 3;

/** P may assume R: the step to record and the condition under which it holds. */
export interface AssumeEdge {
  from: AuditPrincipal;
  to: AuditPrincipal;
  step: AssumeRoleStep;
  residual: Residual;
}

/** A way to reach a role: the edges in order (first from the start principal). */
export interface RoleRoute {
  role: AuditPrincipal;
  edges: AssumeEdge[];
  /** AND of the edges' conditions. */
  residual: Residual;
}

const ASSUME = 'sts:AssumeRole';

/** Every assume-role edge of the account, by the ref of the principal that assumes. */
export function assumeEdges(model: AuditModel, context: Record<string, string | string[]>): Map<string, AssumeEdge[]> {
  const roles = model.principals.filter((p) => p.kind === 'role');
  // Trust statements that can trust a RAM identity at all, compiled once per role.
  const trusts = new Map<string, PrincipalMatcher[]>();
  const layers = new Map<string, CompiledLayer>();
  model.snapshot.roles.forEach((r, i) => {
    const matchers = r.trustPolicy.statements.filter((s) => s.effect === 'Allow' && s.principal && s.principal.RAM.length > 0).map((s) => compilePrincipal(s.principal!));
    trusts.set(roles[i]!.ref, matchers);
  });
  const layerOf = (to: AuditPrincipal) => {
    let layer = layers.get(to.ref);
    if (!layer) {
      const role = model.snapshot.roles.find((r) => r.name === to.name)!;
      layer = compilePolicySet({ control: [], identity: [], resourceGroup: [], resource: [{ name: role.name, document: role.trustPolicy }] }).resource;
      layers.set(to.ref, layer);
    }
    return layer;
  };
  // Which roles each Resource pattern names, tested once per distinct pattern, not once per caller.
  const named = new Map<string, number[]>();
  const names = (m: WildcardMatcher) => {
    let found = named.get(m.pattern);
    if (!found) named.set(m.pattern, (found = roles.flatMap((r, k) => (m.test(r.arn) ? [k] : []))));
    return found;
  };
  const edges = new Map<string, AssumeEdge[]>();
  for (const from of model.principals) {
    if (!model.mayAllowCheap(from, ASSUME)) continue;
    const entry = model.entry(from);
    if (!mayAllow(entry.set.policies, ASSUME)) continue;
    // The identity half needs an Allow statement for sts:AssumeRole whose Resource names the role.
    // The roles some pattern names, in the roles' order (the order edges are listed in).
    const lists = assumeResources(entry.set.policies).map(names);
    const candidates = lists.length === 1 ? lists[0]! : [...new Set(lists.flat())].sort((a, b) => a - b);
    for (const k of candidates) {
      const to = roles[k]!;
      if (to.ref === from.ref) continue;
      if (!trusts.get(to.ref)!.some((m) => m(entry.set.principal) !== undefined)) continue;
      const edge = realEdge(model, from, to, layerOf(to), context);
      if (edge) edges.set(from.ref, [...(edges.get(from.ref) ?? []), edge]);
    }
  }
  return edges;
}

/**
 * Evaluates `from` assuming `to` with `to`'s trust policy: the caller's compiled set with the
 * role's trust policy, compiled once per role, as the resource layer — the set `policySetFor`
 * would build with `resource`, without compiling the caller's policies again for every role.
 */
function realEdge(model: AuditModel, from: AuditPrincipal, to: AuditPrincipal, trust: CompiledLayer, context: Record<string, string | string[]>): AssumeEdge | undefined {
  const entry = model.entry(from);
  const base = entry.compiled;
  // Trust statements are numbered after the caller's (each evaluation sizes its table by statementCount).
  trust.statements.forEach((s, j) => (s.id = base.statementCount + j));
  const compiled: CompiledPolicySet = { ...base, resource: trust, all: [...base.all, ...trust.statements], statementCount: base.statementCount + trust.statements.length, plans: new Map() };
  const index = indexOf(model.snapshot, to.ref);
  const sources = [...entry.set.sources, { layer: 'resource' as const, name: to.name, path: [{ kind: 'role' as const, name: to.name }], policy: { name: to.name, type: 'TrustPolicy' as const }, pointer: `/roles/${index}/trustPolicy` }];
  return edgeOf(model.snapshot, { ...entry.set, sources }, compiled, from, to, context);
}

/** Evaluates `from` assuming `to` (with `to`'s trust policy, or a hypothetical one in `snapshot`). */
export function assumeEdge(model: AuditModel, from: AuditPrincipal, to: AuditPrincipal, context: Record<string, string | string[]>, snapshot = model.snapshot): AssumeEdge | undefined {
  const set = model.buildSet(snapshot, from.ref, to.arn);
  return edgeOf(snapshot, set, compilePolicySet(set.policies), from, to, context);
}

function edgeOf(snapshot: AccountSnapshot, set: Pick<PrincipalPolicySet, 'principal' | 'sources'>, compiled: CompiledPolicySet, from: AuditPrincipal, to: AuditPrincipal, context: Record<string, string | string[]>): AssumeEdge | undefined {
  const prepared = prepareRequest({ principal: set.principal, action: ASSUME, resource: to.arn, context: { ...context } });
  const result = evaluate(compiled, prepared, { trace: false });
  if (result.decision !== 'Allow' && result.decision !== 'Conditional') return undefined;
  const applying = (layers: CompiledLayer[]) =>
    layers.flatMap((l) => l.forService(prepared.service)).filter((s: CompiledStatement) => !s.deny && statementFormula(s, prepared, []).kind !== 'false').map((s) => locate(snapshot, { set }, s));
  const residual = result.residual ?? TRUE;
  const step: AssumeRoleStep = {
    kind: 'assume-role',
    role: to,
    identityStatements: applying([compiled.identity, compiled.resourceGroup]),
    trustStatements: applying([compiled.resource]),
    decision: result.decision,
    ...(result.residual ? { residual: result.residual, condition: renderResidual(result.residual) } : {}),
  };
  return { from, to, step, residual };
}

/** Every role `start` reaches, by the shortest chains first, each role once per distinct chain up to MAX_ROLE_CHAIN. */
export function roleRoutes(start: AuditPrincipal, edges: Map<string, AssumeEdge[]>): RoleRoute[] {
  const routes: RoleRoute[] = [];
  let frontier: RoleRoute[] = [{ role: start, edges: [], residual: TRUE }];
  for (let depth = 0; depth < MAX_ROLE_CHAIN && frontier.length > 0; depth++) {
    const next: RoleRoute[] = [];
    for (const route of frontier) {
      for (const edge of edges.get(route.role.ref) ?? []) {
        // No cycles: a chain never returns to the start or to a role already on it.
        if (edge.to.ref === start.ref || route.edges.some((e) => e.from.ref === edge.to.ref)) continue;
        next.push({ role: edge.to, edges: [...route.edges, edge], residual: and([route.residual, edge.residual]) });
      }
    }
    routes.push(...next);
    frontier = next;
  }
  return routes;
}

const assumeMatchers = new WeakMap<PolicyDocument, WildcardMatcher[]>();

/** The Resource patterns of the set's identity Allow statements that can match sts:AssumeRole (compiled once per document). */
function assumeResources(policies: PolicySet): WildcardMatcher[] {
  return [...policies.identity, ...policies.resourceGroup].flatMap((p) => {
    let found = assumeMatchers.get(p.document);
    if (!found) {
      found = p.document.statements
        .filter((s) => s.effect === 'Allow' && documentMentions({ ...p.document, statements: [s] }, ASSUME).allow)
        .flatMap((s) => (s.resources ?? ['*']).map(compileWildcard));
      assumeMatchers.set(p.document, found);
    }
    return found;
  });
}
