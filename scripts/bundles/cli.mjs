// Bundles the CLI from the compiled dist/ tree (issue 15, "CLI start-up"): dist/cli/main.js, the
// `bin`, becomes one CommonJS file with the program and its root help, and each subcommand module
// (`./eval-command.js`, ... — what program.js imports when that subcommand runs) one more file of
// its own, with everything it uses from src/. A run loads two files of ramguard instead of ~100
// modules. Measured (bench/cold-start.ts), Node spends most of a short run resolving, compiling
// and linking modules, and starting its ES module loader at all costs ~15 ms: so the bundles are
// CommonJS (dist/cli/package.json says so) and a subcommand is loaded with require().
//
// Packages stay outside (`packages: 'external'`), loaded by Node from node_modules as before:
// output-guard.ts silences the `debug` copies it finds in require.cache, and yaml, ajv and
// Alibaba's SDK are loaded only by the paths that need them. Modules that find files next to
// themselves (the catalog's JSON, the precompiled validators, the playground page) keep their
// `import.meta.url`: it is rewritten to the URL the module has in dist/, so their relative paths
// resolve as they do unbundled. dist/index.js and the library entries are not touched.
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { build } from 'esbuild';

/**
 * The packages left to Node: loaded only by the paths that need them (yaml for YAML text, ajv for a
 * schema without a precompiled validator, Alibaba's SDK for a call), and `debug`, whose copies
 * output-guard.ts must find in require.cache. The others (commander, minimatch, ...) are small
 * and needed at once: bundled, they cost no resolution of their files.
 */
const EXTERNAL = ['@alicloud/*', 'yaml', 'ajv', 'ajv/*', 'debug'];

/**
 * The packages src/ loads with createRequire that are bundled all the same: the `node:module`
 * stand-in below gives them from the bundle (each initialised when first required, as before),
 * and everything else (the validators next to their module, yaml, ajv) from Node's require.
 * jsonc-parser's ES build is taken: its UMD build requires its own parts at run time.
 */
const BUNDLED_REQUIRES = {
  'jsonc-parser': 'jsonc-parser/lib/esm/main.js',
  'ipaddr.js': 'ipaddr.js',
};

/** The `node:module` stand-in: `createRequire` as Node's, but the packages above from the bundle. */
const NODE_MODULE_SHIM = `import { createRequire as nodeCreateRequire } from 'node:module';
const BUNDLED = {
${Object.entries(BUNDLED_REQUIRES)
  .map(([id, path]) => `  ${JSON.stringify(id)}: () => require(${JSON.stringify(path)}),`)
  .join('\n')}
};
export function createRequire(url) {
  const real = nodeCreateRequire(url);
  const require = (id) => (Object.hasOwn(BUNDLED, id) ? BUNDLED[id]() : real(id));
  require.cache = real.cache;
  require.resolve = real.resolve;
  return require;
}
`;

/** The subcommand modules program.js imports, found in its compiled text. */
async function commandModules(cli) {
  const program = await readFile(join(cli, 'program.js'), 'utf8');
  const names = [...program.matchAll(/import\('\.\/([a-z-]+-command)\.js'\)/g)].map((m) => m[1]);
  if (names.length === 0) throw new Error('cli bundle: no subcommand import found in dist/cli/program.js');
  return [...new Set(names)];
}

/** Every file under `dir`, recursively. */
async function files(dir) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await files(path)));
    else found.push(path);
  }
  return found;
}

/** The bundle step run by scripts/bundle.mjs. */
export default async function bundleCli(root) {
  const cli = join(root, 'dist', 'cli');
  const main = await readFile(join(cli, 'main.js'), 'utf8');
  if (!main.includes('import ')) throw new Error('cli bundle: dist/cli/main.js is not tsc output (already bundled?): run tsc first (npm run build)');
  const commands = await commandModules(cli);
  const entryPoints = Object.fromEntries([['main', join(cli, 'main.js')], ...commands.map((name) => [name, join(cli, `${name}.js`)])]);
  const result = await build({
    entryPoints,
    outdir: cli,
    absWorkingDir: root,
    allowOverwrite: true,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    // import() becomes require(): a CommonJS file loaded with import() would start the ES loader.
    supported: { 'dynamic-import': false },
    metafile: true,
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
    plugins: [
      {
        name: 'ramguard-cli',
        setup(b) {
          // src/'s `node:module` (createRequire only: any other import of it fails the build).
          b.onResolve({ filter: /^node:module$/ }, (args) => (args.importer.startsWith(join(root, 'dist')) ? { path: 'node-module-shim', namespace: 'ramguard-cli' } : undefined));
          b.onLoad({ filter: /.*/, namespace: 'ramguard-cli' }, () => ({ contents: NODE_MODULE_SHIM, loader: 'js', resolveDir: root }));
          // A subcommand imported by program.js is its own output file, not a copy inside main.js.
          b.onResolve({ filter: /^\.\/[a-z-]+-command\.js$/ }, (args) => (args.kind === 'dynamic-import' && args.importer === join(cli, 'program.js') ? { path: args.path, external: true } : undefined));
          b.onLoad({ filter: /\.js$/ }, async (args) => {
            let text = await readFile(args.path, 'utf8');
            if (text.includes('import.meta.url')) {
              // Every output file is in dist/cli/, so the module's own URL is this path from there.
              const own = relative(cli, args.path).split('\\').join('/');
              const url = `new URL(${JSON.stringify(own)}, __ramguardFileUrl(__filename)).href`;
              text = `import { pathToFileURL as __ramguardFileUrl } from 'node:url';\n${text.replaceAll('import.meta.url', url)}`;
            }
            return { contents: text, loader: 'js', resolveDir: dirname(args.path) };
          });
        },
      },
    ],
  });
  const outputs = new Set(Object.keys(result.metafile.outputs).map((p) => join(root, p)));
  // tsc's ES modules of dist/cli/ would not load as CommonJS, and nothing loads them (the CLI is
  // no library entry): removed with their declarations and maps, so that no stale copy of a
  // command lies next to its bundle.
  for (const file of await files(cli)) if (!outputs.has(file)) await rm(file);
  for (const entry of await readdir(cli, { withFileTypes: true })) if (entry.isDirectory()) await rm(join(cli, entry.name), { recursive: true });
  await writeFile(join(cli, 'package.json'), '{\n  "type": "commonjs"\n}\n');
}
