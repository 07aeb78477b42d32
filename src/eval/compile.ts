/**
 * Compiles a validated policy set once into matchers: wildcard patterns, operator predicates,
 * principal matchers, and a per-layer index by service so a request only meets the statements
 * that can name its action. Evaluation never re-parses.
 */
import { operatorSpec } from '../conditions/operators.js';
import type { OperatorSpec, ValueSet } from '../conditions/spec.js';
import { typedValueCanMeet } from '../conditions/typed-strings.js';
import type { StatementRef } from '../decision/types.js';
import { compileActionPatterns, serviceOfPattern } from '../match/action.js';
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
  deny: boolean;
  notAction: boolean;
  actions: WildcardMatcher[];
  /** Undefined in trust policies. */
  resources?: WildcardMatcher[];
  principal?: PrincipalMatcher;
  clauses: CompiledClause[];
  source: Statement;
}

/** The statements of one layer (or one control level) with a by-service index. */
export interface CompiledLayer {
  statements: CompiledStatement[];
  /** Statements that may match an action of the given service, in document order. */
  forService(service: string): CompiledStatement[];
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

function compileStatement(statement: Statement, ref: Omit<StatementRef, 'statement' | 'sid' | 'effect'>): CompiledStatement {
  const compiled: CompiledStatement = {
    id: 0,
    ref: { ...ref, statement: statement.index, effect: statement.effect, ...(statement.sid !== undefined ? { sid: statement.sid } : {}) },
    deny: statement.effect === 'Deny',
    notAction: statement.notActions !== undefined,
    actions: compileActionPatterns(statement.actions ?? statement.notActions ?? []),
    clauses: statement.conditions.map(compileClause),
    source: statement,
  };
  if (statement.resources) compiled.resources = statement.resources.map(compileWildcard);
  if (statement.principal) compiled.principal = compilePrincipal(statement.principal);
  return compiled;
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
  const anyService: CompiledStatement[] = [];
  const byService = new Map<string, Set<CompiledStatement>>();
  for (const s of statements) {
    const services = s.notAction ? [undefined] : s.actions.map((m) => serviceOfPattern(m.pattern));
    if (services.includes(undefined)) anyService.push(s);
    else for (const service of services) byService.set(service!, (byService.get(service!) ?? new Set()).add(s));
  }
  const anySet = new Set(anyService);
  const cache = new Map<string, CompiledStatement[]>();
  return {
    statements,
    forService(service) {
      let list = cache.get(service);
      if (!list) {
        const own = byService.get(service);
        list = statements.filter((s) => own?.has(s) || anySet.has(s));
        cache.set(service, list);
      }
      return list;
    },
  };
}

function statementsOf(policies: NamedPolicy[], ref: (p: NamedPolicy) => Omit<StatementRef, 'statement' | 'sid' | 'effect'>): CompiledStatement[] {
  return policies.flatMap((p) => p.document.statements.map((s) => compileStatement(s, ref(p))));
}

/** Compiles every policy of a set. Policies must come from `parsePolicy`/`validatePolicy`. */
export function compilePolicySet(set: PolicySet): CompiledPolicySet {
  const compiled: CompiledPolicySet = {
    control: set.control.map((level, i) => compileLayer(statementsOf(level, (p) => ({ layer: 'control', level: i, policy: p.name })))),
    identity: compileLayer(statementsOf(set.identity, (p) => ({ layer: 'identity', policy: p.name }))),
    resourceGroup: compileLayer(
      set.resourceGroup.flatMap((p) => statementsOf([p], () => ({ layer: 'resource-group', resourceGroup: p.resourceGroup, policy: p.name }))),
    ),
    resource: compileLayer(statementsOf(set.resource, (p) => ({ layer: 'resource', policy: p.name }))),
    all: [],
    statementCount: 0,
    plans: new Map(),
  };
  if (set.session) compiled.session = compileLayer(statementsOf([set.session], (p) => ({ layer: 'session', policy: p.name })));
  const all = [...compiled.control.flatMap((l) => l.statements), ...(compiled.session?.statements ?? []), ...compiled.identity.statements, ...compiled.resourceGroup.statements, ...compiled.resource.statements];
  all.forEach((s, i) => (s.id = i));
  compiled.all = all;
  compiled.statementCount = all.length;
  return compiled;
}
