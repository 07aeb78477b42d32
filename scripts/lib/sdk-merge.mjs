// Merging a RAM code's YAML service with the API names harvested from its SDK packages. Used by
// scripts/build-catalog.mjs; rules: docs/catalog.md, "SDK harvest".
import { sdkVerbLevel } from './sdk-verbs.mjs';

/** The service of a RAM code that has no YAML: everything but its actions is unknown. */
function sdkOnlyService(code, rows) {
  return {
    service: code,
    name: rows[0].name,
    apiVersion: rows[0].api_version,
    resourceTypes: {},
    conditionKeys: { keys: [], source: { inferred: 'the SDK packages name no condition keys: the service’s own keys are not catalogued' } },
    actions: {},
  };
}

/** One service: the YAML's rows first (they win), then every harvested API the YAML lacks. */
export function mergeService(yaml, rows, harvested) {
  const service = yaml ?? sdkOnlyService(rows[0].ram_code, rows);
  const actions = { ...service.actions };
  const taken = new Set(Object.keys(actions).map((n) => n.toLowerCase()));
  for (const h of harvested) {
    if (taken.has(h.action.toLowerCase())) continue;
    taken.add(h.action.toLowerCase());
    const { access, rule } = sdkVerbLevel(h.action);
    actions[h.action] = { access, resources: 'unknown', source: { inferred: `API name in ${h.spec} ${h.file} (API version ${h.apiVersion}), taken as the RAM action; ${rule}` } };
  }
  const partial = rows.filter((r) => r.coverage === 'partial').map((r) => r.note);
  return { ...service, actions, ...(partial.length > 0 ? { actionsIncomplete: partial.join('; ') } : {}) };
}
