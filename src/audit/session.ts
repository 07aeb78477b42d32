/**
 * One audit's state. `whoCan` and `principalCan` each create one session, and every memo the audit
 * keeps lives in it (or in an audit object it creates): two audits in one process — two
 * questions, two snapshots, two contexts — never see each other's work. Issue 13: a module-level
 * cache of class projections, keyed by the features of a policy set but holding one audit's class
 * indices, crashed (or silently narrowed) the next audit that met the same features.
 *
 * Memos keyed by objects (documents, policy sets, principal entries, lists of the snapshot) are
 * WeakMaps: a what-if account built for one escalation move is dropped with its sets, and its
 * entries with it. Nothing here is read before the session's own code wrote it.
 */
import type { Residual } from '../decision/types.js';
import { and, isConstant } from '../eval/residual.js';
import { CompileCache, type CompiledLayer, type CompiledStatement } from '../eval/compile.js';
import type { PrincipalMatcher } from '../match/principal.js';
import type { WildcardMatcher } from '../match/wildcard.js';
import type { PolicyDocument } from '../policy/types.js';
import type { PolicySet } from '../policy/policy-set.js';
import type { PolicyOrigin, PrincipalPolicySet } from '../snapshot/principal.js';
import type { resourceFacts } from '../snapshot/resources.js';
import type { AccountSnapshot } from '../snapshot/types.js';
import type { Evaluated } from './access.js';
import { AuditModel, type AuditOptions, type PrincipalEntry } from './model.js';
import type { AskedResource } from './resources.js';
import { PATH_STEP_BUDGET } from './limit-paths.js';
import type { AccessPath, ResourceGrant } from './types.js';
import type { EdgeEvaluation } from './roles.js';

/** Whether a document has a statement whose Action part can match an action; `allow`: an Allow one. */
export interface Mention {
  allow: boolean;
  any: boolean;
}

/** The memos of one audit, and the account model they serve. */
export class AuditSession {
  /** The account as the snapshot has it (what-if accounts of escalation moves derive from it). */
  readonly model: AuditModel;

  constructor(
    snapshot: AccountSnapshot,
    readonly options: AuditOptions = {},
    /** The request context of every evaluation (`--context`). */
    readonly context: Record<string, string | string[]> = {},
  ) {
    this.model = new AuditModel(this, snapshot);
  }

  /** Compiled statement parts shared by every set the audit compiles (principals, what-if accounts, trust policies). */
  readonly compileCache = new CompileCache();

  /**
   * What is left of the audit's budget of steps in paths through roles (`PATH_STEP_BUDGET`), and
   * whether a grant's paths were cut by it: the answer then says so (`paths-cut`).
   */
  readonly pathSteps = { left: PATH_STEP_BUDGET, exhausted: false };
  /**
   * The same budget for the answers of what-if accounts (escalation moves), whose paths nobody
   * prints: kept apart, so that escalation's work never cuts the paths of the answer printed.
   */
  readonly whatIfPathSteps = { left: PATH_STEP_BUDGET, exhausted: false };

  // What a parsed document says never changes: each is worked out once per document.
  /** `documentMentions`: per document, per lower-case action. */
  readonly mentions = new WeakMap<PolicyDocument, Map<string, Mention>>();
  /** Whether a document has an Allow statement for some escalation action. */
  readonly escalating = new WeakMap<PolicyDocument, boolean>();
  /** Whether a document's statements can tell principals apart (`sharingKey`). */
  readonly principalDependence = new WeakMap<PolicyDocument, boolean>();
  /** Whether a group's attached policies can (`groupNamesPrincipal`), per list of attachments. */
  readonly groupNaming = new WeakMap<object, boolean>();
  /** Whether a document has a Deny statement that can match `sts:AssumeRole` (what-if edges, `freshEdgesOf`). */
  readonly deniesAssume = new WeakMap<PolicyDocument, boolean>();
  /** The Resource patterns of a document's Allow statements that can match `sts:AssumeRole`. */
  readonly assumeMatchers = new WeakMap<PolicyDocument, WildcardMatcher[]>();
  /** A trust policy's matchers of RAM principals, and the policy compiled as a resource layer. */
  readonly trusts = new WeakMap<PolicyDocument, { matchers: PrincipalMatcher[]; layer?: CompiledLayer }>();
  /** A trust policy's matchers of every statement with a Principal element (null: a condition reads the principal), for `edgeKey`. */
  readonly trustPrincipals = new WeakMap<PolicyDocument, PrincipalMatcher[] | null>();
  /** Evaluations of assuming a role, per `edgeKey`: the caller's part, then the role's (null: no edge). */
  readonly edgeEvaluations = new Map<string, Map<string, EdgeEvaluation | null>>();
  /** Per role (its index): where its trust policy's statements are located (`realEdge`). */
  readonly trustSources: { sources: PolicyOrigin[] }[] = [];

