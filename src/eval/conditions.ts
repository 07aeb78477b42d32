/**
 * Three-valued evaluation of condition clauses (C1–C6): given values are tested, absent keys make
 * positive operators false and negated ones true, keys not supplied are unknown — unless the
 * key's type already decides a string test (C11). A request value that is not of the operator's
 * type is reported and leaves the clause unknown — never false.
 */
import type { ConditionTrace, Tri, ValueTrace } from '../decision/types.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { readValues, requestProblem, TYPED_KEYS, type PreparedRequest } from '../request/prepare.js';
import type { CompiledClause } from './compile.js';

/** 0 = does not hold, 1 = holds, 2 = unknown. */
export type TriCode = 0 | 1 | 2;

/** The Tri name of a code. */
export const TRI: readonly Tri[] = ['no-match', 'match', 'unknown'];

/** Evaluates one clause; invalid request values are pushed to `problems`. */
export function evaluateClause(c: CompiledClause, request: PreparedRequest, problems: Diagnostic[]): TriCode {
  const key = request.context.get(c.keyLower);
  if (!key) {
    if (request.absent.has(c.keyLower)) return c.spec.negated ? 1 : 0;
    return c.decidedByType ?? 2;
  }
  const read = readValues(key, c.spec.family);
  let matched = false;
  let invalid = false;
  for (let i = 0; i < read.length && !matched; i++) {
    const value = read[i];
    if (value === undefined) invalid = true;
    else matched = c.values.matchesAny(value);
  }
  if (invalid) reportInvalid(c, request, key.values, problems);
  if (matched) return c.spec.negated ? 0 : 1;
  if (invalid) return 2;
  return c.spec.negated ? 1 : 0;
}

/**
 * The `key\0value` pairs each evaluation (its problems list) has reported: one diagnostic per bad
 * value, found in a set — comparing with every earlier problem made 10,000 bad values quadratic.
 * Keyed weakly by the list, so the record lives exactly as long as that evaluation's diagnostics.
 */
const reportedValues = new WeakMap<Diagnostic[], Set<string>>();

function reportedIn(problems: Diagnostic[], request: PreparedRequest): Set<string> {
  let reported = reportedValues.get(problems);
  if (!reported) {
    reported = new Set();
    // prepareRequest has already reported the values of typed common keys that are not of their type (C7).
    for (const [keyLower, key] of request.context) {
      const family = Object.hasOwn(TYPED_KEYS, keyLower) ? TYPED_KEYS[keyLower] : undefined;
      if (family) for (const value of key.values) if (family.read(value) === undefined) reported.add(`${keyLower}\0${value}`);
    }
    reportedValues.set(problems, reported);
  }
  return reported;
}

function reportInvalid(c: CompiledClause, request: PreparedRequest, values: string[], problems: Diagnostic[]): void {
  const reported = reportedIn(problems, request);
  for (const value of values) {
    if (c.spec.family.read(value) !== undefined || reported.has(`${c.keyLower}\0${value}`)) continue;
    reported.add(`${c.keyLower}\0${value}`);
    const message = `\`${value}\` is not ${c.spec.family.expected}, as \`${c.clause.operator}\` on \`${c.clause.key}\` needs`;
    problems.push(requestProblem('invalid-request-value', message, c.clause.key));
  }
}

/** The full trace of one clause: the request's values and, per policy value, whether it matched. */
export function traceClause(c: CompiledClause, request: PreparedRequest, problems: Diagnostic[]): ConditionTrace {
  const result = TRI[evaluateClause(c, request, problems)]!;
  const key = request.context.get(c.keyLower);
  const policyValues = c.clause.values;
  const values: ValueTrace[] = new Array(policyValues.length);
  if (!key) {
    // Object spread is avoided on this path: it is several times slower than literals in Node 20.
    const state = request.absent.has(c.keyLower) ? 'absent' : 'unknown';
    for (let i = 0; i < policyValues.length; i++) {
      // C11: a value no value of the key's type can meet is a no-match even when the key is unknown.
      const valueResult: Tri = state === 'absent' || c.metByType?.[i] === false ? 'no-match' : 'unknown';
      values[i] = { value: policyValues[i]!, result: valueResult };
    }
    return { operator: c.clause.operator, key: c.clause.key, requestValues: state, values, result };
  }
  const read = readValues(key, c.spec.family);
  const hits = c.values.matchedBy(read.filter((r) => r !== undefined));
  for (let i = 0; i < policyValues.length; i++) values[i] = { value: policyValues[i]!, result: hits[i] ? 'match' : 'no-match' };
  return { operator: c.clause.operator, key: c.clause.key, requestValues: key.values.slice(), values, result };
}
