/**
 * "can escalate to" (W6–W9): a principal that lacks the permission but can give it to itself, or
 * can act as a principal that has it. Every move is checked with the evaluator twice: the actor
 * must be allowed the RAM action on the RAM resources it names (catalog ARN forms, W7), and the
 * account changed by the move must give the permission — so a control policy that blocks the
 * permission blocks the escalation too. Chains follow take-overs and role assumptions up to
 * MAX_ESCALATION_DEPTH moves.
 */
import type { Residual } from '../decision/types.js';
import { evaluate } from '../eval/authorize.js';
import { compilePolicySet } from '../eval/compile.js';
import { and, isConstant, TRUE } from '../eval/residual.js';
import { renderResidual } from '../explain/residual-text.js';
import type { PolicyDocument } from '../policy/types.js';
import type { PolicySet } from '../scenario/types.js';
import { findSystemPolicy } from '../scenario/load-policies.js';
import type { AccountSnapshot } from '../snapshot/types.js';
import { assessmentOf, evaluateFor, type Evaluated } from './access.js';
import { sharingKey } from './sharing.js';
import type { ActionAudit } from './action-audit.js';
import { documentMentions, documentsFor, indexOf, mayAllow } from './model.js';
import { projectClasses, requestFor } from './resources.js';
import { assumeEdge } from './roles.js';
import type { AccessPath, AuditPrincipal, Escalation, EscalationMethod, EscalationStep } from './types.js';

/** Longest escalation chain followed (take-overs and assumptions, then the move that grants). */
export const MAX_ESCALATION_DEPTH = 3;

/** The RAM actions that change who has which permission (and sts:AssumeRole, to follow roles). */
export const ESCALATION_ACTIONS = ['ram:AttachPolicyToUser', 'ram:AttachPolicyToGroup', 'ram:AttachPolicyToRole', 'ram:CreatePolicyVersion', 'ram:SetDefaultPolicyVersion', 'ram:AddUserToGroup', 'ram:UpdateRole', 'ram:CreateAccessKey', 'ram:CreateLoginProfile', 'ram:UpdateLoginProfile', 'sts:AssumeRole'];

/** The system policy a self-attaching principal is checked with first: it grants every action. */
const ADMIN_POLICY = 'AdministratorAccess';

/** RAM resource ARNs as the catalog's templates write them (`acs:ram:*:<account>:user/<name>`). */
const ramArn = (snapshot: AccountSnapshot, kind: 'user' | 'group' | 'role' | 'policy', name: string) => `acs:ram:*:${snapshot.accountId}:${kind}/${name}`;
const systemPolicyArn = (name: string) => `acs:ram:*:system:policy/${name}`;

interface Move {
  step: EscalationStep;
  /** The principal the move lets the escalating principal act as (take-overs), if any. */
  becomes?: AuditPrincipal;
}

/** Every escalation of `principal` towards the audit's permission, on the classes it lacks Allow on. */
export function escalationsOf(audit: ActionAudit, principal: AuditPrincipal): Escalation[] {
  // Every chain starts with a move of the principal's own: one that can make none has none.
  if (!capable(audit, principal)) return [];
  const lacking = audit.answer(principal).flatMap((a, i) => (a.decision === 'Allow' ? [] : [i]));
  if (lacking.length === 0) return [];
  const out: Escalation[] = [];
  const visited = new Set([principal.ref]);
  let frontier: { actor: AuditPrincipal; chain: EscalationStep[] }[] = [{ actor: principal, chain: [] }];
  for (let depth = 0; depth < MAX_ESCALATION_DEPTH && frontier.length > 0; depth++) {
    const next: typeof frontier = [];
    for (const { actor, chain } of frontier) {
      if (!capable(audit, actor)) continue;
      for (const step of memoised(audit, 'self', actor, lacking, () => selfMoves(audit, actor, lacking))) out.push(escalation(audit.action, actor, [...chain, step]));
      if (depth + 1 >= MAX_ESCALATION_DEPTH) continue;
      for (const move of memoised(audit, 'takeover', actor, lacking, () => takeovers(audit, actor, lacking))) {
        const target = move.becomes!;
        if (visited.has(target.ref)) continue;
        visited.add(target.ref);
        const has = havingAccess(audit, lacking).has(target.ref);
        const moved = [...chain, move.step];
        // Reaching a role that has it by assumption alone is an access path, not an escalation.
        if (has && moved.some((s) => s.method !== 'assume-role')) out.push(escalation(audit.action, target, moved));
        else if (!has) next.push({ actor: target, chain: moved });
      }
    }
    frontier = next;
  }
  return out;
}

