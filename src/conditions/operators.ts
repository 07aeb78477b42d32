/** The registry of the 21 documented condition operators and of the names RAM does not support. */
import type { ConditionOperator } from './operator-name.js';
import { boolOperators } from './bool.js';
import { dateOperators } from './date.js';
import { ipOperators } from './ip.js';
import { numericOperators } from './numeric.js';
import type { OperatorSpec } from './spec.js';
import { stringOperators } from './string.js';

const ALL: OperatorSpec<any>[] = [
  ...stringOperators,
  ...numericOperators,
  ...dateOperators,
  ...boolOperators,
  ...ipOperators,
];

const BY_NAME = new Map<string, OperatorSpec<any>>(ALL.map((op) => [op.name, op]));

/** Every documented operator name. */
export const OPERATOR_NAMES: readonly ConditionOperator[] = ALL.map((op) => op.name);

/** The spec of a documented operator (names are case-sensitive), or undefined. */
export function operatorSpec(name: string): OperatorSpec<any> | undefined {
  return BY_NAME.get(name);
}

/** Why an operator name is not supported, when it is a known AWS-ism; undefined otherwise. */
export function unsupportedOperatorReason(name: string): string | undefined {
  if (/^For(Any|All)Values?:/i.test(name)) return `set operator qualifiers like \`${name.split(':')[0]}:\` are not supported by RAM`;
  if (name.endsWith('IfExists')) return `the \`IfExists\` suffix is not supported by RAM`;
  if (name === 'Null') return 'the `Null` operator is not supported by RAM';
  if (/^Arn(Not)?(Equals|Like)$/.test(name)) return `the ARN operator \`${name}\` is not supported by RAM`;
  if (name === 'BinaryEquals') return '`BinaryEquals` is not supported by RAM';
  return undefined;
}

/** The documented operator whose name differs only in case, for "did you mean". */
export function operatorWithOtherCase(name: string): ConditionOperator | undefined {
  const lower = name.toLowerCase();
  return OPERATOR_NAMES.find((op) => op.toLowerCase() === lower);
}
