/**
 * Reading a built-in service's data, catalog/generated/<service>.json, when a request or policy
 * first names the service. This is the catalog's one read of a file outside the CLI, and it reads
 * only the package's own data (never a user's path): the alternative, every service compiled into
 * one module, made every `eval` and `preflight` parse 22 services to use one (docs/catalog.md,
 * "Loading on demand").
 */
import { existsSync, readFileSync } from 'node:fs';
import type { RawService } from './build.js';

/** One built-in service in the index (src/catalog/builtin.generated.ts). */
export interface BuiltinServiceEntry {
  /** The RAM code, which names the file. */
  service: string;
  name: string;
  /** How many actions the file holds. */
  actions: number;
}

/**
 * The directory of the generated files: `catalog/generated/` at the package root, two levels above
 * this module in src/ and dist/, three in the bench's build (dist-bench/src/catalog/).
 */
function generatedDir(): URL {
  const candidates = ['../../catalog/generated/', '../../../catalog/generated/'].map((p) => new URL(p, import.meta.url));
  const found = candidates.find((dir) => existsSync(new URL('sts.json', dir)));
  if (!found) throw new Error(`internal: the catalog's generated data is missing (looked in ${candidates.map((c) => c.pathname).join(', ')}): run \`npm run catalog\``);
  return found;
}

let dir: URL | undefined;

/** Reads one built-in service. `service` comes from the generated index, never from input. */
export function readBuiltinService(service: string): RawService {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(service)) throw new Error(`internal: \`${service}\` is not a RAM code`);
  dir ??= generatedDir();
  return JSON.parse(readFileSync(new URL(`${service}.json`, dir), 'utf8')) as RawService;
}
