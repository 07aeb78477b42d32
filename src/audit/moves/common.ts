/**
 * What the moves share: RAM resource ARNs as the catalog writes them (W7), a move as a step of a
 * chain (the actor allowed the RAM action AND the change giving what it gives), the policies an
 * actor may attach (W12), and how a changed account's answer becomes a gain.
 */
import type { Residual } from '../../decision/types.js';
import { and, isConstant, TRUE } from '../../eval/residual.js';
import { renderResidual } from '../../explain/residual-text.js';
import type { PolicyDocument } from '../../policy/types.js';
import type { AccountSnapshot, Attachment } from '../../snapshot/types.js';
import type { EscalationSearch, Gain, Need } from '../escalation.js';
import { documentMentions, documentsFor, systemDocuments } from '../model.js';
import { ASSUME, type AssumeEdge } from '../roles.js';
import type { AccessPath, AuditPrincipal, EscalationMethod, EscalationStep } from '../types.js';
import { applyChange, outcomesIn, type AccountChange, type Chosen, type Outcome } from '../what-if.js';

/** The system policy a self-attaching principal is checked with first: it grants every action. */
export const ADMIN_POLICY = 'AdministratorAccess';
export { ASSUME };

/** RAM resource ARNs as the catalog's templates write them (`acs:ram:*:<account>:user/<name>`). */
export const ramArn = (snapshot: AccountSnapshot, kind: 'user' | 'group' | 'role' | 'policy', name: string) => `acs:ram:*:${snapshot.accountId}:${kind}/${name}`;
export const systemPolicyArn = (name: string) => `acs:ram:*:system:policy/${name}`;

/** How the actor is allowed a RAM action: the condition and its own paths. */
export type Allowed = { residual: Residual; paths: AccessPath[] };

/** Both permissions needed at once: the AND of their conditions, the paths of both. */
export const both = (a: Allowed, b: Allowed): Allowed => ({ residual: and([a.residual, b.residual]), paths: [...a.paths, ...b.paths] });

/** A policy the actor may attach: its ARN and the attachment it would make. */
export interface Candidate {
  arn: string;
  attachment: Pick<Attachment, 'policy' | 'type'>;
}

/** The account changed by a move, judged for `who` on the classes still open (own access, then roles it can then assume). */
export function outcomesOf(search: EscalationSearch, who: AuditPrincipal, need: Need): (change: AccountChange, open: number[]) => Map<number, Outcome> {
  const { audit } = search;
  return (change, open) => outcomesIn(audit, applyChange(audit.model, change), who, open, need.allowOnly);
}

/**
 * A chosen option as a gain: the move alone when the changed account gives `who` the permission
 * itself, else the move and the assumptions of the route that reaches the role that has it.
 * `moves` makes the move's steps from what the change must give (the last step carries it).
 */
export function gainOf<T>(who: AuditPrincipal, chosen: Chosen<T>, moves: (gained: Residual) => EscalationStep[]): Gain {
  if (!chosen.route) return { reaches: who, steps: moves(chosen.residual) };
  const edges = chosen.route.edges;
  return { reaches: chosen.route.role, steps: [...moves(TRUE), ...edges.map((e, k) => assumeStep(e, k === edges.length - 1 ? chosen.residual : TRUE))] };
}

/** Whether a document can allow the audited action, or `sts:AssumeRole` (which may lead to a role that has it): what attaching it or joining its group may give. */
export function mayHelp(search: EscalationSearch, document: PolicyDocument): boolean {
  const { session } = search.audit.model;
  return documentMentions(session, document, search.audit.action).allow || documentMentions(session, document, ASSUME).allow;
}

/**
 * Policies an actor may attach: AdministratorAccess, then the account's custom policies and the
 * snapshot's system policies that allow the action — or `sts:AssumeRole`, which may lead to a role
 * that has it.
 */
export function attachable(search: EscalationSearch): Candidate[] {
  // The candidates depend on the audit alone: listed once per search (they were listed again for every holder of every actor).
  return (search.candidates ??= listAttachable(search));
}

function listAttachable(search: EscalationSearch): Candidate[] {
  const { model } = search.audit;
  const { snapshot } = model;
  const helps = (document: PolicyDocument) => mayHelp(search, document);
  const out: Candidate[] = [];
  if (systemDocuments(model, ADMIN_POLICY).length > 0) out.push({ arn: systemPolicyArn(ADMIN_POLICY), attachment: { policy: ADMIN_POLICY, type: 'System' } });
  for (const p of snapshot.policies) if (documentsFor(model, { policy: p.name, type: 'Custom' }).some(helps)) out.push({ arn: ramArn(snapshot, 'policy', p.name), attachment: { policy: p.name, type: 'Custom' } });
  for (const p of snapshot.systemPolicies) if (p.name !== ADMIN_POLICY && helps(p.document)) out.push({ arn: systemPolicyArn(p.name), attachment: { policy: p.name, type: 'System' } });
  return out;
}

/** An assumption as a move of a chain; `extra` is what the role then has to satisfy (its own access's condition). */
export function assumeStep(edge: AssumeEdge, extra: Residual): EscalationStep {
  const residual = and([edge.residual, extra]);
  const constant = isConstant(residual) === true;
  return { method: 'assume-role', action: ASSUME, resource: edge.to.arn, actor: edge.from, target: { kind: 'role', name: edge.to.name }, grantedBy: [], decision: constant ? 'Allow' : 'Conditional', ...(constant ? {} : { residual, condition: renderResidual(residual) }), message: `assume role \`${edge.to.name}\`` };
}

/** One move: the actor allowed the RAM action (`allowed`) AND the change giving what it gives (`gained`). */
export function step(actor: AuditPrincipal, method: EscalationMethod, action: string, resource: string, target: EscalationStep['target'], allowed: Allowed, gained: Residual, message: string): EscalationStep {
  const residual = and([allowed.residual, gained]);
  const constant = isConstant(residual) === true;
  return { method, action, resource, actor, target, grantedBy: allowed.paths, decision: constant ? 'Allow' : 'Conditional', ...(constant ? {} : { residual, condition: renderResidual(residual) }), message };
}
