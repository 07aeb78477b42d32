/**
 * Compiles a validated policy set once into matchers: wildcard patterns, operator predicates,
 * principal matchers, and per-layer indexes by service and by action so a request only meets the
 * statements that can name its action. Evaluation never re-parses.
 */
import { operatorSpec } from '../conditions/operators.js';
import type { OperatorSpec, ValueSet } from '../conditions/spec.js';
import { typedValueCanMeet } from '../conditions/typed-strings.js';
import type { StatementRef } from '../decision/types.js';
import { serviceOfPattern } from '../match/action.js';
import { actionIndex } from './action-index.js';
import { compilePrincipal, type PrincipalMatcher } from '../match/principal.js';
import { compileWildcard, type WildcardMatcher } from '../match/wildcard.js';
import type { ConditionClause, Statement } from '../policy/types.js';
import { TYPED_KEYS } from '../request/prepare.js';
import type { NamedPolicy, PolicySet, ResourceGroupAttachment } from '../policy/policy-set.js';

/** One condition clause with its operator and compiled values. */
export interface CompiledClause {
  clause: ConditionClause;
  keyLower: string;
  spec: OperatorSpec<unknown>;
  /** The policy values, compiled together. */
  values: ValueSet<unknown>;
  /**
   * For a string operator on a typed key (C11): per policy value, whether some value of the
   * key's type can meet it. Undefined when the key or the operator is not of that kind.
   */
  metByType?: boolean[];
  /** The clause's value (0 false, 1 true) when the request does not give the key and its type decides it (C11). */
  decidedByType?: 0 | 1;
}

/** One statement, ready to match. */
export interface CompiledStatement {
  /** Position in the set (0..statementCount-1), for per-evaluation tables. */
  id: number;
  /**
   * The set's first statement with the same body as this one (NotAction or not, the action and
   * resource patterns, principal and conditions, as written), or undefined when this one is the
   * first. Statements with one body apply to a request alike, whatever their policy, and trace
   * alike, so an evaluation matches and traces each body once (`evaluate`, `tracePlan`). A reference, not a number: code that puts layers of
   * two compiled sets together (the audit's trust layers) renumbers ids, and this follows.
   */
  same: CompiledStatement | undefined;
  ref: StatementRef;
  /** `ref.resourceGroup`, kept here too so the hot loop reads one object per statement. */
  resourceGroup: string | undefined;
  deny: boolean;
  notAction: boolean;
  actions: WildcardMatcher[];
  /** Undefined in trust policies. Always present (maybe undefined): one hidden class. */
  resources: WildcardMatcher[] | undefined;
  /** Trust policies only. */
  principal: PrincipalMatcher | undefined;
  clauses: CompiledClause[];
  source: Statement;
}

/** The statements of one layer (or one control level) with a by-service index. */
export interface CompiledLayer {
  statements: CompiledStatement[];
  /** Statements that may match an action of the given service, in document order. */
  forService(service: string): CompiledStatement[];
  /**
   * Statements whose Action matches the given lower-cased action, and every NotAction statement,
   * in document order: the only ones that can apply to a request for it (see action-index.ts).
   */
  forAction(action: string): CompiledStatement[];
}

/** A compiled policy set; build with `compilePolicySet`. */
export interface CompiledPolicySet {
  control: CompiledLayer[];
  session?: CompiledLayer;
  identity: CompiledLayer;
  resourceGroup: CompiledLayer;
  resource: CompiledLayer;
  /** Every statement, in evaluation order; `all[i].id === i`. */
  all: CompiledStatement[];
  /** Number of statements; ids run from 0. */
  statementCount: number;
  /** Memo of decision plans by lower-cased action (then root caller or not); see planDecision. */
  plans: Map<string, unknown>;
}

/** Where a statement comes from, short of its own index, Sid and Effect. */
type RefBase = Pick<StatementRef, 'layer' | 'level' | 'resourceGroup' | 'policy'>;

/**
 * A statement reference with every field present (`undefined` where absent), in one order: every
 * reference then shares one hidden class, so the code reading them stays monomorphic (object
 * spread gave 590 shapes to 600 statements). JSON drops the undefined fields, so output is unchanged.
 */
