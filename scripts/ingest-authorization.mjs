// Ingests Alibaba's documented RAM authorization tables into the catalog's YAML. `npm run catalog`
// runs it before building the generated module; `node scripts/ingest-authorization.mjs --check`
// only compares. Steps:
//   1. vendor: copy the reference files from ../shared/reference/ into catalog/sources/ when that
//      directory sits beside the repository (a clean clone without it uses the vendored copies);
//   2. write catalog/services/cams.yaml from cams-actions.txt and cams-authorization.tsv;
//   3. replace the rows of ram-sts-authorization.tsv in catalog/services/ram.yaml and sts.yaml.
// The build itself never reads ../shared. Rules: docs/catalog.md, "Documented authorization".
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { camsServiceText } from './lib/cams-service.mjs';
import { parseAuthorizationTsv } from './lib/authorization-tsv.mjs';
import { patchServiceText } from './lib/patch-service.mjs';

const catalogDir = new URL('../catalog/', import.meta.url);
const sharedDir = new URL('../../shared/reference/', import.meta.url);

/** The reference files the catalog is derived from, vendored under catalog/sources/. */
export const VENDORED_SOURCES = ['cams-actions.txt', 'cams-authorization.tsv', 'cams-authorization-sources.md', 'ram-sts-authorization.tsv'];

const readText = (url) => readFileSync(url, 'utf8');

/** Every file ingestion writes, as [path under catalog/, content]; the vendored copies first. */
function outputs() {
  const files = [];
  for (const name of VENDORED_SOURCES) {
    const shared = new URL(name, sharedDir);
    if (existsSync(shared)) files.push([`sources/${name}`, readText(shared)]);
  }
  // Derived data is computed from what the vendored copies will hold after this run.
  const source = (name) => files.find(([path]) => path === `sources/${name}`)?.[1] ?? readText(new URL(`sources/${name}`, catalogDir));
  const actions = source('cams-actions.txt').split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const cams = parseAuthorizationTsv(source('cams-authorization.tsv'), 'cams-authorization.tsv');
  files.push(['services/cams.yaml', camsServiceText(actions, cams)]);
  const ramSts = parseAuthorizationTsv(source('ram-sts-authorization.tsv'), 'ram-sts-authorization.tsv');
  for (const service of ['ram', 'sts']) {
    const path = `services/${service}.yaml`;
    const text = readText(new URL(path, catalogDir));
    const rows = ramSts.filter((r) => r.action.startsWith(`${service}:`)).map((r) => ({ ...r, action: r.action.slice(service.length + 1) }));
    files.push([path, patchServiceText(text, parse(text), rows)]);
  }
  return files;
}

/**
 * Writes (or, with `check`, compares) every ingested file. Returns the paths that differ from
 * what is on disk: in write mode they have been rewritten; in check mode they are stale.
 */
export function ingestAuthorization({ check = false } = {}) {
  const changed = [];
  for (const [path, content] of outputs()) {
    const target = new URL(path, catalogDir);
    const current = existsSync(target) ? readText(target) : undefined;
    if (current === content) continue;
    changed.push(`catalog/${path}`);
    if (!check) writeFileSync(target, content);
  }
  return changed;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  let changed;
  try {
    changed = ingestAuthorization({ check });
  } catch (error) {
    console.error(`ingest-authorization: ${error.message}`);
    process.exit(1);
  }
  if (check && changed.length > 0) {
    console.error(`stale: ${changed.join(', ')}: run \`npm run catalog\``);
    process.exit(1);
  }
  console.log(check ? 'the ingested catalog files are current' : changed.length > 0 ? `wrote ${changed.join(', ')}` : 'the ingested catalog files were current');
}
