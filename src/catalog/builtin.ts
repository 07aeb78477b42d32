/** The built-in catalog: the index and shared data at start-up, each service read when first used. */
import { buildCatalog, type RawService, type ServiceSource } from './build.js';
import { BUILTIN_CATALOG_DATA, BUILTIN_RESOURCE_TYPE_ARNS, BUILTIN_SERVICES } from './builtin.generated.js';
import { LazyServiceMap } from './lazy.js';
import { readBuiltinService } from './service-files.js';
import type { Catalog } from './types.js';

const BUILTIN_SOURCE: ServiceSource = {
  codes: BUILTIN_SERVICES.map((s) => s.service),
  read: readBuiltinService,
  resourceTypeArns: (code) => (Object.hasOwn(BUILTIN_RESOURCE_TYPE_ARNS, code) ? BUILTIN_RESOURCE_TYPE_ARNS[code]! : []),
};

let builtin: Catalog | undefined;

/** A new built-in catalog, none of whose services is built yet (`builtinCatalog()` shares one). */
export function freshBuiltinCatalog(extra: RawService[] = []): Catalog {
  return buildCatalog(BUILTIN_CATALOG_DATA, extra, BUILTIN_SOURCE);
}

/** The built-in catalog (the services of catalog/generated/, common keys, system policies), shared by every caller. */
export function builtinCatalog(): Catalog {
  builtin ??= freshBuiltinCatalog();
  return builtin;
}

/** The built-in catalog with user services added (a service of the same name replaces the built-in one). */
export function catalogWith(extra: RawService[]): Catalog {
  return extra.length === 0 ? builtinCatalog() : freshBuiltinCatalog(extra);
}

/** The RAM codes of the services a catalog has built so far (all of them for a catalog built eagerly). */
export function builtServices(catalog: Catalog): string[] {
  return catalog.services instanceof LazyServiceMap ? catalog.services.built : [...catalog.services.keys()];
}
