/**
 * Compiles a validated policy set once into matchers: wildcard patterns, operator predicates,
 * principal matchers, and per-layer indexes by service and by action so a request only meets the
 * statements that can name its action. Evaluation never re-parses.
 */
import { operatorSpec } from '../conditions/operators.js';
import type { OperatorSpec, ValueSet } from '../conditions/spec.js';
import { typedValueCanMeet } from '../conditions/typed-strings.js';
import type { StatementRef } from '../decision/types.js';
import { compileActionPatterns, serviceOfPattern } from '../match/action.js';
import { actionIndex } from './action-index.js';
import { compilePrincipal, type PrincipalMatcher } from '../match/principal.js';
import { compileWildcard, type WildcardMatcher } from '../match/wildcard.js';
import type { ConditionClause, Statement } from '../policy/types.js';
import { TYPED_KEYS } from '../request/prepare.js';
import type { NamedPolicy, PolicySet } from '../policy/policy-set.js';

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
  /** Memo of decision plans by request shape (service, root, AssumeRole); see planDecision. */
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

function compileStatement(statement: Statement, base: RefBase): CompiledStatement {
  // One literal with every field, for one hidden class (see statementRef).
  return {
    id: 0,
    ref: statementRef(base, statement),
    resourceGroup: base.resourceGroup,
    deny: statement.effect === 'Deny',
    notAction: statement.notActions !== undefined,
    actions: compileActionPatterns(statement.actions ?? statement.notActions ?? []),
    resources: statement.resources ? statement.resources.map(compileWildcard) : undefined,
    principal: statement.principal ? compilePrincipal(statement.principal) : undefined,
    clauses: statement.conditions.map(compileClause),
    source: statement,
  };
}

function compileClause(clause: ConditionClause): CompiledClause {
  const spec = operatorSpec(clause.operator);
  if (!spec) throw new Error(`internal: operator ${clause.operator} reached the compiler unvalidated`);
  const values = spec.compileValues(clause.values);
  if (!values) throw new Error(`internal: a value of ${clause.operator} reached the compiler unvalidated`);
  const keyLower = clause.key.toLowerCase();
  const compiled: CompiledClause = { clause, keyLower, spec, values };
  const keyType = Object.hasOwn(TYPED_KEYS, keyLower) ? TYPED_KEYS[keyLower] : undefined;
  if (keyType) {
    const met = clause.values.map((v) => typedValueCanMeet(spec, v, keyType));
    if (!met.includes(undefined)) {
      compiled.metByType = met as boolean[];
      if (!met.includes(true)) compiled.decidedByType = spec.negated ? 1 : 0;
    }
  }
  return compiled;
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

function statementsOf(policies: NamedPolicy[], ref: (p: NamedPolicy) => RefBase): CompiledStatement[] {
  return policies.flatMap((p) => p.document.statements.map((s) => compileStatement(s, ref(p))));
}

/** Compiles every policy of a set. Policies must come from `parsePolicy`/`validatePolicy`. */
export function compilePolicySet(set: PolicySet): CompiledPolicySet {
  const compiled: CompiledPolicySet = {
    control: set.control.map((level, i) => compileLayer(statementsOf(level, (p) => ({ layer: 'control', level: i, resourceGroup: undefined, policy: p.name })))),
    identity: compileLayer(statementsOf(set.identity, (p) => ({ layer: 'identity', level: undefined, resourceGroup: undefined, policy: p.name }))),
    resourceGroup: compileLayer(
      set.resourceGroup.flatMap((p) => statementsOf([p], () => ({ layer: 'resource-group', level: undefined, resourceGroup: p.resourceGroup, policy: p.name }))),
    ),
    resource: compileLayer(statementsOf(set.resource, (p) => ({ layer: 'resource', level: undefined, resourceGroup: undefined, policy: p.name }))),
    all: [],
    statementCount: 0,
    plans: new Map(),
  };
  if (set.session) compiled.session = compileLayer(statementsOf([set.session], (p) => ({ layer: 'session', level: undefined, resourceGroup: undefined, policy: p.name })));
  const all = [...compiled.control.flatMap((l) => l.statements), ...(compiled.session?.statements ?? []), ...compiled.identity.statements, ...compiled.resourceGroup.statements, ...compiled.resource.statements];
  all.forEach((s, i) => (s.id = i));
  compiled.all = all;
  compiled.statementCount = all.length;
  return compiled;
}
