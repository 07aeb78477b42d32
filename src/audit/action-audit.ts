/**
 * One action over a set of resources, for any principal of the account: its own access (the
 * evaluator, once per resource class) merged with the access of every role it can reach (W2, W3).
 * Memoised, so who-can (every principal) and principal-can (one principal, and the roles it
 * reaches) share the same work.
 */
import type { Residual } from '../decision/types.js';
import { and, isConstant, or, TRUE } from '../eval/residual.js';
import { renderResidual } from '../explain/residual-text.js';
import { assess, type Assessment } from './access.js';
import { mayAllow, type AuditModel } from './model.js';
import { classify, instanceField, projectClasses, requestFor, type AskedResource, type ResourceClass } from './resources.js';
import { assumeEdges, roleRoutes, type AssumeEdge } from './roles.js';
import type { AccessPath, AuditPrincipal, PrincipalAccess, ResourceGrant } from './types.js';

const NONE: Assessment = { decision: 'None', paths: [], restrictions: [] };

/** The answer for one principal and one resource class, roles included. */
export type ClassAnswer = Assessment;

/** Who can perform `action` on `resources`: per principal, per resource class. */
export class ActionAudit {
  readonly classes: ResourceClass[];
  private readonly direct = new Map<string, Assessment[]>();
  private readonly merged = new Map<string, Assessment[]>();
  private readonly projections = new Map<string, number[]>();

  constructor(
    readonly model: AuditModel,
    readonly action: string,
    resources: AskedResource[],
    readonly context: Record<string, string | string[]>,
    /** Every assume-role edge of the account (computed on first need). */
    readonly edgesOf: () => Map<string, AssumeEdge[]>,
  ) {
    this.classes = classify(model, action, resources);
  }

  /** The principal's own access (no roles), per class. */
  own(principal: AuditPrincipal): Assessment[] {
    let found = this.direct.get(principal.ref);
    if (!found) {
      const entry = this.model.entry(principal);
      if (!mayAllow(entry.set.policies, this.action)) found = this.classes.map(() => NONE);
      else {
        // Once per class this principal's statements can tell apart (W5).
        const projection = projectClasses(this.classes, entry.set.policies, this.action, this.projections);
        const answers: Assessment[] = [];
        found = projection.map((j, i) => (answers[i] = j === i ? assess(this.model.snapshot, entry, requestFor(this.model, entry.set.principal, this.action, this.classes[i]!.representative, this.context, entry.set.policies)) : answers[j]!));
      }
      this.direct.set(principal.ref, found);
    }
    return found;
  }

  /** The principal's access per class: its own, or through any chain of roles it can assume. */
  answer(principal: AuditPrincipal): Assessment[] {
    let found = this.merged.get(principal.ref);
    if (found) return found;
    const own = this.own(principal);
    const routes = roleRoutes(principal, this.edgesOf());
    found = this.classes.map((_, i) => {
      const via = routes.flatMap((route) => {
        const reached = this.own(route.role)[i]!;
        if (reached.decision === 'None') return [];
        return [{ route, reached }];
      });
      if (via.length === 0) return own[i]!;
      const parts: Residual[] = [];
      if (own[i]!.decision !== 'None') parts.push(own[i]!.residual ?? TRUE);
      const paths: AccessPath[] = [...(own[i]!.decision !== 'None' ? own[i]!.paths : [])];
      for (const { route, reached } of via) {
        parts.push(and([route.residual, reached.residual ?? TRUE]));
        for (const p of reached.paths) {
          const residual = and([route.residual, p.residual ?? TRUE]);
          const conditional = residual.kind !== 'true';
          paths.push({
            via: 'role',
            steps: [{ kind: 'principal', principal }, ...route.edges.map((e) => e.step), ...p.steps.slice(1)],
            decision: conditional ? 'Conditional' : 'Allow',
            ...(conditional ? { residual, condition: renderResidual(residual) } : {}),
          });
        }
      }
      const residual = or(parts);
      const constant = isConstant(residual);
      if (constant === false) return NONE;
      const restrictions = own[i]!.restrictions;
      return constant === true ? { decision: 'Allow', paths, restrictions } : { decision: 'Conditional', residual, paths, restrictions };
    });
    this.merged.set(principal.ref, found);
    return found;
  }

  /** The principal's grants over every resource (one per member of each class); `withBlocked` keeps None answers that a control or session policy caused. */
  grants(principal: AuditPrincipal, withBlocked: boolean): ResourceGrant[] {
    const answers = this.answer(principal);
    return this.classes.flatMap((c, i) => {
      const a = answers[i]!;
      if (a.decision === 'None' && !(withBlocked && a.restrictions.length > 0)) return [];
      return c.members.map((r): ResourceGrant => ({
        action: this.action,
        resource: r.arn,
        ...instanceField(r),
        decision: a.decision,
        ...(a.residual ? { residual: a.residual, condition: renderResidual(a.residual) } : {}),
        paths: a.paths,
        restrictions: a.restrictions,
      }));
    });
  }

  /** Whether the principal is allowed outright on every class. */
  allowedEverywhere(principal: AuditPrincipal): boolean {
    return this.answer(principal).every((a) => a.decision === 'Allow');
  }
}

/** The best decision of a list of grants. */
export function bestDecision(grants: readonly { decision: PrincipalAccess['decision'] }[]): PrincipalAccess['decision'] {
  if (grants.some((g) => g.decision === 'Allow')) return 'Allow';
  if (grants.some((g) => g.decision === 'Conditional')) return 'Conditional';
  return 'None';
}

/** Edges computed once, on first need. */
export function lazyEdges(model: AuditModel, context: Record<string, string | string[]>): () => Map<string, AssumeEdge[]> {
  let edges: Map<string, AssumeEdge[]> | undefined;
  return () => (edges ??= assumeEdges(model, context));
}
