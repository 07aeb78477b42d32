/**
 * One action over a set of resources, for any principal of the account: its own access (the
 * evaluator, once per resource class) merged with the access of every role it can reach (W2, W3).
 * Memoised, so who-can (every principal) and principal-can (one principal, and the roles it
 * reaches) share the same work. `whatIf` asks the same question of an account an escalation move
 * changed: same classes, same shared evaluations, and the answers of every principal the move does
 * not change taken as they are.
 */
import type { Residual } from '../decision/types.js';
import { and, isConstant, or, TRUE } from '../eval/residual.js';
import { renderResidual } from '../explain/residual-text.js';
import { assess, assessmentOf, evaluateFor, NONE, type Assessment, type Evaluated } from './access.js';
import { groupNamesPrincipal, sharingKey } from './sharing.js';
import { compilePolicySet } from '../eval/compile.js';
import { mayAllow, type AuditModel, type PrincipalEntry } from './model.js';
import { classify, instanceField, projectClasses, requestFor, type AskedResource, type ResourceClass } from './resources.js';
import { byLength } from './limit-paths.js';
import { ASSUME, LazyList, reachable, residualText, roleRoutes, type Reach, type RoleRoute } from './roles.js';
import type { AccessPath, AuditPrincipal, ClassGrant, PrincipalAccess, ResourceGrant } from './types.js';

/** The answer for one principal and one resource class, roles included. */
export type ClassAnswer = Assessment;

/** A role reached by a route, and what it gives there (its own access's condition, without the route's). */
export interface RouteOutcome {
  route: RoleRoute;
  residual: Residual;
  decision: 'Allow' | 'Conditional';
}

/** A decision and its condition, without paths. */
export type Verdict = Pick<Assessment, 'decision' | 'residual'>;

/** The verdict `assessmentOf` would give an evaluation. */
function verdictOf(evaluated: Evaluated | undefined): Verdict {
  if (!evaluated || !evaluated.granted) return NONE;
  const { fast } = evaluated;
  return fast.residual ? { decision: fast.decision as 'Allow' | 'Conditional', residual: fast.residual } : { decision: fast.decision as 'Allow' | 'Conditional' };
}

/** Who can perform `action` on `resources`: per principal, per resource class. */
export class ActionAudit {
  readonly classes: ResourceClass[];
  readonly context: Record<string, string | string[]>;
  private readonly direct = new Map<string, Assessment[]>();
  private readonly merged = new Map<string, Assessment[]>();
  /** Class projections per set features (`projectClasses`): they depend on the classes only, so a what-if audit shares them. */
  private readonly projections: Map<string, number[]>;
  /** Evaluations per class, shared by principals with the same `sharingKey` (undefined: nothing to say). */
  private readonly evaluations: Map<string, (Evaluated | undefined)[]>;
  /** The answer of every principal that nothing allows: shared, never changed. */
  private none: Assessment[] | undefined;
  /** Decisions per class without paths (`ownDecisions`), shared like `evaluations` but holding no compiled set. */
  private readonly verdicts: Map<string, Verdict[]>;
  private readonly ownVerdicts = new Map<string, Verdict[]>();
  /** `ownDecisions` of users joining a group, per `joinKey`: shared by every what-if account of the audit. */
  private readonly joinedVerdicts: Map<string, Verdict[]>;

  constructor(
    readonly model: AuditModel,
    readonly action: string,
    resources: AskedResource[],
    /** The audit of the account a what-if account derives from (see `whatIf`). */
    private readonly base?: ActionAudit,
  ) {
    this.context = model.session.context;
    this.classes = base ? base.classes : classify(model, action, resources);
    this.projections = base ? base.projections : new Map();
    this.evaluations = base ? base.evaluations : new Map();
    this.verdicts = base ? base.verdicts : new Map();
    this.joinedVerdicts = base ? base.joinedVerdicts : new Map();
    this.routeMemo = base ? base.routeMemo : new WeakMap();
  }

