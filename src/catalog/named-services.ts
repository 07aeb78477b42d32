/**
 * What an analysis needs from the catalog without building every service: the action names of the
 * services its patterns can name, and every resource type's ARN template (the built-in ones from
 * a generated table). `check` asked the catalog for all its actions and resource types, which
 * built all 22 services (reading and indexing about 3,000 actions) to answer about one or two.
 */
import { LazyActionMap, LazyServiceMap } from './lazy.js';
import type { Catalog } from './types.js';

/**
 * True when the RAM wildcard `pattern` (`*` any run, `?` one character, lower-cased) matches some
 * string that starts with `prefix`: the pattern's positions reachable after reading `prefix`
 * (every rest of a pattern matches something, so any reachable position will do). `prefix` is
 * ASCII (a RAM code and `:`), so `?` reads one code unit of it as it would one code point.
 */
export function canStartWith(pattern: string, prefix: string): boolean {
  const closure = (positions: Set<number>): Set<number> => {
    for (const i of positions) if (pattern[i] === '*') positions.add(i + 1); // a star may match nothing
    return positions;
  };
  let positions = closure(new Set([0]));
  for (const ch of prefix) {
    const next = new Set<number>();
    for (const i of positions) {
      if (pattern[i] === '*') next.add(i);
      else if (i < pattern.length && (pattern[i] === '?' || pattern[i] === ch)) next.add(i + 1);
    }
    positions = closure(next);
    if (positions.size === 0) return false;
  }
  return true;
}

/**
 * The catalog's action names (lower-cased → canonical spelling) in catalog order, as
 * `catalog.actions` gives them, but only of the services some pattern of `patterns` (lower-cased
 * action patterns) or some name of `names` (lower-cased action names) can name — and of the first
 * service none names. An action of a service no pattern names matches no pattern, so it can only
 * stand for the region of names that match none; the first such service's first action is the
 * first of the catalog that does (the services before it are all named), so a caller that takes
 * the first name of each region in this order gets the regions, their order and their names as
 * from the whole catalog. A catalog not built by `buildCatalog` (its actions need not be its
 * services') is walked whole.
 */
export function actionNamesFor(catalog: Catalog, patterns: readonly string[], names: readonly string[]): Map<string, string> {
  const { services, actions } = catalog;
  if (!(services instanceof LazyServiceMap) || !(actions instanceof LazyActionMap)) return new Map([...actions.values()].map((a) => [a.fullName.toLowerCase(), a.fullName]));
  const out = new Map<string, string>();
  const namedCodes = new Set(names.map((n) => n.slice(0, n.indexOf(':') + 1)));
  let unnamedTaken = false;
  for (const code of services.keys()) {
    const prefix = `${code.toLowerCase()}:`;
    const named = namedCodes.has(prefix) || patterns.some((p) => canStartWith(p, prefix));
    if (!named) {
      if (unnamedTaken) continue;
      unnamedTaken = true;
    }
    for (const a of services.get(code)!.actions) out.set(a.fullName.toLowerCase(), a.fullName);
  }
  return out;
}

/**
 * The resource types of the built-in services, by RAM code (a code absent has none), so that
 * walking every resource type builds no service: generated from the services' files by
 * `npm run catalog` (scripts/build-catalog.mjs), with them.
 */
export { BUILTIN_RESOURCE_TYPE_ARNS } from './builtin.generated.js';

/**
 * Every resource type's ARN template, in catalog order (services, then each one's types): a
 * built-in service not built yet answers from BUILTIN_RESOURCE_TYPE_ARNS, any other from itself.
 */
export function resourceTypeArns(catalog: Catalog): string[] {
  const { services } = catalog;
  const out: string[] = [];
  for (const code of services.keys()) {
    const known = services instanceof LazyServiceMap ? services.knownResourceTypeArns(code) : undefined;
    if (known) out.push(...known);
    else for (const type of services.get(code)!.resourceTypes) out.push(type.arn);
  }
  return out;
}