function escalation(action: string, reaches: AuditPrincipal, chain: EscalationStep[]): Escalation {
  const conditional = chain.some((s) => s.decision === 'Conditional');
  const possible = chain.some((s) => s.method === 'create-login-profile' || s.method === 'update-login-profile') && chain.some((s) => s.targetMfaBound === true);
  return { action, reaches, chain, decision: conditional ? 'Conditional' : 'Allow', certainty: possible ? 'possible' : 'certain' };
}

const capables = new WeakMap<object, boolean>();
const escalating = new WeakMap<PolicyDocument, boolean>();

/** Whether a document has an Allow statement that can match some escalation action (memoised per document). */
function allowsEscalation(document: PolicyDocument): boolean {
  let found = escalating.get(document);
  if (found === undefined) escalating.set(document, (found = ESCALATION_ACTIONS.some((a) => documentMentions(document, a).allow)));
  return found;
}

/** Whether the actor's policies can allow any escalation action at all (cheap, no evaluation; memoised per set). */
function capable(audit: ActionAudit, actor: AuditPrincipal): boolean {
  const key = audit.model.attachedDocuments(actor);
  let found = capables.get(key);
  if (found === undefined) {
    // Attachments first (no set built; the same test as mayAllowCheap, once per document), then the real set confirms.
    found = key.some(allowsEscalation) && ESCALATION_ACTIONS.some((a) => mayAllow(audit.model.entry(actor).set.policies, a));
    capables.set(key, found);
  }
  return found;
}

/** The actor allowed `action` on every ARN: the condition and the paths, or undefined. */
function permitted(audit: ActionAudit, actor: AuditPrincipal, action: string, arns: string[]): { residual: Residual; paths: AccessPath[] } | undefined {
  const entry = audit.model.entry(actor);
  if (!mayAllow(entry.set.policies, action)) return undefined;
  const parts: Residual[] = [];
  const paths: AccessPath[] = [];
  let byKey = permissions.get(audit);
  if (!byKey) permissions.set(audit, (byKey = new Map()));
  // Actors whose sets match the RAM action alike share its evaluation (src/audit/sharing.ts); the paths are each one's own.
  const key = `${action}\u0000${sharingKey(entry, action)}`;
  let memo = byKey.get(key);
  if (!memo) byKey.set(key, (memo = new Map()));
  for (const arn of arns) {
    let evaluated = memo.get(arn);
    if (evaluated === undefined && !memo.has(arn)) memo.set(arn, (evaluated = evaluateFor(entry, { principal: entry.set.principal, action, resource: arn, context: { ...audit.context } })));
    const a = assessmentOf(audit.model.snapshot, entry, evaluated);
    if (a.decision === 'None') return undefined;
    parts.push(a.residual ?? TRUE);
    paths.push(...a.paths);
  }
  return { residual: and(parts), paths };
}

const permissions = new WeakMap<ActionAudit, Map<string, Map<string, Evaluated | undefined>>>();
const projections = new Map<string, number[]>();

/** The best answer a hypothetical policy set gives the actor on the lacking classes. */
function gain(audit: ActionAudit, actor: AuditPrincipal, policies: PolicySet, lacking: number[]): Residual | undefined {
  if (!mayAllow(policies, audit.action)) return undefined; // no Allow statement, no Allow
  const compiled = compilePolicySet(policies);
  const principal = audit.model.entry(actor).set.principal;
  // Once per class the changed set can tell apart (W5).
  const projection = projectClasses(audit.classes, policies, audit.action, projections);
  let best: Residual | undefined;
  for (const i of new Set(lacking.map((i) => projection[i]!))) {
    const request = requestFor(audit.model, principal, audit.action, audit.classes[i]!.representative, audit.context, policies);
    const result = evaluate(compiled, request, { trace: false });
    if (result.decision === 'Allow') return TRUE;
    if (result.decision === 'Conditional') best ??= result.residual!;
  }
  return best;
}

