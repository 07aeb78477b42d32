/**
 * Role assumption as the audit follows it (W2, W3): principal P reaches role R when the evaluator
 * allows P `sts:AssumeRole` on R's ARN with R's trust policy in the set — P's identity policies
 * must allow it AND the trust policy must trust P (an account's `root` trusts every identity of that
 * account; `Service` principals are not identities of the account and never match), control
 * policies included. Chains (a role session assuming another role) are followed up to
 * MAX_ROLE_CHAIN assumptions.
 */
import type { Residual } from '../decision/types.js';
import { evaluate } from '../eval/authorize.js';
import { compilePolicySet, type CompiledLayer, type CompiledPolicySet, type CompiledStatement } from '../eval/compile.js';
import { and, or, TRUE } from '../eval/residual.js';
import { statementFormula } from '../eval/statement.js';
import { compilePrincipal, type PrincipalMatcher } from '../match/principal.js';
import { renderResidual } from '../explain/residual-text.js';
import { prepareRequest } from '../request/prepare.js';
import type { PrincipalPolicySet } from '../snapshot/principal.js';
import { locate } from './access.js';
import { compileWildcard, type WildcardMatcher } from '../match/wildcard.js';
import type { PolicySet } from '../policy/policy-set.js';
import { documentMentions, mayAllow, type AuditModel, type PrincipalEntry } from './model.js';
import { sharingKey } from './sharing.js';
import type { AuditSession } from './session.js';
import type { AssumeRoleStep, AuditPrincipal } from './types.js';

/** Longest chain of role assumptions followed: user → role → role → role. */
export const MAX_ROLE_CHAIN = 3;

/** P may assume R: the step to record and the condition under which it holds. */
export interface AssumeEdge {
  readonly from: AuditPrincipal;
  readonly to: AuditPrincipal;
  /** The step a path shows, its statements located (made on first read: `LocatedLater`). */
  readonly step: AssumeRoleStep;
  readonly residual: Residual;
}

/** A way to reach a role: the edges in order (first from the start principal). */
export interface RoleRoute {
  role: AuditPrincipal;
  edges: AssumeEdge[];
  /** AND of the edges' conditions. */
  residual: Residual;
}

/** The action a role assumption is: every module of the audit names it through this. */
export const ASSUME = 'sts:AssumeRole';

/**
 * The roles `from` can assume, in the roles' order, one at a time (a caller that wants the first
 * few evaluates only those: `AuditModel.edgesFrom` keeps what was read): the identity half needs an Allow statement for
 * `sts:AssumeRole` whose Resource names the role, the trust half a statement that trusts a RAM
 * identity matching `from`; the evaluator then decides with both (and the control levels).
 */
export function* edgesFrom(model: AuditModel, from: AuditPrincipal, only?: ReadonlySet<number>): Generator<AssumeEdge> {
  if (!model.mayAllowCheap(from, ASSUME)) return;
  const { session } = model;
  const entry = model.entry(from);
  if (!mayAllow(session, entry.set.policies, ASSUME)) return;
  const roles = model.roles();
  // Which roles each Resource pattern names, tested once per distinct pattern, not once per caller.
  const names = (m: WildcardMatcher) => {
    let found = model.namedRoles.get(m.pattern);
    if (!found) model.namedRoles.set(m.pattern, (found = roles.flatMap((r, k) => (m.test(r.arn) ? [k] : []))));
    return found;
  };
  const lists = assumeResources(session, entry.set.policies).map(names);
  const candidates = lists.length === 1 ? lists[0]! : [...new Set(lists.flat())].sort((a, b) => a - b);
  for (const k of candidates) {
    if (only && !only.has(k)) continue;
    const to = roles[k]!;
    if (to.ref === from.ref) continue;
    const trust = trustOf(model, to);
    if (!trust.matchers.some((m) => m(entry.set.principal) !== undefined)) continue;
    const edge = realEdge(model, from, to, (trust.layer ??= compileTrust(model, to)));
    if (edge) yield edge;
  }
}

/**
 * The edges of a principal whose change can add or better edges only to the roles `fresh` holds
 * (indices into `roles()`): those evaluated in `model`, the others taken from `base` as they were,
 * all in the roles' order. A user joining a group whose statements name two roles re-evaluates two
 * edges, not every role it could already assume (issue 13 §2).
 */
