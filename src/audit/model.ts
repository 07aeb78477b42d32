/**
 * The account as the audit walks it: every principal (users, then roles) with its policy set built
 * by `policySetFor` and compiled once, and a cheap relevance test per policy document so that a
 * principal whose policies cannot allow an action is answered without evaluating (an identity Allow
 * statement naming the action is necessary for any Allow, E6 — the evaluator would say the same).
 */
import { compilePolicySet, type CompiledPolicySet } from '../eval/compile.js';
import { compileActionPatterns, lowerCaseAction } from '../match/action.js';
import type { PolicyDocument } from '../policy/types.js';
import { findSystemPolicy } from '../scenario/load-policies.js';
import type { NamedPolicy, PolicySet } from '../scenario/types.js';
import { policySetFor, roleArn, userArn, type PrincipalPolicySet } from '../snapshot/principal.js';
import type { AccountSnapshot, CustomPolicy, SnapshotGroup } from '../snapshot/types.js';
import type { AuditPrincipal } from './types.js';

/** One principal, its policy set and the set compiled. */
export interface PrincipalEntry {
  principal: AuditPrincipal;
  set: PrincipalPolicySet;
  compiled: CompiledPolicySet;
}

/** Options shared by who-can and principal-can. */
export interface AuditOptions {
  /** A session policy every role session carries (`--session-policy`); users have no session. */
  sessionPolicy?: NamedPolicy;
}

/** Lazily built, cached entries for every principal of a snapshot. */
export class AuditModel {
  readonly principals: AuditPrincipal[];
  private readonly entries = new Map<string, PrincipalEntry>();

  constructor(
    readonly snapshot: AccountSnapshot,
    readonly options: AuditOptions = {},
  ) {
    this.principals = [
      ...snapshot.users.map((u): AuditPrincipal => ({ kind: 'user', name: u.name, arn: userArn(snapshot, u.name), ref: `user/${u.name}` })),
      ...snapshot.roles.map((r): AuditPrincipal => ({ kind: 'role', name: r.name, arn: roleArn(snapshot, r), ref: `role/${r.name}` })),
    ];
  }

  /** The entry of a principal (its set without any trust policy), compiled on first use. Throws on an inconsistent snapshot, which parseSnapshot rules out. */
  entry(principal: AuditPrincipal): PrincipalEntry {
    let entry = this.entries.get(principal.ref);
    if (!entry) {
      const set = this.buildSet(this.snapshot, principal.ref);
      let compiled: CompiledPolicySet | undefined;
      // Most principals are answered from their set alone (no statement can allow the action).
      entry = { principal, set, get compiled() { return (compiled ??= compilePolicySet(set.policies)); } };
      this.entries.set(principal.ref, entry);
    }
    return entry;
  }

  /**
   * Whether the principal's set can hold an Allow for `action`, from its attachments alone (no set
   * built): every document the set can hold — the default version of each custom policy attached
   * to it or its groups, each system policy — is looked at. A superset of the set's identity
   * policies, so `false` is certain; `true` is confirmed by `mayAllow` on the real set.
   */
  mayAllowCheap(principal: AuditPrincipal, action: string): boolean {
    const built = this.entries.get(principal.ref);
    if (built) return mayAllow(built.set.policies, action);
    return this.attachedDocuments(principal).some((d) => documentMentions(d, action).allow);
  }

  private readonly attached = new Map<string, PolicyDocument[]>();

  /** Every document attached to the principal or its groups, at any scope (memoised). */
  attachedDocuments(principal: AuditPrincipal): PolicyDocument[] {
    let found = this.attached.get(principal.ref);
    if (!found) {
      const { snapshot } = this;
      const index = indexOf(snapshot, principal.ref);
      const groups = groupsByName(snapshot.groups);
      const attachments =
        principal.kind === 'user'
          ? [...snapshot.users[index]!.attachments, ...snapshot.users[index]!.groups.flatMap((g) => groups.get(g)?.attachments ?? [])]
          : snapshot.roles[index]!.attachments;
      found = attachments.flatMap((a) => documentsFor(snapshot, a));
      this.attached.set(principal.ref, found);
    }
    return found;
  }

  /** A principal's set built from `snapshot` (the real one, or a hypothetical variant), with the role's trust policy when `resource` names a role. */
  buildSet(snapshot: AccountSnapshot, ref: string, resource?: string): PrincipalPolicySet {
    // The control levels are the same for every principal: built once per directory, then copied in.
    const directory = snapshot.resourceDirectory;
    let control = directory ? controls.get(directory) : undefined;
    const from = narrowed(snapshot, ref);
    const built = policySetFor(control ? { ...from, resourceDirectory: undefined } : from, ref, resource !== undefined ? { resource } : {});
    if (!built.result) throw new Error(`internal: ${ref}: ${built.diagnostics.map((d) => d.message).join('; ')}`);
    if (directory && !control) controls.set(directory, (control = { levels: built.result.policies.control, sources: built.result.sources.filter((s) => s.layer === 'control') }));
    else if (control) {
      built.result.policies.control = control.levels.map((level) => [...level]);
      built.result.sources = [...control.sources, ...built.result.sources];
    }
    if (ref.startsWith('user/')) {
      // The narrowed snapshot holds the user at index 0: point back at its real place.
      const to = `/users/${indexOf(snapshot, ref)}/`;
      for (const source of built.result.sources) if (source.pointer.startsWith('/users/0/')) source.pointer = to + source.pointer.slice('/users/0/'.length);
    }
    if (ref.startsWith('role/') && this.options.sessionPolicy) built.result.policies.session = this.options.sessionPolicy;
    return built.result;
  }
}