function step(actor: AuditPrincipal, method: EscalationMethod, action: string, resource: string, target: EscalationStep['target'], allowed: { residual: Residual; paths: AccessPath[] }, gained: Residual, message: string): EscalationStep {
  const residual = and([allowed.residual, gained]);
  const constant = isConstant(residual) === true;
  return { method, action, resource, actor, target, grantedBy: allowed.paths, decision: constant ? 'Allow' : 'Conditional', ...(constant ? {} : { residual, condition: renderResidual(residual) }), message };
}

/** Moves by which the actor gives the permission to itself. */
function selfMoves(audit: ActionAudit, actor: AuditPrincipal, lacking: number[]): EscalationStep[] {
  const { snapshot } = audit.model;
  const entry = audit.model.entry(actor);
  const set = entry.set;
  const out: EscalationStep[] = [];
  const withPolicy = (name: string, document: PolicyDocument): PolicySet => ({ ...set.policies, identity: [...set.policies.identity, { name: `${name} (attached)`, document }] });
  // Attach a policy to itself or to one of its groups.
  const holders: { method: EscalationMethod; action: string; kind: 'user' | 'group' | 'role'; name: string }[] =
    actor.kind === 'user'
      ? [{ method: 'attach-policy-to-user', action: 'ram:AttachPolicyToUser', kind: 'user', name: actor.name }, ...(snapshot.users.find((u) => u.name === actor.name)?.groups ?? []).map((g) => ({ method: 'attach-policy-to-group' as const, action: 'ram:AttachPolicyToGroup', kind: 'group' as const, name: g }))]
      : [{ method: 'attach-policy-to-role', action: 'ram:AttachPolicyToRole', kind: 'role', name: actor.name }];
  for (const holder of holders) {
    if (!mayAllow(set.policies, holder.action)) continue;
    for (const candidate of attachable(audit)) {
      const allowed = permitted(audit, actor, holder.action, [ramArn(snapshot, holder.kind, holder.name), candidate.arn]);
      if (!allowed) continue;
      const gained = gain(audit, actor, withPolicy(candidate.name, candidate.document), lacking);
      if (!gained) continue;
      out.push(step(actor, holder.method, holder.action, ramArn(snapshot, holder.kind, holder.name), { kind: holder.kind, name: holder.name }, allowed, gained, `attach \`${candidate.name}\` to ${holder.kind} \`${holder.name}\``));
      break;
    }
  }
  // Rewrite, or bring back, a version of a custom policy attached to it.
  const attached = [...new Set(set.sources.filter((s) => s.policy.type === 'Custom' && (s.layer === 'identity' || s.layer === 'resource-group')).map((s) => s.policy.name))];
  for (const name of attached) {
    const policy = snapshot.policies.find((p) => p.name === name)!;
    const replaced = (document: PolicyDocument): PolicySet => {
      const names = new Set(set.sources.filter((s) => s.policy.name === name && s.policy.type === 'Custom').map((s) => `${s.layer}:${s.name}:${s.resourceGroup ?? ''}`));
      const swap = <T extends { name: string; resourceGroup?: string }>(layer: string, p: T): T => (names.has(`${layer}:${p.name}:${p.resourceGroup ?? ''}`) ? { ...p, document } : p);
      return { ...set.policies, identity: set.policies.identity.map((p) => swap('identity', p)), resourceGroup: set.policies.resourceGroup.map((p) => swap('resource-group', p)) };
    };
    const arn = ramArn(snapshot, 'policy', name);
    const create = permitted(audit, actor, 'ram:CreatePolicyVersion', [arn]);
    // RAM keeps five versions: a sixth needs one deleted first (W8).
    const full = policy.versions.length >= 5 ? permitted(audit, actor, 'ram:DeletePolicyVersion', [arn]) : { residual: TRUE, paths: [] };
    if (create && full) {
      const gained = gain(audit, actor, replaced(grantingDocument(audit.action)), lacking);
      if (gained) out.push(step(actor, 'create-policy-version', 'ram:CreatePolicyVersion', arn, { kind: 'policy', name }, { residual: and([create.residual, full.residual]), paths: [...create.paths, ...full.paths] }, gained, `create a new default version of \`${name}\` that allows \`${audit.action}\``));
    }
    const setDefault = permitted(audit, actor, 'ram:SetDefaultPolicyVersion', [arn]);
    if (setDefault) {
      for (const version of policy.versions.filter((v) => v.id !== policy.defaultVersion)) {
        const gained = gain(audit, actor, replaced(version.document), lacking);
        if (gained) out.push(step(actor, 'set-default-policy-version', 'ram:SetDefaultPolicyVersion', arn, { kind: 'policy', name, version: version.id }, setDefault, gained, `make version \`${version.id}\` of \`${name}\` the default`));
      }
    }
  }
  // Join a group that has it.
  if (actor.kind === 'user' && mayAllow(set.policies, 'ram:AddUserToGroup')) {
    const user = snapshot.users.find((u) => u.name === actor.name)!;
    const helps = (g: (typeof snapshot.groups)[number]) => g.attachments.some((a) => documentsFor(snapshot, a).some((d) => documentMentions(d, audit.action).allow));
    for (const group of snapshot.groups.filter((g) => !user.groups.includes(g.name) && helps(g))) {
      const allowed = permitted(audit, actor, 'ram:AddUserToGroup', [ramArn(snapshot, 'user', actor.name), ramArn(snapshot, 'group', group.name)]);
      if (!allowed) continue;
      // The snapshot with only this user, now in the group: its set is what RAM would then apply.
      const changed = { ...snapshot, users: [{ ...user, groups: [...user.groups, group.name] }] };
      const gained = gain(audit, actor, audit.model.buildSet(changed, actor.ref).policies, lacking);
      if (gained) out.push(step(actor, 'add-user-to-group', 'ram:AddUserToGroup', ramArn(snapshot, 'group', group.name), { kind: 'group', name: group.name }, allowed, gained, `add user \`${actor.name}\` to group \`${group.name}\``));
    }
  }
  return out;
}