export function* edgesReusing(model: AuditModel, from: AuditPrincipal, fresh: ReadonlySet<number>, base: AuditModel): Generator<AssumeEdge> {
  const kept = base.edgesFrom(from).filter((e) => !fresh.has(model.indexOf(e.to.ref)));
  let k = 0;
  for (const edge of edgesFrom(model, from, fresh)) {
    const at = model.indexOf(edge.to.ref);
    while (k < kept.length && model.indexOf(kept[k]!.to.ref) < at) yield kept[k++]!;
    yield edge;
  }
  while (k < kept.length) yield kept[k++]!;
}

/** A role's trust statements that can trust a RAM identity at all, compiled once per trust document. */
export function trustOf(model: AuditModel, role: AuditPrincipal): { matchers: PrincipalMatcher[]; layer?: CompiledLayer } {
  const document = model.snapshot.roles[model.indexOf(role.ref)]!.trustPolicy;
  let found = model.session.trusts.get(document);
  if (!found) {
    found = { matchers: document.statements.filter((s) => s.effect === 'Allow' && s.principal && s.principal.RAM.length > 0).map((s) => compilePrincipal(s.principal!)) };
    model.session.trusts.set(document, found);
  }
  return found;
}

function compileTrust(model: AuditModel, role: AuditPrincipal): CompiledLayer {
  const document = model.snapshot.roles[model.indexOf(role.ref)]!.trustPolicy;
  return compilePolicySet({ control: [], identity: [], resourceGroup: [], resource: [{ name: role.name, document }] }, model.session.compileCache).resource;
}

/**
 * Evaluates `from` assuming `to` with `to`'s trust policy: the caller's compiled set with the
 * role's trust policy, compiled once per role, as the resource layer — the set `policySetFor`
 * would build with `resource`, without compiling the caller's policies again for every role.
 */
function realEdge(model: AuditModel, from: AuditPrincipal, to: AuditPrincipal, trust: CompiledLayer): AssumeEdge | undefined {
  const entry = model.entry(from);
  const index = model.indexOf(to.ref);
  // The caller's set has no resource layer: its statements are found in its own sources, the
  // trust policy's in this one (not in a copy of the caller's sources with it appended, per edge).
  // One per role (a what-if account keeps every role at its place, under its name).
  const { session } = model;
  const trustSource = (session.trustSources[index] ??= { sources: [{ layer: 'resource', name: to.name, path: [{ kind: 'role', name: to.name }], policy: { name: to.name, type: 'TrustPolicy' }, pointer: `/roles/${index}/trustPolicy` }] });
  const key = edgeKey(model, entry, to, index);
  // Per caller's sharing key (one string per set, made once), then per role and trust: no long key made per edge.
  let memo: Map<string, EdgeEvaluation | null> | undefined;
  if (key !== undefined) {
    memo = session.edgeEvaluations.get(key.caller);
    if (!memo) session.edgeEvaluations.set(key.caller, (memo = new Map()));
  }
  let evaluation = memo?.get(key!.edge);
  if (evaluation === undefined) {
    evaluation = evaluateEdge(model, entry, to, trust);
    memo?.set(key!.edge, evaluation);
  }
  return evaluation === null ? undefined : edgeFrom(model, entry.set, trustSource, from, to, evaluation);
}

/**
 * The key under which principals share the evaluation of assuming role `to` (index `k`): their
 * sets' sharing key for `sts:AssumeRole` (the principal's ARN in it when a policy of theirs names
 * principals), the role's trust policy as the account has it, and which of its statements with a
 * Principal element let each in. Undefined when a trust condition reads the principal
 * (`acs:Principal...`): then every principal is evaluated alone. In the README's demo, the 2,000
 * users and the users joined to groups by escalation asked 27,136 assumptions, 7,749 of them
 * distinct; in a role mesh, every user alike shares each role's.
 */
function edgeKey(model: AuditModel, entry: PrincipalEntry, to: AuditPrincipal, k: number): { caller: string; edge: string } | undefined {
  const { session } = model;
  const document = model.snapshot.roles[k]!.trustPolicy;
  let matchers = session.trustPrincipals.get(document);
  if (matchers === undefined) {
    const reads = document.statements.some((s) => s.conditions.some((c) => c.key.toLowerCase().startsWith('acs:principal')));
    session.trustPrincipals.set(document, (matchers = reads ? null : document.statements.flatMap((s) => (s.principal ? [compilePrincipal(s.principal)] : []))));
  }
  if (matchers === null) return undefined;
  let admits = '';
  for (const m of matchers) admits += m(entry.set.principal) === undefined ? '0' : '1';
  return { caller: sharingKey(session, entry, ASSUME), edge: `${session.idOf(document)}\u0002${to.arn}\u0002${admits}` };
}