  /** The same question about the account `model` stands for (derived from this audit's by `AuditModel.whatIf`). */
  whatIf(model: AuditModel): ActionAudit {
    return new ActionAudit(model, this.action, [], this);
  }

  /** The principal's own access (no roles), per class. */
  own(principal: AuditPrincipal): Assessment[] {
    if (this.base && !this.model.isChanged(principal)) return this.base.own(principal);
    let found = this.direct.get(principal.ref);
    if (!found) {
      const { session } = this.model;
      const entry = this.model.mayAllowCheap(principal, this.action) ? this.model.entry(principal) : undefined;
      if (!entry || !mayAllow(session, entry.set.policies, this.action)) found = (this.none ??= this.classes.map(() => NONE));
      else {
        // Once per class this principal's statements can tell apart (W5), and once per class for
        // every principal whose set matches the action the same way (see `sharingKey`).
        const projection = projectClasses(session, this.classes, entry.set.policies, this.action, this.projections);
        const key = this.action.toLowerCase() === 'sts:assumerole' ? undefined : sharingKey(session, entry, this.action);
        let shared = key !== undefined ? this.evaluations.get(key) : undefined;
        if (key !== undefined && !shared) this.evaluations.set(key, (shared = []));
        const answers: Assessment[] = [];
        found = projection.map((j, i) => {
          if (j !== i) return answers[j]!;
          if (!shared) return (answers[i] = this.assessOne(entry, this.classes[i]!.representative));
          if (!(i in shared)) shared[i] = evaluateFor(entry, this.requestOf(entry, this.classes[i]!.representative));
          return (answers[i] = assessmentOf(this.model, entry, shared[i]));
        });
      }
      this.direct.set(principal.ref, found);
    }
    return found;
  }

  /**
   * The principal's own decision and condition per class, without paths: what an escalation's
   * what-if account is asked 51,000 times in the README's demo, where paths were built and thrown
   * away. An evaluation made here keeps only its verdict, so the what-if sets it compiled are not
   * kept alive by the shared memo (issue 13 §2: memory).
   */
  ownDecisions(principal: AuditPrincipal): Verdict[] {
    if (this.base && !this.model.isChanged(principal)) return this.base.ownDecisions(principal);
    let found = this.ownVerdicts.get(principal.ref) ?? this.direct.get(principal.ref);
    if (found) return found;
    // A user joining a group gets what every user with the same evaluation and resource groups
    // gets joining it: the set is built and evaluated once per such key (issue 13 §2).
    const joinKey = this.joinKey(principal);
    found = joinKey !== undefined ? this.joinedVerdicts.get(joinKey) : undefined;
    if (found) {
      this.ownVerdicts.set(principal.ref, found);
      return found;
    }
    const { session } = this.model;
    const entry = this.model.mayAllowCheap(principal, this.action) ? this.model.entry(principal) : undefined;
    if (!entry || !mayAllow(session, entry.set.policies, this.action)) found = this.none ??= this.classes.map(() => NONE);
    else if (this.action.toLowerCase() === 'sts:assumerole') found = this.own(principal);
    else {
      const projection = projectClasses(session, this.classes, entry.set.policies, this.action, this.projections);
      const key = sharingKey(session, entry, this.action);
      const evaluated = this.evaluations.get(key);
      let shared = this.verdicts.get(key);
      if (!shared) this.verdicts.set(key, (shared = []));
      const answers: Verdict[] = [];
      found = projection.map((j, i) => {
        if (j !== i) return answers[j]!;
        if (!(i in shared)) {
          const e = evaluated && i in evaluated ? evaluated[i] : evaluateFor(entry, this.requestOf(entry, this.classes[i]!.representative));
          shared[i] = verdictOf(e);
        }
        return (answers[i] = shared[i]!);
      });
    }
    this.ownVerdicts.set(principal.ref, found);
    if (joinKey !== undefined) this.joinedVerdicts.set(joinKey, found);
    return found;
  }

