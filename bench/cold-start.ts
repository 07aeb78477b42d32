/**
 * Cold start of `ramguard preflight update-instance` (issue #5: under 200 ms), next to a bare
 * `node -e 0` on the same machine, since Node's own start-up is most of it on a slow machine.
 * Runs alternate between the two, after one unmeasured run of each (file cache), so load from
 * other processes falls on both alike. Run by bench/run.ts, or alone: `npm run bench:cold-start`.
 */
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const root = new URL('../../', import.meta.url);
const path = (p: string) => new URL(p, root).pathname;

/** Runs `args` with node and returns the wall time in ms; throws when the exit code is not `expected`. */
function wall(args: string[], expected: number): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const ms = performance.now() - start;
  if (run.status !== expected) throw new Error(`node ${args.join(' ')} exited ${run.status}, not ${expected}: ${run.stderr}`);
  return ms;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The medians of `runs` cold starts of the CLI (an allowed preflight of a JSON policy) and of bare node. */
export function coldStart(runs = 11): { cli: number; bare: number; runs: number } {
  // Allowed (exit 0): the whole path runs, through evaluation and the text rendering.
  const cli = [path('dist/cli/main.js'), 'preflight', 'update-instance', '--instance-id', 'ins-42', '--instance-name', 'viber', '--region', 'ap-southeast-1', '--account-id', '1234567890123456', '--policy', path('policies/examples/cams-operator.json'), '--source-ip', '203.0.113.7', '--current-time', '2026-11-28T10:00:00Z'];
  const bare = ['-e', '0'];
  wall(cli, 0);
  wall(bare, 0);
  const cliTimes: number[] = [];
  const bareTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    cliTimes.push(wall(cli, 0));
    bareTimes.push(wall(bare, 0));
  }
  return { cli: median(cliTimes), bare: median(bareTimes), runs };
}

/** The line bench/run.ts prints. */
export function coldStartLine(runs?: number): string {
  const { cli, bare, runs: n } = coldStart(runs);
  return `preflight (CLI cold start, median of ${n}): ${cli.toFixed(0)} ms (target < 200 ms); bare \`node -e 0\`: ${bare.toFixed(0)} ms, so ramguard's own part is ${(cli - bare).toFixed(0)} ms`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(coldStartLine());
