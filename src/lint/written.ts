/**
 * How an element was written, for precise JSON Pointers: `/Statement/0/Action/1` when `Action`
 * was an array, `/Statement/0/Action` when it was a single string. Rules use this instead of
 * walking the raw document themselves.
 */
import { stringsOf } from '../policy/elements.js';
import type { Statement } from '../policy/types.js';

/** A statement element whose items rules report on. */
export type ListElement = 'Action' | 'NotAction' | 'Resource';

/** The statement as written, or undefined when the raw document does not have it. */
export function rawStatement(raw: Record<string, unknown>, statement: Statement): Record<string, unknown> | undefined {
  const list = raw['Statement'];
  const item = Array.isArray(list) ? (list as unknown[])[statement.index] : undefined;
  return typeof item === 'object' && item !== null && !Array.isArray(item) ? (item as Record<string, unknown>) : undefined;
}

/** The items of an element as written, each with its JSON Pointer. */
export function writtenItems(raw: Record<string, unknown>, statement: Statement, element: ListElement): [value: string, pointer: string][] {
  return stringsOf(rawStatement(raw, statement)?.[element], `${statement.sourcePath}/${element}`);
}

/** The items of the statement's Action, or NotAction, as written: what every action rule walks. */
export function writtenActions(raw: Record<string, unknown>, statement: Statement): [value: string, pointer: string][] {
  return writtenItems(raw, statement, statement.actions ? 'Action' : 'NotAction');
}