  /**
   * The key under which a user joining a group shares `ownDecisions` with other users joining it,
   * in a what-if account made by that move alone: the user's sharing key in the base account and
   * the resource groups its set names (what `projectClasses` tells classes by besides the
   * statements), then the group. The joined set is the user's with the group's policies appended,
   * so equal keys give equal joined sets as `sharingKey` and `projectClasses` see them — unless the
   * group's policies name the principal (then none is shared). Undefined: not such an account.
   */
  private joinKey(principal: AuditPrincipal): string | undefined {
    const base = this.model.base;
    const group = base ? this.model.joinedGroup(principal) : undefined;
    if (base === undefined || group === undefined || this.action.toLowerCase() === 'sts:assumerole') return undefined;
    const { session } = this.model;
    if (groupNamesPrincipal(this.model, group)) return undefined;
    const entry = base.entry(principal);
    return `${sharingKey(session, entry, this.action)}\u0002${entry.set.policies.resourceGroup.map((p) => p.resourceGroup).join('\u0001')}\u0002${group}`;
  }

  private requestOf(entry: PrincipalEntry, resource: AskedResource) {
    return requestFor(this.model, entry.set.principal, this.action, resource, this.context, entry.set.policies);
  }

  /** One principal on one resource; `sts:AssumeRole` on a role of the snapshot with that role's trust policy in the set, as `policySetFor` adds it. */
  private assessOne(entry: PrincipalEntry, resource: AskedResource): Assessment {
    let used = entry;
    if (this.action.toLowerCase() === 'sts:assumerole') {
      const set = this.model.buildSet(this.model.snapshot, entry.principal.ref, resource.arn);
      used = { principal: entry.principal, set, compiled: compilePolicySet(set.policies, this.model.session.compileCache) };
    }
    return assess(this.model, used, this.requestOf(used, resource));
  }

  /** Every chain of roles the principal can assume, shortest first, walked lazily. */
  routes(principal: AuditPrincipal): Iterable<RoleRoute> {
    return roleRoutes(principal, (p) => this.model.edgeStream(p));
  }

  private readonly routeLists = new Map<string, LazyList<RoleRoute>>();

  /** The principal's routes, walked once and kept (an escalation move that changes no edge reuses them). */
  routeList(principal: AuditPrincipal): LazyList<RoleRoute> {
    let found = this.routeLists.get(principal.ref);
    if (!found) this.routeLists.set(principal.ref, (found = new LazyList(this.routes(principal))));
    return found;
  }

  /**
   * The principal's access per class: its own, or through any chain of roles it can assume. The
   * decision and condition come from the roles reached, each once with its joined condition
   * (`reachable`); the paths from the chains, shortest first, only as many as `maxPaths` keeps.
   */
  answer(principal: AuditPrincipal): Assessment[] {
    let found = this.merged.get(principal.ref);
    if (found) return found;
    const own = this.own(principal);
    // No role has anything on any class, or the principal can assume none (no Allow statement of
    // its can match sts:AssumeRole, as edgesFrom first asks): no chain can add anything, none is
    // walked. Most of the bench account's 10,000 principals made an empty walk here.
    if (!this.model.mayAllowCheap(principal, ASSUME) || !this.classes.some((_, i) => this.roleGives(i))) {
      this.merged.set(principal.ref, own);
      return own;
    }
    const allowed = (answers: Assessment[]) => answers.every((a) => a.decision === 'Allow');
    // Allowed outright everywhere: roles change no decision, only add paths.
    const reach = allowed(own) ? new Map<string, Reach>() : this.reachOf(principal, own);
    const routes = this.routeList(principal);
    if (reach.size === 0 && routes.at(0) === undefined) {
      this.merged.set(principal.ref, own);
      return own;
    }
    // Classes with the same own answer and the same answers of every role get the same merged answer.
    const memo = new Map<string, Assessment>();
    const viaPaths = new Map<RoleRoute, Map<AccessPath, AccessPath>>();
    found = this.classes.map((_, i) => {
      const key = `${this.model.session.idOf(own[i]!)}:${this.rolesKey(i)}`;
      let merged = memo.get(key);
      if (!merged) memo.set(key, (merged = this.merge(principal, own[i]!, i, reach, routes, viaPaths)));
      return merged;
    });
    this.merged.set(principal.ref, found);
    return found;
  }

