/**
 * Attach a policy (W12: AdministratorAccess first) to a holder whose policies then reach the
 * actor: the user itself, one of its groups, or a role — the actor's own role session, or a role
 * the actor can already assume (attach, then assume it: the assumption follows in the chain).
 */
import type { EscalationSearch, Gain, Need } from '../escalation.js';
import { mayAllow } from '../model.js';
import type { AuditPrincipal, EscalationMethod } from '../types.js';
import { choose } from '../what-if.js';
import { attachable, gainOf, outcomesOf, ramArn, step } from './common.js';

/** Who a policy may be attached to, for an actor. */
type Holder = { kind: 'user' | 'group' | 'role'; name: string };

const ACTIONS = { user: 'ram:AttachPolicyToUser', group: 'ram:AttachPolicyToGroup', role: 'ram:AttachPolicyToRole' } as const;
const METHODS: Record<Holder['kind'], EscalationMethod> = { user: 'attach-policy-to-user', group: 'attach-policy-to-group', role: 'attach-policy-to-role' };

/** `attach-policy-to-user`: to the actor itself (a user). */
export const attachToUser = (search: EscalationSearch, actor: AuditPrincipal, need: Need): Gain[] => (actor.kind === 'user' ? attach(search, actor, need, [{ kind: 'user', name: actor.name }]) : []);

/** `attach-policy-to-group`: to a group of the actor (a user). */
export function attachToGroup(search: EscalationSearch, actor: AuditPrincipal, need: Need): Gain[] {
  if (actor.kind !== 'user') return [];
  const { model } = search.audit;
  return attach(search, actor, need, model.snapshot.users[model.indexOf(actor.ref)]!.groups.map((name) => ({ kind: 'group', name })));
}

/** `attach-policy-to-role`: to the actor's own role session, or to a role it can already assume. */
export function attachToRole(search: EscalationSearch, actor: AuditPrincipal, need: Need): Gain[] {
  const { model } = search.audit;
  // Only roles it may attach to at all are worth evaluating edges for.
  if (!mayAllow(model.session, model.entry(actor).set.policies, ACTIONS.role)) return [];
  const own: Holder[] = actor.kind === 'role' ? [{ kind: 'role', name: actor.name }] : [];
  return attach(search, actor, need, [...own, ...model.edgesFrom(actor).map((e): Holder => ({ kind: 'role', name: e.to.name }))]);
}

/** Per holder, the first policy the actor may attach to it that gives the permission (per class, W5). */
function attach(search: EscalationSearch, actor: AuditPrincipal, need: Need, holders: Holder[]): Gain[] {
  const { model } = search.audit;
  const { snapshot, session } = model;
  const out: Gain[] = [];
  if (holders.length === 0) return out;
  const action = ACTIONS[holders[0]!.kind];
  if (!mayAllow(session, model.entry(actor).set.policies, action)) return out;
  const outcomes = outcomesOf(search, actor, need);
  for (const holder of holders) {
    const arn = ramArn(snapshot, holder.kind, holder.name);
    function* allowed() {
      for (const candidate of attachable(search)) {
        const permission = search.permitted(actor, action, [arn, candidate.arn]);
        if (permission) yield { candidate, permission };
      }
    }
    const chosen = choose(need.classes, allowed(), (o, open) => outcomes({ kind: 'attach', holder, policy: o.candidate.attachment }, open));
    for (const c of chosen) out.push(gainOf(actor, c, (g) => [step(actor, METHODS[holder.kind], action, arn, holder, c.option.permission, g, `attach \`${c.option.candidate.attachment.policy}\` to ${holder.kind} \`${holder.name}\``)]));
  }
  return out;
}
