/**
 * The escalation moves ramguard knows (W7–W9, W12): those by which an actor gives the permission
 * to itself — attach a policy to itself or its group, rewrite or bring back a version of a custom
 * policy it holds, join a group — and those by which it comes to act as another principal — take
 * over a user, rewrite a role's trust, assume a role. A move that gives is judged on the account it
 * leaves, roles included (src/audit/what-if.ts): when the permission then comes through a role the
 * actor can now assume, the assumptions follow the move in the chain.
 */
import type { Residual } from '../decision/types.js';
import { and, isConstant, TRUE } from '../eval/residual.js';
import { renderResidual } from '../explain/residual-text.js';
import type { PolicyDocument } from '../policy/types.js';
import type { AccountSnapshot, Attachment, PolicyVersion } from '../snapshot/types.js';
import type { EscalationSearch, Gain, Move, Need } from './escalation.js';
import { documentMentions, documentsFor, mayAllow, systemDocuments } from './model.js';
import { assumeEdge, type AssumeEdge } from './roles.js';
import type { AccessPath, AuditPrincipal, EscalationMethod, EscalationStep } from './types.js';
import { applyChange, choose, outcomesIn, type AccountChange, type Chosen } from './what-if.js';

/** The system policy a self-attaching principal is checked with first: it grants every action. */
const ADMIN_POLICY = 'AdministratorAccess';
const ASSUME = 'sts:AssumeRole';

/** RAM resource ARNs as the catalog's templates write them (`acs:ram:*:<account>:user/<name>`). */
const ramArn = (snapshot: AccountSnapshot, kind: 'user' | 'group' | 'role' | 'policy', name: string) => `acs:ram:*:${snapshot.accountId}:${kind}/${name}`;
const systemPolicyArn = (name: string) => `acs:ram:*:system:policy/${name}`;

type Allowed = { residual: Residual; paths: AccessPath[] };

/** Moves by which the actor gives the permission to itself (or reaches a role that then has it). */
export function selfMoves(search: EscalationSearch, actor: AuditPrincipal, need: Need): Gain[] {
  const { audit } = search;
  const { model } = audit;
  const { snapshot, session } = model;
  const set = model.entry(actor).set;
  const out: Gain[] = [];
  const lacking = need.classes;
  const outcomes = (change: AccountChange, open: number[]) => outcomesIn(audit, applyChange(model, change), actor, open, need.allowOnly);
  const gained = <T>(chosen: Chosen<T>, move: (gained: Residual) => EscalationStep): Gain => {
    if (!chosen.route) return { reaches: actor, steps: [move(chosen.residual)] };
    const edges = chosen.route.edges;
    return { reaches: chosen.route.role, steps: [move(TRUE), ...edges.map((e, k) => assumeStep(e, k === edges.length - 1 ? chosen.residual : TRUE))] };
  };
  // Attach a policy to itself or to one of its groups (W12: AdministratorAccess first).
  const holders: { method: EscalationMethod; action: string; kind: 'user' | 'group' | 'role'; name: string }[] =
    actor.kind === 'user'
      ? [{ method: 'attach-policy-to-user', action: 'ram:AttachPolicyToUser', kind: 'user', name: actor.name }, ...snapshot.users[model.indexOf(actor.ref)]!.groups.map((g) => ({ method: 'attach-policy-to-group' as const, action: 'ram:AttachPolicyToGroup', kind: 'group' as const, name: g }))]
      : [{ method: 'attach-policy-to-role', action: 'ram:AttachPolicyToRole', kind: 'role', name: actor.name }];
  for (const holder of holders) {
    if (!mayAllow(session, set.policies, holder.action)) continue;
    const arn = ramArn(snapshot, holder.kind, holder.name);
    const target = { kind: holder.kind, name: holder.name };
    function* allowed() {
      for (const candidate of attachable(search)) {
        const permission = search.permitted(actor, holder.action, [arn, candidate.arn]);
        if (permission) yield { candidate, permission };
      }
    }
    const chosen = choose(lacking, allowed(), (o, open) => outcomes({ kind: 'attach', holder: target, policy: o.candidate.attachment }, open));
    for (const c of chosen) out.push(gained(c, (g) => step(actor, holder.method, holder.action, arn, target, c.option.permission, g, `attach \`${c.option.candidate.attachment.policy}\` to ${holder.kind} \`${holder.name}\``)));
  }
  // Rewrite, or bring back, a version of a custom policy attached to it.
  const attached = [...new Set(set.sources.filter((s) => s.policy.type === 'Custom' && (s.layer === 'identity' || s.layer === 'resource-group')).map((s) => s.policy.name))];
  for (const name of attached) {
    const policy = session.named(snapshot.policies).get(name)!;
    const arn = ramArn(snapshot, 'policy', name);
    const versionOf = (version: PolicyVersion) => (open: number[]) => outcomes({ kind: 'default-version', policy: name, version }, open);
    const create = search.permitted(actor, 'ram:CreatePolicyVersion', [arn]);
    // RAM keeps five versions: a sixth needs one deleted first (W8).
    const full = policy.versions.length >= 5 ? search.permitted(actor, 'ram:DeletePolicyVersion', [arn]) : { residual: TRUE, paths: [] };
    if (create && full) {
      const permission = { residual: and([create.residual, full.residual]), paths: [...create.paths, ...full.paths] };
      const version = { id: nextVersionId(policy.versions), document: grantingDocument(audit.action) };
      for (const c of choose(lacking, [version], (v, open) => versionOf(v)(open))) out.push(gained(c, (g) => step(actor, 'create-policy-version', 'ram:CreatePolicyVersion', arn, { kind: 'policy', name }, permission, g, `create a new default version of \`${name}\` that allows \`${audit.action}\``)));
    }
    const setDefault = search.permitted(actor, 'ram:SetDefaultPolicyVersion', [arn]);
    if (setDefault) {
      for (const version of policy.versions.filter((v) => v.id !== policy.defaultVersion)) {
        for (const c of choose(lacking, [version], (v, open) => versionOf(v)(open))) out.push(gained(c, (g) => step(actor, 'set-default-policy-version', 'ram:SetDefaultPolicyVersion', arn, { kind: 'policy', name, version: version.id }, setDefault, g, `make version \`${version.id}\` of \`${name}\` the default`)));
      }
    }
  }
  // Join a group that has it, or that lets it assume a role.
  if (actor.kind === 'user' && mayAllow(session, set.policies, 'ram:AddUserToGroup')) {
    const user = snapshot.users[model.indexOf(actor.ref)]!;
    const helps = (g: (typeof snapshot.groups)[number]) => g.attachments.some((a) => documentsFor(model, a).some((d) => documentMentions(session, d, audit.action).allow || documentMentions(session, d, ASSUME).allow));
    for (const group of snapshot.groups.filter((g) => !user.groups.includes(g.name) && helps(g))) {
      const permission = search.permitted(actor, 'ram:AddUserToGroup', [ramArn(snapshot, 'user', actor.name), ramArn(snapshot, 'group', group.name)]);
      if (!permission) continue;
      for (const c of choose(lacking, [group.name], (g, open) => outcomes({ kind: 'join-group', user: actor.name, group: g }, open))) out.push(gained(c, (g) => step(actor, 'add-user-to-group', 'ram:AddUserToGroup', ramArn(snapshot, 'group', group.name), { kind: 'group', name: group.name }, permission, g, `add user \`${actor.name}\` to group \`${group.name}\``)));
    }
  }
  return out;
}

