/**
 * Reading a file's data by its own members only: a template or plan comes from a pull request,
 * and a key such as `constructor` or `__proto__` must not reach what `Object.prototype` holds.
 */

/** An object (not an array), so its own members can be read. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own member of an object, or undefined (never one inherited from Object.prototype). */
export function own(value: unknown, key: string): unknown {
  return isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}