export function statementRef(base: RefBase, statement: Statement): StatementRef {
  return { layer: base.layer, level: base.level, resourceGroup: base.resourceGroup, policy: base.policy, statement: statement.index, effect: statement.effect, sid: statement.sid };
}

/**
 * What one compilation shares between statements: a matcher per distinct pattern, compiled values
 * per distinct clause, the first statement of each distinct body. Policies repeat patterns (`*`, a
 * service's `Get*`) and whole guard statements; it lives as long as one `compilePolicySet` call.
 */
class Interner {
  private readonly matchers: Map<string, WildcardMatcher>;
  private readonly clauses: Map<string, Omit<CompiledClause, 'clause'>>;
  /** Each body's representative statement: the cache's (one per session), else this call's own. */
  readonly bodies: BodyRegistry;
  /** Per statement of a parsed document: its compiled parts, when a CompileCache outlives this call. */
  readonly parts: WeakMap<Statement, StatementParts> | undefined;
  /** This call's first statement of each body, by the body's representative. */
  private readonly firstOfBody = new Map<Statement, CompiledStatement>();

  constructor(cache?: CompileCache) {
    this.matchers = cache?.matchers ?? new Map();
    this.clauses = cache?.clauses ?? new Map();
    this.bodies = cache?.bodies ?? new BodyRegistry();
    this.parts = cache?.parts;
  }

  matcher(pattern: string): WildcardMatcher {
    let m = this.matchers.get(pattern);
    if (!m) this.matchers.set(pattern, (m = compileWildcard(pattern)));
    return m;
  }

  clause(clause: ConditionClause): CompiledClause {
    const keyLower = clause.key.toLowerCase();
    // JSON keeps the key injective whatever the values hold.
    const key = JSON.stringify([clause.operator, keyLower, clause.values]);
    let shared = this.clauses.get(key);
    if (!shared) this.clauses.set(key, (shared = compileClause(clause, keyLower)));
    // One literal with every field, for one hidden class.
    return { clause, keyLower, spec: shared.spec, values: shared.values, metByType: shared.metByType, decidedByType: shared.decidedByType };
  }

  /** The first statement of this call with `s`'s body (its representative `body`), or undefined (then `s` is that one). */
  same(s: CompiledStatement, body: Statement): CompiledStatement | undefined {
    const first = this.firstOfBody.get(body);
    if (first) return first;
    this.firstOfBody.set(body, s);
    return undefined;
  }
}

/**
 * One representative statement per body (`sameBody` is an equivalence): statements are bucketed
 * by `bodyBucket`, then compared in full within their bucket only.
 */
class BodyRegistry {
  private readonly buckets = new Map<string, Statement[]>();

  /** The first statement registered with the body of `statement` (itself when none was). */
  bodyOf(statement: Statement): Statement {
    const bucket = bodyBucket(statement);
    const candidates = this.buckets.get(bucket);
    if (!candidates) {
      this.buckets.set(bucket, [statement]);
      return statement;
    }
    for (const c of candidates) if (sameBody(c, statement)) return c;
    candidates.push(statement);
    return statement;
  }
}

/**
 * A few strings of a statement's body taken as they are: statements of one body share them, and
 * most statements differ in them, so candidates are compared in full (`sameBody`) only within a
 * bucket — building an exact key for each (JSON of the whole body) cost more than the rest.
 */
// Stryker disable all: equivalent, any key made of body fields alone puts statements of one body in one bucket (docs/testing.md)
function bodyBucket(statement: Statement): string {
  const patterns = statement.actions ?? statement.notActions ?? [];
  return `${patterns[0]}\u0000${statement.resources?.[0] ?? statement.principal?.RAM[0] ?? ''}\u0000${patterns.length}\u0000${statement.conditions.length}`;
}
// Stryker restore all