/** A policy that allows exactly the audited action on every resource: what a rewritten version would say (W8). */
function grantingDocument(action: string): PolicyDocument {
  return { version: '1', kind: 'identity', statements: [{ index: 0, effect: 'Allow', actions: [action], resources: ['*'], conditions: [], sourcePath: '/Statement/0' }] };
}

/** The id RAM would give a new version: one past the highest `vN`. */
function nextVersionId(versions: PolicyVersion[]): string {
  return `v${Math.max(0, ...versions.map((v) => Number(/^v(\d+)$/.exec(v.id)?.[1] ?? 0))) + 1}`;
}

/**
 * Policies an actor may attach: AdministratorAccess, then the account's custom policies and the
 * snapshot's system policies that allow the action — or `sts:AssumeRole`, which may lead to a role
 * that has it.
 */
function attachable(search: EscalationSearch): { arn: string; attachment: Pick<Attachment, 'policy' | 'type'> }[] {
  const { model, action } = search.audit;
  const { snapshot, session } = model;
  const helps = (document: PolicyDocument) => documentMentions(session, document, action).allow || documentMentions(session, document, ASSUME).allow;
  const out: { arn: string; attachment: Pick<Attachment, 'policy' | 'type'> }[] = [];
  if (systemDocuments(model, ADMIN_POLICY).length > 0) out.push({ arn: systemPolicyArn(ADMIN_POLICY), attachment: { policy: ADMIN_POLICY, type: 'System' } });
  for (const p of snapshot.policies) if (documentsFor(model, { policy: p.name, type: 'Custom' }).some(helps)) out.push({ arn: ramArn(snapshot, 'policy', p.name), attachment: { policy: p.name, type: 'Custom' } });
  for (const p of snapshot.systemPolicies) if (p.name !== ADMIN_POLICY && helps(p.document)) out.push({ arn: systemPolicyArn(p.name), attachment: { policy: p.name, type: 'System' } });
  return out;
}

