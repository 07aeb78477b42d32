/** The built-in catalog, built once on first use from the generated data. */
import { buildCatalog, type RawService } from './build.js';
import { BUILTIN_CATALOG_DATA } from './builtin.generated.js';
import type { Catalog } from './types.js';

let builtin: Catalog | undefined;

/** The built-in catalog (cams, ram, sts, common keys, system policies). */
export function builtinCatalog(): Catalog {
  builtin ??= buildCatalog(BUILTIN_CATALOG_DATA);
  return builtin;
}

/** The built-in catalog with user services added (a service of the same name replaces the built-in one). */
export function catalogWith(extra: RawService[]): Catalog {
  return extra.length === 0 ? builtinCatalog() : buildCatalog(BUILTIN_CATALOG_DATA, extra);
}
