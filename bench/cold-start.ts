/**
 * Cold starts of the CLI (issue 15: `--version` and `--help` ≤ 1.3× a bare `node -e 0`, `eval`,
 * `preflight` and `lint` of one file ≤ 1.4×, `check no-new-access` ≤ 1.8×), each as a ratio to the
 * Node floor measured in the same rounds: every round runs the floor, then each command, then the
 * floor again, and a command's ratio in a round is its time over the mean of the two floors
 * around it, so load from other processes falls on both alike. Reported: the median of the
 * per-round ratios, of wall time and of CPU time (user + system, read by each child at its exit
 * through a preloaded module given to the floor too). One unmeasured run of each first (file
 * cache). Run by bench/run.ts, or alone: `npm run bench:cold-start` (`-- 21` for more rounds).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('../../', import.meta.url);
const path = (p: string) => new URL(p, root).pathname;

/** One measured command line: its arguments to node, its expected exit code and its target ratio. */
interface Target {
  name: string;
  args: string[];
  exit: number;
  target: number;
}

function targets(): Target[] {
  // The package's `bin`: the CommonJS bundle (main.js, the same program as an ES module, pays Node's ES module loader).
  const bin = path('dist/cli/main.cjs');
  const policy = path('policies/examples/cams-operator.json');
  const instance = 'acs:cams:ap-southeast-1:1234567890123456:instance/ins-42';
  return [
    { name: '--version', args: [bin, '--version'], exit: 0, target: 1.3 },
    { name: '--help', args: [bin, '--help'], exit: 0, target: 1.3 },
    // Allowed (exit 0): parsing, evaluation with its conditions and the explained text rendering all run.
    { name: 'eval (one policy file)', args: [bin, 'eval', '--policy', policy, '--action', 'cams:UpdateInstance', '--resource', instance, '--context', 'acs:SourceIp=203.0.113.7', '--context', 'acs:SecureTransport=true'], exit: 0, target: 1.4 },
    // Allowed (exit 0): the whole path runs, through evaluation and the text rendering.
    {
      name: 'preflight update-instance',
      args: [bin, 'preflight', 'update-instance', '--instance-id', 'ins-42', '--instance-name', 'viber', '--region', 'ap-southeast-1', '--account-id', '1234567890123456', '--policy', policy, '--source-ip', '203.0.113.7', '--current-time', '2026-11-28T10:00:00Z'],
      exit: 0,
      target: 1.4,
    },
    { name: 'lint (one file)', args: [bin, 'lint', policy], exit: 0, target: 1.4 },
    { name: 'check no-new-access', args: [bin, 'check', 'no-new-access', '--base', policy, '--candidate', policy], exit: 0, target: 1.8 },
  ];
}

/** Times of one run: wall and CPU, in ms. */
interface Times {
  wall: number;
  cpu: number;
}

/** Runs `args` with node (and the CPU reporter preloaded); throws when the exit code is not `expected`. */
function time(args: string[], expected: number, reporter: string): Times {
  const start = performance.now();
  const run = spawnSync(process.execPath, ['--require', reporter, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
  const wall = performance.now() - start;
  if (run.status !== expected) throw new Error(`node ${args.join(' ')} exited ${run.status}, not ${expected}: ${run.stderr}`);
  const cpu = Number(run.output[3]);
  if (!Number.isFinite(cpu)) throw new Error(`node ${args.join(' ')} reported no CPU time`);
  return { wall, cpu };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** A command's medians: absolute times, and ratios to the floor of the same rounds. */
export interface ColdStart {
  name: string;
  target: number;
  wall: number;
  cpu: number;
  wallRatio: number;
  cpuRatio: number;
}

/** `rounds` interleaved rounds of every target and the floor; the floor's own medians come first. */
export function coldStart(rounds = 11): { floor: Times; results: ColdStart[]; rounds: number } {
  const dir = mkdtempSync(join(tmpdir(), 'ramguard-cold-start-'));
  const reporter = join(dir, 'cpu.cjs');
  // Total CPU time of the process at exit (start-up included), on the extra pipe (fd 3).
  writeFileSync(reporter, "process.on('exit', () => { const u = process.cpuUsage(); require('fs').writeSync(3, String((u.user + u.system) / 1000)); });\n");
  try {
    const floorArgs = ['-e', '0'];
    const all = targets();
    time(floorArgs, 0, reporter);
    for (const t of all) time(t.args, t.exit, reporter);
    const floors: Times[] = [];
    const runs = all.map(() => ({ wall: [] as number[], cpu: [] as number[], wallRatio: [] as number[], cpuRatio: [] as number[] }));
    for (let round = 0; round < rounds; round++) {
      let before = time(floorArgs, 0, reporter);
      floors.push(before);
      all.forEach((t, i) => {
        const measured = time(t.args, t.exit, reporter);
        const after = time(floorArgs, 0, reporter);
        const r = runs[i]!;
        r.wall.push(measured.wall);
        r.cpu.push(measured.cpu);
        r.wallRatio.push(measured.wall / ((before.wall + after.wall) / 2));
        r.cpuRatio.push(measured.cpu / ((before.cpu + after.cpu) / 2));
        floors.push(after);
        before = after;
      });
    }
    const results = all.map((t, i) => ({ name: t.name, target: t.target, wall: median(runs[i]!.wall), cpu: median(runs[i]!.cpu), wallRatio: median(runs[i]!.wallRatio), cpuRatio: median(runs[i]!.cpuRatio) }));
    return { floor: { wall: median(floors.map((f) => f.wall)), cpu: median(floors.map((f) => f.cpu)) }, results, rounds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The lines bench/run.ts prints: the floor, then one line per command with its ratios and target. */
export function coldStartLine(rounds?: number): string {
  const { floor, results, rounds: n } = coldStart(rounds);
  const lines = [`CLI cold start (medians of ${n} interleaved rounds): bare \`node -e 0\` ${floor.wall.toFixed(0)} ms wall, ${floor.cpu.toFixed(0)} ms CPU`];
  for (const r of results) {
    const met = Math.max(r.wallRatio, r.cpuRatio) <= r.target ? 'met' : 'NOT met';
    lines.push(`  ${r.name.padEnd(26)} ${r.wall.toFixed(0).padStart(4)} ms wall ${r.wallRatio.toFixed(2)}×, ${r.cpu.toFixed(0).padStart(4)} ms CPU ${r.cpuRatio.toFixed(2)}× the floor (target ≤ ${r.target}×: ${met})`);
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(coldStartLine(process.argv[2] ? Number(process.argv[2]) : undefined));