/** What evaluating one principal assuming one role gives, before it is told as that principal's edge: null, no edge. */
export interface EdgeEvaluation {
  decision: 'Allow' | 'Conditional';
  residual?: Residual;
  condition?: string;
  /** The Allow statements that apply, of the caller's set and of the trust policy (located in each caller's own sources). */
  identity: CompiledStatement[];
  trust: CompiledStatement[];
}

function evaluateEdge(model: AuditModel, entry: PrincipalEntry, to: AuditPrincipal, trust: CompiledLayer): EdgeEvaluation | null {
  const base = entry.compiled;
  // Trust statements are numbered after the caller's (each evaluation sizes its table by statementCount).
  trust.statements.forEach((s, j) => (s.id = base.statementCount + j));
  const compiled: CompiledPolicySet = { ...base, resource: trust, all: [...base.all, ...trust.statements], statementCount: base.statementCount + trust.statements.length, plans: new Map() };
  return evaluationOf(model, entry.set, compiled, to);
}

/** Evaluates `from` assuming `to` in the account `model` stands for (`to`'s trust policy as that account has it). */
export function assumeEdge(model: AuditModel, from: AuditPrincipal, to: AuditPrincipal): AssumeEdge | undefined {
  const set = model.buildSet(model.snapshot, from.ref, to.arn);
  return edgeOf(model, set, compilePolicySet(set.policies, model.session.compileCache), from, to);
}

function evaluationOf(model: AuditModel, set: Pick<PrincipalPolicySet, 'principal'>, compiled: CompiledPolicySet, to: AuditPrincipal): EdgeEvaluation | null {
  const prepared = prepareRequest({ principal: set.principal, action: ASSUME, resource: to.arn, context: { ...model.session.context } });
  const result = evaluate(compiled, prepared, { trace: false });
  if (result.decision !== 'Allow' && result.decision !== 'Conditional') return null;
  const applying = (layers: CompiledLayer[]) => layers.flatMap((l) => l.forService(prepared.service)).filter((s: CompiledStatement) => !s.deny && statementFormula(s, prepared, []).kind !== 'false');
  return {
    decision: result.decision,
    ...(result.residual ? { residual: result.residual, condition: renderResidual(result.residual) } : {}),
    identity: applying([compiled.identity, compiled.resourceGroup]),
    trust: applying([compiled.resource]),
  };
}

type Sources = Pick<PrincipalPolicySet, 'sources'>;

/** An evaluation told as `from`'s edge: the caller's statements located in `identity`'s sources, the trust policy's in `trust`'s. */
function edgeFrom(model: AuditModel, identity: Sources, trust: Sources, from: AuditPrincipal, to: AuditPrincipal, evaluation: EdgeEvaluation): AssumeEdge {
  // A what-if account's edges are located at once, as before: an edge located later would keep
  // its what-if account alive with it (the README's demo: 25 MB more at its peak).
  if (model.isWhatIf) return { from, to, step: locatedStep(model, identity, trust, to, evaluation), residual: evaluation.residual ?? TRUE };
  return new LocatedLater(from, to, evaluation.residual ?? TRUE, model, identity, trust, evaluation);
}

/** The step of `to`'s assumption: the caller's statements located in `identity`'s sources, the trust policy's in `trust`'s. */
function locatedStep(model: AuditModel, identity: Sources, trust: Sources, to: AuditPrincipal, evaluation: EdgeEvaluation): AssumeRoleStep {
  const locateIn = (set: Sources, statements: CompiledStatement[]) => statements.map((s) => locate(model, { set }, s));
  return {
    kind: 'assume-role',
    role: to,
    identityStatements: locateIn(identity, evaluation.identity),
    trustStatements: locateIn(trust, evaluation.trust),
    decision: evaluation.decision,
    ...(evaluation.residual ? { residual: evaluation.residual, condition: evaluation.condition! } : {}),
  };
}

