/** String operators: exact, case-insensitive (Unicode lower-casing, M6) and wildcard (M5). */
import { compileWildcard } from '../match/wildcard.js';
import type { OperatorSpec, ValueFamily } from './spec.js';

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

/** The six string operators. */
export const stringOperators: OperatorSpec<string>[] = [
  { name: 'StringEquals', family: stringFamily, negated: false, policyValueExpected: 'a string', compileValue: equals },
  { name: 'StringNotEquals', family: stringFamily, negated: true, policyValueExpected: 'a string', compileValue: equals },
  {
    name: 'StringEqualsIgnoreCase',
    family: stringIgnoreCaseFamily,
    negated: false,
    policyValueExpected: 'a string',
    compileValue: equalsIgnoreCase,
  },
  {
    name: 'StringNotEqualsIgnoreCase',
    family: stringIgnoreCaseFamily,
    negated: true,
    policyValueExpected: 'a string',
    compileValue: equalsIgnoreCase,
  },
  { name: 'StringLike', family: stringFamily, negated: false, policyValueExpected: 'a pattern', compileValue: like },
  { name: 'StringNotLike', family: stringFamily, negated: true, policyValueExpected: 'a pattern', compileValue: like },
];
