/**
 * error: a statement whose actions all belong to catalogued services, and a Resource of a service
 * none of them acts on (`cams:UpdateInstance` on `acs:ecs:*:*:instance/i-1`): a request for those
 * actions never names that resource, so the line never matches. A service an action acts on is its
 * own, or that of one of its documented resource types (`sts:AssumeRole` acts on `acs:ram:` roles).
 * `*` actions, wildcards in a service name, services the catalog does not know, and services of
 * which it knows only API names (no resource type, resources `unknown`) are not checked.
 */
import { lookupAction, resourceTypesOf } from '../../catalog/query.js';
import type { Catalog, CatalogAction, CatalogService } from '../../catalog/types.js';
import { hasWildcard } from '../../match/wildcard.js';
import type { LintRule } from '../types.js';
import { writtenItems } from '../written.js';

/** The service part of an ARN or ARN template (`acs:<service>:...`). */
const serviceOf = (arn: string): string | undefined => /^acs:([^:]*):/.exec(arn)?.[1];

/**
 * The services (lower case) `actions` of `service` act on, in the order the rule names them, or
 * undefined when they say nothing (a service of which the catalog knows API names only: no
 * resource type, resources `unknown`; an action may act on another service's resources, as
 * `sts:AssumeRole` on RAM roles; not checked, semantics K6).
 */
function actedOn(catalog: Catalog, service: CatalogService, code: string, actions: readonly CatalogAction[]): string[] | undefined {
  if (service.resourceTypes.length === 0 && actions.some((a) => a.resources === 'unknown')) return undefined;
  const out: string[] = [];
  for (const action of actions) for (const t of resourceTypesOf(catalog, action)) out.push(serviceOf(t.arn)?.toLowerCase() ?? code);
  return out;
}

/**
 * What all the actions of a service act on (a pattern, `cams:Get*`, may name any of them), once
 * per service: a lint of many files asked it of every pattern of every statement, walking every
 * action's resource types each time (a third of what a lint of 2,000 files allocated). The answer
 * depends on the service alone (its actions' resource types are its own), so it lives as long as
 * the service does. `null`: not checkable.
 */
const allActionsActOn = new WeakMap<CatalogService, string[] | null>();

/** The services (lower case) the actions act on, or undefined when one action is not checkable. */
function servicesActedOn(catalog: Catalog, actions: readonly string[]): Set<string> | undefined {
  const out = new Set<string>();
  for (const name of actions) {
    const colon = name.indexOf(':');
    const prefix = name.slice(0, colon).toLowerCase();
    if (colon < 0 || hasWildcard(prefix)) return undefined;
    const service = catalog.services.get(prefix);
    if (!service) return undefined;
    out.add(prefix);
    let services: string[] | null | undefined;
    if (hasWildcard(name)) {
      services = allActionsActOn.get(service);
      if (services === undefined) allActionsActOn.set(service, (services = actedOn(catalog, service, prefix, service.actions) ?? null));
    } else {
      const action = lookupAction(catalog, name);
      services = actedOn(catalog, service, prefix, action ? [action] : []) ?? null;
    }
    if (services === null) return undefined;
    for (const code of services) out.add(code);
  }
  return out;
}

export const resourceOfAnotherService: LintRule = {
  id: 'resource-of-another-service',
  severity: 'error',
  title: 'a Resource of a service none of the statement’s actions acts on',
  help: 'write a resource of the actions’ own service, or move the resource to a statement with the actions of its service',
  kinds: ['identity', 'session', 'control'],
  check({ policy, raw, catalog, report }) {
    for (const s of policy.statements) {
      if (!s.actions || !s.resources) continue;
      const services = servicesActedOn(catalog, s.actions);
      if (!services) continue;
      for (const [resource, path] of writtenItems(raw, s, 'Resource')) {
        const service = serviceOf(resource);
        if (service === undefined || service === '' || hasWildcard(service) || services.has(service.toLowerCase())) continue;
        const named = [...services].map((x) => `\`${x}\``).join(', ');
        report({ path, message: `\`${resource}\` is a resource of \`${service}\`, and the statement's actions act on resources of ${named} only` });
      }
    }
  },
};
