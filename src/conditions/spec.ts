/**
 * The shape every condition operator shares. A family reads request values of one type; an
 * operator compiles each policy value once into a predicate over such read values.
 */
import type { ConditionOperator } from './operator-name.js';

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

/**
 * Every policy value of one clause, compiled together so that a request value meets all of them
 * in one step (a set look-up, a binary search, a pattern index) instead of one by one: a clause
 * of P values on a key of R values costs about P + R, not P × R.
 */
export interface ValueSet<T> {
  /** True when the read request value matches at least one policy value (the positive sense). */
  matchesAny(requestValue: T): boolean;
  /** Per policy value, in order: whether at least one of the read request values matches it (the trace). */
  matchedBy(requestValues: readonly T[]): boolean[];
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
  /**
   * Compiles all the policy values of a clause into a set (same answers as `compileValue` on each
   * value, OR-ed: C1); undefined when one of them is invalid.
   */
  compileValues(policyValues: readonly string[]): ValueSet<T> | undefined;
}
