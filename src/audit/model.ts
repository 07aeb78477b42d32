/**
 * The account as the audit walks it: every principal (users, then roles) with its policy set built
 * by `policySetFor` and compiled once, the roles each can assume (W2), and a cheap relevance test
 * per policy document so that a principal whose policies cannot allow an action is answered
 * without evaluating (an identity Allow statement naming the action is necessary for any Allow,
 * E6 — the evaluator would say the same).
 *
 * An escalation move changes the account: `whatIf` gives the changed account as a model that
 * builds again only the principals the move changes and takes everything else from this one.
 */
import { compilePolicySet, type CompiledPolicySet } from '../eval/compile.js';
import { compileActionPatterns, lowerCaseAction } from '../match/action.js';
import type { PolicyDocument } from '../policy/types.js';
import type { NamedPolicy, PolicySet } from '../policy/policy-set.js';
import { AccountIndex, attachedDocument, systemDocumentOf, type SnapshotIndex } from '../snapshot/account-index.js';
import { policySetFor, roleArn, userArn, type PrincipalPolicySet } from '../snapshot/principal.js';
import type { AccountSnapshot } from '../snapshot/types.js';
import { edgesFrom, edgesReusing, type AssumeEdge } from './roles.js';
import type { AuditSession, Mention } from './session.js';
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
  /**
   * At most this many paths per answer, shortest first (0 or absent: every path). Role chains
   * multiply paths as N³ in a mesh of N roles: with a limit, chains are walked only until it is met.
   */
  maxPaths?: number;
}

/** The model a what-if account derives from, and which principals the change touches. */
interface Derivation {
  base: AuditModel;
  /** Whether the principal's policies (or the roles it may assume) differ from the base account's. */
  changed: (principal: AuditPrincipal) => boolean;
  /**
   * The change adds or removes no statement that can match `sts:AssumeRole` (and no principal):
   * every principal can assume exactly the roles it could, so the base account's edges serve.
   */
  edgesUnchanged: boolean;
  /** The change adds or betters edges of the changed principals only to these roles (indices into `roles()`): the others are the base account's. */
  freshEdges?: ReadonlySet<number>;
  /** The change is one user (`user/NAME`) joining one group, appended to its groups: nothing else differs. */
  joined?: { ref: string; group: string };
}

/** What `AuditModel.whatIf` is told about a change beyond the principals it touches (see `Derivation`). */
export type DerivationOptions = Pick<Derivation, 'edgesUnchanged' | 'freshEdges' | 'joined'>;

/** Lazily built, cached entries for every principal of a snapshot. */
export class AuditModel {
  readonly principals: AuditPrincipal[];
  /** `user/NAME` → index in `users`, `role/NAME` → index in `roles` (a what-if account keeps every place). */
  private readonly positions: Map<string, number>;
  private readonly entries = new Map<string, PrincipalEntry>();
  private readonly attached = new Map<string, PolicyDocument[]>();
  private readonly edges = new Map<string, { edges: AssumeEdge[]; source: Iterator<AssumeEdge>; done: boolean }>();
  private roleList: AuditPrincipal[] | undefined;
  /** The roles (indices into `roles()`) a Resource pattern of `sts:AssumeRole` names; role ARNs are the same in a what-if account. */
  readonly namedRoles: Map<string, number[]>;

  /** The snapshot's names indexed once (a what-if account's index shares every list the move left alone). */
  readonly index: SnapshotIndex;