  // The Resource Directory (a what-if account shares it).
  /** The control levels and their sources, per Resource Directory: the same for every principal. */
  readonly controls = new WeakMap<object, { levels: PolicySet['control']; sources: PrincipalPolicySet['sources'] }>();

  // Policy sets and principal entries.
  /** `mayAllow`: per set, per action. */
  readonly allowing = new WeakMap<PolicySet, Map<string, boolean>>();
  /** The policies of a set that name an `acs:ResourceTag/...` key. */
  readonly tagging = new WeakMap<PolicySet, PolicySet>();
  /** The tag keys those policies name, as one string. */
  readonly tagSignatures = new WeakMap<PolicySet, string>();
  /** `sharingKey`: per entry, per action. */
  readonly sharingKeys = new WeakMap<object, Map<string, string>>();
  /** A statement's access path, per entry, per statement and condition. */
  readonly paths = new WeakMap<object, Map<CompiledStatement, Map<string, AccessPath>>>();
  /** Whether a principal's attachments (the list `attachedDocuments` returns) can allow an escalation action. */
  readonly capable = new WeakMap<object, boolean>();

  // Resources.
  /** `resourceFacts` per tag-key signature and instance (the instances are the session's). */
  readonly facts = new Map<string, WeakMap<AskedResource, ReturnType<typeof resourceFacts>>>();
  /** The `instance` field of a grant, one object per resource. */
  readonly instanceFields = new WeakMap<AskedResource, Pick<ResourceGrant, 'instance'>>();

  /**
   * The evaluations of the RAM actions escalation moves need, per action and sharing key, per
   * RAM resource: they do not depend on the action audited, so principal-can's actions share them.
   */
  readonly permissions = new Map<string, Map<string, Evaluated | undefined>>();
  /** Per entry, per action (and request context): its map of `permissions`, found without making the key again. */
  readonly permissionsOf = new WeakMap<PrincipalEntry, Map<string, Map<string, Evaluated | undefined>>>();

  /**
   * Whether `a AND b` holds outright, per pair: an escalation move's changed account is asked it for
   * each route and class, and the same route condition meets the same class condition across
   * thousands of moves (a 2,000-user account asked it millions of times).
   */
  private readonly outright = new WeakMap<Residual, WeakMap<Residual, boolean>>();

  /** `isConstant(and([a, b])) === true`, memoised per pair. */
  holdsOutright(a: Residual, b: Residual): boolean {
    let byB = this.outright.get(a);
    if (!byB) this.outright.set(a, (byB = new WeakMap()));
    let found = byB.get(b);
    if (found === undefined) byB.set(b, (found = isConstant(and([a, b])) === true));
    return found;
  }

  /** The JSON text of a condition's conjunct (`reachable`: a chain's condition as a set of conjuncts). */
  readonly conjunctTexts = new WeakMap<Residual, string>();

  private readonly ids = new WeakMap<object, number>();
  private nextId = 0;

  /** A number for an object, unique in this session: memo keys made of several objects. */
  idOf(o: object): number {
    let id = this.ids.get(o);
    if (id === undefined) this.ids.set(o, (id = this.nextId++));
    return id;
  }
}
