/**
 * `ramguard/catalog`: building and querying catalogs beyond the built-in one (which the main
 * entry has, with `lookupAction` and `expandActionPattern`): extra services, ARN templates, the
 * catalog file schemas. Guarded like every entry (src/api).
 */
export { RamguardError, RAMGUARD_ERROR_CODES, type RamguardErrorCode } from '../errors.js';
export type { Catalog, CatalogAction, CatalogService, ConditionKeyInfo, FactSource, ResourceType, SystemPolicy, AccessLevel } from '../catalog/types.js';
export { builtinCatalog } from '../catalog/builtin.js';
export { catalogWith, buildCatalog, parseServiceFile, lookupAction, expandActionPattern, buildArn, resourceTypeOfArn, resourceTypesOf } from '../api/guarded-tools.js';
export type { RawService, RawCatalogData } from '../catalog/build.js';
export type { Expansion, ArnResult } from '../catalog/query.js';
export { catalogServiceSchema, catalogConditionKeysSchema, catalogSystemPoliciesSchema } from '../catalog/schema.js';