  /** The roles each walk reached, per start key (`reachOf`; this audit's account only: a what-if account's graph may differ). */
  private readonly reaches = new Map<string, Map<string, Reach>>();

  /**
   * The roles the principal reaches and the conditions of each (`reachable`), walked once per
   * distinct start: principals whose own edges go to the same roles under the same conditions,
   * and whose own answers stop the walk alike, reach the same roles alike — the walk reads only
   * the start's edges, and the edges of the roles after them, which are the same for every start.
   * A role's walk never returns to the role, so its name is part of its key. In a mesh of 1,000
   * roles whose trusts ask for MFA, 20 users alike walked a million edges each.
   */
  private reachOf(principal: AuditPrincipal, own: Assessment[]): Map<string, Reach> {
    const { session } = this.model;
    const texts = session.conjunctTexts;
    let key = principal.kind === 'role' ? principal.ref : '';
    for (const a of own) key += `\u0001${session.idOf(a)}`;
    for (const e of this.model.edgesFrom(principal)) key += `\u0002${e.to.ref}\u0003${e.residual.kind === 'true' ? '' : residualText(texts, e.residual)}`;
    let found = this.reaches.get(key);
    if (!found) {
      const settled = (reached: Map<string, Reach>) => this.classes.every((_, i) => own[i]!.decision === 'Allow' || [...reached.values()].some((r) => r.residual.kind === 'true' && this.own(r.role)[i]!.decision === 'Allow'));
      this.reaches.set(key, (found = reachable(principal, (p) => this.model.edgeStream(p), settled, texts)));
    }
    return found;
  }

  private readonly rolesKeys: number[] = [];
  private readonly rolesKeyIds = new Map<string, number>();
  private readonly rolesGive: boolean[] = [];

  /** Whether some role's own answer on class i is not None (once per class). */
  private roleGives(i: number): boolean {
    return (this.rolesGive[i] ??= this.model.roles().some((r) => this.own(r)[i]!.decision !== 'None'));
  }

  private readonly rolesAllow: boolean[] = [];
  private changedRoles: boolean | undefined;

  /** Whether the move that made this what-if account changed some role (then its roles answer for themselves). */
  private rolesChanged(): boolean {
    return (this.changedRoles ??= this.model.roles().some((r) => this.model.isChanged(r)));
  }
  private readonly rolesAny: boolean[] = [];

  /**
   * Whether some role's own decision on class i could end a chain with Allow: Allow, or a
   * condition that holds whatever the unknown keys are (`isConstant`, as `holdsOutright` asks).
   * A what-if account answers for its own roles (a move may change one). Once per class.
   */
  roleMayAllow(i: number): boolean {
    if (this.base && !this.rolesChanged()) return this.base.roleMayAllow(i);
    return (this.rolesAllow[i] ??= this.model.roles().some((r) => {
      const v = this.ownDecisions(r)[i]!;
      return v.decision === 'Allow' || (v.decision === 'Conditional' && isConstant(v.residual ?? TRUE) === true);
    }));
  }

  /** Per list of routes, per class: what `bestRoutes` found (null: nothing), for accounts whose roles are the real account's. */
  private readonly routeMemo: WeakMap<LazyList<RoleRoute>, (RouteOutcome | null)[]>;

