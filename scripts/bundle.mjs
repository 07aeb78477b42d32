// Runs every bundle step in scripts/bundles/ (each module's default export, an async function
// given the project root), in name order. `npm run build` calls this after tsc: the bundles are
// built from the compiled dist/ tree, so a bundle never sees code tsc did not check.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'scripts', 'bundles');
for (const name of readdirSync(dir).filter((n) => n.endsWith('.mjs')).sort()) {
  const step = (await import(pathToFileURL(join(dir, name)).href)).default;
  await step(root);
}