/** A policy that allows exactly the audited action on every resource: what a rewritten version would say. */
function grantingDocument(action: string): PolicyDocument {
  return { version: '1', kind: 'identity', statements: [{ index: 0, effect: 'Allow', actions: [action], resources: ['*'], conditions: [], sourcePath: '/Statement/0' }] };
}

/** Policies an actor may attach: AdministratorAccess, then the account's custom policies and the catalog's system policies that allow the action. */
function attachable(audit: ActionAudit): { name: string; arn: string; document: PolicyDocument }[] {
  const { snapshot } = audit.model;
  const out: { name: string; arn: string; document: PolicyDocument }[] = [];
  const admin = findSystemPolicy(ADMIN_POLICY, 'identity');
  if ('policy' in admin) out.push({ name: ADMIN_POLICY, arn: systemPolicyArn(ADMIN_POLICY), document: admin.policy });
  for (const p of snapshot.policies) {
    const document = p.versions.find((v) => v.id === p.defaultVersion)!.document;
    if (documentMentions(document, audit.action).allow) out.push({ name: p.name, arn: ramArn(snapshot, 'policy', p.name), document });
  }
  for (const p of snapshot.systemPolicies) if (p.name !== ADMIN_POLICY && documentMentions(p.document, audit.action).allow) out.push({ name: p.name, arn: systemPolicyArn(p.name), document: p.document });
  return out;
}

