/** The `Bool` operator: one policy value, `true` or `false` (S6); request side case-insensitive (C8). */
import type { OperatorSpec, ValueFamily } from './spec.js';
import { compileEach, predicateValueSet } from './value-set.js';

/** Request values read as booleans; `True`/`FALSE` are accepted, anything else is not a boolean. */
export const boolFamily: ValueFamily<boolean> = {
  name: 'bool',
  expected: '`true` or `false`',
  read(value) {
    const lower = value.toLowerCase();
    return lower === 'true' ? true : lower === 'false' ? false : undefined;
  },
};

function compileBool(policyValue: string): ((request: boolean) => boolean) | undefined {
  if (policyValue !== 'true' && policyValue !== 'false') return undefined;
  const expected = policyValue === 'true';
  return (request) => request === expected;
}

/** `Bool`. */
export const boolOperators: OperatorSpec<boolean>[] = [
  {
    name: 'Bool',
    family: boolFamily,
    negated: false,
    policyValueExpected: '`true` or `false`',
    compileValue: compileBool,
    compileValues(policyValues) {
      const predicates = compileEach(policyValues, compileBool);
      return predicates && predicateValueSet(predicates);
    },
  },
];
