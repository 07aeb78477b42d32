/** Text renderings of catalog answers for `ramguard catalog`. */
import { currentLevels, isOlderVocabulary } from './access.js';
import type { AccessLevel, Catalog, CatalogAction, ConditionKeyInfo, FactSource } from './types.js';
import { resourceTypesOf } from './query.js';

/** `documented (URL)` or `inferred: rule`. */
export function describeSource(source: FactSource): string {
  return 'documented' in source ? `documented (${source.documented})` : `inferred: ${source.inferred}`;
}

/** One line per service: code, name, how many actions, how many documented. */
export function renderServices(catalog: Catalog): string {
  const rows = [...catalog.services.values()].map((s) => {
    const documented = s.actions.filter((a) => 'documented' in a.source).length;
    return `${s.service.padEnd(8)} ${String(s.actions.length).padStart(4)} actions (${documented} documented)  ${s.name}`;
  });
  return rows.join('\n');
}

/** One line per action: name, access level, resources. */
export function renderActionList(actions: CatalogAction[]): string {
  return actions.map((a) => `${a.fullName.padEnd(44)} ${a.access.padEnd(8)} ${Array.isArray(a.resources) ? a.resources.join(', ') : a.resources}`).join('\n');
}

/** The level as documented, and what an older or unusual word means (`Write (older vocabulary: create, update or delete)`). */
function describeAccess(level: AccessLevel): string {
  if (isOlderVocabulary(level)) {
    const levels = currentLevels(level);
    return `${level} (older vocabulary: ${levels.length > 1 ? `${levels.slice(0, -1).join(', ')} or ${levels.at(-1)}` : levels[0]})`;
  }
  return level === 'none' ? 'none (documented: no access level)' : level;
}

/** Everything the catalog knows about one action. */
export function renderAction(catalog: Catalog, a: CatalogAction): string {
  const types = resourceTypesOf(catalog, a);
  const resources =
    a.resources === 'all' ? 'all resources (`*`): no resource type' : a.resources === 'unknown' ? 'unknown (not documented)' : types.map((t) => `${t.name} ${t.arn}`).join('; ');
  return [
    a.fullName,
    `  access level:      ${describeAccess(a.access)}`,
    `  resources:         ${resources}`,
    `  condition keys:    ${a.conditionKeys.length > 0 ? a.conditionKeys.join(', ') : 'none of its own (common acs: keys apply)'}`,
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
