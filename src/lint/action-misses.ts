/**
 * The walk `unknown-action` and `unlisted-action` share: every action written without a wildcard,
 * with its service, that the catalog misses (`actionMiss`, K5/K8), with its pointer. Each rule
 * keeps the kind of miss it reports.
 */
import { actionMiss } from '../catalog/action-miss.js';
import type { Catalog } from '../catalog/types.js';
import { hasWildcard } from '../match/wildcard.js';
import type { PolicyDocument } from '../policy/types.js';
import { writtenActions } from './written.js';

type Miss = NonNullable<ReturnType<typeof actionMiss>>;

/** Each written action the catalog misses as `kind`: the action's name without its service, the pointer and the miss. */
export function* writtenActionMisses<K extends Miss['kind']>(policy: PolicyDocument, raw: Record<string, unknown>, catalog: Catalog, kind: K): Generator<{ name: string; path: string; miss: Extract<Miss, { kind: K }> }> {
  for (const s of policy.statements) {
    for (const [action, path] of writtenActions(raw, s)) {
      const colon = action.indexOf(':');
      if (colon < 0 || hasWildcard(action)) continue;
      const miss = actionMiss(catalog, action);
      if (miss?.kind === kind) yield { name: action.slice(colon + 1), path, miss: miss as Extract<Miss, { kind: K }> };
    }
  }
}
