/**
 * The six comparison operators shared by the Numeric and Date families. A clause's values reduce
 * to what the comparison needs: a set for `Equals`, the largest value for `LessThan` ("below some
 * value" is "below the largest"), the smallest for `GreaterThan`.
 */
import type { ConditionOperator } from './operator-name.js';
import type { OperatorSpec, ValueFamily, ValueSet } from './spec.js';
import { compileEach, equalityValueSet } from './value-set.js';

type Compare = (request: number, policy: number) => boolean;

/** Which bound of the policy values decides "some value compares true". */
type Bound = 'set' | 'max' | 'min';

const COMPARISONS: [suffix: string, negated: boolean, compare: Compare, bound: Bound][] = [
  ['Equals', false, (r, p) => r === p, 'set'],
  ['NotEquals', true, (r, p) => r === p, 'set'],
  ['LessThan', false, (r, p) => r < p, 'max'],
  ['LessThanEquals', false, (r, p) => r <= p, 'max'],
  ['GreaterThan', false, (r, p) => r > p, 'min'],
  ['GreaterThanEquals', false, (r, p) => r >= p, 'min'],
];

/**
 * The set of a comparison: "r compares true with some p" is "r compares true with the bound";
 * per policy value p (the trace), "some r compares true with p" is "the opposite bound of the
 * request values does" (`min(r) < p` for LessThan).
 */
function boundValueSet(bounds: readonly number[], compare: Compare, bound: 'max' | 'min'): ValueSet<number> {
  let decisive = bound === 'max' ? -Infinity : Infinity; // no value: nothing compares true
  for (const p of bounds) decisive = bound === 'max' ? Math.max(decisive, p) : Math.min(decisive, p);
  return {
    matchesAny: (request) => compare(request, decisive),
    matchedBy(requests) {
      if (requests.length === 0) return bounds.map(() => false);
      let best = requests[0]!;
      for (const r of requests) best = bound === 'max' ? Math.min(best, r) : Math.max(best, r);
      return bounds.map((p) => compare(best, p));
    },
  };
}

/** Builds `<prefix>Equals` … `<prefix>GreaterThanEquals` over a family whose values read as numbers. */
export function orderedOperators(prefix: 'Numeric' | 'Date', family: ValueFamily<number>): OperatorSpec<number>[] {
  return COMPARISONS.map(([suffix, negated, compare, bound]) => ({
    name: `${prefix}${suffix}` as ConditionOperator,
    family,
    negated,
    policyValueExpected: family.expected,
    compileValue(policyValue: string) {
      const read = family.read(policyValue);
      return read === undefined ? undefined : (request: number) => compare(request, read);
    },
    compileValues(policyValues: readonly string[]) {
      const bounds = compileEach(policyValues, (v) => family.read(v));
      if (!bounds) return undefined;
      return bound === 'set' ? equalityValueSet(bounds) : boundValueSet(bounds, compare, bound);
    },
  }));
}
