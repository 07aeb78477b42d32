/**
 * Peak memory of `ramguard lint DIR` (issue 15, "Memory"): 2,000 generated policy files (as
 * bench/lint.ts makes them) linted by the built CLI in one process, in each output format, next to
 * the CLI on one file and a bare `node -e 0` (Node's own floor). Peak RSS is read by each child at
 * its exit, through a preloaded module given to all of them: on Linux VmHWM, the peak of the
 * child's own memory. `process.resourceUsage().maxRSS` (elsewhere) is the process's, which on Linux
 * keeps across exec what the forked copy of this bench held: a bench holding reports of 12 MiB
 * measured itself, 62–86 MiB for children that peaked at 52. Each child's CPU time (user and
 * system) is printed too. Build first (`npm run build`), then
 * `tsc -p tsconfig.bench.json && node dist-bench/bench/lint-cli.js`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { typicalStatements } from './policies.js';

const root = new URL('../../', import.meta.url);
// The package's `bin` (main.js, the same program as an ES module, is not what a user runs).
const bin = new URL('dist/cli/main.cjs', root).pathname;

/** Writes `count` policy files into `dir`, of 1 to 20 statements, every 50th with a grammar error. */
function writeFiles(dir: string, count: number): void {
  for (let i = 0; i < count; i++) {
    const statements = typicalStatements(i).slice(0, 1 + (i % 10));
    const doc = { Version: '1', Statement: i % 2 === 0 ? statements : [...statements, ...typicalStatements(i + 1)] };
    let text = JSON.stringify(doc, null, 2);
    if (i % 50 === 0) text = text.replace('"Allow"', '"allow"');
    writeFileSync(join(dir, `policy-${i}.json`), text);
  }
}

/**
 * What each child writes on fd 3 at its exit: its peak RSS in KiB (VmHWM where /proc is, else
 * maxRSS) and its CPU time in ms.
 */
const REPORTER = `process.on('exit', () => {
  const fs = require('fs');
  const usage = process.resourceUsage();
  let kib = usage.maxRSS;
  try { kib = Number(/VmHWM:\\s+(\\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]); } catch {}
  fs.writeSync(3, kib + ' ' + (usage.userCPUTime + usage.systemCPUTime) / 1000);
});
`;

/** Peak RSS in MiB of `node ARGS`, its CPU time in ms, and the characters it printed. */
function peak(args: string[], reporter: string): { mib: number; cpu: number; printed: number } {
  // Only the length of what it prints is kept: this process's size does not matter (see above), but stays small.
  const run = spawnSync(process.execPath, ['--require', reporter, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  const [kib, cpu] = String(run.output[3]).split(' ').map(Number);
  if (!Number.isFinite(kib) || !Number.isFinite(cpu)) throw new Error(`node ${args.join(' ')} reported no peak memory: ${run.stderr}`);
  return { mib: kib! / 1024, cpu: cpu!, printed: run.stdout.length };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The lines to print: the floor, one file, then 2,000 files per format (medians of `runs`). */
export function lintMemoryLines(files = 2000, runs = 3): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'ramguard-lint-cli-'));
  const reporter = join(dir, 'rss.cjs');
  writeFileSync(reporter, REPORTER);
  const policies = join(dir, 'policies');
  try {
    mkdirSync(policies);
    writeFiles(policies, files);
    const measure = (args: string[]) => {
      const all = Array.from({ length: runs }, () => peak(args, reporter));
      return { mib: median(all.map((r) => r.mib)), cpu: median(all.map((r) => r.cpu)), printed: all[0]!.printed };
    };
    const floor = measure(['-e', '0']);
    const one = measure([bin, 'lint', join(policies, 'policy-1.json')]);
    const lines = [`lint memory (peak RSS, median of ${runs}): bare \`node -e 0\` ${floor.mib.toFixed(0)} MiB; ramguard lint of 1 file ${one.mib.toFixed(0)} MiB`];
    for (const format of ['text', 'json', 'sarif']) {
      const r = measure([bin, 'lint', policies, '--format', format]);
      lines.push(`  lint of ${files.toLocaleString('en-US')} files, --format ${format.padEnd(5)} ${r.mib.toFixed(1).padStart(5)} MiB peak RSS (${(r.mib - floor.mib).toFixed(0)} MiB above the floor; report ${(r.printed / 1024 / 1024).toFixed(1)} MiB; ${(r.cpu / 1000).toFixed(1)} s CPU; target ≤ 50 MiB)`);
    }
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(lintMemoryLines(Number(process.argv[2] ?? 2000)).join('\n'));
