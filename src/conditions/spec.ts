/**
 * The shape every condition operator shares. A family reads request values of one type; an
 * operator compiles each policy value once into a predicate over such read values.
 */
import type { ConditionOperator } from '../policy/types.js';

/** The value types of RAM condition operators. */
export type FamilyName = 'string' | 'string-ignore-case' | 'numeric' | 'date' | 'bool' | 'ip';

/** Reads request values of one type. */
export interface ValueFamily<T> {
  name: FamilyName;
  /** What a valid value looks like, for messages: "a number", "an ISO 8601 date-time". */
  expected: string;
  /** Reads a request value; undefined when it is not of this type. */
  read(value: string): T | undefined;
}

/** One documented operator. */
export interface OperatorSpec<T = unknown> {
  name: ConditionOperator;
  family: ValueFamily<T>;
  /** Negated operators hold when no request value matches any policy value (C2). */
  negated: boolean;
  /** The family of the policy values (for `StringLike`, patterns); used in messages. */
  policyValueExpected: string;
  /**
   * Compiles one policy value into a predicate over read request values ("matches" in the
   * positive sense, before negation); undefined when the policy value is invalid.
   */
  compileValue(policyValue: string): ((requestValue: T) => boolean) | undefined;
}
