// Harvests the API names of Alibaba's SDK packages into catalog/sources/sdk/<ram_code>.tsv:
// `npm run catalog:harvest`. The packages and versions are pinned in
// catalog/sources/sdk-products.tsv; each is fetched with `npm pack` (the registry's integrity is
// checked by npm and written into the output) into a directory outside the repository, never
// installed. This is the only step that needs the network: `npm run catalog` and the tests read
// the committed TSV files. Options: `--cache DIR` keeps the tarballs in DIR;
// `--only CODE[,CODE]` harvests some RAM codes. Rules: docs/catalog.md, "SDK harvest".
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { harvestText, parseSdkActions, parseSdkProducts, spec } from './lib/sdk-actions.mjs';

const catalogDir = fileURLToPath(new URL('../catalog/', import.meta.url));

function option(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** `npm pack` one pinned package into `dir`; its tarball path and integrity. */
function pack(row, dir) {
  const tarball = join(dir, `${row.package.replace(/^@/, '').replace('/', '-')}-${row.version}.tgz`);
  const json = execFileSync('npm', ['pack', spec(row), '--json', '--pack-destination', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const [info] = JSON.parse(json);
  if (!info || join(dir, info.filename) !== tarball) throw new Error(`${spec(row)}: npm pack wrote ${info?.filename}, not ${tarball}`);
  return { tarball, integrity: info.integrity };
}

/** The text of `row.file` in the package tarball (npm tarballs hold the package under `package/`). */
function fileOf(tarball, row, dir) {
  const out = join(dir, `${row.sdk_product}-${row.version}`);
  mkdirSync(out, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', out, `package/${row.file}`], { stdio: ['ignore', 'ignore', 'inherit'] });
  return readFileSync(join(out, 'package', row.file), 'utf8');
}

function main() {
  const rows = parseSdkProducts(readFileSync(join(catalogDir, 'sources/sdk-products.tsv'), 'utf8'));
  const only = option('--only')?.split(',');
  const dir = option('--cache') ?? mkdtempSync(join(tmpdir(), 'ramguard-harvest-'));
  mkdirSync(dir, { recursive: true });
  const codes = [...new Set(rows.filter((r) => r.format !== 'none').map((r) => r.ram_code))].filter((c) => !only || only.includes(c));
  mkdirSync(join(catalogDir, 'sources/sdk'), { recursive: true });
  for (const code of codes) {
    const parts = rows.filter((r) => r.ram_code === code && r.format !== 'none').map((row) => {
      const { tarball, integrity } = pack(row, dir);
      let actions;
      try {
        actions = parseSdkActions(fileOf(tarball, row, dir), row.format);
      } catch (error) {
        throw new Error(`${spec(row)} ${row.file}: ${error.message}`);
      }
      const stray = actions.filter((a) => a.apiVersion !== row.api_version);
      if (stray.length > 0) throw new Error(`${spec(row)}: ${stray[0].name} has API version ${stray[0].apiVersion}, the mapping says ${row.api_version}`);
      return { row, integrity, actions };
    });
    writeFileSync(join(catalogDir, `sources/sdk/${code}.tsv`), harvestText(code, parts));
    console.log(`catalog/sources/sdk/${code}.tsv: ${parts.map((p) => `${spec(p.row)} ${p.actions.length}`).join(', ')}`);
  }
  // A code no longer mapped must not leave its old harvest behind.
  const stale = readdirSync(join(catalogDir, 'sources/sdk')).filter((f) => f.endsWith('.tsv') && !rows.some((r) => r.format !== 'none' && `${r.ram_code}.tsv` === f));
  if (stale.length > 0) console.error(`not mapped any more (delete them): ${stale.map((f) => `catalog/sources/sdk/${f}`).join(', ')}`);
  console.log(`tarballs in ${dir}; now run \`npm run catalog\``);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    console.error(`harvest-sdk-actions: ${error.message}`);
    process.exit(1);
  }
}
