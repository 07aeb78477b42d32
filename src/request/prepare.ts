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
  /** Values read per family; an `undefined` item is a value that is not of that type. */
  read: Map<FamilyName, unknown[]>;
}

/** A request ready for evaluation. Build it with `prepareRequest`; treat it as immutable. */
export interface PreparedRequest {
  readonly prepared: true;
  request: AuthorizationRequest;
  action: string;
  service: string;
  context: Map<string, PreparedKey>;
  absent: Set<string>;
  /** What decides which statements a request meets: service, root caller, AssumeRole. */
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

/** Prepares a request (idempotent: a prepared request is returned as it is). */
export function prepareRequest(request: AuthorizationRequest | PreparedRequest): PreparedRequest {
  if ('prepared' in request) return request;
  const context = new Map<string, PreparedKey>();
  const diagnostics: Diagnostic[] = [];
  for (const [name, raw] of Object.entries(request.context ?? {})) {
    const values = Array.isArray(raw) ? raw : [raw];
    const lower = name.toLowerCase();
    const existing = context.get(lower);
    if (existing) for (const v of values) existing.values.push(v); // no spread: a list may be long
    else context.set(lower, { name, values: [...values], read: new Map() });
  }
  const absent = new Set((request.absent ?? []).map((k) => k.toLowerCase()));
  if (request.principal.arn !== undefined && !context.has('acs:principalarn') && !absent.has('acs:principalarn')) {
    context.set('acs:principalarn', { name: 'acs:PrincipalARN', values: [request.principal.arn], read: new Map() });
  }
  for (const [lower, key] of context) {
    if (absent.has(lower)) {
      diagnostics.push(requestProblem('conflicting-context', `\`${key.name}\` is both given a value and declared absent`, key.name));
    }
    // Own keys only: a context key named `constructor` or `__proto__` is not a typed key.
    const family = Object.hasOwn(TYPED_KEYS, lower) ? TYPED_KEYS[lower] : undefined;
    if (!family) continue;
    key.values.forEach((value) => {
      if (family.read(value) === undefined) {
        diagnostics.push(requestProblem('invalid-request-value', `\`${value}\` is not ${family.expected}, as \`${key.name}\` needs`, key.name));
      }
    });
  }
  const action = lowerCaseAction(request.action);
  const service = serviceOfAction(request.action);
  return {
    prepared: true,
    request,
    action,
    service,
    planKey: `${service}|${request.principal.type === 'Root'}|${action === 'sts:assumerole'}`,
    context,
    absent,
    diagnostics,
  };
}

/** The values of a key read as a family's type, cached on the prepared key. */
export function readValues(key: PreparedKey, family: ValueFamily<unknown>): unknown[] {
  let read = key.read.get(family.name);
  if (!read) {
    read = key.values.map((v) => family.read(v));
    key.read.set(family.name, read);
  }
  return read;
}

/** A request diagnostic pointing at a context key (path `/context/<key>`). */
export function requestProblem(code: DiagnosticCode, message: string, key: string): Diagnostic {
  return { code, severity: 'error', message, path: `/context/${escapePointerToken(key)}` };
}