/** Whether two statements match and trace alike: everything but the Effect, the Sid and where they are. */
function sameBody(a: Statement, b: Statement): boolean {
  if ((a.notActions === undefined) !== (b.notActions === undefined)) return false;
  if (!sameStrings(a.actions ?? a.notActions, b.actions ?? b.notActions) || !sameStrings(a.resources, b.resources)) return false;
  const p = a.principal;
  const q = b.principal;
  if (p || q) {
    if (!p || !q || !sameStrings(p.RAM, q.RAM) || !sameStrings(p.Service, q.Service) || !sameStrings(p.Federated, q.Federated)) return false;
  }
  if (a.conditions.length !== b.conditions.length) return false;
  for (let i = 0; i < a.conditions.length; i++) {
    const c = a.conditions[i]!;
    const d = b.conditions[i]!;
    // Keys as written: a trace shows them so, and statements of one body trace alike (tracePlan).
    if (c.operator !== d.operator || c.key !== d.key || !sameStrings(c.values, d.values)) return false;
  }
  return true;
}

function sameStrings(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** What a statement compiles to whatever set holds it: never changed once made, so sets may share it. */
interface StatementParts {
  actions: WildcardMatcher[];
  resources: WildcardMatcher[] | undefined;
  principal: PrincipalMatcher | undefined;
  clauses: CompiledClause[];
  /** The first statement registered with this one's body (`sameBody`): statements of one body share it. */
  body: Statement;
}

function partsOf(statement: Statement, shared: Interner): StatementParts {
  let parts = shared.parts?.get(statement);
  if (parts) return parts;
  const patterns = statement.actions ?? statement.notActions ?? [];
  // Stryker disable next-line ArrayDeclaration: equivalent, the length only pre-sizes the array (docs/testing.md)
  const actions = new Array<WildcardMatcher>(patterns.length);
  for (let i = 0; i < patterns.length; i++) actions[i] = shared.matcher(patterns[i]!.toLowerCase()); // M2: actions compare lower-cased
  parts = {
    actions,
    resources: statement.resources ? statement.resources.map((r) => shared.matcher(r)) : undefined,
    principal: statement.principal ? compilePrincipal(statement.principal) : undefined,
    clauses: statement.conditions.map((c) => shared.clause(c)),
    body: shared.bodies.bodyOf(statement),
  };
  shared.parts?.set(statement, parts);
  return parts;
}

function compileStatement(statement: Statement, base: RefBase, shared: Interner): CompiledStatement {
  const parts = partsOf(statement, shared);
  // One literal with every field, for one hidden class (see statementRef).
  const compiled: CompiledStatement = {
    id: 0,
    same: undefined,
    ref: statementRef(base, statement),
    resourceGroup: base.resourceGroup,
    deny: statement.effect === 'Deny',
    notAction: statement.notActions !== undefined,
    actions: parts.actions,
    resources: parts.resources,
    principal: parts.principal,
    clauses: parts.clauses,
    source: statement,
  };
  compiled.same = shared.same(compiled, parts.body);
  return compiled;
}

function compileClause(clause: ConditionClause, keyLower: string): Omit<CompiledClause, 'clause'> {
  const spec = operatorSpec(clause.operator);
  if (!spec) throw new Error(`internal: operator ${clause.operator} reached the compiler unvalidated`);
  const values = spec.compileValues(clause.values);
  if (!values) throw new Error(`internal: a value of ${clause.operator} reached the compiler unvalidated`);
  let metByType: boolean[] | undefined;
  let decidedByType: 0 | 1 | undefined;
  const keyType = Object.hasOwn(TYPED_KEYS, keyLower) ? TYPED_KEYS[keyLower] : undefined;
  if (keyType) {
    const met = clause.values.map((v) => typedValueCanMeet(spec, v, keyType));
    if (!met.includes(undefined)) {
      metByType = met as boolean[];
      if (!met.includes(true)) decidedByType = spec.negated ? 1 : 0;
    }
  }
  return { keyLower, spec, values, metByType, decidedByType };
}

function compileLayer(statements: CompiledStatement[]): CompiledLayer {
  // Both indexes are built when first asked: a set compiled for one decision pays only for what it uses.
  let byServiceIndex: ((service: string) => CompiledStatement[]) | undefined;
  return {
    statements,
    forAction: actionIndex(statements),
    forService(service) {
      byServiceIndex ??= serviceIndex(statements);
      return byServiceIndex(service);
    },
  };
}

function serviceIndex(statements: CompiledStatement[]): (service: string) => CompiledStatement[] {
  // Stryker disable next-line ArrayDeclaration: equivalent, only `anySet` below is read, by statement (docs/testing.md)
  const anyService: CompiledStatement[] = [];
  const byService = new Map<string, Set<CompiledStatement>>();
  for (const s of statements) {
    const services = s.notAction ? [undefined] : s.actions.map((m) => serviceOfPattern(m.pattern));
    if (services.includes(undefined)) anyService.push(s);
    else for (const service of services) byService.set(service!, (byService.get(service!) ?? new Set()).add(s));
  }
  const anySet = new Set(anyService);
  const cache = new Map<string, CompiledStatement[]>();
  return (service) => {
    let list = cache.get(service);
    if (!list) {
      const own = byService.get(service);
      list = statements.filter((s) => own?.has(s) || anySet.has(s));
      cache.set(service, list);
    }
    return list;
  };
}

function statementsOf(policies: NamedPolicy[], ref: (p: NamedPolicy) => RefBase, shared: Interner): CompiledStatement[] {
  const out: CompiledStatement[] = [];
  for (const p of policies) {
    const base = ref(p);
    for (const s of p.document.statements) out.push(compileStatement(s, base, shared));
  }
  return out;
}

/**
 * What many `compilePolicySet` calls over the same parsed documents can share: matchers, compiled
 * condition values, and each statement's compiled parts (held weakly by the statement). The audit
 * compiles a set per principal and per what-if account from the snapshot's few hundred documents;
 * compiling each statement once per session, not once per set, was a tenth of its time. Sharing
 * is safe because none of these is changed after it is made (a set's own statement objects —
 * ids, references, bodies — are still made per set).
 */
export class CompileCache {
  readonly matchers = new Map<string, WildcardMatcher>();
  readonly clauses = new Map<string, Omit<CompiledClause, 'clause'>>();
  readonly parts = new WeakMap<Statement, StatementParts>();
  readonly bodies = new BodyRegistry();
}

/** Compiles every policy of a set. Policies must come from `parsePolicy`/`validatePolicy`. `cache` shares compiled parts across calls (see CompileCache). */
export function compilePolicySet(set: PolicySet, cache?: CompileCache): CompiledPolicySet {
  const shared = new Interner(cache);
  const compiled: CompiledPolicySet = {
    control: set.control.map((level, i) => compileLayer(statementsOf(level, (p) => ({ layer: 'control', level: i, resourceGroup: undefined, policy: p.name }), shared))),
    identity: compileLayer(statementsOf(set.identity, (p) => ({ layer: 'identity', level: undefined, resourceGroup: undefined, policy: p.name }), shared)),
    resourceGroup: compileLayer(statementsOf(set.resourceGroup, (p) => ({ layer: 'resource-group', level: undefined, resourceGroup: (p as ResourceGroupAttachment).resourceGroup, policy: p.name }), shared)),
    resource: compileLayer(statementsOf(set.resource, (p) => ({ layer: 'resource', level: undefined, resourceGroup: undefined, policy: p.name }), shared)),
    // Stryker disable next-line ArrayDeclaration: equivalent, replaced below (docs/testing.md)
    all: [],
    statementCount: 0,
    plans: new Map(),
  };
  if (set.session) compiled.session = compileLayer(statementsOf([set.session], (p) => ({ layer: 'session', level: undefined, resourceGroup: undefined, policy: p.name }), shared));
  const all = [...compiled.control.flatMap((l) => l.statements), ...(compiled.session?.statements ?? []), ...compiled.identity.statements, ...compiled.resourceGroup.statements, ...compiled.resource.statements];
  all.forEach((s, i) => (s.id = i));
  compiled.all = all;
  compiled.statementCount = all.length;
  return compiled;
}
