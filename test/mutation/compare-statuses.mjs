// @ts-check
/**
 * Compares the status of every mutant in two Stryker JSON reports (`jsonReporter` output), for a
 * change to how mutants are run — a runner, a test order, a test left out — that must change no
 * status: `node test/mutation/compare-statuses.mjs before.json after.json`. Mutants are matched
 * by file, position, mutator and replacement (ids depend on which files a run mutated), so two
 * runs over different sets of files compare on the files they share. Exits 1 when a status differs.
 */
import { readFileSync } from 'node:fs';

/** @param {string} file @returns {Map<string, string>} key → status */
function statuses(file) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const out = new Map();
  for (const [name, entry] of Object.entries(report.files)) {
    for (const m of /** @type {any[]} */ (entry.mutants)) {
      const { start, end } = m.location;
      out.set(`${name}:${start.line}:${start.column}-${end.line}:${end.column} ${m.mutatorName} ${JSON.stringify(m.replacement ?? '')}`, m.status);
    }
  }
  return out;
}

const [beforeFile, afterFile] = process.argv.slice(2);
if (!beforeFile || !afterFile) {
  console.error('usage: compare-statuses.mjs <before.json> <after.json>');
  process.exit(2);
}
const before = statuses(beforeFile);
const after = statuses(afterFile);
let compared = 0;
const differing = [];
for (const [key, status] of before) {
  const other = after.get(key);
  if (other === undefined) continue;
  compared++;
  if (other !== status) differing.push(`${key}: ${status} → ${other}`);
}
for (const line of differing) console.log(line);
console.log(`${compared} mutants in both reports, ${differing.length} with another status`);
process.exit(differing.length > 0 ? 1 : 0);
