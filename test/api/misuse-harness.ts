/**
 * Runs every exported function of an entry with generated bad arguments and sorts each call's
 * outcome: it returned (or resolved), it threw (or rejected) a RamguardError with a code, or it
 * threw something else — a raw TypeError, RangeError or Error, which a library must never let out
 * for a bad argument. Async functions must also never throw synchronously.
 */
import { BAD_VALUES, type BadValue } from './bad-values.js';

/** How one call ended. */
export type Outcome = { kind: 'returned' } | { kind: 'ramguard'; code: string } | { kind: 'raw'; error: string };

/** One call, with how it was built. */
export interface CallRecord {
  fn: string;
  variant: string;
  outcome: Outcome;
  /** How long the call took. */
  ms: number;
}

/** How to recognise the library's own error (absent on a main without it: every throw is raw). */
export type IsLibraryError = (error: unknown) => error is { code: string };

/** Functions that return a promise: a synchronous throw from one of them is itself a misuse. */
export const ASYNC_FUNCTIONS = new Set(['auditRenderer', 'callCams', 'callRpc', 'startCamsEmulator', 'startAccountEmulator', 'GuardedCamsClient#updateInstance']);

/** Constructors are called with `new`. */
export const CONSTRUCTORS = new Set(['GuardedCamsClient']);

const CALL_TIMEOUT_MS = 10_000;

const describe = (error: unknown): string => (error instanceof Error ? `${error.constructor.name}: ${error.message.slice(0, 160)}` : `non-error ${typeof error}: ${String(error).slice(0, 80)}`);

/** Closes whatever a call started (an emulator server), so a returned call leaves nothing behind. */
async function release(value: unknown): Promise<void> {
  if (typeof value === 'object' && value !== null && typeof (value as { close?: unknown }).close === 'function') await (value as { close: () => Promise<void> }).close();
}

async function settle(promise: Promise<unknown>): Promise<{ value?: unknown; error?: unknown; timedOut?: true }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ timedOut: true }>((resolve) => (timer = setTimeout(() => resolve({ timedOut: true }), CALL_TIMEOUT_MS)));
  try {
    return await Promise.race([promise.then((value) => ({ value }), (error: unknown) => ({ error })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Calls `target(...args)` (or `new target(...args)`) and sorts the outcome. */
export async function run(name: string, target: (...args: unknown[]) => unknown, args: unknown[], isLibraryError: IsLibraryError): Promise<Outcome> {
  const sort = (error: unknown): Outcome => (isLibraryError(error) ? { kind: 'ramguard', code: error.code } : { kind: 'raw', error: describe(error) });
  let result: unknown;
  try {
    result = CONSTRUCTORS.has(name) ? new (target as unknown as new (...a: unknown[]) => unknown)(...args) : target(...args);
  } catch (error) {
    if (ASYNC_FUNCTIONS.has(name)) return { kind: 'raw', error: `threw synchronously: ${describe(error)}` };
    return sort(error);
  }
  if (!(result instanceof Promise)) {
    if (ASYNC_FUNCTIONS.has(name)) return { kind: 'raw', error: 'returned no promise' };
    return { kind: 'returned' };
  }
  const settled = await settle(result);
  if (settled.timedOut) return { kind: 'raw', error: `did not settle within ${CALL_TIMEOUT_MS} ms` };
  if ('error' in settled) return sort(settled.error);
  await release(settled.value);
  return { kind: 'returned' };
}

/** One way to break a valid argument list. */
interface Variant {
  label: string;
  args: unknown[];
}

/** A shallow copy of an object or array with one field replaced. */
function withField(value: object, key: string, bad: unknown): object {
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[Number(key)] = bad;
    return copy;
  }
  return { ...value, [key]: bad };
}

const isRecordLike = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype);

/**
 * The bad argument lists for a function whose valid call is `valid()`: no arguments at all; each
 * argument replaced by each bad value; every argument the same bad value; and each first-level
 * field of an object argument (element 0 of an array) replaced by each bad value.
 */
export function variants(valid: () => unknown[]): Variant[] {
  const arity = Math.max(1, valid().length);
  const out: Variant[] = [{ label: 'no arguments', args: [] }];
  const each = (f: (bad: BadValue) => void) => BAD_VALUES.forEach(f);
  for (let i = 0; i < arity; i++) {
    each((bad) => {
      const args = valid();
      args[i] = bad.make();
      out.push({ label: `argument ${i} = ${bad.label}`, args });
    });
  }
  each((bad) => out.push({ label: `every argument = ${bad.label}`, args: Array.from({ length: arity }, () => bad.make()) }));
  const sample = valid();
  sample.forEach((arg, i) => {
    if (!isRecordLike(arg)) return;
    const keys = Array.isArray(arg) ? (arg.length > 0 ? ['0'] : []) : Object.keys(arg);
    for (const key of keys) {
      each((bad) => {
        const args = valid();
        args[i] = withField(args[i] as object, key, bad.make());
        out.push({ label: `argument ${i}.${key} = ${bad.label}`, args });
      });
    }
  });
  return out;
}

/** Runs every variant of every function of an entry; `calls` gives each function's valid call. */
export async function runEntry(entry: Record<string, unknown>, calls: Record<string, () => unknown[]>, isLibraryError: IsLibraryError, extra: Record<string, (...args: unknown[]) => unknown> = {}): Promise<CallRecord[]> {
  const records: CallRecord[] = [];
  const functions = { ...Object.fromEntries(Object.entries(entry).filter(([name, v]) => typeof v === 'function' && name !== 'RamguardError')), ...extra } as Record<string, (...args: unknown[]) => unknown>;
  for (const [name, fn] of Object.entries(functions)) {
    const valid = calls[name];
    if (!valid) {
      records.push({ fn: name, variant: 'fixture', outcome: { kind: 'raw', error: 'no valid call in test/api/fixtures.ts' }, ms: 0 });
      continue;
    }
    for (const variant of variants(valid)) {
      const start = performance.now();
      const outcome = await run(name, fn, variant.args, isLibraryError);
      records.push({ fn: name, variant: variant.label, outcome, ms: performance.now() - start });
    }
  }
  return records;
}
