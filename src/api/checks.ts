/**
 * Small argument checks the guarded entry points are built from. A check looks at one value at
 * one place (`options.kind`, `set.identity[0]`) and either returns the value to pass on or throws
 * a RamguardError naming the function and the place. A check returns a different value only to
 * wrap a callback whose answers it must check too (see `callback`).
 */
import { RamguardError, type RamguardErrorCode } from '../errors.js';

/** Where a check is looking: the function called, and the argument with the path inside it. */
export interface Place {
  readonly fn: string;
  readonly at: string;
}

/** Checks `value` at `place`; returns the value to pass on (the same one unless a callback was wrapped). */
export type Check = (value: unknown, place: Place) => unknown;

/** A place one step inside another; its path is spelled out only when a message needs it. */
class Step implements Place {
  constructor(
    private readonly parent: Place,
    private readonly step: string | number,
    /** A user-chosen key (`context`, `tags`), quoted: `["acs:SourceIp"]`. */
    private readonly keyed = false,
  ) {}

  get fn(): string {
    return this.parent.fn;
  }

  get at(): string {
    if (typeof this.step === 'number') return `${this.parent.at}[${this.step}]`;
    return this.keyed ? this.parent.at + keyStep(this.step) : `${this.parent.at}.${this.step}`;
  }
}

/**
 * A place inside another: `set` → `set.identity`, `set.identity` → `set.identity[0]`. Checks run
 * on every call and most calls are right, so a place is a small object, not a string built now.
 */
export const inside = (place: Place, step: string | number): Place => new Step(place, step);

/** Throws a RamguardError about `place`: "`fn`: MESSAGE". */
export function raise(code: RamguardErrorCode, place: Place, message: string): never {
  throw new RamguardError(code, `\`${place.fn}\`: ${message}`, { argument: place.at });
}

const MAX_SHOWN = 40;

