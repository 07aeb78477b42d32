/**
 * The usual call made cheap (issue 15): `evaluate(compiled, request)` with a new plain request each
 * time. The request is checked and prepared in one pass, and of its context only the keys the
 * compiled set tests are kept — no clause reads the others, so what matters of them is what
 * `prepareRequest` reports (C7 types, conflicts with `absent`), and that is reported alike.
 * Anything out of the ordinary — a field of the wrong type, two spellings of one key that matters —
 * gives undefined, and the caller takes the full path (argument checks, then `prepareRequest`),
 * which says exactly what it always said. test/request/plain.test.ts checks both against each other.
 */
import type { ValueFamily } from '../conditions/spec.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { lowerCaseAction, serviceOfAction } from '../match/action.js';
import { isOfType, requestProblem, typedFamily, typedValueProblem, type PreparedKey, type PreparedRequest } from './prepare.js';
import { PRINCIPAL_TYPES, type AuthorizationRequest } from './types.js';

/** What a context key's spelling means to one compiled set. */
interface KeyRole {
  lower: string;
  /** Its family when it is a typed common key (C7). */
  family: ValueFamily<unknown> | undefined;
  /** Whether some clause of the set tests it. */
  tested: boolean;
  /** A typed key's last value found of its type: callers repeat values (an address, `true`), and checking is a pure function of the text. */
  valid: string | undefined;
}

/** An action as the evaluator reads it. */
interface ActionForms {
  lower: string;
  service: string;
}

/** Spellings of keys and actions remembered per set: callers use a few, always the same (`acs:SourceIp`). */
const MAX_SPELLINGS = 256;
/** Keys that matter looked at one by one for a second spelling; a request with more takes the full path. */
const MAX_KEPT = 32;
const PRINCIPAL_TYPE_SET: ReadonlySet<unknown> = new Set(PRINCIPAL_TYPES);

/** True for a non-null, non-array object: what the argument checks (src/api/checks.ts) call an object. */
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * How one compiled set reads requests: the lower-cased condition keys its statements test, and
 * what each spelling of a key or action seen so far means, so a request spelled as the last ones
 * is not lower-cased again. Kept per set from its second decision on (authorize.ts), it lives as
 * long as the set; a set's first decision uses one that remembers nothing.
 */
export class RequestLens {
  /** Undefined in a lens made for one request: filling caches would cost more than it saves. */
  private readonly roles: Map<string, KeyRole> | undefined;
  private readonly actions: Map<string, ActionForms> | undefined;
  private readonly testsPrincipalArn: boolean;

  constructor(
    private readonly tested: ReadonlySet<string>,
    remember = true,
  ) {
    this.testsPrincipalArn = tested.has('acs:principalarn');
    this.roles = remember ? new Map() : undefined;
    this.actions = remember ? new Map() : undefined;
  }

  /**
   * The request prepared for this set only (its context holds the keys the set tests), or
   * undefined when it is not a plain AuthorizationRequest the argument checks would accept as it
   * is, or when it spells one key that matters two ways (then `prepareRequest` merges them).
   */
  prepare(input: unknown): PreparedRequest | undefined {
    if (!isObject(input) || 'prepared' in input) return undefined;
    const principal = input['principal'];
    if (!isObject(principal) || !PRINCIPAL_TYPE_SET.has(principal['type'])) return undefined;
    const arn = principal['arn'];
    const action = input['action'];
    const resourceGroup = input['resourceGroup'];
    if ((arn !== undefined && typeof arn !== 'string') || typeof action !== 'string' || typeof input['resource'] !== 'string' || (resourceGroup !== undefined && typeof resourceGroup !== 'string')) return undefined;
    const absentKeys = input['absent'];
    let absent: Set<string> | undefined;
    if (absentKeys !== undefined) {
      if (!Array.isArray(absentKeys)) return undefined;
      for (let i = 0; i < absentKeys.length; i++) {
        const key: unknown = absentKeys[i];
        if (typeof key !== 'string') return undefined;
        (absent ??= new Set()).add(this.role(key).lower);
      }
    }
    const diagnostics: Diagnostic[] = [];
    let context: Map<string, PreparedKey> | undefined;
    const given = input['context'];
    if (given !== undefined) {
      if (!isObject(given)) return undefined;
      // The lower-cased names of the keys that matter, to find a second spelling of one.
      let kept: string[] | undefined;
      // Own keys only, as the checks and `prepareRequest` read a user-keyed context.
      for (const name of Object.keys(given)) {
        const raw = given[name];
        if (typeof raw !== 'string') {
          if (!Array.isArray(raw)) return undefined;
          for (let i = 0; i < raw.length; i++) if (typeof raw[i] !== 'string') return undefined;
        }
        const role = this.role(name);
        const conflict = absent !== undefined && absent.has(role.lower);
        if (!conflict && !role.tested && role.family === undefined) continue;
        if (kept === undefined) kept = [role.lower];
        else if (kept.length >= MAX_KEPT || kept.includes(role.lower)) return undefined;
        else kept.push(role.lower);
        // One key per name here, so this is prepareRequest's order: each key's conflict, then its values.
        const values = typeof raw === 'string' ? [raw] : (raw as string[]);
        if (conflict) diagnostics.push(requestProblem('conflicting-context', `\`${name}\` is both given a value and declared absent`, name));
        if (role.family !== undefined) {
          for (let i = 0; i < values.length; i++) {
            const value = values[i]!;
            if (value === role.valid) continue;
            if (isOfType(value, role.family)) role.valid = value;
            else diagnostics.push(typedValueProblem(name, value, role.family));
          }
        }
        // The caller's own list, not a copy: this prepared request lives for one evaluation and no one changes its values.
        if (role.tested) (context ??= new Map()).set(role.lower, { name, values, read: undefined });
      }
    }
    // C9, as prepareRequest fills it (after the checks; not over a given or absent key).
    if (arn !== undefined && this.testsPrincipalArn && !context?.has('acs:principalarn') && !absent?.has('acs:principalarn')) {
      (context ??= new Map()).set('acs:principalarn', { name: 'acs:PrincipalARN', values: [arn], read: undefined });
    }
    const forms = this.action(action);
    return {
      prepared: true,
      request: input as unknown as AuthorizationRequest,
      action: forms.lower,
      service: forms.service,
      planKey: `${forms.lower}|${principal['type'] === 'Root'}`,
      context: context ?? new Map(),
      absent: absent ?? new Set(),
      diagnostics,
    };
  }

  private role(name: string): KeyRole {
    const roles = this.roles;
    let role = roles?.get(name);
    if (role === undefined) {
      const lower = name.toLowerCase();
      role = { lower, family: typedFamily(lower), tested: this.tested.has(lower), valid: undefined };
      if (roles !== undefined && roles.size < MAX_SPELLINGS) roles.set(name, role);
    }
    return role;
  }

  private action(name: string): ActionForms {
    const actions = this.actions;
    let forms = actions?.get(name);
    if (forms === undefined) {
      forms = { lower: lowerCaseAction(name), service: serviceOfAction(name) };
      if (actions !== undefined && actions.size < MAX_SPELLINGS) actions.set(name, forms);
    }
    return forms;
  }
}
