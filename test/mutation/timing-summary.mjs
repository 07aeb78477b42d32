// @ts-check
/**
 * Summarises a `timing` reporter file (test/mutation/timing-reporter.mjs): wall time per status
 * (count, total, mean, median, max), per file, and the slowest survivors against the timeout
 * they were given — the margin a lower `timeoutMS` must keep.
 *
 * Usage: `node test/mutation/timing-summary.mjs reports/mutation/timing.json [more files]`.
 */
import { readFileSync } from 'node:fs';

/** @param {number[]} xs */
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.floor(s.length / 2)];
};
/** @param {number} ms */
const sec = (ms) => (ms / 1000).toFixed(1);

for (const file of process.argv.slice(2)) {
  /** @type {{ dryRun: { net?: number, overhead?: number }, wallMs: number, mutants: Array<{ file: string, status: string, ms: number, timeout: number, netTime: number, coveredBy: number, testsCompleted?: number }> }} */
  const t = JSON.parse(readFileSync(file, 'utf8'));
  const n = t.mutants.length;
  console.log(`## ${file}: ${n} mutants run in ${sec(t.wallMs)} s (${((n * 60_000) / t.wallMs).toFixed(1)} a minute); dry run net ${sec(t.dryRun.net ?? 0)} s, overhead ${sec(t.dryRun.overhead ?? 0)} s`);
  /** @type {Map<string, number[]>} */
  const byStatus = new Map();
  for (const m of t.mutants) byStatus.set(m.status, [...(byStatus.get(m.status) ?? []), m.ms]);
  console.log('| status | mutants | wall s | share | mean s | median s | max s |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [status, ms] of [...byStatus].sort((a, b) => b[1].length - a[1].length)) {
    const sum = ms.reduce((a, b) => a + b, 0);
    console.log(`| ${status} | ${ms.length} | ${sec(sum)} | ${((100 * sum) / t.wallMs).toFixed(0)}% | ${sec(sum / ms.length)} | ${sec(median(ms))} | ${sec(Math.max(...ms))} |`);
  }
  /** @type {Map<string, { n: number, ms: number }>} */
  const byFile = new Map();
  for (const m of t.mutants) {
    const e = byFile.get(m.file) ?? { n: 0, ms: 0 };
    e.n++;
    e.ms += m.ms;
    byFile.set(m.file, e);
  }
  for (const [f, e] of byFile) console.log(`  ${f}: ${e.n} in ${sec(e.ms)} s (${sec(e.ms / e.n)} s each)`);
  const survivors = t.mutants.filter((m) => m.status === 'Survived').sort((a, b) => b.ms - a.ms);
  const timeouts = t.mutants.map((m) => m.timeout);
  console.log(`  timeouts given: min ${sec(Math.min(...timeouts))} s, median ${sec(median(timeouts))} s; covering tests' net time: max ${sec(Math.max(...t.mutants.map((m) => m.netTime)))} s`);
  for (const m of survivors.slice(0, 5)) console.log(`  slow survivor: ${sec(m.ms)} s wall (timeout ${sec(m.timeout)} s, net ${sec(m.netTime)} s, ${m.coveredBy} tests)`);
}