/** A short, escaped rendering of a user string: JSON quoting keeps control characters out of messages. */
export function shown(text: string): string {
  const quoted = JSON.stringify(text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text);
  return quoted.slice(1, -1).replace(/`/g, "'");
}

/** A user-chosen key as a path step: `["a b"]`, quoted and escaped as JSON, cut when long. */
export const keyStep = (key: string): string => `[${JSON.stringify(key.length > MAX_SHOWN ? `${key.slice(0, MAX_SHOWN)}…` : key).replace(/`/g, "'")}]`;

/** What a value is, for messages: "`null`", "the number `123`", "an object with keys `a`, `b`". */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return `\`${value}\``;
  switch (typeof value) {
    case 'string':
      return value === '' ? 'the empty string' : `the string \`${shown(value)}\``;
    case 'number':
    case 'boolean':
      return `\`${String(value)}\``;
    case 'bigint':
      return 'a bigint';
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
  }
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : `an array of ${value.length}`;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== null && proto !== Object.prototype) {
    const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === 'string' && name !== '' ? `a ${shown(name)}` : 'an object';
  }
  const keys = Object.keys(value as object);
  if (keys.length === 0) return 'an empty object';
  const listed = keys.slice(0, 4).map((k) => `\`${shown(k)}\``).join(', ');
  return `an object with keys ${listed}${keys.length > 4 ? ', …' : ''}`;
}

/** Throws the usual complaint: "`fn`: `at` must be EXPECTED, not DESCRIPTION". */
export function fail(place: Place, expected: string, value: unknown, code: RamguardErrorCode = 'invalid-argument', hint?: string): never {
  raise(code, place, `\`${place.at}\` must be ${expected}, not ${describe(value)}${hint ? `; ${hint}` : ''}`);
}

/** True for any non-null, non-array object (class instances too: the API's types are structural). */
export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export const string: Check = (v, place) => (typeof v === 'string' ? v : fail(place, 'a string', v));
export const boolean: Check = (v, place) => (typeof v === 'boolean' ? v : fail(place, 'a boolean', v));
export const func: Check = (v, place) => (typeof v === 'function' ? v : fail(place, 'a function', v));
export const array: Check = (v, place) => (Array.isArray(v) ? v : fail(place, 'an array', v));
export const finite: Check = (v, place) => (typeof v === 'number' && Number.isFinite(v) ? v : fail(place, 'a finite number', v));

/** An integer from `min` to `max` (both included). */
export const integer = (min = -Number.MAX_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): Check => (v, place) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : fail(place, `an integer from ${min} to ${max}`, v);

/** Anything: for parameters the function documents as taking any value. */
export const anything: Check = (v) => v;

/** `undefined`, or what `check` accepts. */
export const optional = (check: Check): Check => (v, place) => (v === undefined ? v : check(v, place));

/** One of a fixed set of strings; a miss is `unknown-kind` (a wrong type is still `invalid-argument`). */
export function oneOf(values: readonly string[]): Check {
  const allowed = new Set(values);
  const list = values.map((v) => `\`${v}\``).join(', ');
  return (v, place) => {
    if (typeof v !== 'string') return fail(place, `one of ${list}`, v);
    return allowed.has(v) ? v : fail(place, `one of ${list}`, v, 'unknown-kind');
  };
}

/** An instance of a built-in class (Map, Set, Uint8Array). */
export const instanceOf = (type: abstract new (...args: never[]) => unknown, name: string): Check => (v, place) => (v instanceof type ? v : fail(place, `a ${name}`, v));

/** The first check that accepts the value; `expected` names them all for the message. */
export const either = (expected: string, ...checks: { when: (v: unknown) => boolean; check: Check }[]): Check => (v, place) => {
  const chosen = checks.find((c) => c.when(v));
  return chosen ? chosen.check(v, place) : fail(place, expected, v);
};

/** An array whose every item passes `item`; copied only when an item was replaced. */
export const arrayOf = (item: Check, expected = 'an array'): Check => (v, place) => {
  if (!Array.isArray(v)) return fail(place, expected, v);
  let out: unknown[] | undefined;
  for (let i = 0; i < v.length; i++) {
    const checked = item(v[i], inside(place, i));
    if (checked !== v[i]) (out ??= [...v])[i] = checked;
  }
  return out ?? v;
};

/** User-keyed data (`context`, `tags`): every own value passes `item`; any key is fine, `__proto__` too. */
export const recordOf = (item: Check, expected = 'an object'): Check => (v, place) => {
  if (!isObject(v)) return fail(place, expected, v);
  for (const key of Object.keys(v)) item(v[key], new Step(place, key, true));
  return v;
};

/**
 * An object with these fields (others are left alone). `before` runs first on the whole value, to
 * say something more useful than "a field is missing" (a raw document, a set not compiled).
 */
export function shape(expected: string, fields: Record<string, Check>, before?: (v: Record<string, unknown>, place: Place) => void): Check {
  const entries = Object.entries(fields);
  return (v, place) => {
    if (!isObject(v)) return fail(place, expected, v);
    before?.(v, place);
    let out: Record<string, unknown> | undefined;
    for (const [key, check] of entries) {
      const current = v[key];
      const checked = check(current, inside(place, key));
      if (checked !== current) (out ??= { ...v })[key] = checked;
    }
    return out ?? v;
  };
}

/**
 * A callback whose answers are checked: a wrong answer throws a RamguardError from inside the
 * call, naming the callback, instead of a TypeError deep in the library. What the callback
 * itself throws goes through unchanged.
 */
export const callback = (returns: Check): Check => (v, place) => {
  if (typeof v !== 'function') return fail(place, 'a function', v);
  const fn = v as (...args: unknown[]) => unknown;
  const answer: Place = { fn: place.fn, at: `${place.at}()` };
  return function (this: unknown, ...args: unknown[]) {
    return returns(fn.apply(this, args), answer);
  };
};