/** Moves by which the actor comes to act as another principal: take over a user, rewrite a role's trust, or assume a role. */
export function takeovers(search: EscalationSearch, actor: AuditPrincipal, lacking: number[]): Move[] {
  const { model } = search.audit;
  const { snapshot, session } = model;
  const out: Move[] = [];
  const policies = model.entry(actor).set.policies;
  // Roles it can already assume come from the edges; every other target needs a take-over action.
  const edges = model.edgesFrom(actor);
  for (const edge of edges) out.push({ becomes: edge.to, step: assumeStep(edge, TRUE) });
  const takesUsers = ['ram:CreateAccessKey', 'ram:CreateLoginProfile', 'ram:UpdateLoginProfile'].some((a) => mayAllow(session, policies, a));
  const takesRoles = mayAllow(session, policies, 'ram:UpdateRole') && mayAllow(session, policies, ASSUME);
  if (!takesUsers && !takesRoles) return out;
  const assumable = new Set(edges.map((e) => e.to.ref));
  const interesting = (p: AuditPrincipal) => p.ref !== actor.ref && !assumable.has(p.ref) && (p.kind === 'user' ? takesUsers : takesRoles);
  for (const target of search.worthTaking(lacking).filter(interesting)) {
    if (target.kind === 'user') {
      const user = snapshot.users[model.indexOf(target.ref)]!;
      const arn = ramArn(snapshot, 'user', target.name);
      const mfa = user.mfaBound === true ? ' (the user has an MFA device bound: a password alone may not sign in)' : '';
      const kinds: [EscalationMethod, string, boolean, string][] = [
        ['create-access-key', 'ram:CreateAccessKey', true, `create an AccessKey for user \`${target.name}\` and call as it`],
        ['create-login-profile', 'ram:CreateLoginProfile', user.loginProfile !== true, `create a console password for user \`${target.name}\` and sign in as it${mfa}`],
        ['update-login-profile', 'ram:UpdateLoginProfile', user.loginProfile !== false, `reset the console password of user \`${target.name}\` and sign in as it${mfa}`],
      ];
      for (const [method, action, applicable, message] of kinds) {
        if (!applicable || !mayAllow(session, policies, action)) continue;
        const allowed = search.permitted(actor, action, [arn]);
        if (!allowed) continue;
        const made = step(actor, method, action, arn, { kind: 'user', name: target.name }, allowed, TRUE, message);
        out.push({ becomes: target, step: user.mfaBound === true && method !== 'create-access-key' ? { ...made, targetMfaBound: true } : made });
      }
    } else {
      const arn = ramArn(snapshot, 'role', target.name);
      const allowed = search.permitted(actor, 'ram:UpdateRole', [arn]);
      if (!allowed) continue;
      // The trust policy rewritten to trust the actor; its identity policy must still allow sts:AssumeRole (W9).
      const trust: PolicyDocument = { version: '1', kind: 'trust', statements: [{ index: 0, effect: 'Allow', actions: [ASSUME], principal: { RAM: [actor.arn], Service: [], Federated: [] }, conditions: [], sourcePath: '/Statement/0' }] };
      const changed = { ...snapshot, roles: snapshot.roles.map((r) => (r.name === target.name ? { ...r, trustPolicy: trust } : r)) };
      // No principal's own policies change: only the edge into the role is evaluated again.
      const edge = assumeEdge(model.whatIf(changed, () => false), actor, target);
      if (edge) out.push({ becomes: target, step: step(actor, 'update-role-trust', 'ram:UpdateRole', arn, { kind: 'role', name: target.name }, allowed, edge.residual, `rewrite the trust policy of role \`${target.name}\` to trust ${actor.kind} \`${actor.name}\`, then assume it`) });
    }
  }
  return out;
}

/** An assumption as a move of a chain; `extra` is what the role then has to satisfy (its own access's condition). */
function assumeStep(edge: AssumeEdge, extra: Residual): EscalationStep {
  const residual = and([edge.residual, extra]);
  const constant = isConstant(residual) === true;
  return { method: 'assume-role', action: ASSUME, resource: edge.to.arn, actor: edge.from, target: { kind: 'role', name: edge.to.name }, grantedBy: [], decision: constant ? 'Allow' : 'Conditional', ...(constant ? {} : { residual, condition: renderResidual(residual) }), message: `assume role \`${edge.to.name}\`` };
}

/** One move: the actor allowed the RAM action (`allowed`) AND the change giving what it gives (`gained`). */
function step(actor: AuditPrincipal, method: EscalationMethod, action: string, resource: string, target: EscalationStep['target'], allowed: Allowed, gained: Residual, message: string): EscalationStep {
  const residual = and([allowed.residual, gained]);
  const constant = isConstant(residual) === true;
  return { method, action, resource, actor, target, grantedBy: allowed.paths, decision: constant ? 'Allow' : 'Conditional', ...(constant ? {} : { residual, condition: renderResidual(residual) }), message };
}
