// V8 code caches for the CLI's CommonJS bundles (issue 15, "CLI start-up"), run by
// scripts/bundle.mjs after cli.mjs: for commander.cjs and each subcommand's file, FILE.cache,
// which main.js gives V8 when it compiles the file (CACHED_REQUIRE in cli.mjs), so a run does not
// compile the code it starts with. Node 20 has no compile cache of its own (module.enableCompileCache
// is Node ≥ 22.1). The cache is made by this Node, in a child process compiling each file as main.js
// does and running its top level (the functions a file runs when loaded are compiled then, and kept
// in the cache), and for lint a run of it (WARM): V8 ignores a cache made by another version or under other flags, and the file is
// then compiled as without one. Nothing is ever written at run time.
import { spawnSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The V8 flags a file's cache is made under: those its command sets before loading it (V8 rejects
 * a cache made under other flags). `ramguard audit` sets src/cli/audit-flags.ts's, after main.js
 * has loaded commander.cjs (made without them): an audit's file made under V8's defaults was
 * rejected, and compiled from the source.
 */
const FLAGS = {
  'audit-command.cjs': async (root) => (await import(pathToFileURL(join(root, 'dist', 'cli', 'audit-flags.js')).href)).AUDIT_V8_FLAGS,
};

/**
 * What a file's cache is made after, beyond its top level: a run of the command on a small input,
 * so that the functions that run compiles are in the cache too (V8 keeps in it every function
 * compiled so far): the functions a lint runs were compiled lazily at run time, after its top
 * level (a lint of one file: 1.43x → 1.38x `node -e 0`'s CPU time with lint-flags.ts's change,
 * bench/cold-start.ts). `module` is the file's module, `io` an Io that prints nothing, `example` a
 * policy file of the package.
 */
const WARM = {
  'lint-command.cjs': "await module.exports.lintCommand(io).parseAsync(['lint', example], { from: 'user' });",
};

/** What the child runs for one file: argv[1] the file, argv[2] the run to make its cache after (WARM). */
const CHILD = `
const { readFileSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');
const [file, warm] = [process.argv[1], process.argv[2]];
const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file });
const module = new Module(file);
module.filename = file;
module.paths = Module._nodeModulePaths(dirname(file));
require.cache[file] = module;
script.runInThisContext().call(module.exports, module.exports, Module.createRequire(file), module, file, dirname(file));
const io = { out() {}, outParts(parts) { for (const part of parts); }, err() {}, setExit() {}, cwd: process.cwd(), readStdin: () => Buffer.alloc(0) };
const example = join(process.cwd(), 'policies', 'examples', 'cams-operator.json');
new Function('module', 'io', 'example', 'return (async () => { ' + warm + ' })()')(module, io, example).then(() => writeFileSync(file + '.cache', script.createCachedData()));
`;

/** The code-cache step run by scripts/bundle.mjs. */
export default async function codeCaches(root) {
  const cli = join(root, 'dist', 'cli');
  // main.cjs is the entry Node itself loads (no code cache can be handed to it): not one of them.
  const files = (await readdir(cli)).filter((name) => name.endsWith('.cjs') && name !== 'main.cjs');
  for (const name of files) {
    const flags = FLAGS[name] ? await FLAGS[name](root) : [];
    const run = spawnSync(process.execPath, [...flags, '-e', CHILD, join(cli, name), WARM[name] ?? ''], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    if (run.status !== 0) throw new Error(`code cache of dist/cli/${name}: ${run.stderr}`);
  }
}
