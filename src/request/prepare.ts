/**
 * Normalises a request once so that evaluating it against many statements is cheap: the action
 * lower-cased (M2), context keys lower-cased (M4), values read per operator family on first use.
 * Also checks the typed common keys (C7) and fills `acs:PrincipalARN` from the caller (C9).
 */
import type { DiagnosticCode } from '../diagnostics/codes.js';
import { boolFamily } from '../conditions/bool.js';
import { dateFamily } from '../conditions/date.js';
import { ipFamily } from '../conditions/ip.js';
import type { FamilyName, ValueFamily } from '../conditions/spec.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { escapePointerToken } from '../diagnostics/diagnostic.js';
import { lowerCaseAction, serviceOfAction } from '../match/action.js';
import type { AuthorizationRequest } from './types.js';

/** One context key of a prepared request. */
export interface PreparedKey {
  /** The key as the request spelled it. */
  name: string;
  values: string[];
  /** Values read per family, made on first read; an `undefined` item is a value that is not of that type. */
  read: Map<FamilyName, unknown[]> | undefined;
}

/** A request ready for evaluation. Build it with `prepareRequest`; treat it as immutable. */
export interface PreparedRequest {
  readonly prepared: true;
  request: AuthorizationRequest;
  action: string;
  service: string;
  context: Map<string, PreparedKey>;
  absent: Set<string>;
  /** What decides which statements a request meets: the action (AssumeRole among them) and a root caller. */
  planKey: string;
  /** Problems with the request itself (wrong value types of typed common keys). */
  diagnostics: Diagnostic[];
}

/** Common keys whose type is documented, checked whenever a request gives them (C7). */
export const TYPED_KEYS: Record<string, ValueFamily<unknown>> = {
  'acs:currenttime': dateFamily,
  'acs:securetransport': boolFamily,
  'acs:sourceip': ipFamily,
  'acs:mfapresent': boolFamily,
};

/** TYPED_KEYS as a Map: own keys only by construction, and a faster look-up on this hot path. */
const TYPED_FAMILIES = new Map(Object.entries(TYPED_KEYS));

/** The family of a typed common key (C7) by its lower-cased name; undefined for any other key. */
export const typedFamily = (lower: string): ValueFamily<unknown> | undefined => TYPED_FAMILIES.get(lower);

/**
 * Prepares a request (idempotent: a prepared request is returned as it is). Cheap on purpose — it
 * runs once per decision when callers pass plain requests: values are read as a type only when a
 * clause first tests them (`readValues`), and typed common keys are checked (C7) the cheapest
 * exact way — the usual forms of dates, addresses and booleans are recognised without reading
 * them (see `isPlainUtcDateTime`, `isPlainIpv4`); other forms are read to know.
 */
export function prepareRequest(request: AuthorizationRequest | PreparedRequest): PreparedRequest {
  if ('prepared' in request) return request;
  const absent = new Set<string>();
  const absentKeys = request.absent;
  if (absentKeys) for (const k of absentKeys) absent.add(k.toLowerCase());
  const context = new Map<string, PreparedKey>();
  // Whether a second pass is needed: only typed keys and conflicts have something to report.
  let check = absent.size > 0;
  const given = request.context;
  if (given) {
    // Own keys only (`Object.keys`): a context is user-keyed and may be a null-prototype object.
    for (const name of Object.keys(given)) {
      const raw = given[name]!;
      const lower = name.toLowerCase();
      const existing = context.get(lower);
      if (existing) {
        if (Array.isArray(raw)) for (const v of raw) existing.values.push(v); // no spread: a list may be long
        else existing.values.push(raw);
      } else {
        // A copy of a list: the prepared request keeps what was asked, whatever the caller does next.
        context.set(lower, { name, values: Array.isArray(raw) ? raw.slice() : [raw], read: undefined });
        if (!check && TYPED_FAMILIES.has(lower)) check = true;
      }
    }
  }
  const diagnostics: Diagnostic[] = [];
  if (check) {
    for (const [lower, key] of context) {
      if (absent.size > 0 && absent.has(lower)) {
        diagnostics.push(requestProblem('conflicting-context', `\`${key.name}\` is both given a value and declared absent`, key.name));
      }
      // A Map: a context key named `constructor` or `__proto__` is not a typed key.
      const family = TYPED_FAMILIES.get(lower);
      if (family) checkTypedValues(key.name, key.values, family, diagnostics);
    }
  }
  // After the check: the caller's ARN is neither typed nor in conflict (an absent key is not filled).
  if (request.principal.arn !== undefined && !context.has('acs:principalarn') && !absent.has('acs:principalarn')) {
    context.set('acs:principalarn', { name: 'acs:PrincipalARN', values: [request.principal.arn], read: undefined });
  }
  const action = lowerCaseAction(request.action);
  const service = serviceOfAction(request.action);
  return {
    prepared: true,
    request,
    action,
    service,
    planKey: `${action}|${request.principal.type === 'Root'}`,
    context,
    absent,
    diagnostics,
  };
}

