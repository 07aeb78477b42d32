/**
 * Lint throughput: 10,000 generated policy files of mixed sizes written to a temporary directory,
 * then read and linted in this one process as `ramguard lint DIR` does. Run by bench/run.ts in a
 * child process, so the peak memory it reports is the lint run's own.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinCatalog } from '../src/index.js';
import { lintPolicy } from '../src/lint/engine.js';
import { extractPolicies } from '../src/lint/inputs/extract.js';
import { typicalStatements } from './policies.js';

const FILES = 10_000;
const dir = mkdtempSync(join(tmpdir(), 'ramguard-lint-bench-'));
let bytes = 0;
for (let i = 0; i < FILES; i++) {
  // Sizes vary from 1 to 20 statements; every 50th file has a grammar error.
  const statements = typicalStatements(i).slice(0, 1 + (i % 10));
  const doc = { Version: '1', Statement: i % 2 === 0 ? statements : [...statements, ...typicalStatements(i + 1)] };
  let text = JSON.stringify(doc, null, 2);
  if (i % 50 === 0) text = text.replace('"Allow"', '"allow"');
  bytes += text.length;
  writeFileSync(join(dir, `policy-${i}.json`), text);
}
const catalog = builtinCatalog();
const start = performance.now();
let findings = 0;
for (const name of readdirSync(dir)) {
  const file = join(dir, name);
  const extraction = extractPolicies(readFileSync(file, 'utf8'), file, { explicit: false });
  for (const source of extraction.sources) findings += lintPolicy(source, catalog).length;
}
const seconds = (performance.now() - start) / 1000;
rmSync(dir, { recursive: true, force: true });
const peakMiB = process.resourceUsage().maxRSS / 1024;
console.log(`lint: ${FILES.toLocaleString('en-US')} files (${(bytes / 1024 / 1024).toFixed(1)} MiB) in ${seconds.toFixed(2)} s = ${Math.round(FILES / seconds).toLocaleString('en-US')} files/s (target ≥ 2,000/s), ${findings.toLocaleString('en-US')} findings, peak RSS ${peakMiB.toFixed(0)} MiB`);