  /**
   * Per class of `classes`: the first route whose role gives the class outright with the route's
   * assumptions (Allow), else the first whose role gives it at all (Conditional); a class no route
   * gives is left out. One pass over the routes serves every class (the README's demo walked
   * 900,000 routes class by class). Where the move changed no role, the roles answer as in the
   * real account, and each list of routes (an actor's, shared by every move that keeps its edges)
   * is walked once per class, not once per move.
   */
  bestRoutes(routes: LazyList<RoleRoute>, classes: readonly number[]): Map<number, RouteOutcome> {
    const out = new Map<number, RouteOutcome>();
    const memo = this.base && this.rolesChanged() ? undefined : this.routeMemo;
    let known = memo?.get(routes);
    if (memo && !known) memo.set(routes, (known = []));
    // The classes still looking: for each, whether a route may still give Allow (only through a
    // role whose own answer is Allow or a tautology: where none is, the first route to a role with
    // anything is the answer), and the Conditional found so far.
    const open: { i: number; allowPossible: boolean; found?: RouteOutcome }[] = [];
    for (const i of classes) {
      const had = known?.[i];
      if (had === undefined) open.push({ i, allowPossible: this.roleMayAllow(i) });
      else if (had !== null) out.set(i, had);
    }
    const { session } = this.model;
    let looking = open.length;
    for (let k = 0; looking > 0; k++) {
      const route = routes.at(k);
      if (route === undefined) break;
      const decisions = this.ownDecisions(route.role);
      for (const c of open) {
        if (c.i < 0) continue;
        const reached = decisions[c.i]!;
        if (reached.decision === 'None') continue;
        const residual = reached.residual ?? TRUE;
        if (c.allowPossible && session.holdsOutright(route.residual, residual)) c.found = { route, residual, decision: 'Allow' };
        else c.found ??= { route, residual, decision: 'Conditional' };
        if (c.found.decision === 'Allow' || !c.allowPossible) this.settle(c, out, known), looking--;
      }
    }
    for (const c of open) if (c.i >= 0) this.settle(c, out, known);
    return out;
  }

  /** A class's walk is over: its answer given (and kept for the list), and the class marked done. */
  private settle(c: { i: number; found?: RouteOutcome }, out: Map<number, RouteOutcome>, known: (RouteOutcome | null)[] | undefined): void {
    if (c.found) out.set(c.i, c.found);
    if (known) known[c.i] = c.found ?? null;
    c.i = -1;
  }

  /** Whether some role's own decision on class i is not None (`ownDecisions`; once per class). */
  roleMayGive(i: number): boolean {
    if (this.base && !this.rolesChanged()) return this.base.roleMayGive(i);
    return (this.rolesAny[i] ??= this.model.roles().some((r) => this.ownDecisions(r)[i]!.decision !== 'None'));
  }

  /**
   * The answers of every role on class i, as a small number (once per class): classes with the
   * same answers of every role share it. A number, not the joined text: the text (an id per role)
   * was hashed again for every principal and class.
   */
  private rolesKey(i: number): number {
    let id = this.rolesKeys[i];
    if (id === undefined) {
      const text = this.model
        .roles()
        .map((r) => this.model.session.idOf(this.own(r)[i]!))
        .join(',');
      id = this.rolesKeyIds.get(text);
      if (id === undefined) this.rolesKeyIds.set(text, (id = this.rolesKeyIds.size));
      this.rolesKeys[i] = id;
    }
    return id;
  }

