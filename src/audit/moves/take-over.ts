/**
 * Moves after which the actor acts as another principal (W9): assume a role it can already assume,
 * take over a user (a new AccessKey, a new or reset console password), or rewrite a role's trust
 * policy to trust itself and then assume the role.
 */
import { TRUE } from '../../eval/residual.js';
import type { PolicyDocument } from '../../policy/types.js';
import type { EscalationSearch, Move } from '../escalation.js';
import { assumeEdge } from '../roles.js';
import type { AuditPrincipal, EscalationMethod } from '../types.js';
import { ASSUME, assumeStep, ramArn, step } from './common.js';
import type { Actor } from './types.js';

/** `assume-role`: a hop to a role the actor can already assume (alone an access path, not an escalation). */
export function assumeRole(_search: EscalationSearch, actor: Actor, target: AuditPrincipal): Move[] {
  const edge = actor.edges.get(target.ref);
  return edge ? [{ becomes: target, step: assumeStep(edge, TRUE) }] : [];
}

/** A take-over of a user by one of the three RAM actions that give its credentials. */
function userTakeover(method: EscalationMethod, action: string, applies: (user: { loginProfile?: boolean }) => boolean, message: (name: string, mfa: string) => string) {
  return (search: EscalationSearch, actor: Actor, target: AuditPrincipal): Move[] => {
    const { model } = search.audit;
    const user = model.snapshot.users[model.indexOf(target.ref)]!;
    if (!applies(user)) return [];
    const arn = ramArn(model.snapshot, 'user', target.name);
    const allowed = search.permitted(actor.principal, action, [arn]);
    if (!allowed) return [];
    // A console password does not get past an MFA device: the escalation is then only possible (W9).
    const password = method !== 'create-access-key' && user.mfaBound === true;
    const made = step(actor.principal, method, action, arn, { kind: 'user', name: target.name }, allowed, TRUE, message(target.name, password ? ' (the user has an MFA device bound: a password alone may not sign in)' : ''));
    return [{ becomes: target, step: password ? { ...made, targetMfaBound: true } : made }];
  };
}

/** `create-access-key`: always applies (a user may hold two keys; W9). */
export const createAccessKey = userTakeover('create-access-key', 'ram:CreateAccessKey', () => true, (name) => `create an AccessKey for user \`${name}\` and call as it`);
/** `create-login-profile`: when the snapshot does not say the user has a console password. */
export const createLoginProfile = userTakeover('create-login-profile', 'ram:CreateLoginProfile', (u) => u.loginProfile !== true, (name, mfa) => `create a console password for user \`${name}\` and sign in as it${mfa}`);
/** `update-login-profile`: when the snapshot does not say the user has none. */
export const updateLoginProfile = userTakeover('update-login-profile', 'ram:UpdateLoginProfile', (u) => u.loginProfile !== false, (name, mfa) => `reset the console password of user \`${name}\` and sign in as it${mfa}`);

/** `update-role-trust`: the trust policy rewritten to trust the actor; its identity policies must still allow `sts:AssumeRole` (W9). */
export function updateRoleTrust(search: EscalationSearch, actor: Actor, target: AuditPrincipal): Move[] {
  const { model } = search.audit;
  const { snapshot } = model;
  const arn = ramArn(snapshot, 'role', target.name);
  const allowed = search.permitted(actor.principal, 'ram:UpdateRole', [arn]);
  if (!allowed) return [];
  const trust: PolicyDocument = { version: '1', kind: 'trust', statements: [{ index: 0, effect: 'Allow', actions: [ASSUME], principal: { RAM: [actor.principal.arn], Service: [], Federated: [] }, conditions: [], sourcePath: '/Statement/0' }] };
  const changed = { ...snapshot, roles: snapshot.roles.map((r) => (r.name === target.name ? { ...r, trustPolicy: trust } : r)) };
  // No principal's own policies change: only the edge into the role is evaluated again.
  const edge = assumeEdge(model.whatIf(changed, () => false), actor.principal, target);
  if (!edge) return [];
  return [{ becomes: target, step: step(actor.principal, 'update-role-trust', 'ram:UpdateRole', arn, { kind: 'role', name: target.name }, allowed, edge.residual, `rewrite the trust policy of role \`${target.name}\` to trust ${actor.principal.kind} \`${actor.principal.name}\`, then assume it`) }];
}
