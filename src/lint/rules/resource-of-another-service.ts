/**
 * error: a statement whose actions all belong to catalogued services, and a Resource of a service
 * none of them acts on (`cams:UpdateInstance` on `acs:ecs:*:*:instance/i-1`): a request for those
 * actions never names that resource, so the line never matches. A service an action acts on is its
 * own, or that of one of its documented resource types (`sts:AssumeRole` acts on `acs:ram:` roles).
 * `*` actions, wildcards in a service name, services the catalog does not know, and services of
 * which it knows only API names (no resource type, resources `unknown`) are not checked.
 */
import { lookupAction, resourceTypesOf } from '../../catalog/query.js';
import type { Catalog } from '../../catalog/types.js';
import { hasWildcard } from '../../match/wildcard.js';
import type { LintRule } from '../types.js';
import { writtenItems } from '../written.js';

/** The service part of an ARN or ARN template (`acs:<service>:...`). */
const serviceOf = (arn: string): string | undefined => /^acs:([^:]*):/.exec(arn)?.[1];

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
    // A pattern (`cams:Get*`) may name any action of its service: take all their resource types.
    const matched = hasWildcard(name) ? service.actions : [lookupAction(catalog, name)].filter((a) => a !== undefined);
    // A service of which the catalog knows API names only (harvested from its SDK: no resource
    // type, resources `unknown`) says nothing about where its actions act, and an action may act
    // on another service's resources (as `sts:AssumeRole` on RAM roles). Not checked (semantics K6).
    if (service.resourceTypes.length === 0 && matched.some((a) => a.resources === 'unknown')) return undefined;
    for (const action of matched) for (const t of resourceTypesOf(catalog, action)) out.add(serviceOf(t.arn)?.toLowerCase() ?? prefix);
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
