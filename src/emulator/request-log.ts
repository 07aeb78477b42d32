/**
 * What the emulators keep of the requests they answer, bounded: anyone who can reach the port
 * (any local process) may send requests, badly signed ones included, and an emulator left running
 * in a test session must not grow without end. A ring of the most recent entries, and entries cut
 * to a few KiB: fields from headers (action, claimed AccessKey ID) to 128 characters, parameters
 * to 256 characters each and 4 KiB in all. Callers log the parameters of authenticated requests
 * only: a request that fails its signature is logged without them.
 */

/** The entries a running emulator keeps (its `requests()`); older ones are dropped. */
export const LOG_CAPACITY = 1000;
/** The most characters of a header value kept in an entry (the action, the claimed AccessKey ID). */
export const MAX_LOGGED_FIELD_CHARS = 128;
/** The most characters of one parameter value kept in an entry. */
export const MAX_LOGGED_VALUE_CHARS = 256;
/** The most characters of names and values kept in an entry's parameters, in all. */
export const MAX_LOGGED_PARAMETERS_CHARS = 4096;
/** The parameter that counts what the budget left out. */
export const OMITTED_PARAMETERS = '…';

/** `text` cut to `max` characters, saying how long it was. */
export function boundedText(text: string, max: number = MAX_LOGGED_FIELD_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max)}…(${text.length} characters)`;
}

/**
 * The parameters as an entry keeps them: each name and value cut, at most
 * MAX_LOGGED_PARAMETERS_CHARS in all (later ones counted under `…`). Null-prototype: the names
 * are the sender's.
 */
export function boundedParameters(parameters: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = Object.create(null);
  let budget = MAX_LOGGED_PARAMETERS_CHARS;
  let omitted = 0;
  for (const [name, value] of Object.entries(parameters)) {
    const shortName = boundedText(name, MAX_LOGGED_FIELD_CHARS);
    const shortValue = boundedText(value, MAX_LOGGED_VALUE_CHARS);
    const size = shortName.length + shortValue.length;
    if (size > budget) {
      omitted++;
      continue;
    }
    budget -= size;
    kept[shortName] = shortValue;
  }
  if (omitted > 0) kept[OMITTED_PARAMETERS] = `${omitted} more parameter${omitted === 1 ? '' : 's'} not logged`;
  return kept;
}

/** A ring of the last `capacity` entries, and the count of all ever added. */
export interface RequestRing<T> {
  add(entry: T): void;
  /** The kept entries, oldest first. */
  entries(): T[];
  /** Every entry ever added, kept or dropped. */
  total(): number;
}

/** An empty ring of `capacity` entries. */
export function createRequestRing<T>(requested: number = LOG_CAPACITY): RequestRing<T> {
  const capacity = Math.max(1, Math.floor(requested));
  const slots: T[] = [];
  let next = 0;
  let total = 0;
  return {
    add(entry) {
      if (slots.length < capacity) slots.push(entry);
      else slots[next] = entry;
      next = (next + 1) % capacity;
      total++;
    },
    entries: () => (slots.length < capacity ? [...slots] : [...slots.slice(next), ...slots.slice(0, next)]),
    total: () => total,
  };
}