/** Moves by which the actor comes to act as another principal: take over a user, rewrite a role's trust, or assume a role. */
function takeovers(audit: ActionAudit, actor: AuditPrincipal, lacking: number[]): Move[] {
  const { model } = audit;
  const { snapshot } = model;
  const out: Move[] = [];
  const policies = model.entry(actor).set.policies;
  // Roles it can already assume come from the edges; every other target needs a take-over action.
  for (const edge of audit.edgesOf().get(actor.ref) ?? []) {
    const s = edge.step;
    out.push({ becomes: edge.to, step: { method: 'assume-role', action: 'sts:AssumeRole', resource: edge.to.arn, actor, target: { kind: 'role', name: edge.to.name }, grantedBy: [], decision: s.decision, ...(s.residual ? { residual: s.residual, condition: s.condition! } : {}), message: `assume role \`${edge.to.name}\`` } });
  }
  const takesUsers = ['ram:CreateAccessKey', 'ram:CreateLoginProfile', 'ram:UpdateLoginProfile'].some((a) => mayAllow(policies, a));
  const takesRoles = mayAllow(policies, 'ram:UpdateRole') && mayAllow(policies, 'sts:AssumeRole');
  if (!takesUsers && !takesRoles) return out;
  const assumable = new Set((audit.edgesOf().get(actor.ref) ?? []).map((e) => e.to.ref));
  const having = havingAccess(audit, lacking);
  const interesting = (p: AuditPrincipal) => p.ref !== actor.ref && !assumable.has(p.ref) && (p.kind === 'user' ? takesUsers : takesRoles);
  for (const target of worthTaking(audit, lacking, having).filter(interesting)) {
    if (target.kind === 'user') {
      const user = snapshot.users[indexOf(snapshot, target.ref)]!;
      const arn = ramArn(snapshot, 'user', target.name);
      const mfa = user.mfaBound === true ? ' (the user has an MFA device bound: a password alone may not sign in)' : '';
      const kinds: [EscalationMethod, string, boolean, string][] = [
        ['create-access-key', 'ram:CreateAccessKey', true, `create an AccessKey for user \`${target.name}\` and call as it`],
        ['create-login-profile', 'ram:CreateLoginProfile', user.loginProfile !== true, `create a console password for user \`${target.name}\` and sign in as it${mfa}`],
        ['update-login-profile', 'ram:UpdateLoginProfile', user.loginProfile !== false, `reset the console password of user \`${target.name}\` and sign in as it${mfa}`],
      ];
      for (const [method, action, applicable, message] of kinds) {
        if (!applicable || !mayAllow(policies, action)) continue;
        const allowed = permitted(audit, actor, action, [arn]);
        if (!allowed) continue;
        const made = step(actor, method, action, arn, { kind: 'user', name: target.name }, allowed, TRUE, message);
        out.push({ becomes: target, step: user.mfaBound === true && method !== 'create-access-key' ? { ...made, targetMfaBound: true } : made });
      }
    } else {
      const arn = ramArn(snapshot, 'role', target.name);
      const allowed = permitted(audit, actor, 'ram:UpdateRole', [arn]);
      if (!allowed) continue;
      // The trust policy rewritten to trust the actor; its identity policy must still allow sts:AssumeRole (W9).
      const trust: PolicyDocument = { version: '1', kind: 'trust', statements: [{ index: 0, effect: 'Allow', actions: ['sts:AssumeRole'], principal: { RAM: [actor.arn], Service: [], Federated: [] }, conditions: [], sourcePath: '/Statement/0' }] };
      const changed = { ...snapshot, roles: snapshot.roles.map((r) => (r.name === target.name ? { ...r, trustPolicy: trust } : r)) };
      const edge = assumeEdge(model, actor, target, audit.context, changed);
      if (edge) out.push({ becomes: target, step: step(actor, 'update-role-trust', 'ram:UpdateRole', arn, { kind: 'role', name: target.name }, allowed, edge.residual, `rewrite the trust policy of role \`${target.name}\` to trust ${actor.kind} \`${actor.name}\`, then assume it`) });
    }
  }
  return out;
}

const worth = new WeakMap<ActionAudit, Map<string, AuditPrincipal[]>>();

/** The principals worth taking over whatever the actor: those with access on the lacking classes, or that can escalate further (memoised per audit and classes). */
function worthTaking(audit: ActionAudit, classes: number[], having: Set<string>): AuditPrincipal[] {
  let memo = worth.get(audit);
  if (!memo) worth.set(audit, (memo = new Map()));
  const key = classes.join(',');
  let found = memo.get(key);
  if (!found) memo.set(key, (found = audit.model.principals.filter((p) => having.has(p.ref) || capable(audit, p))));
  return found;
}

const havings = new WeakMap<ActionAudit, Map<string, Set<string>>>();

/** The principals with Allow or Conditional on some of the given classes (memoised per audit and classes). */
function havingAccess(audit: ActionAudit, classes: number[]): Set<string> {
  let memo = havings.get(audit);
  if (!memo) havings.set(audit, (memo = new Map()));
  const key = classes.join(',');
  let found = memo.get(key);
  if (!found) {
    found = new Set(audit.model.principals.filter((p) => classes.some((i) => audit.answer(p)[i]!.decision !== 'None')).map((p) => p.ref));
    memo.set(key, found);
  }
  return found;
}

const moves = new WeakMap<ActionAudit, Map<string, unknown>>();

/** An actor's moves depend on the actor and the classes lacked, not on who escalates through it: computed once per audit. */
function memoised<T>(audit: ActionAudit, kind: string, actor: AuditPrincipal, lacking: number[], compute: () => T): T {
  let memo = moves.get(audit);
  if (!memo) moves.set(audit, (memo = new Map()));
  const key = `${kind}|${actor.ref}|${lacking.join(',')}`;
  if (!memo.has(key)) memo.set(key, compute());
  return memo.get(key) as T;
}
