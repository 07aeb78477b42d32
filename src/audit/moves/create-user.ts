/**
 * `create-user` (W31): create a RAM user, attach a policy to it, create an AccessKey for it, and
 * call as it — the actor gains whatever it may attach, through a user of its own making. The new
 * user is in no group; the account changed by the move holds it with the one policy attached.
 */
import { TRUE } from '../../eval/residual.js';
import { compileActionPatterns, lowerCaseAction } from '../../match/action.js';
import { userArn } from '../../snapshot/principal.js';
import type { EscalationSearch, Gain, Need } from '../escalation.js';
import { mayAllow } from '../model.js';
import type { AuditPrincipal } from '../types.js';
import { choose } from '../what-if.js';
import { attachable, gainOf, outcomesOf, ramArn, step } from './common.js';

/** The name the new user is given first: one the account does not have (a policy naming only existing users does not allow creating it). */
export const NEW_USER = 'ramguard-new-user';

/** At most this many names are tried (the first, and the wildcard patterns' names). */
const MAX_NAMES = 4;

/**
 * The names the new user may take, none the account has: `ramguard-new-user` (`-2`, `-3` ... when
 * taken), then one per wildcard user pattern of the actor's Allow statements for `ram:CreateUser`
 * (`user/tmp-*` gives `tmp-new`): a principal allowed to create users under a prefix only escalates
 * too (W31).
 */
function newUserNames(search: EscalationSearch, actor: AuditPrincipal): string[] {
  const { model } = search.audit;
  const taken = new Set(model.snapshot.users.map((u) => u.name));
  const fresh = (base: string) => {
    let name = base;
    for (let k = 2; taken.has(name); k++) name = `${base}-${k}`;
    return name;
  };
  const names = [fresh(NEW_USER)];
  const policies = model.entry(actor).set.policies;
  const creates = lowerCaseAction('ram:CreateUser');
  for (const p of [...policies.identity, ...policies.resourceGroup]) {
    for (const s of p.document.statements) {
      if (s.effect !== 'Allow' || !s.actions || !compileActionPatterns(s.actions).some((m) => m.test(creates))) continue;
      for (const resource of s.resources ?? []) {
        const at = resource.lastIndexOf(':user/');
        const pattern = at >= 0 ? resource.slice(at + ':user/'.length) : '';
        if (!/[*?]/.test(pattern) || /[/:]/.test(pattern)) continue;
        const name = fresh(pattern.replaceAll('*', 'new').replaceAll('?', 'x'));
        if (!names.includes(name) && names.length < MAX_NAMES) names.push(name);
      }
    }
  }
  return names;
}

/** The three actions, in the order they are called. */
export const CREATE_USER_ACTIONS = ['ram:CreateUser', 'ram:AttachPolicyToUser', 'ram:CreateAccessKey'] as const;

/** The chain create-user → attach-policy-to-user → create-access-key on a new user, per policy that gives the permission. */
export function createUser(search: EscalationSearch, actor: AuditPrincipal, need: Need): Gain[] {
  const { model } = search.audit;
  const { snapshot, session } = model;
  const policies = model.entry(actor).set.policies;
  if (!CREATE_USER_ACTIONS.every((a) => mayAllow(session, policies, a))) return [];
  const found = newUserNames(search, actor)
    .map((name) => {
      const arn = ramArn(snapshot, 'user', name);
      const create = search.permitted(actor, 'ram:CreateUser', [arn]);
      const key = create && search.permitted(actor, 'ram:CreateAccessKey', [arn]);
      return create && key ? { name, arn, create, key } : undefined;
    })
    .find((f) => f !== undefined);
  if (!found) return [];
  const { name, arn, create, key } = found;
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