  constructor(
    readonly session: AuditSession,
    readonly snapshot: AccountSnapshot,
    private readonly derivation?: Derivation,
  ) {
    this.index = derivation ? derivation.base.index.derive(snapshot) : new AccountIndex(snapshot);
    if (derivation) {
      this.principals = derivation.base.principals;
      this.positions = derivation.base.positions;
      this.namedRoles = derivation.base.namedRoles;
    } else {
      this.principals = [
        ...snapshot.users.map((u): AuditPrincipal => ({ kind: 'user', name: u.name, arn: userArn(snapshot, u.name), ref: `user/${u.name}` })),
        ...snapshot.roles.map((r): AuditPrincipal => ({ kind: 'role', name: r.name, arn: roleArn(snapshot, r), ref: `role/${r.name}` })),
      ];
      this.positions = new Map([...snapshot.users.map((u, i) => [`user/${u.name}`, i] as const), ...snapshot.roles.map((r, i) => [`role/${r.name}`, i] as const)]);
      this.namedRoles = new Map();
    }
  }

  get options(): AuditOptions {
    return this.session.options;
  }

  /** Whether this is the account changed by an escalation move (`whatIf`), not the snapshot's. */
  get isWhatIf(): boolean {
    return this.derivation !== undefined;
  }

  /** The account changed by an escalation move: `changed` says whose policies differ from this one's. */
  whatIf(snapshot: AccountSnapshot, changed: (principal: AuditPrincipal) => boolean, options: Partial<DerivationOptions> = {}): AuditModel {
    return new AuditModel(this.session, snapshot, { base: this, changed, edgesUnchanged: options.edgesUnchanged === true, ...(options.freshEdges ? { freshEdges: options.freshEdges } : {}), ...(options.joined ? { joined: options.joined } : {}) });
  }

  /** The group `principal` joined, when this what-if account is that user joining it and nothing else. */
  joinedGroup(principal: AuditPrincipal): string | undefined {
    const joined = this.derivation?.joined;
    return joined !== undefined && joined.ref === principal.ref ? joined.group : undefined;
  }

  /** Whether every principal assumes the same roles as in the base account (see `Derivation.edgesUnchanged`). */
  get edgesUnchanged(): boolean {
    return this.derivation?.edgesUnchanged === true;
  }

  /** Whether the principal's answers may differ from the base account's (always, in the real account). */
  isChanged(principal: AuditPrincipal): boolean {
    return this.derivation === undefined || this.derivation.changed(principal);
  }

  /** The base account's model, when this one is a what-if account. */
  get base(): AuditModel | undefined {
    return this.derivation?.base;
  }

  /** The index of `user/NAME` or `role/NAME` in its array, -1 when absent. */
  indexOf(ref: string): number {
    return this.positions.get(ref) ?? -1;
  }

  /** The roles of the account, in the snapshot's order. */
  roles(): AuditPrincipal[] {
    return (this.roleList ??= this.derivation?.base.roles() ?? this.principals.filter((p) => p.kind === 'role'));
  }

  /** The entry of a principal (its set without any trust policy), compiled on first use. Throws on an inconsistent snapshot, which parseSnapshot rules out. */
  entry(principal: AuditPrincipal): PrincipalEntry {
    if (!this.isChanged(principal)) return this.derivation!.base.entry(principal);
    let entry = this.entries.get(principal.ref);
    if (!entry) {
      const set = this.buildSet(this.snapshot, principal.ref);
      const cache = this.session.compileCache;
      let compiled: CompiledPolicySet | undefined;
      // Most principals are answered from their set alone (no statement can allow the action).
      entry = { principal, set, get compiled() { return (compiled ??= compilePolicySet(set.policies, cache)); } };
      this.entries.set(principal.ref, entry);
    }
    return entry;
  }

  /** The roles the principal can assume, one edge each (W2): every one. */
  edgesFrom(principal: AuditPrincipal): AssumeEdge[] {
    const stream = this.edgeStream(principal);
    while (!stream.next().done);
    return this.edgeList(principal).edges;
  }

  /**
   * The same edges one at a time, each evaluated on first need and kept: walking the first few
   * roles of a mesh of 1,000 does not evaluate the other 990 (issue 13).
   */
  *edgeStream(principal: AuditPrincipal): Generator<AssumeEdge> {
    const found = this.edgeList(principal);
    for (let k = 0; ; k++) {
      if (k >= found.edges.length) {
        if (found.done) return;
        const next = found.source.next();
        if (next.done) {
          found.done = true;
          return;
        }
        found.edges.push(next.value);
      }
      yield found.edges[k]!;
    }
  }

