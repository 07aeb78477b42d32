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
import { compilePolicySet, type CompiledStatement } from '../eval/compile.js';
import { and, TRUE } from '../eval/residual.js';
import { statementFormula } from '../eval/statement.js';
import { compilePrincipal, type PrincipalMatcher } from '../match/principal.js';
import { renderResidual } from '../explain/residual-text.js';
import { prepareRequest } from '../request/prepare.js';
import { locate } from './access.js';
import { mayAllow, type AuditModel } from './model.js';
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
  model.snapshot.roles.forEach((r, i) => {
    const matchers = r.trustPolicy.statements.filter((s) => s.effect === 'Allow' && s.principal && s.principal.RAM.length > 0).map((s) => compilePrincipal(s.principal!));
    trusts.set(roles[i]!.ref, matchers);
  });
  const edges = new Map<string, AssumeEdge[]>();
  for (const from of model.principals) {
    const entry = model.entry(from);
    if (!mayAllow(entry.set.policies, ASSUME)) continue;
    for (const to of roles) {
      if (to.ref === from.ref) continue;
      if (!trusts.get(to.ref)!.some((m) => m(entry.set.principal) !== undefined)) continue;
      const edge = assumeEdge(model, from, to, context);
      if (edge) edges.set(from.ref, [...(edges.get(from.ref) ?? []), edge]);
    }
  }
  return edges;
}

/** Evaluates `from` assuming `to` (with `to`'s trust policy, or a hypothetical one in `snapshot`). */
export function assumeEdge(model: AuditModel, from: AuditPrincipal, to: AuditPrincipal, context: Record<string, string | string[]>, snapshot = model.snapshot): AssumeEdge | undefined {
  const set = model.buildSet(snapshot, from.ref, to.arn);
  const compiled = compilePolicySet(set.policies);
  const prepared = prepareRequest({ principal: set.principal, action: ASSUME, resource: to.arn, context: { ...context } });
  const result = evaluate(compiled, prepared, { trace: false });
  if (result.decision !== 'Allow' && result.decision !== 'Conditional') return undefined;
  const applying = (layers: string[]) =>
    compiled.all.filter((s: CompiledStatement) => !s.deny && layers.includes(s.ref.layer) && statementFormula(s, prepared, []).kind !== 'false').map((s) => locate(snapshot, { set }, s));
  const residual = result.residual ?? TRUE;
  const step: AssumeRoleStep = {
    kind: 'assume-role',
    role: to,
    identityStatements: applying(['identity', 'resource-group']),
    trustStatements: applying(['resource']),
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
