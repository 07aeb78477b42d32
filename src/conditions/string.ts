/**
 * String operators: exact, case-insensitive (Unicode lower-casing, M6) and wildcard (M5). A
 * clause's values are a hash set (Equals, IgnoreCase) or a pattern index (Like), so many values
 * against many request values cost about their sum, not their product.
 */
import { compilePatternSet } from '../match/pattern-set.js';
import { compileWildcard } from '../match/wildcard.js';
import type { OperatorSpec, ValueFamily, ValueSet } from './spec.js';
import { equalityValueSet, predicateValueSet, SMALL_CLAUSE } from './value-set.js';

/** Request values read as-is. */
export const stringFamily: ValueFamily<string> = { name: 'string', expected: 'a string', read: (v) => v };

/** Request values read lower-cased, once per request, for the IgnoreCase operators. */
export const stringIgnoreCaseFamily: ValueFamily<string> = {
  name: 'string-ignore-case',
  expected: 'a string',
  read: (v) => v.toLowerCase(),
};

const equals = (policyValue: string) => (requestValue: string) => requestValue === policyValue;
const equalsIgnoreCase = (policyValue: string) => {
  const lower = policyValue.toLowerCase();
  return (requestValue: string) => requestValue === lower;
};
const like = (policyValue: string) => {
  const matcher = compileWildcard(policyValue);
  return (requestValue: string) => matcher.test(requestValue);
};

const equalsSet = (policyValues: readonly string[]) => equalityValueSet(policyValues);
const equalsIgnoreCaseSet = (policyValues: readonly string[]) => equalityValueSet(policyValues.map((v) => v.toLowerCase()));
function likeSet(policyValues: readonly string[]): ValueSet<string> {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, both sides of the threshold answer alike (docs/testing.md)
  if (policyValues.length <= SMALL_CLAUSE) return predicateValueSet(policyValues.map(like));
  const patterns = compilePatternSet(policyValues);
  return {
    matchesAny: (requestValue) => patterns.test(requestValue),
    matchedBy(requestValues) {
      const hits = new Array<boolean>(policyValues.length).fill(false);
      for (const r of requestValues) patterns.mark(r, hits);
      return hits;
    },
  };
}

const exact = { family: stringFamily, policyValueExpected: 'a string', compileValue: equals, compileValues: equalsSet };
const ignoringCase = { family: stringIgnoreCaseFamily, policyValueExpected: 'a string', compileValue: equalsIgnoreCase, compileValues: equalsIgnoreCaseSet };
const wildcard = { family: stringFamily, policyValueExpected: 'a pattern', compileValue: like, compileValues: likeSet };

/** The six string operators. */
export const stringOperators: OperatorSpec<string>[] = [
  { name: 'StringEquals', negated: false, ...exact },
  { name: 'StringNotEquals', negated: true, ...exact },
  { name: 'StringEqualsIgnoreCase', negated: false, ...ignoringCase },
  { name: 'StringNotEqualsIgnoreCase', negated: true, ...ignoringCase },
  { name: 'StringLike', negated: false, ...wildcard },
  { name: 'StringNotLike', negated: true, ...wildcard },
];
