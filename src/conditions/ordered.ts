/** The six comparison operators shared by the Numeric and Date families. */
import type { ConditionOperator } from '../policy/types.js';
import type { OperatorSpec, ValueFamily } from './spec.js';

type Compare = (request: number, policy: number) => boolean;

const COMPARISONS: [suffix: string, negated: boolean, compare: Compare][] = [
  ['Equals', false, (r, p) => r === p],
  ['NotEquals', true, (r, p) => r === p],
  ['LessThan', false, (r, p) => r < p],
  ['LessThanEquals', false, (r, p) => r <= p],
  ['GreaterThan', false, (r, p) => r > p],
  ['GreaterThanEquals', false, (r, p) => r >= p],
];

/** Builds `<prefix>Equals` … `<prefix>GreaterThanEquals` over a family whose values read as numbers. */
export function orderedOperators(prefix: 'Numeric' | 'Date', family: ValueFamily<number>): OperatorSpec<number>[] {
  return COMPARISONS.map(([suffix, negated, compare]) => ({
    name: `${prefix}${suffix}` as ConditionOperator,
    family,
    negated,
    policyValueExpected: family.expected,
    compileValue(policyValue: string) {
      const bound = family.read(policyValue);
      return bound === undefined ? undefined : (request: number) => compare(request, bound);
    },
  }));
}