/**
 * An edge of the snapshot's account whose step — its statements located in the caller's and the
 * role's sources — is made when something reads it: a path that shows the edge. Reachability reads only `to` and
 * `residual`. In a mesh of 1,000 roles whose trusts ask for MFA, the walk keeps a million edges
 * and paths show a few; their located steps were 550 of the audit's 585 MB of live objects. A
 * class, so that every edge shares one getter (a getter in an object literal is made per object).
 */
class LocatedLater implements AssumeEdge {
  private made: AssumeRoleStep | undefined = undefined;

  constructor(
    readonly from: AuditPrincipal,
    readonly to: AuditPrincipal,
    readonly residual: Residual,
    private readonly model: AuditModel,
    private readonly identity: Sources,
    private readonly trust: Sources,
    private readonly evaluation: EdgeEvaluation,
  ) {}

  get step(): AssumeRoleStep {
    return (this.made ??= locatedStep(this.model, this.identity, this.trust, this.to, this.evaluation));
  }
}

function edgeOf(model: AuditModel, set: Pick<PrincipalPolicySet, 'principal' | 'sources'>, compiled: CompiledPolicySet, from: AuditPrincipal, to: AuditPrincipal): AssumeEdge | undefined {
  const evaluation = evaluationOf(model, set, compiled, to);
  return evaluation === null ? undefined : edgeFrom(model, set, set, from, to, evaluation);
}

/**
 * Every chain of roles `start` can assume, shortest first, each distinct chain (no principal twice)
 * up to MAX_ROLE_CHAIN assumptions — lazily: a role mesh of N roles has N³ chains, and a caller
 * that wants the first few stops the walk there (issue 13: 200 roles overflowed the stack).
 * Iterative; only the chains of the depth being walked are kept for the next one.
 */
export function* roleRoutes(start: AuditPrincipal, edgesFrom: (principal: AuditPrincipal) => Iterable<AssumeEdge>): Generator<RoleRoute> {
  let frontier: RoleRoute[] = [{ role: start, edges: [], residual: TRUE }];
  for (let depth = 0; depth < MAX_ROLE_CHAIN && frontier.length > 0; depth++) {
    const next: RoleRoute[] = [];
    const last = depth + 1 === MAX_ROLE_CHAIN;
    for (const route of frontier) {
      for (const edge of edgesFrom(route.role)) {
        // No cycles: a chain never returns to the start or to a role already on it.
        if (edge.to.ref === start.ref || route.edges.some((e) => e.from.ref === edge.to.ref)) continue;
        const found: RoleRoute = { role: edge.to, edges: [...route.edges, edge], residual: and([route.residual, edge.residual]) };
        if (!last) next.push(found);
        yield found;
      }
    }
    frontier = next;
  }
}

/** A lazy sequence read by index (and iterated from the start as often as needed), each item made once. */
export class LazyList<T> implements Iterable<T> {
  private readonly items: T[] = [];
  private readonly source: Iterator<T>;
  private done = false;

  constructor(source: Iterable<T>) {
    this.source = source[Symbol.iterator]();
  }

  /** The k-th item, undefined past the end. */
  at(k: number): T | undefined {
    while (k >= this.items.length && !this.done) {
      const next = this.source.next();
      if (next.done) this.done = true;
      else this.items.push(next.value);
    }
    return this.items[k];
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let k = 0; ; k++) {
      const item = this.at(k);
      if (item === undefined) return;
      yield item;
    }
  }
}

/** A role `start` reaches, and the condition under which it does: the OR of every chain's AND. */
export interface Reach {
  role: AuditPrincipal;
  residual: Residual;
  /** The fewest assumptions it takes. */
  depth: number;
}

/** One chain's condition as a set of conjuncts (keyed), so that a longer chain a shorter one implies adds nothing. */
interface Disjunct {
  residual: Residual;
  keys: Set<string>;
}

/**
 * The roles `start` reaches within MAX_ROLE_CHAIN assumptions, each once with its joined condition
 * (W3), by levels: a role is walked on from only with the chains' conditions new at that level,
 * and a condition that one already known implies (its conjuncts include all of the known one's)
 * is dropped — so each role's edges are read once per level at most, not once per chain, and a
 * mesh whose trusts ask for MFA does not grow a formula per chain. Walks that pass a role twice add
 * only conditions a shorter chain already implies. `settled(reached)` is asked after each level:
 * true stops the walk (the caller's answer cannot change, e.g. it is allowed outright everywhere).
 */