  /**
   * Own access OR (each role's joined condition AND the role's access); the paths: own ones, then
   * each chain's, fewer assumptions first, until one more than `maxPaths` is found — then the
   * count is a lower bound (`pathCountAtLeast`) and the chains past it are never walked.
   */
  private merge(principal: AuditPrincipal, own: Assessment, i: number, reach: Map<string, Reach>, routes: LazyList<RoleRoute>, viaPaths: Map<RoleRoute, Map<AccessPath, AccessPath>>): Assessment {
    const parts: Residual[] = [];
    if (own.decision !== 'None') parts.push(own.residual ?? TRUE);
    const ownParts = parts.length;
    for (const r of reach.values()) {
      const answer = this.own(r.role)[i]!;
      if (answer.decision !== 'None') parts.push(and([r.residual, answer.residual ?? TRUE]));
    }
    const paths: AccessPath[] = own.decision !== 'None' ? [...own.paths] : [];
    const max = this.model.options.maxPaths ?? 0;
    const budget = this.model.isWhatIf ? this.model.session.whatIfPathSteps : this.model.session.pathSteps;
    let more = false;
    walk: for (let k = 0; ; k++) {
      // One path past the limit says there are more; the walk stops there (the rest of a mesh is never evaluated).
      if (max > 0 && paths.length > max) {
        more = true;
        break;
      }
      const route = routes.at(k);
      if (!route) break;
      const answer = this.own(route.role)[i]!;
      if (answer.decision === 'None') continue;
      let memo = viaPaths.get(route);
      if (!memo) viaPaths.set(route, (memo = new Map()));
      for (const p of answer.paths) {
        // The audit's budget (PATH_STEP_BUDGET): a new path costs its steps and its place in the
        // list, a path made for another class its place only. Past it, the count is a lower bound.
        let path = memo.get(p);
        const cost = 1 + (path ? 0 : route.edges.length + p.steps.length);
        if (budget.left < cost) {
          budget.exhausted = true;
          more = true;
          break walk;
        }
        budget.left -= cost;
        if (!path) {
          const residual = and([route.residual, p.residual ?? TRUE]);
          const conditional = residual.kind !== 'true';
          path = { via: 'role', steps: [{ kind: 'principal', principal }, ...route.edges.map((e) => e.step), ...p.steps.slice(1)], decision: conditional ? 'Conditional' : 'Allow', ...(conditional ? { residual, condition: renderResidual(residual) } : {}) };
          memo.set(p, path);
        }
        paths.push(path);
      }
    }
    // No role gives anything on this class: the own answer as it is (restrictions of a blocked one included).
    if (parts.length === ownParts && paths.length === (own.decision !== 'None' ? own.paths.length : 0)) return own;
    const residual = or(parts);
    const constant = isConstant(residual);
    if (constant === false) return NONE;
    const kept =
      max > 0 && (more || paths.length > max)
        ? { paths: [...paths].sort(byLength).slice(0, max), pathCount: paths.length, ...(more ? { pathCountAtLeast: true as const } : {}) }
        : more
          ? { paths, pathCount: paths.length, pathCountAtLeast: true as const }
          : { paths };
    return constant === true ? { decision: 'Allow', ...kept, restrictions: own.restrictions } : { decision: 'Conditional', residual, ...kept, restrictions: own.restrictions };
  }

  /** The principal's grants over every resource (one per member of each class); `withBlocked` keeps None answers that a control or session policy caused. */
  grants(principal: AuditPrincipal, withBlocked: boolean): ResourceGrant[] {
    const answers = this.answer(principal);
    const out: ResourceGrant[] = [];
    const { action } = this;
    this.classes.forEach((c, i) => {
      const a = answers[i]!;
      if (a.decision === 'None' && !(withBlocked && a.restrictions.length > 0)) return;
      const { decision, paths, restrictions, residual } = a;
      const condition = residual ? renderResidual(residual) : undefined;
      const instances = this.instancesOf(i);
      // One object literal per grant, no spreads or temporary arrays: a large account makes hundreds of thousands.
      c.members.forEach((r, k) => {
        const instance = instances[k];
        let grant: ResourceGrant;
        if (residual === undefined) grant = instance ? { action, resource: r.arn, decision, paths, restrictions, instance } : { action, resource: r.arn, decision, paths, restrictions };
        else grant = instance ? { action, resource: r.arn, decision, paths, restrictions, instance, residual, condition: condition! } : { action, resource: r.arn, decision, paths, restrictions, residual, condition: condition! };
        if (a.pathCount !== undefined) grant.pathCount = a.pathCount;
        if (a.pathCountAtLeast) grant.pathCountAtLeast = true;
        out.push(grant);
      });
    });
    return out;
  }