  private edgeList(principal: AuditPrincipal): { edges: AssumeEdge[]; source: Iterator<AssumeEdge>; done: boolean } {
    if (!this.isChanged(principal) || this.derivation?.edgesUnchanged) return this.derivation!.base.edgeList(principal);
    let found = this.edges.get(principal.ref);
    if (!found) {
      const fresh = this.derivation?.freshEdges;
      const source = fresh ? edgesReusing(this, principal, fresh, this.derivation!.base) : edgesFrom(this, principal);
      this.edges.set(principal.ref, (found = { edges: [], source, done: false }));
    }
    return found;
  }

  /**
   * Whether the principal's set can hold an Allow for `action`, from its attachments alone (no set
   * built): every document the set can hold — the default version of each custom policy attached
   * to it or its groups, each system policy — is looked at. A superset of the set's identity
   * policies, so `false` is certain; `true` is confirmed by `mayAllow` on the real set.
   */
  mayAllowCheap(principal: AuditPrincipal, action: string): boolean {
    const built = this.entries.get(principal.ref);
    if (built) return mayAllow(this.session, built.set.policies, action);
    // A user a move creates has no place among the base account's principals: its set tells.
    if (this.indexOf(principal.ref) < 0) return mayAllow(this.session, this.entry(principal).set.policies, action);
    return this.attachedDocuments(principal).some((d) => documentMentions(this.session, d, action).allow);
  }

  /** Per policy name, custom and system apart: the documents `documentsFor` gives (see `documentsOf`). */
  private readonly documentMemo = { custom: new Map<string, PolicyDocument[]>(), system: new Map<string, PolicyDocument[]>() };

  /**
   * The document an attachment stands for, memoised per policy name: every principal of the bench
   * account looked its five policies up again (a map, a search of the versions, two arrays each).
   * A what-if account whose policies are the base account's asks the base's memo.
   */
  documentsOf(a: { policy: string; type: string }): PolicyDocument[] {
    const base = this.derivation?.base;
    if (base && base.snapshot.policies === this.snapshot.policies && base.snapshot.systemPolicies === this.snapshot.systemPolicies) return base.documentsOf(a);
    const memo = a.type === 'Custom' ? this.documentMemo.custom : this.documentMemo.system;
    let found = memo.get(a.policy);
    if (found === undefined) {
      const attached = attachedDocument(this.index, a);
      memo.set(a.policy, (found = attached ? [attached.document] : []));
    }
    return found;
  }

  /** Every document attached to the principal or its groups, at any scope (memoised). */
  attachedDocuments(principal: AuditPrincipal): PolicyDocument[] {
    let found = this.attached.get(principal.ref);
    if (!found) {
      const { snapshot } = this;
      const index = this.indexOf(principal.ref);
      // Plain loops: asked once for each of the bench account's 10,000 principals, the spreads and flatMaps showed in the profile.
      const out: PolicyDocument[] = [];
      const add = (attachments: readonly { policy: string; type: string }[]) => {
        for (const a of attachments) for (const d of this.documentsOf(a)) out.push(d);
      };
      if (principal.kind === 'user') {
        const user = snapshot.users[index]!;
        add(user.attachments);
        for (const g of user.groups) add(this.index.group(g)?.attachments ?? []);
      } else add(snapshot.roles[index]!.attachments);
      this.attached.set(principal.ref, (found = out));
    }
    return found;
  }

  /** Whether the custom policy `name` is attached to the principal or one of its groups. */
  holdsCustom(principal: AuditPrincipal, name: string): boolean {
    const { snapshot } = this;
    const index = this.indexOf(principal.ref);
    const named = (list: readonly { policy: string; type: string }[]) => list.some((a) => a.type === 'Custom' && a.policy === name);
    if (principal.kind === 'role') return named(snapshot.roles[index]!.attachments);
    const user = snapshot.users[index]!;
    return named(user.attachments) || user.groups.some((g) => named(this.index.group(g)?.attachments ?? []));
  }

