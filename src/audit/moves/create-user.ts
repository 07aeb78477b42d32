/**
 * `create-user` (W30): create a RAM user, attach a policy to it, create an AccessKey for it, and
 * call as it — the actor gains whatever it may attach, through a user of its own making. The new
 * user is in no group; the account changed by the move holds it with the one policy attached.
 */
import { TRUE } from '../../eval/residual.js';
import { userArn } from '../../snapshot/principal.js';
import type { EscalationSearch, Gain, Need } from '../escalation.js';
import { mayAllow } from '../model.js';
import type { AuditPrincipal } from '../types.js';
import { choose } from '../what-if.js';
import { attachable, gainOf, outcomesOf, ramArn, step } from './common.js';

/** The name the new user is given: one the account does not have (a policy naming only existing users does not allow creating it). */
export const NEW_USER = 'ramguard-new-user';

/** The three actions, in the order they are called. */
export const CREATE_USER_ACTIONS = ['ram:CreateUser', 'ram:AttachPolicyToUser', 'ram:CreateAccessKey'] as const;

/** The chain create-user → attach-policy-to-user → create-access-key on a new user, per policy that gives the permission. */
export function createUser(search: EscalationSearch, actor: AuditPrincipal, need: Need): Gain[] {
  const { model } = search.audit;
  const { snapshot, session } = model;
  const policies = model.entry(actor).set.policies;
  if (!CREATE_USER_ACTIONS.every((a) => mayAllow(session, policies, a))) return [];
  const taken = new Set(snapshot.users.map((u) => u.name));
  let name = NEW_USER;
  for (let k = 2; taken.has(name); k++) name = `${NEW_USER}-${k}`;
  const arn = ramArn(snapshot, 'user', name);
  const create = search.permitted(actor, 'ram:CreateUser', [arn]);
  const key = create && search.permitted(actor, 'ram:CreateAccessKey', [arn]);
  if (!create || !key) return [];
  const user: AuditPrincipal = { kind: 'user', name, arn: userArn(snapshot, name), ref: `user/${name}` };
  const outcomes = outcomesOf(search, user, need);
  function* allowed() {
    for (const candidate of attachable(search)) {
      const permission = search.permitted(actor, 'ram:AttachPolicyToUser', [arn, candidate.arn]);
      if (permission) yield { candidate, permission };
    }
  }
  const target = { kind: 'user' as const, name };
  const chosen = choose(need.classes, allowed(), (o, open) => outcomes({ kind: 'create-user', user: name, policy: o.candidate.attachment }, open));
  return chosen.map((c) =>
    gainOf(user, c, (g) => [
      step(actor, 'create-user', 'ram:CreateUser', arn, target, create, TRUE, `create user \`${name}\``),
      step(actor, 'attach-policy-to-user', 'ram:AttachPolicyToUser', arn, target, c.option.permission, TRUE, `attach \`${c.option.candidate.attachment.policy}\` to the new user \`${name}\``),
      step(actor, 'create-access-key', 'ram:CreateAccessKey', arn, target, key, g, `create an AccessKey for the new user \`${name}\` and call as it`),
    ]),
  );
}
