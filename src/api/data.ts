/**
 * Checks for arguments that are plain data (a policy document to validate, a snapshot value, a
 * response body): a tree of strings, numbers, booleans, null, arrays and objects, as `JSON.parse`
 * makes it. The library walks such values recursively and serialises them, so a cycle, a bigint
 * or a nesting thousands deep would end in a TypeError or a stack overflow deep inside it.
 */
import { fail, isObject, keyStep, raise, type Check, type Place } from './checks.js';

/**
 * Deepest nesting a data argument may have (the value itself is level 1). A RAM policy needs 6, a
 * snapshot or scenario with inline policies about 12; the library's recursive walkers (schema
 * checks, `JSON.stringify`) overflow V8's stack at a few thousand.
 */
export const MAX_ARGUMENT_DEPTH = 256;

interface Frame {
  value: object;
  keys: string[];
  next: number;
  /** How this value is reached from its parent: `.key` or `[3]`. */
  step: string;
}

const stepFor = (parent: object, key: string): string => (Array.isArray(parent) ? `[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : keyStep(key));
/** Steps shown of a long path: the first few, then how deep the rest goes. */
const SHOWN_STEPS = 8;

/** A value JSON can carry as it is: what the library's serialisers and walkers expect. */
function leafProblem(value: unknown): boolean {
  return typeof value === 'bigint' || typeof value === 'symbol' || typeof value === 'function';
}

/**
 * Walks `root` once, without recursion: every object is entered at most once (a value shared by
 * two parents is fine and walked once), one met again while it is still open is a cycle.
 */
export function walkData(root: unknown, place: Place): void {
  const at = (stack: readonly Frame[], extra = '') => {
    const steps = [...stack.slice(1).map((f) => f.step), extra].filter((x) => x !== '');
    const shown = steps.length > SHOWN_STEPS ? `${steps.slice(0, SHOWN_STEPS).join('')}…(${steps.length - SHOWN_STEPS} levels more)` : steps.join('');
    return place.at + shown;
  };
  if (leafProblem(root)) fail(place, 'plain data', root);
  if (typeof root !== 'object' || root === null) return;
  const open = new Set<object>();
  const done = new Set<object>();
  const stack: Frame[] = [];
  const enter = (value: object, step: string): void => {
    if (stack.length >= MAX_ARGUMENT_DEPTH) raise('too-deep', { fn: place.fn, at: at(stack, step) }, `\`${at(stack, step)}\` is nested deeper than ${MAX_ARGUMENT_DEPTH} levels; ramguard's data is far shallower (a policy needs 6)`);
    // An object with toJSON (a Date) is serialised by it, not walked.
    const keys = typeof (value as { toJSON?: unknown }).toJSON === 'function' ? [] : Object.keys(value);
    open.add(value);
    stack.push({ value, keys, next: 0, step });
  };
  enter(root, '');
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next >= frame.keys.length) {
      stack.pop();
      open.delete(frame.value);
      done.add(frame.value);
      continue;
    }
    const key = frame.keys[frame.next++]!;
    const child = (frame.value as Record<string, unknown>)[key];
    const step = stepFor(frame.value, key);
    if (leafProblem(child)) fail({ fn: place.fn, at: at(stack, step) }, 'plain data (a string, number, boolean, null, array or object)', child);
    if (typeof child !== 'object' || child === null || done.has(child)) continue;
    if (open.has(child)) {
      const target = at(stack.slice(0, stack.findIndex((f) => f.value === child) + 1));
      raise('cyclic-value', { fn: place.fn, at: at(stack, step) }, `\`${at(stack, step)}\` refers back to \`${target}\`: the value is cyclic, and ramguard's data must be a tree, as JSON.parse makes it`);
    }
    enter(child, step);
  }
}

/** Plain data of any shape, checked by `walkData`; `then` checks its shape afterwards. */
export const data = (then?: Check): Check => (v, place) => {
  walkData(v, place);
  return then ? then(v, place) : v;
};

/** True for a raw RAM policy document as written (`Version`, `Statement`), not a validated one. */
export const isRawDocument = (v: unknown): boolean => isObject(v) && (Object.hasOwn(v, 'Statement') || Object.hasOwn(v, 'Version'));
