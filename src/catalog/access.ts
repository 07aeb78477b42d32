/**
 * Access levels as Alibaba writes them. Current pages use create/list/get/update/delete; pages of
 * 2024 and earlier use Read/Write/List; a few actions are documented with the level `none`. The
 * catalog keeps the word the page uses, so a reader can find it on the page; comparisons go
 * through {@link currentLevels}.
 */

/** Every access level a catalog entry may carry (docs/catalog.md, "Access levels"). */
export const ACCESS_LEVELS = ['create', 'list', 'get', 'update', 'delete', 'Read', 'Write', 'List', 'none', 'unknown'] as const;

/** An access level: the current vocabulary, the older one (Read/Write/List), `none` or `unknown`. */
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** The current vocabulary. */
export type CurrentAccessLevel = 'create' | 'list' | 'get' | 'update' | 'delete';

const ALL_CURRENT: readonly CurrentAccessLevel[] = Object.freeze(['create', 'list', 'get', 'update', 'delete']);

/**
 * What a level can mean in the current vocabulary. The older words are wider than the newer ones:
 * Alibaba's "Read" covered reading one resource and listing many, and "Write" every change, so
 * they map to several levels. `none` means no level at all (RAM still authorizes the action), and
 * `unknown` may be any level.
 */
const MEANINGS: ReadonlyMap<AccessLevel, readonly CurrentAccessLevel[]> = new Map<AccessLevel, readonly CurrentAccessLevel[]>([
  ['create', ['create']],
  ['list', ['list']],
  ['get', ['get']],
  ['update', ['update']],
  ['delete', ['delete']],
  ['Read', ['get', 'list']],
  ['Write', ['create', 'update', 'delete']],
  ['List', ['list']],
  ['none', []],
  ['unknown', ALL_CURRENT],
]);

/** The current-vocabulary levels a level may stand for (`Read` → get, list; `none` → none). */
export function currentLevels(level: AccessLevel): readonly CurrentAccessLevel[] {
  return MEANINGS.get(level) ?? ALL_CURRENT;
}

/** True for the words of the older vocabulary (Read, Write, List). */
export function isOlderVocabulary(level: AccessLevel): boolean {
  return level === 'Read' || level === 'Write' || level === 'List';
}
