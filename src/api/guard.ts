/**
 * Guarded versions of library functions: the same function (name, signature, result) with its
 * arguments checked first. A check that fails throws a RamguardError; for a function that returns
 * a promise it rejects instead, so a caller's `.catch` or `await` sees every misuse the same way.
 * The real function then runs untouched: valid calls behave exactly as before.
 */
import type { Check } from './checks.js';

/** The parameters of a function in order: each name (for messages) and its check. */
export type Params = readonly (readonly [name: string, check: Check])[];

/** The arguments after their checks: the same array unless a check replaced one (a wrapped callback). */
export function checkArguments(fn: string, params: Params, args: readonly unknown[]): unknown[] {
  let out: unknown[] | undefined;
  params.forEach(([name, check], i) => {
    const value = args[i];
    const checked = check(value, { fn, at: name });
    if (checked !== value) (out ??= [...args])[i] = checked;
  });
  return out ?? (args as unknown[]);
}

/** `fn` with its arguments checked by `params` before it runs. */
export function guard<F extends (...args: never[]) => unknown>(name: string, fn: F, params: Params): F {
  const guarded = function (this: unknown, ...args: unknown[]): unknown {
    return (fn as unknown as (...a: unknown[]) => unknown).apply(this, checkArguments(name, params, args));
  };
  return guarded as unknown as F;
}

/** `fn` (which returns a promise) with its arguments checked: a failed check rejects, never throws. */
export function guardAsync<F extends (...args: never[]) => Promise<unknown>>(name: string, fn: F, params: Params): F {
  const guarded = function (this: unknown, ...args: unknown[]): Promise<unknown> {
    let checked: unknown[];
    try {
      checked = checkArguments(name, params, args);
    } catch (error) {
      return Promise.reject(error);
    }
    return (fn as unknown as (...a: unknown[]) => Promise<unknown>).apply(this, checked);
  };
  return guarded as unknown as F;
}
