/** Numeric operators over decimal numbers written as strings (S8). */
import { orderedOperators } from './ordered.js';
import type { ValueFamily } from './spec.js';

const DECIMAL = /^[+-]?\d+(\.\d+)?$/;

/** Reads `-1`, `10`, `2.5`; refuses exponents, hex, blanks and empty strings. */
export function readDecimal(value: string): number | undefined {
  return DECIMAL.test(value) ? Number(value) : undefined;
}

/** Request values read as decimal numbers. */
export const numericFamily: ValueFamily<number> = { name: 'numeric', expected: 'a decimal number', read: readDecimal };

/** The six numeric operators. */
export const numericOperators = orderedOperators('Numeric', numericFamily);
