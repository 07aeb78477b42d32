/** Text renderings of catalog answers for `ramguard catalog`. */
import { currentLevels, isOlderVocabulary } from './access.js';
import type { AccessLevel, Catalog, CatalogAction, ConditionKeyInfo, FactSource } from './types.js';
import { resourceTypesOf } from './query.js';

/** `documented (URL)` or `inferred: rule`. */
export function describeSource(source: FactSource): string {
  return 'documented' in source ? `documented (${source.documented})` : `inferred: ${source.inferred}`;
}

/** One line per service: code, name, how many actions, how many documented, and whether the list may miss actions. */
export function renderServices(catalog: Catalog): string {
  const services = [...catalog.services.values()];
  const width = Math.max(8, ...services.map((s) => s.service.length));
  const rows = services.map((s) => {
    const documented = s.actions.filter((a) => 'documented' in a.source).length;
    const incomplete = s.actionsIncomplete !== undefined ? '; the list may be incomplete' : '';
    return `${s.service.padEnd(width)} ${String(s.actions.length).padStart(4)} actions (${documented} documented${incomplete})  ${s.name}`;
  });
  return rows.join('\n');
}

/** One line per action: name, access level, resources. */
export function renderActionList(actions: CatalogAction[]): string {
  return actions.map((a) => `${a.fullName.padEnd(44)} ${a.access.padEnd(8)} ${Array.isArray(a.resources) ? a.resources.join(', ') : a.resources}`).join('\n');
}

/**
 * The level, and what an older or unusual word means: `Write (older vocabulary: create, update or
 * delete)` as a page wrote it, `Read (inferred from the verb: get or list)` when no page did.
 */
function describeAccess(level: AccessLevel, source: FactSource): string {
  if (isOlderVocabulary(level)) {
    const levels = currentLevels(level);
    const why = 'inferred' in source ? 'inferred from the verb' : 'older vocabulary';
    return `${level} (${why}: ${levels.length > 1 ? `${levels.slice(0, -1).join(', ')} or ${levels.at(-1)}` : levels[0]})`;
  }
  return level === 'none' ? 'none (documented: no access level)' : level;
}

/** Everything the catalog knows about one action. */
export function renderAction(catalog: Catalog, a: CatalogAction): string {
  const types = resourceTypesOf(catalog, a);
  const resources =
    a.resources === 'all' ? 'all resources (`*`): no resource type' : a.resources === 'unknown' ? 'unknown (not documented)' : types.map((t) => `${t.name} ${t.arn}`).join('; ');
  // A service known only by its API names has keys nobody catalogued: not the same as none.
  const ownKeys = catalog.services.get(a.service)?.conditionKeys;
  const noKeys = ownKeys && 'inferred' in ownKeys.source && ownKeys.keys.length === 0 ? 'unknown: not catalogued (common acs: keys apply)' : 'none of its own (common acs: keys apply)';
  return [
    a.fullName,
    `  access level:      ${describeAccess(a.access, a.source)}`,
    `  resources:         ${resources}`,
    `  condition keys:    ${a.conditionKeys.length > 0 ? a.conditionKeys.join(', ') : noKeys}`,
    `  changes permissions: ${a.changesPermissions ? 'yes' : 'no'}`,
    `  source:            ${describeSource(a.source)}`,
    ...(a.note !== undefined ? [`  note:              ${a.note}`] : []),
  ].join('\n');
}

/** One line per condition key. */
export function renderKeys(keys: ConditionKeyInfo[], serviceKeys: string[]): string {
  const lines = keys.map((k) => `${k.name.padEnd(24)} ${k.type.padEnd(8)} ${(k.alwaysPresent ? 'always present' : 'may be absent').padEnd(16)}${k.description}`);
  if (serviceKeys.length > 0) lines.push(...serviceKeys.map((k) => `${k.padEnd(24)} (service key)`));
  return lines.join('\n');
}