export function reachable(
  start: AuditPrincipal,
  edgesFrom: (principal: AuditPrincipal) => Iterable<AssumeEdge>,
  settled: (reached: Map<string, Reach>) => boolean = () => false,
  /** The text of each conjunct, kept by the caller's session: edges' conditions are the same objects for every start. */
  texts: WeakMap<Residual, string> = new WeakMap(),
): Map<string, Reach> {
  const keyOf = conjunctKeys(texts);
  const known = new Map<string, { role: AuditPrincipal; depth: number; disjuncts: Disjunct[] }>();
  // Whether a known disjunct's conjuncts are all among a chain's (`keys` and the edge's `more`):
  // asked before the chain's set is made, since in a mesh nearly every chain is implied (a million
  // a user at 1,000 roles whose trusts ask for MFA) and the sets were most of the walk's garbage.
  const implied = (disjuncts: Disjunct[], keys: ReadonlySet<string>, more: readonly string[]) =>
    disjuncts.some((d) => {
      for (const k of d.keys) if (!keys.has(k) && !more.includes(k)) return false;
      return true;
    });
  let frontier: { role: AuditPrincipal; disjuncts: Disjunct[] }[] = [{ role: start, disjuncts: [{ residual: TRUE, keys: new Set() }] }];
  const reached = new Map<string, Reach>();
  for (let depth = 1; depth <= MAX_ROLE_CHAIN && frontier.length > 0; depth++) {
    const level = new Map<string, { role: AuditPrincipal; disjuncts: Disjunct[] }>();
    for (const from of frontier) {
      for (const edge of edgesFrom(from.role)) {
        if (edge.to.ref === start.ref || edge.residual.kind === 'false') continue;
        const old = known.get(edge.to.ref);
        if (old?.disjuncts[0]?.keys.size === 0) continue; // reached outright already
        const edgeKeys = keyOf(edge.residual);
        for (const d of from.disjuncts) {
          const fresh = level.get(edge.to.ref);
          if ((old && implied(old.disjuncts, d.keys, edgeKeys)) || (fresh && implied(fresh.disjuncts, d.keys, edgeKeys))) continue;
          const keys = new Set([...d.keys, ...edgeKeys]);
          const added = { residual: and([d.residual, edge.residual]), keys };
          if (fresh) fresh.disjuncts = keys.size === 0 ? [added] : [...fresh.disjuncts, added];
          else level.set(edge.to.ref, { role: edge.to, disjuncts: [added] });
        }
      }
    }
    frontier = [];
    for (const [ref, entry] of level) {
      const old = known.get(ref);
      const disjuncts = entry.disjuncts[0]!.keys.size === 0 ? entry.disjuncts : [...(old?.disjuncts ?? []), ...entry.disjuncts];
      known.set(ref, { role: entry.role, depth: old?.depth ?? depth, disjuncts });
      reached.set(ref, { role: entry.role, residual: or(disjuncts.map((d) => d.residual)), depth: old?.depth ?? depth });
      frontier.push(entry);
    }
    if (settled(reached)) break;
  }
  return reached;
}

/** A formula's JSON text, made once per formula object and kept in `texts` (the session's `conjunctTexts`). */
export function residualText(texts: WeakMap<Residual, string>, r: Residual): string {
  let found = texts.get(r);
  if (found === undefined) texts.set(r, (found = JSON.stringify(r)));
  return found;
}

/** A formula's conjuncts as keys (one JSON text per conjunct object, made once). */
function conjunctKeys(texts: WeakMap<Residual, string>): (residual: Residual) => string[] {
  const text = (r: Residual) => residualText(texts, r);
  return (residual) => (residual.kind === 'true' ? [] : residual.kind === 'and' ? residual.of.map(text) : [text(residual)]);
}

/** The Resource patterns of the set's identity Allow statements that can match sts:AssumeRole (compiled once per document). */
export function assumeResources(session: AuditSession, policies: PolicySet): WildcardMatcher[] {
  return [...policies.identity, ...policies.resourceGroup].flatMap((p) => {
    let found = session.assumeMatchers.get(p.document);
    if (!found) {
      found = p.document.statements
        .filter((s) => s.effect === 'Allow' && documentMentions(session, { ...p.document, statements: [s] }, ASSUME).allow)
        .flatMap((s) => (s.resources ?? ['*']).map(compileWildcard));
      session.assumeMatchers.set(p.document, found);
    }
    return found;
  });
}