/** C7: reports each value of a typed common key (`name`, as the request spelled it) that is not of its type. */
export function checkTypedValues(name: string, values: readonly string[], family: ValueFamily<unknown>, diagnostics: Diagnostic[]): void {
  // Reading a value costs several times recognising its usual form (a date ten times): the usual
  // forms are recognised instead, and a value is read only when a clause tests it (readValues).
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (!isOfType(value, family)) diagnostics.push(typedValueProblem(name, value, family));
  }
}

/** Whether a value of a typed common key is of its type (C7), the usual forms recognised without reading them. */
export function isOfType(value: string, family: ValueFamily<unknown>): boolean {
  const usual = family === dateFamily ? isPlainUtcDateTime(value) : family === ipFamily ? isPlainIpv4(value) : isPlainBool(value);
  return usual || family.read(value) !== undefined;
}

/** C7's diagnostic: a value of typed common key `name` (as the request spelled it) that is not of its type. */
export function typedValueProblem(name: string, value: string, family: ValueFamily<unknown>): Diagnostic {
  return requestProblem('invalid-request-value', `\`${value}\` is not ${family.expected}, as \`${name}\` needs`, name);
}

/** True for `true` and `false`, which the boolean family reads; false means "read it to know" (`TRUE`, `no`). */
function isPlainBool(value: string): boolean {
  return value === 'true' || value === 'false';
}

/**
 * True when `value` is dotted-decimal IPv4 without leading zeros, every part at most 255: exactly
 * the IPv4 form the address family reads. False means "read it to know" (IPv6, anything else).
 */
export function isPlainIpv4(value: string): boolean {
  const n = value.length;
  if (n < 7 || n > 15) return false;
  let parts = 0;
  let start = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? value.charCodeAt(i) : 46; // a final '.' closes the last part
    if (c === 46) {
      const length = i - start;
      if (length === 0 || length > 3 || (length > 1 && value.charCodeAt(start) === 48)) return false;
      let part = 0;
      for (let j = start; j < i; j++) part = part * 10 + value.charCodeAt(j) - 48;
      if (part > 255 || ++parts > 4) return false;
      start = i + 1;
    } else if (c < 48 || c > 57) return false;
  }
  return parts === 4;
}

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * True when `value` is `YYYY-MM-DDTHH:MM:SSZ` with every field in range — a form the date family
 * certainly reads. False means "read it to know": 29 February and every other form are left to the
 * family's reader, so this never decides a value invalid, and never differs from the reader.
 */
export function isPlainUtcDateTime(value: string): boolean {
  if (value.length !== 20 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45 || value.charCodeAt(10) !== 84 || value.charCodeAt(13) !== 58 || value.charCodeAt(16) !== 58 || value.charCodeAt(19) !== 90) return false;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  const hour = digits(value, 11, 2);
  const minute = digits(value, 14, 2);
  const second = digits(value, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  return day <= DAYS_IN_MONTH[month]!;
}

/** The number written by `count` digits of `value` from `from`; -1 when one is not a digit. */
function digits(value: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** The values of a key read as a family's type, cached on the prepared key. */
export function readValues(key: PreparedKey, family: ValueFamily<unknown>): unknown[] {
  let cache = key.read;
  if (!cache) cache = key.read = new Map();
  let read = cache.get(family.name);
  if (!read) {
    read = key.values.map((v) => family.read(v));
    cache.set(family.name, read);
  }
  return read;
}

/** A request diagnostic pointing at a context key (path `/context/<key>`). */
export function requestProblem(code: DiagnosticCode, message: string, key: string): Diagnostic {
  return { code, severity: 'error', message, path: `/context/${escapePointerToken(key)}` };
}
