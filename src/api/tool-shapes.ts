/**
 * Checks of the catalog, lint, preflight, audit and analysis inputs: catalogs and their raw data,
 * lint configurations and sources, and the option objects of the questions ramguard answers.
 */
import { ACCESS_LEVELS } from '../catalog/access.js';
import { validatePolicy } from '../policy/parse-policy.js';
import { arrayOf, boolean, either, fail, func, instanceOf, integer, oneOf, optional, raise, recordOf, shape, string, type Check } from './checks.js';
import { data } from './data.js';
import { context, kind, locate, namedPolicy, requestPrincipal, SEVERITIES, strings } from './shapes.js';

const resources = either('an array of resource type names, `all` or `unknown`', { when: Array.isArray, check: strings }, { when: () => true, check: oneOf(['all', 'unknown']) });
const factSource = shape('a FactSource `{ documented }` or `{ inferred }`', {});

/** A catalog entry, as `lookupAction` returns it. */
export const catalogAction = shape('a CatalogAction (from `lookupAction`)', { service: string, name: string, fullName: string, access: oneOf([...ACCESS_LEVELS]), resources, conditionKeys: strings, changesPermissions: boolean, source: factSource });

const mapOf = (value: Check, expected: string): Check => (v, place) => {
  if (!(v instanceof Map)) return fail(place, expected, v);
  for (const [key, item] of v) value(item, { fn: place.fn, at: `${place.at}.get(${JSON.stringify(String(key))})` });
  return v;
};
const catalogShape = shape('a Catalog (from `builtinCatalog`, `catalogWith` or `buildCatalog`)', {
  services: mapOf(shape('a CatalogService `{ service, actions, resourceTypes }`', { service: string, actions: arrayOf(catalogAction), resourceTypes: arrayOf(shape('a ResourceType `{ name, arn, matcher }`', { name: string, arn: string, matcher: shape('a WildcardMatcher', { test: func }) })) }), 'a Map of services'),
  actions: mapOf(catalogAction, 'a Map of actions'),
  conditionKeys: arrayOf(shape('a ConditionKeyInfo `{ name, type }`', { name: string, type: string })),
  // Not the entries: each holds a lazy `policy` getter that reading would run.
  systemPolicies: instanceOf(Map, 'Map'),
});
// A catalog holds thousands of entries and is passed to every look-up: checked once per object.
const checkedCatalogs = new WeakSet<object>();

/** A Catalog as `builtinCatalog`, `catalogWith` and `buildCatalog` build it. */
export const catalog: Check = (v, place) => {
  if (typeof v === 'object' && v !== null && checkedCatalogs.has(v)) return v;
  catalogShape(v, place);
  checkedCatalogs.add(v as object);
  return v;
};


/** A user's service, as `parseServiceFile` returns it. */
export const rawService = data(
  shape('a RawService (the `service` of `parseServiceFile`)', {
    service: string,
    name: string,
    apiVersion: optional(string),
    documentation: optional(string),
    resourceTypes: recordOf(shape('a resource type `{ arn, source }`', { arn: string, source: factSource })),
    conditionKeys: shape('`{ keys, source }`', { keys: strings, source: factSource }),
    actions: recordOf(shape('a raw action `{ access, resources, source }`', { access: oneOf([...ACCESS_LEVELS]), resources, conditionKeys: optional(strings), changesPermissions: optional(boolean), source: factSource })),
  }),
);
export const rawServices = arrayOf(rawService, 'an array of RawServices');

const conditionKeyInfo = shape('a condition key `{ type, alwaysPresent, description, source }`', { type: oneOf(['string', 'numeric', 'date', 'bool', 'ip']), alwaysPresent: boolean, description: string, source: factSource });

/**
 * A system policy of raw catalog data: its document is validated now, because the catalog
 * validates it only when first used, and a bad one would then fail far from this call.
 */
const systemPolicyData: Check = (v, place) => {
  shape('a system policy `{ kind, description, source, document }`', { kind: oneOf(['identity', 'control']), description: string, source: factSource })(v, place);
  const entry = v as { kind: 'identity' | 'control'; document: unknown };
  const { policy, diagnostics } = validatePolicy(entry.document, { kind: entry.kind });
  if (!policy) raise('invalid-argument', { fn: place.fn, at: `${place.at}.document` }, `\`${place.at}.document\` is not a valid ${entry.kind} policy: ${diagnostics.find((d) => d.severity === 'error')?.message ?? 'invalid'}`);
  return v;
};