  /**
   * The principal's grants per resource class (classes with the same answer as one), for
   * `grantsPer: 'class'`: no object per resource. The resource and instance lists of a class are
   * built once and shared by every principal; paths past `maxPaths` are cut here, shortest first,
   * each paths array once.
   */
  classGrants(principal: AuditPrincipal, withBlocked: boolean, maxPaths = 0): ClassGrant[] {
    const answers = this.answer(principal);
    const byAnswer = new Map<Assessment, { grant: ClassGrant; classes: number[] }>();
    this.classes.forEach((_, i) => {
      const a = answers[i]!;
      if (a.decision === 'None' && !(withBlocked && a.restrictions.length > 0)) return;
      const found = byAnswer.get(a);
      if (found) return void found.classes.push(i);
      const cut = this.cutPaths(a, maxPaths);
      const grant: ClassGrant = { action: this.action, decision: a.decision, paths: cut.paths, restrictions: a.restrictions, resources: [], instances: [] };
      if (a.residual) {
        grant.residual = a.residual;
        grant.condition = renderResidual(a.residual);
      }
      if (cut.pathCount !== undefined) grant.pathCount = cut.pathCount;
      if (a.pathCountAtLeast) grant.pathCountAtLeast = true;
      byAnswer.set(a, { grant, classes: [i] });
    });
    return [...byAnswer.values()].map(({ grant, classes }) => {
      const lists = this.listsOf(classes);
      grant.resources = lists.resources;
      grant.instances = lists.instances;
      return grant;
    });
  }

  private readonly joined = new Map<string, { resources: string[]; instances: NonNullable<ResourceGrant['instance']>[] }>();

  /** The resources and instances of some classes, in the classes' order: one class's own lists, or joined lists shared by every principal with the same classes. */
  private listsOf(classes: number[]): { resources: string[]; instances: NonNullable<ResourceGrant['instance']>[] } {
    if (classes.length === 1) return { resources: this.resourcesOf(classes[0]!), instances: this.presentInstancesOf(classes[0]!) };
    const key = classes.join(',');
    let found = this.joined.get(key);
    if (!found) this.joined.set(key, (found = { resources: classes.flatMap((i) => this.resourcesOf(i)), instances: classes.flatMap((i) => this.presentInstancesOf(i)) }));
    return found;
  }

  private readonly cuts = new Map<AccessPath[], AccessPath[]>();

  /** The paths of an answer cut to `max` (0: all), with the count when cut; each paths array is cut once. */
  private cutPaths(a: Assessment, max: number): { paths: AccessPath[]; pathCount?: number } {
    if (max <= 0 || a.paths.length <= max) return { paths: a.paths, ...(a.pathCount !== undefined ? { pathCount: a.pathCount } : {}) };
    let kept = this.cuts.get(a.paths);
    if (!kept) this.cuts.set(a.paths, (kept = [...a.paths].sort(byLength).slice(0, max)));
    return { paths: kept, pathCount: a.pathCount ?? a.paths.length };
  }

  private readonly resourceLists: string[][] = [];
  private readonly instanceLists: NonNullable<ResourceGrant['instance']>[][] = [];

  /** The ARNs of class i's members (once per audit). */
  private resourcesOf(i: number): string[] {
    return (this.resourceLists[i] ??= this.classes[i]!.members.map((r) => r.arn));
  }

  /** The inventory instances of class i's members, those that have one (once per audit). */
  private presentInstancesOf(i: number): NonNullable<ResourceGrant['instance']>[] {
    return (this.instanceLists[i] ??= this.instancesOf(i).filter((x): x is NonNullable<ResourceGrant['instance']> => x !== undefined));
  }

  private readonly instanceFields: (ResourceGrant['instance'] | undefined)[][] = [];

  /** The `instance` field of each member of class i (computed once per audit). */
  private instancesOf(i: number): (ResourceGrant['instance'] | undefined)[] {
    return (this.instanceFields[i] ??= this.classes[i]!.members.map((r) => instanceField(this.model.session, r).instance));
  }

  /** Whether the principal is allowed outright on every class. */
  allowedEverywhere(principal: AuditPrincipal): boolean {
    return this.answer(principal).every((a) => a.decision === 'Allow');
  }
}

/** The best decision of a list of grants. */
export function bestDecision(grants: readonly { decision: PrincipalAccess['decision'] }[]): PrincipalAccess['decision'] {
  if (grants.some((g) => g.decision === 'Allow')) return 'Allow';
  if (grants.some((g) => g.decision === 'Conditional')) return 'Conditional';
  return 'None';
}

