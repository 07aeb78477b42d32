/** The `Bool` operator: one policy value, `true` or `false` (S6); request side case-insensitive (C8). */
import type { OperatorSpec, ValueFamily } from './spec.js';

/** Request values read as booleans; `True`/`FALSE` are accepted, anything else is not a boolean. */
export const boolFamily: ValueFamily<boolean> = {
  name: 'bool',
  expected: '`true` or `false`',
  read(value) {
    const lower = value.toLowerCase();
    return lower === 'true' ? true : lower === 'false' ? false : undefined;
  },
};

/** `Bool`. */
export const boolOperators: OperatorSpec<boolean>[] = [
  {
    name: 'Bool',
    family: boolFamily,
    negated: false,
    policyValueExpected: '`true` or `false`',
    compileValue(policyValue) {
      if (policyValue !== 'true' && policyValue !== 'false') return undefined;
      const expected = policyValue === 'true';
      return (request) => request === expected;
    },
  },
];