/** All raw catalog data, as the `catalog/` directory holds it. */
export const rawCatalogData = data(
  shape('RawCatalogData `{ services, conditionKeys, systemPolicies }`', {
    services: rawServices,
    conditionKeys: shape('`{ keys }`', { keys: recordOf(conditionKeyInfo) }),
    systemPolicies: shape('`{ policies }`', { policies: recordOf(systemPolicyData) }),
  }),
);

const ruleSeverity = oneOf([...SEVERITIES, 'off']);
export const ruleSettings = recordOf(ruleSeverity, 'an object of rule ids, each a severity or `off`');
export const lintRules = arrayOf(shape('a LintRule `{ id, severity, title, help }`', { id: string, severity: oneOf(SEVERITIES), title: string, help: string }), 'an array of LintRules (e.g. `RULES`)');

/** A lint configuration, as `parseLintConfig` and `defaultConfig` give it. */
export const lintConfig = shape('a LintConfig (from `parseLintConfig` or `defaultConfig`)', {
  rules: ruleSettings,
  ignore: strings,
  suppressions: arrayOf(shape('a Suppression `{ rule, file, reason }`', { rule: string, file: string, path: optional(string), reason: string })),
});

/** One policy to lint: its text, or its already-parsed value. */
export const policySource: Check = (v, place) => {
  const checked = shape('a PolicySource `{ file, kind, pointerPrefix, text | value }`', { file: string, kind, origin: optional(string), text: optional(string), value: optional(data()), pointerPrefix: string, locate: optional(locate) })(v, place);
  const source = checked as { text?: unknown; value?: unknown };
  if (source.text === undefined && source.value === undefined) fail(place, 'a PolicySource with `text` or `value`', v);
  return checked;
};

export const extractOptions = shape('an options object `{ kind?, explicit? }`', { kind: optional(kind), explicit: optional(boolean) });

/** The options of `preflightUpdateInstance`. */
export const preflightOptions = shape('PreflightOptions `{ region, accountId, principal, currentTime }`', {
  region: string,
  accountId: string,
  principal: requestPrincipal,
  currentTime: string,
  sourceIp: optional(string),
  accessKeyId: optional(string),
  secureTransport: optional(boolean),
  context: optional(context),
  absent: optional(strings),
  resourceGroup: optional(string),
  catalog: optional(catalog),
});

/** UpdateInstance parameters: names to values, plain data (the preflight reports wrong values). */
export const parameters = data(shape('an object of UpdateInstance parameters', {}));

const auditCommon = { context: optional(context), sessionPolicy: optional(namedPolicy), escalation: optional(boolean), catalog: optional(catalog), maxPaths: optional(integer(0)), grantsPer: optional(oneOf(['resource', 'class'])) };
export const whoCanInput = shape('a WhoCanInput `{ action, resource?, allResources?, context? }`', { action: string, resource: optional(string), allResources: optional(boolean), ...auditCommon });
export const principalCanInput = shape('a PrincipalCanInput `{ principal, actionPattern? }`', { principal: string, actionPattern: optional(string), ...auditCommon });

const accessFields = {
  actions: optional(strings),
  alsoActions: optional(strings),
  excludeActions: optional(strings),
  resources: optional(strings),
  maxWitnesses: optional(integer(0)),
  singleValuedKeys: optional(boolean),
  alwaysPresentKeys: optional(strings),
  catalog: optional(catalog),
  maxStates: optional(integer(0)),
  maxNodes: optional(integer(0)),
};
export const accessOptions = shape('AccessOptions', accessFields);
export const accessNotGrantedOptions = shape('AccessOptions with `actions`', { ...accessFields, actions: strings });
export const diffOptions = shape('DiffOptions `{ scope?, catalog?, singleValuedKeys? }`', { scope: optional(strings), catalog: optional(catalog), singleValuedKeys: optional(boolean) });
