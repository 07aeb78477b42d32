// Copies the generated CommonJS validators (src/diagnostics/validators/*.cjs) next to the compiled
// schema-check.js, which requires them: tsc compiles only TypeScript. Run by `npm run build` and
// `npm run bench` with the directory src compiles to: `node scripts/copy-validators.mjs dist`.
import { cpSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

const out = process.argv[2];
if (!out) {
  console.error('usage: node scripts/copy-validators.mjs OUT_DIR (the directory src compiles to)');
  process.exit(2);
}
const from = fileURLToPath(new URL('../src/diagnostics/validators', import.meta.url));
const to = join(resolve(out), 'diagnostics', 'validators');
// Replaced whole, so a validator no longer generated does not linger in the build.
rmSync(to, { recursive: true, force: true });
cpSync(from, to, { recursive: true });
