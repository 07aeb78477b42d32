/**
 * The account as the audit walks it: every principal (users, then roles) with its policy set built
 * by `policySetFor` and compiled once, and a cheap relevance test per policy document so that a
 * principal whose policies cannot allow an action is answered without evaluating (an identity Allow
 * statement naming the action is necessary for any Allow, E6 — the evaluator would say the same).
 */
import { compilePolicySet, type CompiledPolicySet } from '../eval/compile.js';
import { compileActionPatterns, lowerCaseAction } from '../match/action.js';
import type { PolicyDocument } from '../policy/types.js';
import type { NamedPolicy, PolicySet } from '../scenario/types.js';
import { policySetFor, roleArn, userArn, type PrincipalPolicySet } from '../snapshot/principal.js';
import type { AccountSnapshot } from '../snapshot/types.js';
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

  /** The entry of a principal (its set without any trust policy). Throws on an inconsistent snapshot, which parseSnapshot rules out. */
  entry(principal: AuditPrincipal): PrincipalEntry {
    let entry = this.entries.get(principal.ref);
    if (!entry) {
      const set = this.buildSet(this.snapshot, principal.ref);
      entry = { principal, set, compiled: compilePolicySet(set.policies) };
      this.entries.set(principal.ref, entry);
    }
    return entry;
  }

  /** A principal's set built from `snapshot` (the real one, or a hypothetical variant), with the role's trust policy when `resource` names a role. */
  buildSet(snapshot: AccountSnapshot, ref: string, resource?: string): PrincipalPolicySet {
    const built = policySetFor(snapshot, ref, resource !== undefined ? { resource } : {});
    if (!built.result) throw new Error(`internal: ${ref}: ${built.diagnostics.map((d) => d.message).join('; ')}`);
    if (ref.startsWith('role/') && this.options.sessionPolicy) built.result.policies.session = this.options.sessionPolicy;
    return built.result;
  }
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

/** Whether some identity policy of the set (account or resource-group scope) has an Allow statement that can match `action`. */
export function mayAllow(policies: PolicySet, action: string): boolean {
  return policies.identity.some((p) => documentMentions(p.document, action).allow) || policies.resourceGroup.some((p) => documentMentions(p.document, action).allow);
}

/** Every document of a set, every layer. */
export function documentsOf(policies: PolicySet): PolicyDocument[] {
  return [...policies.control.flat(), ...(policies.session ? [policies.session] : []), ...policies.identity, ...policies.resourceGroup, ...policies.resource].map((p) => p.document);
}
