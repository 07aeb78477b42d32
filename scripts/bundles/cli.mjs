// Bundles the CLI from the compiled dist/ tree (issue 15, "CLI start-up"). dist/cli/main.js, the
// `bin`, becomes one ES module with the program and its root help; each subcommand
// module (`./eval-command.js`, ... — what program.js imports when that subcommand runs) becomes
// one CommonJS file next to it, `eval-command.cjs`, with everything it uses from src/, which
// main.js loads with require(). A run loads two files of ramguard instead of ~100 modules:
// measured (bench/cold-start.ts), Node spends most of a short run resolving, compiling and
// linking modules, and a CommonJS file costs less to load than an ES module.
//
// main.js stays an ES module, and tsc's own files of dist/cli/ stay where they are: when a build
// stops after tsc (a type error elsewhere), tsc's main.js is back and runs them, unbundled, as
// before. Packages stay outside but for the small ones every run needs (see EXTERNAL). Modules
// that find files next to themselves (the catalog's JSON, the precompiled validators, the
// playground page) keep their `import.meta.url`: it is rewritten to the URL the module has in
// dist/, so their relative paths resolve as they do unbundled. dist/index.js and the library
// entries are not touched.
import { readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { build } from 'esbuild';

/**
 * The packages left to Node: loaded only by the paths that need them (yaml for YAML text, ajv for a
 * schema without a precompiled validator, Alibaba's SDK for a call), and `debug`, whose copies
 * output-guard.ts must find in require.cache; and commander, bundled apart (commander.cjs) for
 * main.js and every subcommand to share. The others (minimatch, ...) are small: bundled, they
 * cost no resolution of their files.
 */
const EXTERNAL = ['@alicloud/*', 'yaml', 'ajv', 'ajv/*', 'debug', 'commander'];

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

/**
 * How main.js loads commander.cjs and a subcommand's file: as require() would (the same module in
 * require.cache, so a subcommand's own require('./commander.cjs') shares it), but compiled with the
 * V8 code cache scripts/bundles/code-cache.mjs wrote next to the file at build time (FILE.cache),
 * which V8 checks against its version, flags and the source and ignores if they differ. Nothing
 * is written at run time; without a cache file it is require() itself. Measured: the compiling a
 * run skips is about 5% of a short run (bench/cold-start.ts).
 */
const CACHED_REQUIRE = `import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';
export function requireCached(request) {
  const file = require.resolve(request);
  const known = require.cache[file];
  if (known) return known.exports;
  let cachedData;
  try {
    cachedData = readFileSync(file + '.cache');
  } catch {
    return require(file);
  }
  const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  const module = new Module(file);
  module.filename = file;
  module.paths = Module._nodeModulePaths(dirname(file));
  require.cache[file] = module;
  try {
    script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  } catch (error) {
    delete require.cache[file];
    throw error;
  }
  module.loaded = true;
  return module.exports;
}
`;

/**
 * commander for main.js: dist/cli/commander.cjs, the package bundled into one file, which the
 * subcommands require too (any name it lacks fails the build).
 */
const COMMANDER_SHIM = `import { requireCached } from 'ramguard-cached-require';
const commander = requireCached('./commander.cjs');
export const { Argument, Command, CommanderError, Help, InvalidArgumentError, InvalidOptionArgumentError, Option, createArgument, createCommand, createOption, program } = commander;
`;

/**
 * Node's modules a run may not need, whose loading costs a short run: node:crypto (15 internal
 * modules, about 5 ms: only the emulator's signatures use it, SARIF's fingerprints no longer) and
 * node:child_process (net, dgram and streams, about 4 ms: commander's executable subcommands,
 * which ramguard has none of, and git revisions in `check`). In the bundles each stands for a
 * module of the same functions that loads the real one when first called. Functions only: a name
 * the list lacks fails the build ("No matching export"), so a new use is never silently eager.
 */
const LAZY_BUILTINS = {
  'node:crypto': ['createHash', 'createHmac', 'timingSafeEqual', 'randomUUID'],
  'node:child_process': ['spawn', 'spawnSync'],
  // Node's zlib loads its stream modules: only a lint whose report cannot be kept in a file deflates it (src/cli/kit/packed-parts.ts).
  'node:zlib': ['deflateRawSync', 'inflateRawSync'],
  // node:v8 loads Node's stream modules (heap snapshots): only a lint and an audit set V8 flags, through node:v8 only where Node's V8 binding lacks it (src/cli/kit/v8-flags.ts, from main.js).
  'node:v8': ['setFlagsFromString'],
};

/** Resolves the modules of LAZY_BUILTINS (also as `crypto`, ...) to their lazy stand-ins. */
function lazyBuiltinsPlugin() {
  const ids = Object.keys(LAZY_BUILTINS);
  return {
    name: 'ramguard-lazy-builtins',
    setup(b) {
      b.onResolve({ filter: /^(node:)?(crypto|child_process|zlib|v8)$/ }, (args) => (args.namespace === 'ramguard-lazy' ? undefined : { path: args.path.startsWith('node:') ? args.path : `node:${args.path}`, namespace: 'ramguard-lazy' }));
      b.onLoad({ filter: /.*/, namespace: 'ramguard-lazy' }, (args) => {
        if (!ids.includes(args.path)) throw new Error(`cli bundle: no lazy stand-in for ${args.path}`);
        const names = LAZY_BUILTINS[args.path];
        const contents = [`let real;`, `const load = () => (real ??= require(${JSON.stringify(args.path)}));`, ...names.map((n) => `export function ${n}(...args) { return load().${n}(...args); }`)].join('\n');
        return { contents, loader: 'js' };
      });
    },
  };
}
/**
 * For main.js, an ES module: Node's modules through the banner's `require`, not `import`. An
 * ES module import of `node:fs` reads every export of it to make its namespace, which loads the
 * lazy parts (streams, fs/promises, ...): about 2 ms of a run.
 */
const BUILTINS_BY_REQUIRE = {
  name: 'ramguard-builtins-by-require',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => (args.namespace === 'ramguard-require' || args.kind === 'require-call' ? undefined : { path: args.path, namespace: 'ramguard-require' }));
    b.onLoad({ filter: /.*/, namespace: 'ramguard-require' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

/** The subcommand modules program.js imports, found in its compiled text. */
async function commandModules(cli) {
  const program = await readFile(join(cli, 'program.js'), 'utf8');
  const names = [...program.matchAll(/import\('\.\/([a-z-]+-command)\.js'\)/g)].map((m) => m[1]);
  if (names.length === 0) throw new Error('cli bundle: no subcommand import found in dist/cli/program.js');
  return [...new Set(names)];
}

/**
 * Gives every module its own `import.meta.url` (as a file of dist/) inside a bundle in dist/cli/:
 * `own` says how the bundle file names its own URL.
 */
function moduleUrlPlugin(cli, own) {
  return {
    name: 'ramguard-module-url',
    setup(b) {
      b.onLoad({ filter: /\.js$/ }, async (args) => {
        let text = await readFile(args.path, 'utf8');
        if (text.includes('import.meta.url')) {
          const path = relative(cli, args.path).split('\\').join('/');
          // An entry's hashbang (main.js) must stay its first line.
          const bang = text.startsWith('#!') ? text.slice(0, text.indexOf('\n') + 1) : '';
          text = `${bang}${own.imports}\n${text.slice(bang.length).replaceAll('import.meta.url', `new URL(${JSON.stringify(path)}, ${own.url}).href`)}`;
        }
        return { contents: text, loader: 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}

const COMMON = { bundle: true, platform: 'node', target: 'node20', external: EXTERNAL, minifyWhitespace: true, minifySyntax: true, logLevel: 'warning', allowOverwrite: true };

/** The bundle step run by scripts/bundle.mjs. */
export default async function bundleCli(root) {
  const cli = join(root, 'dist', 'cli');
  const main = await readFile(join(cli, 'main.js'), 'utf8');
  if (!main.includes("from './program.js'")) throw new Error('cli bundle: dist/cli/main.js is not tsc output (already bundled?): run tsc first (npm run build)');
  const commands = await commandModules(cli);
  // Earlier layouts of this bundle: shared chunks, and a marker making dist/cli/ CommonJS (which
  // would break main.js).
  await rm(join(cli, 'package.json'), { force: true });
  // The code caches of the last build (scripts/bundles/code-cache.mjs writes them anew after this
  // step): none may outlive the file it was made from.
  for (const name of await readdir(cli)) if (/^bundle-[A-Z0-9]+\.js$/.test(name) || name.endsWith('.cjs.cache')) await rm(join(cli, name));
  // commander, one file: seven fewer to resolve and load, and one copy for main.js and every
  // subcommand (its classes are checked with `instanceof`).
  await build({
    ...COMMON,
    absWorkingDir: root,
    entryPoints: { commander: 'commander' },
    outdir: cli,
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    external: [],
    plugins: [lazyBuiltinsPlugin()],
  });
  // The subcommands: CommonJS, `require`d by main.js.
  await build({
    ...COMMON,
    absWorkingDir: root,
    entryPoints: Object.fromEntries(commands.map((name) => [name, join(cli, `${name}.js`)])),
    outdir: cli,
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    // An import() inside a command (audit's renderers, the credential chain) stays lazy as a require().
    supported: { 'dynamic-import': false },
    // The global `performance` loads Node's perf_hooks (9 modules, 2–4 ms of a `check`, which times
    // its search with it): the bundles read the same monotonic clock through process.hrtime.
    define: { 'performance.now': '__ramguardNow' },
    banner: { js: 'const __ramguardNow = () => Number(process.hrtime.bigint()) / 1e6;' },
    plugins: [
      lazyBuiltinsPlugin(),
      {
        name: 'ramguard-node-module',
        setup(b) {
          // src/'s `node:module` (createRequire only: any other import of it fails the build).
          b.onResolve({ filter: /^node:module$/ }, (args) => (args.importer.startsWith(join(root, 'dist')) ? { path: 'node-module-shim', namespace: 'ramguard-cli' } : undefined));
          b.onLoad({ filter: /.*/, namespace: 'ramguard-cli' }, () => ({ contents: NODE_MODULE_SHIM, loader: 'js', resolveDir: root }));
        },
      },
      moduleUrlPlugin(cli, { imports: "import { pathToFileURL as __ramguardFileUrl } from 'node:url';", url: '__ramguardFileUrl(__filename)' }),
      {
        name: 'ramguard-commander',
        setup(b) {
          b.onResolve({ filter: /^commander$/ }, () => ({ path: './commander.cjs', external: true }));
        },
      },
    ],
  });
  // The same program as CommonJS, main.cjs: the package's `bin`. Node loads an ES module entry
  // through its ES module loader, which costs a short run about 8% over `node -e 0` (measured
  // with bench/cold-start.ts); a CommonJS entry does not. main.js stays, the same program, for
  // whoever runs it by path (the tests run both). Built first: the next build replaces tsc's main.js.
  await build({
    ...COMMON,
    absWorkingDir: root,
    entryPoints: { main: join(cli, 'main.js') },
    outdir: cli,
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    supported: { 'dynamic-import': false },
    plugins: [lazyBuiltinsPlugin(), commandsPlugin(root, cli), moduleUrlPlugin(cli, { imports: "import { pathToFileURL as __ramguardFileUrl } from 'node:url';", url: '__ramguardFileUrl(__filename)' })],
  });
  // The program: an ES module whose subcommand imports become require()s of the files above. Its
  // commander is commander.cjs, which the subcommands require too (one CommanderError class for
  // `instanceof`), loaded through the `require` the banner makes: no ES module wrapper.
  await build({
    ...COMMON,
    absWorkingDir: root,
    entryPoints: { main: join(cli, 'main.js') },
    outdir: cli,
    format: 'esm',
    supported: { 'dynamic-import': false },
    banner: { js: "import { createRequire as __ramguardCreateRequire } from 'node:module';\nconst require = __ramguardCreateRequire(import.meta.url);" },
    plugins: [lazyBuiltinsPlugin(), BUILTINS_BY_REQUIRE, commandsPlugin(root, cli), moduleUrlPlugin(cli, { imports: '', url: 'import.meta.url' })],
  });
}

/** main.js's commander (commander.cjs through the cached require) and its subcommands (their .cjs files, required when run). */
function commandsPlugin(root, cli) {
  return {
    name: 'ramguard-commands',
    setup(b) {
      b.onResolve({ filter: /^commander$/ }, () => ({ path: 'commander', namespace: 'ramguard-commander' }));
      b.onLoad({ filter: /.*/, namespace: 'ramguard-commander' }, () => ({ contents: COMMANDER_SHIM, loader: 'js', resolveDir: root }));
      b.onResolve({ filter: /^ramguard-cached-require$/ }, () => ({ path: 'cached-require', namespace: 'ramguard-cached' }));
      b.onLoad({ filter: /^cached-require$/, namespace: 'ramguard-cached' }, () => ({ contents: CACHED_REQUIRE, loader: 'js', resolveDir: root }));
      b.onResolve({ filter: /^\.\/[a-z-]+-command\.js$/ }, (args) => (args.kind === 'dynamic-import' && args.importer === join(cli, 'program.js') ? { path: args.path.replace(/\.js$/, '.cjs'), namespace: 'ramguard-cached' } : undefined));
      b.onLoad({ filter: /-command\.cjs$/, namespace: 'ramguard-cached' }, (args) => ({ contents: `module.exports = require('ramguard-cached-require').requireCached(${JSON.stringify(args.path)});`, loader: 'js', resolveDir: root }));
    },
  };
}
