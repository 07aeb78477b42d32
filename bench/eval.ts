/**
 * The evaluator's figures (issue 15). First the issue's table: each figure measured in interleaved
 * rounds against a baseline of the same run — `JSON.parse` of the same policy text, Node's own
 * floor for reading the policy at all — and given as a ratio to it, so a loaded machine moves
 * both alike (CPU time of this process; the ratio is the median of per-round ratios). Then
 * decisions per second per set, with and without the trace, with a request prepared once or new
 * each call, and the cost per statement from 10 to 10,000, which must stay flat. Run by
 * bench/run.ts, or alone: `node dist-bench/bench/eval.js [ms]`. Figures are printed, never
 * asserted; the comparison with iam-simulate runs outside the repository (README, Performance).
 */
import { pathToFileURL } from 'node:url';
import { evaluate, prepareRequest, type AuthorizationRequest, type CompiledPolicySet } from '../src/index.js';
import { compileText, distinctSet, largeSet, ONE_STATEMENT_TEXT, oneStatement, policyTexts, setOfPolicies, typicalSet, updateRequest } from './policies.js';

/** Runs `fn` repeatedly for about `ms` milliseconds; returns calls per second. */
export function rate(fn: () => unknown, ms = 1000): number {
  const warm = performance.now(); // warm up: 2,000 calls, or a third of the time for slow calls
  for (let i = 0; i < 2000 && performance.now() - warm < ms / 3; i++) fn();
  let calls = 0;
  let batch = 1;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < batch; i++) fn();
    calls += batch;
    batch = Math.min(batch * 2, 500);
    elapsed = performance.now() - start;
  }
  return (calls / elapsed) * 1000;
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Calls of `fn` per second of this process's CPU time, over about `ms` of it (after a short warm-up). */
export function cpuRate(fn: () => unknown, ms: number): number {
  for (let i = 0, t = cpuMs(); i < 200 && cpuMs() - t < ms / 4; i++) fn();
  let calls = 0;
  let batch = 1;
  const start = cpuMs();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < batch; i++) fn();
    calls += batch;
    batch = Math.min(batch * 2, 1000);
    elapsed = cpuMs() - start;
  }
  return (calls / elapsed) * 1000;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/**
 * `fn` and `baseline` in `rounds` alternating rounds of `ms` CPU time each: the median rate of
 * `fn` and the median of the per-round ratios rate(fn) / rate(baseline).
 */
export function interleaved(fn: () => unknown, baseline: () => unknown, rounds: number, ms: number): { rate: number; ratio: number } {
  const rates: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const first = r % 2 === 0; // alternate which runs first, so neither always runs after the other
    const b1 = first ? 0 : cpuRate(baseline, ms);
    const x = cpuRate(fn, ms);
    const b = first ? cpuRate(baseline, ms) : b1;
    rates.push(x);
    ratios.push(x / b);
  }
  return { rate: median(rates), ratio: median(ratios) };
}

/** A rate as a right-aligned column. */
export const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(12);

/** The issue's table: each figure with its ratio to `JSON.parse` of the same policy text(s). */
function issueTable(ms: number): void {
  const request = updateRequest();
  const fresh = (): AuthorizationRequest => ({ ...request, context: { ...request.context } });
  const one = oneStatement();
  const large = largeSet();
  const largeTexts = policyTexts(30);
  const parseOne = () => JSON.parse(ONE_STATEMENT_TEXT) as unknown;
  const parseLarge = () => largeTexts.map((t) => JSON.parse(t) as unknown);
  const rows: [string, () => unknown, () => unknown][] = [
    ['1 statement, compiled per call from text', () => evaluate(compileText(ONE_STATEMENT_TEXT), fresh(), { trace: false }), parseOne],
    ['1 statement, precompiled, new request each call', () => evaluate(one, fresh(), { trace: false }), parseOne],
    ['large set (30 × 20 = 600), precompiled, new request', () => evaluate(large, fresh(), { trace: false }), parseLarge],
    ['large set, full trace', () => evaluate(large, fresh(), { trace: true }), parseLarge],
    ['large set, compiled per call from text', () => evaluate(compileText(...largeTexts), fresh(), { trace: false }), parseLarge],
  ];
  console.log(`the issue's figures: decisions per CPU second, and per JSON.parse of the same policy text (baseline: interleaved rounds, median of per-round ratios)`);
  for (const set of [one, large]) if (evaluate(set, fresh()).decision !== 'Allow') throw new Error('the bench request must be allowed');
  // Every row once before any is timed: the first rounds of the first row would otherwise pay for
  // optimising the code all rows share (5–10× slower in a measurement).
  for (const [, fn, baseline] of rows) for (const f of [fn, baseline]) cpuRate(f, ms / 4);
  for (const [label, fn, baseline] of rows) {
    const { rate: perSecond, ratio } = interleaved(fn, baseline, 5, ms / 5);
    console.log(`${label.padEnd(54)}${fmt(perSecond)}   ${ratio.toPrecision(3).padStart(8)} × JSON.parse`);
  }
}

function row(label: string, set: CompiledPolicySet, request: AuthorizationRequest, ms: number): number {
  const expected = evaluate(set, request).decision;
  const prepared = prepareRequest(request);
  const fast = cpuRate(() => evaluate(set, prepared, { trace: false }), ms);
  const traced = cpuRate(() => evaluate(set, prepared, { trace: true }), ms);
  const fresh = cpuRate(() => evaluate(set, { ...request }, { trace: false }), ms);
  console.log(`${label.padEnd(38)}${fmt(fast)}${fmt(traced)}${fmt(fresh)}   ${expected}`);
  return fast;
}

/** Prints the evaluator's tables. */
export function evalBench(ms = 1000): void {
  console.log(`node ${process.version}, single thread`);
  issueTable(ms);
  console.log(`${'decisions per CPU second: set'.padEnd(38)}${'no trace'.padStart(12)}${'full trace'.padStart(12)}${'new request'.padStart(12)}   decision`);
  const request = updateRequest();
  row('one statement', oneStatement(), request, ms);
  row('typical (10 statements)', typicalSet(), request, ms);
  row('large (30 policies × 20 statements)', largeSet(), request, ms);
  row('large, no two statements alike', distinctSet(30), request, ms);
  row('10,000 statements (500 × 20)', setOfPolicies(500), request, ms);
  const { 'acs:SourceIp': _ip, ...withoutIp } = request.context as Record<string, string>;
  row('typical, acs:SourceIp unknown', typicalSet(), { ...request, context: withoutIp }, ms);
  const perCall = cpuRate(() => evaluate(compileText(ONE_STATEMENT_TEXT), { ...request }, { trace: false }), ms);
  console.log(`${'one statement, compiled per call'.padEnd(38)}${fmt(perCall)}`);
  // Cost per statement of the set (no trace, prepared request): 1 policy of 10, then 5, 50 and 500 of 20.
  const prepared = prepareRequest(request);
  const sizes: [number, CompiledPolicySet][] = [[10, typicalSet()], [100, setOfPolicies(5)], [1000, setOfPolicies(50)], [10_000, setOfPolicies(500)]];
  const ns = sizes.map(([n, set]) => `${((1e9 / cpuRate(() => evaluate(set, prepared, { trace: false }), ms)) / n).toFixed(1)} ns at ${n.toLocaleString('en-US')}`);
  console.log(`cost per statement of the set (no trace): ${ns.join(', ')}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) evalBench(Number(process.argv[2] ?? 1000));
