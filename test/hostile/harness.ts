/**
 * Runs ramguard in-process (runCli) on hostile inputs and checks each run against the contract:
 * a documented exit code (exactly the invalid-input code for an invalid input), no internal error
 * or stack trace, a time, memory and output-size bound, nothing that drives a terminal, the
 * expected diagnostic code, and no secret from outside the tree.
 *
 * The Io passes everything through `printable`, as the process Io does (kit/io.ts), so what is
 * checked is what a terminal would receive; binary-sample.test.ts proves the real process agrees.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printable, type Io } from '../../src/cli/kit/io.js';
import { runCli } from '../../src/cli/program.js';
import { RAW_CONTROL, type HostileInput } from './inputs.js';

/**
 * Bounds every run must keep. Time is bounded as CPU time, which stays put when other processes
 * share the machine (the suite runs on 2 shared cores), plus a wall-clock bound that catches a run
 * that waits instead of working (a blocking read).
 */
export const BOUNDS = {
  /** CPU time per in-process run, and for heavy inputs (1 MB of text, 10,000 elements, deep nesting). */
  cpuMs: 2_000,
  heavyCpuMs: 5_000,
  /** Wall-clock time per run, whatever the load. */
  wallMs: 20_000,
  /** Growth of the resident set over one run (its peak where it rose above the process's previous peak). */
  memoryMb: 300,
  /** Everything one run prints. */
  outputBytes: 2 * 1024 * 1024,
} as const;

/** Text no run may print: what an unexpected exception or a V8 abort looks like. */
export const FORBIDDEN = ['internal error', '    at ', 'FATAL', 'TypeError', 'RangeError', 'Maximum call stack', 'Invalid string length', 'bad_alloc'] as const;

/** Standard input of a run: bytes, or endless zero bytes like `/dev/zero`. */
export type Stdin = Buffer | 'endless';

/** What one run did. */
export interface RunRecord {
  argv: string[];
  exit: number;
  out: string;
  err: string;
  /** Characters printed, including what was not kept. */
  printed: number;
  /** Wall-clock time of the run. */
  ms: number;
  /** CPU time of the run (user + system, all threads): unlike wall-clock time, it does not grow when other processes share the machine. */
  cpuMs: number;
  memoryMb: number;
  /** The `maxBytes` of each readStdin call. */
  stdinRequests: number[];
}

const KEEP = 4 * 1024 * 1024;

/** Runs `ramguard ARGV` in `cwd` with `stdin`, collecting what it prints. */
export async function runInProcess(argv: string[], cwd: string, stdin: Stdin = Buffer.alloc(0)): Promise<RunRecord> {
  let out = '';
  let err = '';
  let printed = 0;
  const stdinRequests: number[] = [];
  // Keep at most KEEP characters of each stream: a run that prints 200 MB must fail, not exhaust the test.
  const keep = (kept: string, text: string): string => {
    printed += text.length + 1;
    return kept.length < KEEP ? kept + text.slice(0, KEEP) + '\n' : kept;
  };
  const io: Io = {
    out: (text) => void (out = keep(out, printable(text))),
    err: (text) => void (err = keep(err, printable(text))),
    setExit: () => {},
    cwd,
    readStdin: (maxBytes) => {
      stdinRequests.push(maxBytes);
      return stdin === 'endless' ? Buffer.alloc(maxBytes + 1) : stdin.subarray(0, maxBytes + 1);
    },
  };
  const rssBefore = process.memoryUsage().rss;
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const exit = await runCli(argv, io);
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  const peakAfter = process.resourceUsage().maxRSS * 1024;
  const top = peakAfter > peakBefore ? peakAfter : process.memoryUsage().rss;
  return { argv, exit, out, err, printed, ms, cpuMs: (cpu.user + cpu.system) / 1000, memoryMb: Math.max(0, top - rssBefore) / 2 ** 20, stdinRequests };
}

/** The exit codes a command documents, and the one it must give for invalid or unreadable input. */
export interface ExitContract {
  documented: readonly number[];
  invalid: readonly number[];
  unreadable: readonly number[];
}

