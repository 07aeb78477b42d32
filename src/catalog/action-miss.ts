/**
 * How an action name misses the catalog, for lint (`unknown-action`, `unlisted-action`) and the
 * eval/preflight request check alike: one decision of which names are typos (K5, K8), not three.
 */
import { lookupAction } from './query.js';
import { closest, editDistance } from './suggest.js';
import type { Catalog, CatalogService } from './types.js';

/** At most this many edits from a listed action of an incomplete list: a likely typo, not an action the list may lack (K8). */
export const NEAR_MISS = 2;

/**
 * `unknown`: a service whose list is complete lacks the action (a typo), with the closest name if
 * any; `unlisted`: a service whose list may be incomplete lacks it and it is a near miss of a listed
 * one. Undefined when the catalog has the action, does not know the service, or cannot tell.
 * `action` is `service:Name` (callers have checked the colon).
 */
export function actionMiss(catalog: Catalog, action: string): { kind: 'unknown'; service: CatalogService; suggestion?: string } | { kind: 'unlisted'; service: CatalogService; suggestion: string } | undefined {
  const service = catalog.services.get(action.slice(0, action.indexOf(':')).toLowerCase());
  if (!service || lookupAction(catalog, action)) return undefined;
  const [near] = closest(action, service.actions.map((a) => a.fullName), 1);
  if (service.actionsIncomplete === undefined) return { kind: 'unknown', service, ...(near !== undefined ? { suggestion: near } : {}) };
  return near !== undefined && editDistance(action, near) <= NEAR_MISS ? { kind: 'unlisted', service, suggestion: near } : undefined;
}
