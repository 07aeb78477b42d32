/** Questions to the catalog: look up, expand, build ARNs, recognise ARNs. */
import { compileWildcard } from '../match/wildcard.js';
import { LazyServiceMap } from './lazy.js';
import type { Catalog, CatalogAction, ResourceType } from './types.js';

/** An action by name, case-insensitively (`cams:updateinstance` → `cams:UpdateInstance`). */
export function lookupAction(catalog: Catalog, name: string): CatalogAction | undefined {
  return catalog.actions.get(name.toLowerCase());
}

/** What an action pattern covers. */
export interface Expansion {
  /** Catalog actions the pattern matches, in catalog order. */
  actions: CatalogAction[];
  /** Services the pattern can reach that the catalog does not know (their actions are unknown). */
  unknownServices: boolean;
}

const expansions = new WeakMap<Catalog, Map<string, Expansion>>();

/** Expands an action pattern (`cams:Get*`, `*`) into the catalog's actions; case-insensitive; memoised per catalog. */
export function expandActionPattern(catalog: Catalog, pattern: string): Expansion {
  let memo = expansions.get(catalog);
  if (!memo) expansions.set(catalog, (memo = new Map()));
  const key = pattern.toLowerCase();
  let expansion = memo.get(key);
  if (!expansion) {
    expansion = expand(catalog, pattern);
    if (memo.size < 10_000) memo.set(key, expansion);
  }
  return expansion;
}

function expand(catalog: Catalog, pattern: string): Expansion {
  const matcher = compileWildcard(pattern.toLowerCase());
  const colon = pattern.indexOf(':');
  const servicePart = colon < 0 ? pattern : pattern.slice(0, colon);
  // A pattern of one service (`cams:Get*`) walks that service only, so the others stay unbuilt. A
  // catalog made by hand may index an action under no service: walk all of it unless it is built.
  const named = colon >= 0 && !/[*?]/.test(servicePart) ? catalog.services.get(servicePart.toLowerCase()) : undefined;
  const oneService = named !== undefined || (colon >= 0 && !/[*?]/.test(servicePart) && catalog.services instanceof LazyServiceMap);
  const candidates = oneService ? named?.actions ?? [] : [...catalog.actions.values()];
  const actions = candidates.filter((a) => matcher.test(a.fullName.toLowerCase()));
  const unknownServices = /[*?]/.test(servicePart) || (colon >= 0 && !catalog.services.has(servicePart.toLowerCase()));
  return { actions, unknownServices };
}

/** The resource types of an action (empty when the action takes all resources or they are unknown). */
export function resourceTypesOf(catalog: Catalog, action: CatalogAction): ResourceType[] {
  if (!Array.isArray(action.resources)) return [];
  const service = catalog.services.get(action.service);
  return action.resources.flatMap((name) => service?.resourceTypes.find((t) => t.name === name) ?? []);
}

/** The placeholders of an ARN template, e.g. `['regionId', 'accountId', 'InstanceId']`. */
export function templatePlaceholders(template: string): string[] {
  return [...template.matchAll(/\{#([^}]*)\}/g)].map((m) => m[1]!);
}

/** An ARN built from a template, or what was missing. */
export type ArnResult = { arn: string } | { error: string };

/**
 * Builds the ARN an action acts on: `cams:UpdateInstance` + {regionId, accountId, InstanceId} →
 * `acs:cams:ap-southeast-1:123:instance/ins-1`. With several resource types, name one.
 */
export function buildArn(catalog: Catalog, actionName: string, values: Record<string, string>, resourceType?: string): ArnResult {
  const action = lookupAction(catalog, actionName);
  if (!action) return { error: `\`${actionName}\` is not in the catalog` };
  const types = resourceTypesOf(catalog, action).filter((t) => resourceType === undefined || t.name === resourceType);
  if (types.length === 0) {
    const why = action.resources === 'all' ? 'acts on all resources' : action.resources === 'unknown' ? 'has undocumented resource types' : `has no resource type \`${resourceType}\``;
    return { error: `\`${action.fullName}\` ${why}` };
  }
  if (types.length > 1) return { error: `\`${action.fullName}\` acts on ${types.map((t) => `\`${t.name}\``).join(', ')}: name one` };
  const template = types[0]!.arn;
  const missing = templatePlaceholders(template).filter((p) => values[p] === undefined || values[p] === '');
  if (missing.length > 0) return { error: `missing ${missing.map((m) => `\`${m}\``).join(', ')} for \`${template}\`` };
  return { arn: template.replace(/\{#([^}]*)\}/g, (_, name: string) => values[name]!) };
}

/** The resource types whose template an ARN fits (usually one; empty when none is known). */
export function resourceTypeOfArn(catalog: Catalog, arn: string): ResourceType[] {
  const service = /^acs:([^:]*):/.exec(arn)?.[1];
  const candidates = service !== undefined ? catalog.services.get(service)?.resourceTypes ?? [] : [];
  return candidates.filter((t) => t.matcher.test(arn));
}
