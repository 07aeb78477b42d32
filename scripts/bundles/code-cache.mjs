// V8 code caches for the CLI's CommonJS bundles (issue 15, "CLI start-up"), run by
// scripts/bundle.mjs after cli.mjs: for commander.cjs and each subcommand's file, FILE.cache,
// which main.js gives V8 when it compiles the file (CACHED_REQUIRE in cli.mjs), so a run does not
// compile the code it starts with. Node 20 has no compile cache of its own (module.enableCompileCache
// is Node ≥ 22.1). The cache is made by this Node, in a child process compiling each file as main.js
// does and running its top level (the functions a file runs when loaded are compiled then, and kept
// in the cache): V8 ignores a cache made by another version or under other flags, and the file is
// then compiled as without one. Nothing is ever written at run time.
import { spawnSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * V8 flags a run sets before it loads a file (main.ts: a lint's, src/cli/lint-flags.ts, read here
 * from tsc's output): V8 takes a cache only under the flags it was made with, so the child sets
 * them too (a lint's cache made without them is rejected: test/cli/code-cache.test.ts).
 */
async function flagsByFile(root) {
  const { LINT_V8_FLAGS } = await import(pathToFileURL(join(root, 'dist', 'cli', 'lint-flags.js')).href);
  return { 'lint-command.cjs': LINT_V8_FLAGS };
}

/** What the child runs for one file: argv[1] the file, argv[2] the V8 flags (JSON). */
const CHILD = `
const { readFileSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname } = require('node:path');
const { setFlagsFromString } = require('node:v8');
const { Script } = require('node:vm');
const [file, flags] = [process.argv[1], JSON.parse(process.argv[2])];
for (const flag of flags) setFlagsFromString(flag);
const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file });
const module = new Module(file);
module.filename = file;
module.paths = Module._nodeModulePaths(dirname(file));
require.cache[file] = module;
script.runInThisContext().call(module.exports, module.exports, Module.createRequire(file), module, file, dirname(file));
writeFileSync(file + '.cache', script.createCachedData());
`;

/** The code-cache step run by scripts/bundle.mjs. */
export default async function codeCaches(root) {
  const cli = join(root, 'dist', 'cli');
  // main.cjs is the entry Node itself loads (no code cache can be handed to it): not one of them.
  const files = (await readdir(cli)).filter((name) => name.endsWith('.cjs') && name !== 'main.cjs');
  const FLAGS = await flagsByFile(root);
  for (const name of files) {
    const run = spawnSync(process.execPath, ['-e', CHILD, join(cli, name), JSON.stringify(FLAGS[name] ?? [])], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    if (run.status !== 0) throw new Error(`code cache of dist/cli/${name}: ${run.stderr}`);
  }
}
