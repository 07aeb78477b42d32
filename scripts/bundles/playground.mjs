// Bundles the playground page's script (playground/main.ts and the pure modules of src/ it uses)
// into dist/playground/app.js, which `ramguard playground` inlines into the page. The bundle is
// built from the TypeScript sources (the browser code is outside tsconfig.json: it needs the DOM
// library; `npm run typecheck` checks it with playground/tsconfig.json). Two Node-only seams are
// replaced, each by a module generated here from the files it stands for:
//   - `node:module`'s createRequire, which src/ uses to load yaml, ipaddr.js, jsonc-parser and
//     the precompiled schema validators lazily: here a table of the same modules, bundled;
//   - src/catalog/service-files.ts, which reads catalog/generated/<service>.json: here the same
//     JSON, every service, embedded as strings and parsed when a service is first used.
// Any other Node built-in reached from the page's code fails the build (platform: browser).
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeMetafile, build } from 'esbuild';

/**
 * The packages src/ loads through createRequire (besides the validators): how the page gets each.
 * ESM packages are imported (esbuild would take their CommonJS build for a require(), and
 * jsonc-parser's UMD build requires its own parts at run time); ipaddr.js is CommonJS only.
 */
const PACKAGES = [
  ['yaml', 'import'],
  ['jsonc-parser', 'import'],
  ['ipaddr.js', 'require'],
];

/**
 * The precompiled validators the page uses: scenarios and the four policy kinds. The others
 * (snapshot, lint configuration, catalog service files) read inputs the page never has; a require
 * of one fails loudly (`not bundled`) instead of adding 120 KB to every page.
 */
const PAGE_VALIDATORS = ['scenario.cjs', 'policy-identity.cjs', 'policy-session.cjs', 'policy-control.cjs', 'policy-trust.cjs'];

/** The `node:module` stand-in: createRequire gives a require of the bundled table only. */
function nodeModuleShim(validatorsDir) {
  const present = new Set(readdirSync(validatorsDir));
  const missing = PAGE_VALIDATORS.filter((n) => !present.has(n));
  if (missing.length > 0) throw new Error(`playground bundle: precompiled validators missing: ${missing.join(', ')} (run \`npm run validators\`)`);
  const names = PAGE_VALIDATORS;
  const imports = PACKAGES.map(([p, how], i) => (how === 'import' ? `import * as package${i} from ${JSON.stringify(p)};` : '')).join('\n');
  const rows = [
    ...PACKAGES.map(([p, how], i) => `  ${JSON.stringify(p)}: () => ${how === 'import' ? `package${i}` : `require(${JSON.stringify(p)})`},`),
    ...names.map((n) => `  ${JSON.stringify(`./validators/${n}`)}: () => require(${JSON.stringify(join(validatorsDir, n))}),`),
  ];
  return `${imports}\nconst table = {\n${rows.join('\n')}\n};
export function createRequire() {
  return (id) => {
    if (!Object.hasOwn(table, id)) throw new Error('internal: \`' + id + '\` is not bundled in the playground');
    return table[id]();
  };
}
`;
}

/** The service-files stand-in: every built-in service's JSON, minified, parsed on first use. */
function serviceFilesShim(generatedDir) {
  const rows = readdirSync(generatedDir)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => `  ${JSON.stringify(n.slice(0, -5))}: ${JSON.stringify(JSON.stringify(JSON.parse(readFileSync(join(generatedDir, n), 'utf8'))))},`);
  return `const SERVICES = Object.assign(Object.create(null), {\n${rows.join('\n')}\n});
export function readBuiltinService(service) {
  if (!Object.hasOwn(SERVICES, service)) throw new Error('internal: no built-in service \`' + service + '\`');
  return JSON.parse(SERVICES[service]);
}
`;
}

/** Bundles the playground's script into dist/playground/app.js. */
export default async function bundlePlayground(root) {
  const validatorsDir = join(root, 'src', 'diagnostics', 'validators');
  const generatedDir = join(root, 'catalog', 'generated');
  const shims = {
    name: 'ramguard-playground-shims',
    setup(b) {
      b.onResolve({ filter: /^node:module$/ }, () => ({ path: 'node-module', namespace: 'shim' }));
      b.onResolve({ filter: /\/service-files\.js$/ }, (args) => (args.importer.includes(join('src', 'catalog')) ? { path: 'service-files', namespace: 'shim' } : undefined));
      b.onLoad({ filter: /^node-module$/, namespace: 'shim' }, () => ({ contents: nodeModuleShim(validatorsDir), loader: 'js', resolveDir: root }));
      b.onLoad({ filter: /^service-files$/, namespace: 'shim' }, () => ({ contents: serviceFilesShim(generatedDir), loader: 'js', resolveDir: root }));
    },
  };
  const outDir = join(root, 'dist', 'playground');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, 'app.js');
  const result = await build({
    entryPoints: [join(root, 'playground', 'main.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome111', 'firefox113', 'safari16.4'],
    minify: true,
    legalComments: 'none',
    charset: 'ascii',
    // createRequire's argument: the shim ignores it, and an iife has no import.meta.
    define: { 'import.meta.url': '"about:blank"' },
    plugins: [shims],
    metafile: true,
    outfile,
    logLevel: 'warning',
  });
  if (process.env.RAMGUARD_BUNDLE_ANALYSE) console.log(await analyzeMetafile(result.metafile));
  console.log(`playground: ${outfile} (${(statSync(outfile).size / 1024).toFixed(0)} KiB)`);
}
