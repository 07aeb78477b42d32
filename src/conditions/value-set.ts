/** Building blocks for `OperatorSpec.compileValues`: value sets by hashing, and the one-by-one fallback. */
import type { ValueSet } from './spec.js';

/** Up to this many values, scanning them beats building a set (most clauses hold one or two). */
export const SMALL_CLAUSE = 8;

/** Compiles each value with `compile`; undefined when one is invalid. */
export function compileEach<R>(policyValues: readonly string[], compile: (value: string) => R | undefined): R[] | undefined {
  const out: R[] = [];
  for (const value of policyValues) {
    const compiled = compile(value);
    if (compiled === undefined) return undefined;
    out.push(compiled);
  }
  return out;
}

/** A set that tests every predicate in turn: for operators whose clauses hold a value or two (`Bool`). */
export function predicateValueSet<T>(predicates: readonly ((requestValue: T) => boolean)[]): ValueSet<T> {
  return {
    matchesAny: (requestValue) => predicates.some((p) => p(requestValue)),
    matchedBy: (requestValues) => predicates.map((p) => requestValues.some((r) => p(r))),
  };
}

/**
 * Equality by hashing: request value r matches policy value p when r === p (strings, or numbers
 * such as instants, where `Set`'s SameValueZero is `===` since NaN is never read).
 */
export function equalityValueSet<T extends string | number>(policyValues: readonly T[]): ValueSet<T> {
  // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement: equivalent, `includes` and `Set` both compare by SameValueZero (docs/testing.md)
  if (policyValues.length <= SMALL_CLAUSE) {
    return {
      matchesAny: (requestValue) => policyValues.includes(requestValue),
      matchedBy: (requestValues) => policyValues.map((p) => requestValues.includes(p)),
    };
  }
  const members = new Set(policyValues);
  return {
    matchesAny: (requestValue) => members.has(requestValue),
    matchedBy(requestValues) {
      const requests = new Set(requestValues);
      return policyValues.map((p) => requests.has(p));
    },
  };
}