/** Every way `record` breaks the contract for `input` (empty when it keeps it). */
export function violations(record: RunRecord, input: HostileInput | undefined, contract: ExitContract, verdict: HostileInput['verdict']): string[] {
  const problems: string[] = [];
  const printedText = record.out + '\n' + record.err;
  if (!contract.documented.includes(record.exit)) problems.push(`exit ${record.exit} is not documented (${contract.documented.join('/')})`);
  else if (verdict === 'invalid' && !contract.invalid.includes(record.exit)) problems.push(`exit ${record.exit} for invalid input (want ${contract.invalid.join('/')})`);
  else if (verdict === 'unreadable' && !contract.unreadable.includes(record.exit)) problems.push(`exit ${record.exit} for unreadable input (want ${contract.unreadable.join('/')})`);
  for (const text of FORBIDDEN) if (printedText.includes(text)) problems.push(`printed \`${text.trim()}\``);
  const bound = input?.heavy ? BOUNDS.heavyCpuMs : BOUNDS.cpuMs;
  if (record.cpuMs > bound) problems.push(`took ${Math.round(record.cpuMs)} ms of CPU (bound ${bound})`);
  if (record.ms > BOUNDS.wallMs) problems.push(`took ${Math.round(record.ms)} ms (bound ${BOUNDS.wallMs})`);
  if (record.memoryMb > BOUNDS.memoryMb) problems.push(`resident memory grew ${Math.round(record.memoryMb)} MB (bound ${BOUNDS.memoryMb})`);
  if (record.printed > BOUNDS.outputBytes) problems.push(`printed ${record.printed} characters (bound ${BOUNDS.outputBytes})`);
  if (RAW_CONTROL.test(printedText)) problems.push('printed a raw control or bidi character');
  const format = record.argv.includes('--format') ? record.argv[record.argv.indexOf('--format') + 1] : undefined;
  if ((format === 'json' || format === 'sarif') && record.out.trim() !== '' && !parsesAsJson(record.out)) problems.push(`--format ${format} printed something that is not one JSON document`);
  if (input?.code && !printedText.includes(input.code)) problems.push(`no \`${input.code}\` diagnostic`);
  if (input?.secret && printedText.includes(input.secret)) problems.push('printed the content of a file outside the tree');
  for (const asked of record.stdinRequests) if (asked > 128 * 1024 * 1024) problems.push(`asked standard input for ${asked} bytes`);
  return problems;
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The first line of what a run printed on stderr (or stdout), for a failure message. */
export function firstLineOf(record: RunRecord): string {
  const line = (record.err.trim() || record.out.trim()).split('\n')[0] ?? '';
  return line.length > 200 ? line.slice(0, 200) + '…' : line;
}

/** A temporary suite directory: `tree/` (the directory ramguard runs in) and `outside/` beside it, holding a secret. */
export interface SuiteDir {
  base: string;
  tree: string;
  outside: string;
  remove(): void;
}

/** The text of the file outside the tree: a reference that reads it would show this line. */
export const OUTSIDE_SECRET = 'root:x:0:0:root:/root:/bin/bash';

/** Creates a suite directory under the system's temporary directory. */
export function createSuiteDir(label: string): SuiteDir {
  const base = mkdtempSync(join(tmpdir(), `ramguard-hostile-${label}-`));
  const tree = join(base, 'tree');
  const outside = join(base, 'outside');
  mkdirSync(tree);
  mkdirSync(outside);
  writeFileSync(join(outside, 'passwd'), `${OUTSIDE_SECRET}\n`);
  return { base, tree, outside, remove: () => rmSync(base, { recursive: true, force: true }) };
}

/** The slowest runs and the largest memory growth of a suite, for its summary line. */
export class RunStats {
  private readonly slowest: Array<{ cpuMs: number; ms: number; what: string }> = [];
  private runs = 0;
  private totalMs = 0;
  private totalCpuMs = 0;
  private maxMemoryMb = 0;
  private maxMemoryWhat = '';

  record(what: string, record: RunRecord): void {
    // HOSTILE_LOG=1 prints every run (CPU ms, wall ms, input × command), to see where the time goes.
    if (process.env.HOSTILE_LOG) console.log(`run\t${Math.round(record.cpuMs)}\t${Math.round(record.ms)}\t${what}`);
    this.runs++;
    this.totalMs += record.ms;
    this.totalCpuMs += record.cpuMs;
    if (record.memoryMb > this.maxMemoryMb) {
      this.maxMemoryMb = record.memoryMb;
      this.maxMemoryWhat = what;
    }
    this.slowest.push({ cpuMs: record.cpuMs, ms: record.ms, what });
    this.slowest.sort((a, b) => b.cpuMs - a.cpuMs);
    this.slowest.length = Math.min(this.slowest.length, 5);
  }

  summary(label: string): string {
    const slow = this.slowest.map((s) => `${Math.round(s.cpuMs)} ms CPU (${Math.round(s.ms)} ms) ${s.what}`).join('; ');
    return `[hostile ${label}] ${this.runs} runs, ${Math.round(this.totalMs)} ms (${Math.round(this.totalCpuMs)} ms CPU); slowest: ${slow}; largest memory growth ${Math.round(this.maxMemoryMb)} MB (${this.maxMemoryWhat})`;
  }
}