const controls = new WeakMap<object, { levels: PolicySet['control']; sources: PrincipalPolicySet['sources'] }>();
const indexes = new WeakMap<object, Map<string, number>>();

/** The index of `user/NAME` or `role/NAME` in its array, -1 when absent (memoised per snapshot: lookups are by the thousand). */
export function indexOf(snapshot: AccountSnapshot, ref: string): number {
  // Keyed by the array: a hypothetical snapshot that changes the roles shares the users' index.
  const users = ref.startsWith('user/');
  const list: readonly { name: string }[] = users ? snapshot.users : snapshot.roles;
  let map = indexes.get(list);
  // Keyed by the whole ref: a caller's ref string is looked up as is (its hash cached), no slice per call.
  const prefix = users ? 'user/' : 'role/';
  if (!map) indexes.set(list, (map = new Map(list.map((p, i) => [prefix + p.name, i]))));
  return (ref.startsWith(prefix) ? map.get(ref) : undefined) ?? -1;
}

/**
 * The snapshot with only the named principal among the users (or roles): `policySetFor` finds a
 * principal by scanning the list, which over 10,000 principals each is 10^8 steps. A role's
 * trust policy is looked up among the roles, so a user's set keeps every role.
 */
function narrowed(snapshot: AccountSnapshot, ref: string): AccountSnapshot {
  const index = indexOf(snapshot, ref);
  if (index < 0) return snapshot;
  // Only the custom policies its attachments name: policySetFor looks each one up by scanning.
  const byName = policiesByName(snapshot.policies);
  if (ref.startsWith('user/')) {
    const user = snapshot.users[index]!;
    const groups = groupsByName(snapshot.groups);
    const named = new Set([...user.attachments, ...user.groups.flatMap((g) => groups.get(g)?.attachments ?? [])].filter((a) => a.type === 'Custom').map((a) => a.policy));
    return { ...snapshot, users: [user], policies: [...named].flatMap((n) => byName.get(n) ?? []) };
  }
  const named = new Set(snapshot.roles[index]!.attachments.filter((a) => a.type === 'Custom').map((a) => a.policy));
  return { ...snapshot, policies: [...named].flatMap((n) => byName.get(n) ?? []) };
}

const policyIndexes = new WeakMap<object, Map<string, CustomPolicy>>();
const groupIndexes = new WeakMap<object, Map<string, SnapshotGroup>>();

function groupsByName(groups: SnapshotGroup[]): Map<string, SnapshotGroup> {
  let map = groupIndexes.get(groups);
  if (!map) groupIndexes.set(groups, (map = new Map(groups.map((g) => [g.name, g]))));
  return map;
}

function policiesByName(policies: CustomPolicy[]): Map<string, CustomPolicy> {
  let map = policyIndexes.get(policies);
  if (!map) policyIndexes.set(policies, (map = new Map(policies.map((p) => [p.name, p]))));
  return map;
}

const relevance = new WeakMap<PolicyDocument, Map<string, { allow: boolean; any: boolean }>>();

/** Whether a document has a statement whose Action (or NotAction) part can match `action`; `allow`: an Allow one. */
export function documentMentions(document: PolicyDocument, action: string): { allow: boolean; any: boolean } {
  let memo = relevance.get(document);
  if (!memo) relevance.set(document, (memo = new Map()));
  const lower = lowerCaseAction(action);
  let found = memo.get(lower);
  if (!found) {
    found = { allow: false, any: false };
    for (const s of document.statements) {
      const hit = compileActionPatterns(s.actions ?? s.notActions ?? []).some((m) => m.test(lower));
      if (hit === (s.notActions === undefined)) {
        found.any = true;
        if (s.effect === 'Allow') found.allow = true;
      }
    }
    memo.set(lower, found);
  }
  return found;
}

const allowing = new WeakMap<PolicySet, Map<string, boolean>>();

/** Whether some identity policy of the set (account or resource-group scope) has an Allow statement that can match `action` (memoised per set). */
export function mayAllow(policies: PolicySet, action: string): boolean {
  let memo = allowing.get(policies);
  if (!memo) allowing.set(policies, (memo = new Map()));
  let found = memo.get(action);
  if (found === undefined) {
    found = policies.identity.some((p) => documentMentions(p.document, action).allow) || policies.resourceGroup.some((p) => documentMentions(p.document, action).allow);
    memo.set(action, found);
  }
  return found;
}

/** Every document of a set, every layer. */
export function documentsOf(policies: PolicySet): PolicyDocument[] {
  return [...policies.control.flat(), ...(policies.session ? [policies.session] : []), ...policies.identity, ...policies.resourceGroup, ...policies.resource].map((p) => p.document);
}

/** The document an attachment stands for: a custom policy's default version, or the system policy (the snapshot's copy first, A5). */
export function documentsFor(snapshot: AccountSnapshot, a: { policy: string; type: string }): PolicyDocument[] {
  if (a.type === 'Custom') {
    const p = policiesByName(snapshot.policies).get(a.policy);
    return p ? p.versions.filter((v) => v.id === p.defaultVersion).map((v) => v.document) : [];
  }
  const own = snapshot.systemPolicies.find((x) => x.name === a.policy);
  if (own) return [own.document];
  const found = findSystemPolicy(a.policy, 'identity');
  return 'policy' in found ? [found.policy] : [];
}
