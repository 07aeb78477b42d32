/**
 * What an evaluation returns: the decision, the statements that decided it, a residual condition
 * when the answer depends on unknown context, and a trace of every statement.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ConditionOperator } from '../conditions/operator-name.js';
import type { Effect } from '../policy/types.js';

/** The four answers. `Conditional` = it depends on context keys the request did not supply. */
export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny' | 'Conditional';

/** The policy layers, in RAM's evaluation order. */
export type Layer = 'control' | 'session' | 'identity' | 'resource-group' | 'resource';

/** RAM's own `AccessDeniedDetail.PolicyType` names, for comparing with real denials. */
export type RamPolicyType =
  | 'ControlPolicy'
  | 'SessionPolicy'
  | 'AccountLevelIdentityBasedPolicy'
  | 'ResourceGroupLevelIdentityBasedPolicy'
  | 'AssumeRolePolicy';

/** Three-valued result of a match. */
export type Tri = 'match' | 'no-match' | 'unknown';

/** Identifies one statement of one policy in one layer. */
export interface StatementRef {
  layer: Layer;
  /** Control-policy level, 0 = Root folder. */
  level?: number;
  /** Resource group of a resource-group-level attachment. */
  resourceGroup?: string;
  policy: string;
  statement: number;
  sid?: string;
  effect: Effect;
}

/** How one request value fared against one policy value. */
export interface ValueTrace {
  value: string;
  result: Tri;
}

/** How one condition clause (operator, key, values) fared. */
export interface ConditionTrace {
  operator: ConditionOperator;
  key: string;
  /** The request's values for the key, `absent`, or `unknown`. */
  requestValues: string[] | 'absent' | 'unknown';
  values: ValueTrace[];
  result: Tri;
}

/** Why one statement did or did not apply. */
export interface StatementTrace extends StatementRef {
  /** Action (or NotAction) match; `matchedBy` is the pattern that matched. */
  action: { result: Tri; matchedBy?: string; notAction: boolean };
  /** Resource match; absent for trust policies. */
  resource?: { result: Tri; matchedBy?: string };
  /** Principal match; trust policies only. */
  principal?: { result: Tri; matchedBy?: string };
  conditions: ConditionTrace[];
  /** Whether the statement applies to the request. */
  result: Tri;
  /** Why the statement's layer was not consulted for this request, when it was not. */
  skipped?: string;
}

/** A condition over unknown context keys, as a boolean formula. */
export type Residual =
  | { kind: 'true' }
  | { kind: 'false' }
  | { kind: 'condition'; operator: ConditionOperator; key: string; values: string[]; from: StatementRef }
  | { kind: 'resource-group'; resourceGroup: string }
  | { kind: 'and'; of: Residual[] }
  | { kind: 'or'; of: Residual[] }
  | { kind: 'not'; of: Residual };

/** Why the request was denied implicitly: the first layer that gave no Allow. */
export interface MissingAllow {
  layer: Layer;
  level?: number;
  message: string;
}

/** The full answer of `evaluate`. */
export interface EvaluationResult {
  decision: Decision;
  /** The statements that decided: matching Denies, or the Allows each required layer needed. */
  decidingStatements: StatementRef[];
  /** RAM's `PolicyType` of the deny, as `AccessDeniedDetail` would report it. */
  deniedBy?: RamPolicyType;
  /** For ImplicitDeny: the layer that gave no Allow. */
  missingAllow?: MissingAllow;
  /** For Conditional: allowed exactly when this holds. */
  residual?: Residual;
  /** Keys the request did not supply that the answer depends on. */
  unknownKeys: string[];
  /** Denies whose conditions are unknown (they may still fire). */
  possibleDenies: StatementRef[];
  /** One entry per statement evaluated (empty when the trace was not asked for). */
  statements: StatementTrace[];
  /** Request problems (e.g. a value that cannot be read as the operator's type). */
  diagnostics: Diagnostic[];
  /** Free-text notes, e.g. "root is not subject to RAM policies". */
  notes: string[];
}
