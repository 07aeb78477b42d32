/**
 * The bad arguments the misuse test gives every exported function, generated at test time: the
 * wrong JavaScript types, cyclic and prototype-polluting objects, a raw policy document where a
 * validated one (or a policy set) is expected, and a wrong `kind`.
 */
import { RAW_DOCUMENT } from './fixtures.js';

/** One bad value and what it is, for failure messages. */
export interface BadValue {
  label: string;
  make: () => unknown;
}

function cyclicObject(): unknown {
  const value: Record<string, unknown> = { name: 'loop', kind: 'identity' };
  value['self'] = value;
  value['document'] = value;
  return value;
}

function cyclicArray(): unknown {
  const value: unknown[] = ['cams:*'];
  value.push(value);
  return value;
}

/** A raw document whose statement refers to itself: still a cycle when the type is right. */
function cyclicDocument(): unknown {
  const statement: Record<string, unknown> = { Effect: 'Allow', Action: 'cams:*', Resource: '*' };
  statement['Condition'] = { StringEquals: { 'acs:SourceIp': statement } };
  return { Version: '1', Statement: [statement] };
}

/** Every bad value, fresh each time (a callee may mutate what it was given). */
export const BAD_VALUES: readonly BadValue[] = [
  { label: 'null', make: () => null },
  { label: 'undefined', make: () => undefined },
  { label: '0', make: () => 0 },
  { label: '123', make: () => 123 },
  { label: '-1', make: () => -1 },
  { label: 'NaN', make: () => NaN },
  { label: 'Infinity', make: () => Infinity },
  { label: 'true', make: () => true },
  { label: "''", make: () => '' },
  { label: "'bogus'", make: () => 'bogus' },
  { label: '[]', make: () => [] },
  { label: '[null, 1]', make: () => [null, 1] },
  { label: "['x', {}]", make: () => ['x', {}] },
  { label: '{}', make: () => ({}) },
  { label: 'Object.create(null)', make: () => Object.create(null) },
  { label: 'cyclic object', make: cyclicObject },
  { label: 'cyclic array', make: cyclicArray },
  { label: 'cyclic document', make: cyclicDocument },
  { label: '__proto__ key', make: () => JSON.parse('{"__proto__": {"kind": "identity", "polluted": true}, "constructor": {"prototype": {"polluted": true}}}') },
  { label: 'constructor key', make: () => ({ constructor: 'x', toString: 'y', hasOwnProperty: 1 }) },
  { label: 'raw policy document', make: () => structuredClone(RAW_DOCUMENT) },
  { label: "{ kind: 'bogus' }", make: () => ({ kind: 'bogus' }) },
  { label: 'function', make: () => () => 'x' },
  { label: 'symbol', make: () => Symbol('bad') },
  { label: 'bigint', make: () => 10n },
  { label: 'Date', make: () => new Date(0) },
  { label: 'Map', make: () => new Map([['a', 1]]) },
];