  /** A principal's set built from `snapshot` (this account's, or a hypothetical variant), with the role's trust policy when `resource` names a role. */
  buildSet(snapshot: AccountSnapshot, ref: string, resource?: string): PrincipalPolicySet {
    // The control levels are the same for every principal: built once per directory, then copied in.
    // A service-linked role has none (W20): policySetFor leaves them out, and nothing is copied in.
    const index = snapshot === this.snapshot ? this.index : new AccountIndex(snapshot);
    const exempt = ref.startsWith('role/') && snapshot.roles[this.indexOf(ref)]?.serviceLinked === true;
    const directory = exempt ? undefined : snapshot.resourceDirectory;
    const { controls } = this.session;
    let control = directory ? controls.get(directory) : undefined;
    const built = policySetFor(snapshot, ref, { index, ...(resource !== undefined ? { resource } : {}), ...(control ? { control: false } : {}) });
    if (!built.result) throw new Error(`internal: ${ref}: ${built.diagnostics.map((d) => d.message).join('; ')}`);
    if (directory && !control) controls.set(directory, (control = { levels: built.result.policies.control, sources: built.result.sources.filter((s) => s.layer === 'control') }));
    else if (control) {
      built.result.policies.control = control.levels.map((level) => [...level]);
      built.result.sources = [...control.sources, ...built.result.sources];
    }
    if (ref.startsWith('role/') && this.options.sessionPolicy) built.result.policies.session = this.options.sessionPolicy;
    return built.result;
  }
}

/** Whether a document has a statement whose Action (or NotAction) part can match `action`; `allow`: an Allow one. */
export function documentMentions(session: AuditSession, document: PolicyDocument, action: string): Mention {
  let memo = session.mentions.get(document);
  if (!memo) session.mentions.set(document, (memo = new Map()));
  // Keyed by the action as asked (a few spellings per audit): lower-casing it first made a new string to hash on every call.
  let found = memo.get(action);
  if (!found) {
    const lower = lowerCaseAction(action);
    found = { allow: false, any: false };
    for (const s of document.statements) {
      const hit = compileActionPatterns(s.actions ?? s.notActions ?? []).some((m) => m.test(lower));
      if (hit === (s.notActions === undefined)) {
        found.any = true;
        if (s.effect === 'Allow') found.allow = true;
      }
    }
    memo.set(action, found);
  }
  return found;
}

/** Whether some identity policy of the set (account or resource-group scope) has an Allow statement that can match `action` (memoised per set). */
export function mayAllow(session: AuditSession, policies: PolicySet, action: string): boolean {
  let memo = session.allowing.get(policies);
  if (!memo) session.allowing.set(policies, (memo = new Map()));
  let found = memo.get(action);
  if (found === undefined) {
    found = policies.identity.some((p) => documentMentions(session, p.document, action).allow) || policies.resourceGroup.some((p) => documentMentions(session, p.document, action).allow);
    memo.set(action, found);
  }
  return found;
}

/** Every document of a set, every layer. */
export function documentsOf(policies: PolicySet): PolicyDocument[] {
  return [...policies.control.flat(), ...(policies.session ? [policies.session] : []), ...policies.identity, ...policies.resourceGroup, ...policies.resource].map((p) => p.document);
}

/** The document an attachment stands for: a custom policy's default version, or the system policy (the snapshot's copy first, A5). Shared: never change the array. */
export function documentsFor(model: AuditModel, a: { policy: string; type: string }): PolicyDocument[] {
  return model.documentsOf(a);
}

/** A system policy's document: the snapshot's own copy first (A5), then the built-in catalog's. */
export function systemDocuments(model: AuditModel, name: string): PolicyDocument[] {
  const found = systemDocumentOf(model.index, name);
  return found ? [found.document] : [];
}
