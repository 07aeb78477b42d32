/**
 * Moves on what the actor already holds: rewrite, or bring back, a version of a custom policy
 * attached to it, its groups or a role it can assume (W8, W34), or join a group whose policies
 * help (W7).
 */
import { TRUE } from '../../eval/residual.js';
import type { PolicyDocument } from '../../policy/types.js';
import type { PolicyVersion } from '../../snapshot/types.js';
import type { EscalationSearch, Gain, Need } from '../escalation.js';
import { documentsFor, mayAllow } from '../model.js';
import type { AuditPrincipal } from '../types.js';
import { choose } from '../what-if.js';
import { both, gainOf, mayHelp, outcomesOf, ramArn, step } from './common.js';

/**
 * The custom policies whose change reaches the actor: those it holds (its own attachments, its
 * groups', at any scope), then those of the roles it can already assume (change, then assume: the
 * assumption follows in the chain, W34), by name.
 */
function heldCustom(search: EscalationSearch, actor: AuditPrincipal): string[] {
  const { model } = search.audit;
  const custom = (who: AuditPrincipal) => model.entry(who).set.sources.filter((s) => s.policy.type === 'Custom' && (s.layer === 'identity' || s.layer === 'resource-group')).map((s) => s.policy.name);
  return [...new Set([...custom(actor), ...model.edgesFrom(actor).flatMap((e) => custom(e.to))])];
}

/** `create-policy-version`: a new default version of a custom policy it (or a role it can assume) holds that allows the action (W8). */
export function createPolicyVersion(search: EscalationSearch, actor: AuditPrincipal, need: Need): Gain[] {
  const { audit } = search;
  const { snapshot, session } = audit.model;
  const out: Gain[] = [];
  if (!mayAllow(session, audit.model.entry(actor).set.policies, 'ram:CreatePolicyVersion')) return out;
  const outcomes = outcomesOf(search, actor, need);
  for (const name of heldCustom(search, actor)) {
    const policy = audit.model.index.policy(name)!;
    const arn = ramArn(snapshot, 'policy', name);
    const create = search.permitted(actor, 'ram:CreatePolicyVersion', [arn]);
    // RAM keeps five versions: a sixth needs one deleted first (W8).
    const full = policy.versions.length >= 5 ? search.permitted(actor, 'ram:DeletePolicyVersion', [arn]) : { residual: TRUE, paths: [] };
    if (!create || !full) continue;
    const permission = both(create, full);
    const version: PolicyVersion = { id: nextVersionId(policy.versions), document: grantingDocument(audit.action) };
    for (const c of choose(need.classes, [version], (v, open) => outcomes({ kind: 'default-version', policy: name, version: v }, open))) out.push(gainOf(actor, c, (g) => [step(actor, 'create-policy-version', 'ram:CreatePolicyVersion', arn, { kind: 'policy', name }, permission, g, `create a new default version of \`${name}\` that allows \`${audit.action}\``)]));
  }
  return out;
}

/** `set-default-policy-version`: make another version of a custom policy it (or a role it can assume) holds the default. */
export function setDefaultPolicyVersion(search: EscalationSearch, actor: AuditPrincipal, need: Need): Gain[] {
  const { snapshot, session } = search.audit.model;
  const out: Gain[] = [];
  if (!mayAllow(session, search.audit.model.entry(actor).set.policies, 'ram:SetDefaultPolicyVersion')) return out;
  const outcomes = outcomesOf(search, actor, need);
  for (const name of heldCustom(search, actor)) {
    const policy = search.audit.model.index.policy(name)!;
    const arn = ramArn(snapshot, 'policy', name);
    const setDefault = search.permitted(actor, 'ram:SetDefaultPolicyVersion', [arn]);
    if (!setDefault) continue;
    for (const version of policy.versions.filter((v) => v.id !== policy.defaultVersion)) {
      for (const c of choose(need.classes, [version], (v, open) => outcomes({ kind: 'default-version', policy: name, version: v }, open))) out.push(gainOf(actor, c, (g) => [step(actor, 'set-default-policy-version', 'ram:SetDefaultPolicyVersion', arn, { kind: 'policy', name, version: version.id }, setDefault, g, `make version \`${version.id}\` of \`${name}\` the default`)]));
    }
  }
  return out;
}

/** `add-user-to-group`: join a group that has the permission, or that lets the user assume a role. */
export function addUserToGroup(search: EscalationSearch, actor: AuditPrincipal, need: Need): Gain[] {
  const { audit } = search;
  const { model } = audit;
  const { snapshot, session } = model;
  const out: Gain[] = [];
  if (actor.kind !== 'user' || !mayAllow(session, model.entry(actor).set.policies, 'ram:AddUserToGroup')) return out;
  const outcomes = outcomesOf(search, actor, need);
  const user = snapshot.users[model.indexOf(actor.ref)]!;
  const helps = (g: (typeof snapshot.groups)[number]) => g.attachments.some((a) => documentsFor(model, a).some((d) => mayHelp(search, d)));
  // The same for every actor: listed once per search (850 actors × 60 groups in the README's demo).
  const helping = (search.helpingGroups ??= new Set(snapshot.groups.filter(helps).map((g) => g.name)));
  for (const group of snapshot.groups.filter((g) => !user.groups.includes(g.name) && helping.has(g.name))) {
    if (search.joins.cannotGain(actor, group.name, need.classes, need.allowOnly)) continue;
    const arn = ramArn(snapshot, 'group', group.name);
    const permission = search.permitted(actor, 'ram:AddUserToGroup', [ramArn(snapshot, 'user', actor.name), arn]);
    if (!permission) continue;
    for (const c of choose(need.classes, [group.name], (g, open) => outcomes({ kind: 'join-group', user: actor.name, group: g, keepsEdges: search.joins.edgesIrrelevant(actor, g, open, need.allowOnly) }, open))) out.push(gainOf(actor, c, (g) => [step(actor, 'add-user-to-group', 'ram:AddUserToGroup', arn, { kind: 'group', name: group.name }, permission, g, `add user \`${actor.name}\` to group \`${group.name}\``)]));
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
