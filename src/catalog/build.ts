/**
 * Builds the indexed catalog from raw data (the generated built-in data, or service files a
 * user adds with `--catalog DIR`). Pure: file reading is the caller's.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { lazySchemaCheck, placeIn } from '../diagnostics/schema-check.js';
import { compileWildcard } from '../match/wildcard.js';
import { parseSource } from '../parse/source.js';
import { byPosition, validatePolicy } from '../policy/parse-policy.js';
import { LazyActionMap, LazyServiceMap, type ServiceBuilder } from './lazy.js';
import { catalogServiceSchema } from './schema.js';
import type { AccessLevel, Catalog, CatalogAction, CatalogService, ConditionKeyInfo, FactSource, SystemPolicy } from './types.js';

/** A service file's data, as the schema describes it. */
export interface RawService {
  service: string;
  name: string;
  apiVersion?: string;
  documentation?: string;
  resourceTypes: Record<string, { arn: string; source: FactSource }>;
  conditionKeys: { keys: string[]; source: FactSource };
  actions: Record<string, { access: AccessLevel; resources: string[] | 'all' | 'unknown'; conditionKeys?: string[]; changesPermissions?: boolean; source: FactSource; note?: string }>;
  /** Built-in data only (service files cannot set it): why the action list may miss real actions. */
  actionsIncomplete?: string;
}

/** All raw catalog data. */
export interface RawCatalogData {
  services: RawService[];
  conditionKeys: { keys: Record<string, Omit<ConditionKeyInfo, 'name'>> };
  systemPolicies: { policies: Record<string, Omit<SystemPolicy, 'name' | 'policy'>> };
}

/** Only `--catalog DIR` needs it, so it is compiled on first use. */
const checkService = lazySchemaCheck(catalogServiceSchema, 'catalog service');

/**
 * A template as a RAM pattern: `{#InstanceId}` → `*`. An empty region becomes `*` too: Alibaba
 * documents the one RAM role as `acs:ram::{#accountId}:role/…` on the STS page and as
 * `acs:ram:*:{#accountId}:role/…` on RAM's, so a global service's template must recognise both.
 */
export function templatePattern(template: string): string {
  return template.replace(/\{#[^}]*\}/g, '*').replace(/^(acs:[^:]*:):/, '$1*:');
}

function buildService(raw: RawService): CatalogService {
  const service: CatalogService = {
    service: raw.service,
    name: raw.name,
    resourceTypes: Object.entries(raw.resourceTypes).map(([name, t]) => ({ service: raw.service, name, arn: t.arn, matcher: compileWildcard(templatePattern(t.arn)), source: t.source })),
    conditionKeys: raw.conditionKeys,
    actions: Object.entries(raw.actions).map(([name, a]): CatalogAction => ({
      service: raw.service,
      name,
      fullName: `${raw.service}:${name}`,
      access: a.access,
      resources: a.resources,
      conditionKeys: a.conditionKeys ?? raw.conditionKeys.keys,
      changesPermissions: a.changesPermissions ?? false,
      source: a.source,
      ...(a.note !== undefined ? { note: a.note } : {}),
    })),
  };
  if (raw.apiVersion !== undefined) service.apiVersion = raw.apiVersion;
  if (raw.actionsIncomplete !== undefined) service.actionsIncomplete = raw.actionsIncomplete;
  if (raw.documentation !== undefined) service.documentation = raw.documentation;
  return service;
}

/** Services read on demand (the built-in ones): their RAM codes, in order, and how to read one. */
export interface ServiceSource {
  codes: readonly string[];
  read(code: string): RawService;
  /** A service's resource type ARN templates, known without reading it (optional). */
  resourceTypeArns?(code: string): readonly string[];
}

/**
 * Builds the catalog; later services replace earlier ones of the same name: `data.services`, then
 * `lazy`'s (built on first use: src/catalog/lazy.ts), then `extra`.
 */
export function buildCatalog(data: RawCatalogData, extra: RawService[] = [], lazy?: ServiceSource): Catalog {
  const entries: [string, CatalogService | ServiceBuilder][] = [];
  for (const raw of data.services) entries.push([raw.service, buildService(raw)]);
  for (const code of lazy?.codes ?? []) {
    const arns = lazy!.resourceTypeArns?.(code);
    entries.push([code, Object.assign(() => buildService(lazy!.read(code)), arns ? { resourceTypeArns: arns } : {})]);
  }
  for (const raw of extra) entries.push([raw.service, buildService(raw)]);
  const actions = new LazyActionMap();
  const services = new LazyServiceMap(entries, (s) => actions.index(s));
  actions.attach(services);
  for (const code of services.built) actions.index(services.get(code)!);
  const conditionKeys = Object.entries(data.conditionKeys.keys).map(([name, k]) => ({ name, ...k }));
  const systemPolicies = new Map<string, SystemPolicy>();
  for (const [name, p] of Object.entries(data.systemPolicies.policies)) {
    // Validated on first use: validation compiles a schema, which would dominate catalog start-up.
    let validated: SystemPolicy['policy'] | undefined;
    systemPolicies.set(name, {
      name,
      ...p,
      get policy() {
        if (validated) return validated;
        const parsed = validatePolicy(p.document, { kind: p.kind });
        if (!parsed.policy) throw new Error(`internal: system policy ${name} is invalid: ${parsed.diagnostics.map((d) => d.message).join('; ')}`);
        return (validated = parsed.policy);
      },
    });
  }
  return { services, actions, conditionKeys, systemPolicies };
}

/** Parses and checks one service file (YAML or JSON); every problem is a diagnostic. */
export function parseServiceFile(text: string, file?: string): { service?: RawService; diagnostics: Diagnostic[] } {
  const source = parseSource(text, file);
  if (source.diagnostics.length > 0) return { diagnostics: source.diagnostics };
  const place = placeIn(source.locate, file);
  const structural = checkService(source.value);
  if (structural.length > 0) return { diagnostics: structural.map(place).sort(byPosition) };
  const raw = source.value as RawService;
  const diagnostics: Diagnostic[] = [];
  for (const [name, action] of Object.entries(raw.actions)) {
    if (!Array.isArray(action.resources)) continue;
    action.resources.forEach((type, i) => {
      if (!Object.hasOwn(raw.resourceTypes, type)) {
        diagnostics.push(place({ code: 'unknown-resource-type', severity: 'error', message: `action \`${name}\` names resource type \`${type}\`, which the file does not define`, path: `/actions/${name}/resources/${i}`, target: 'value', help: `define it under \`resourceTypes\`, or write \`unknown\`` }));
      }
    });
  }
  return diagnostics.length > 0 ? { diagnostics } : { service: raw, diagnostics };
}
