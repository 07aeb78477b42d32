/**
 * The evaluator's figures (issue 15): decisions per second for one statement, a typical set of 10,
 * the large set of 600 and 10,000 statements — with and without the trace, with a request
 * prepared once or new each call — and one statement compiled from text per call; then the cost
 * per statement from 10 to 10,000, which must stay flat. Run by bench/run.ts, or alone:
 * `node dist-bench/bench/eval.js`. Figures are printed, never asserted.
 */
import { pathToFileURL } from 'node:url';
import { evaluate, prepareRequest, type AuthorizationRequest, type CompiledPolicySet } from '../src/index.js';
import { compileText, largeSet, ONE_STATEMENT_TEXT, oneStatement, setOfPolicies, typicalSet, updateRequest } from './policies.js';

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

/** A rate as a right-aligned column. */
export const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(12);

function row(label: string, set: CompiledPolicySet, request: AuthorizationRequest, ms: number): number {
  const expected = evaluate(set, request).decision;
  const prepared = prepareRequest(request);
  const fast = rate(() => evaluate(set, prepared, { trace: false }), ms);
  const traced = rate(() => evaluate(set, prepared, { trace: true }), ms);
  const fresh = rate(() => evaluate(set, { ...request }, { trace: false }), ms);
  console.log(`${label.padEnd(38)}${fmt(fast)}${fmt(traced)}${fmt(fresh)}   ${expected}`);
  return fast;
}

/** Prints the evaluator's table. */
export function evalBench(ms = 1000): void {
  console.log(`node ${process.version}, single thread; decisions per second`);
  console.log(`${'policy set'.padEnd(38)}${'no trace'.padStart(12)}${'full trace'.padStart(12)}${'new request'.padStart(12)}   decision`);
  const request = updateRequest();
  row('one statement', oneStatement(), request, ms);
  const typical = row('typical (10 statements)', typicalSet(), request, ms);
  const large = row('large (30 policies × 20 statements)', largeSet(), request, ms);
  const huge = row('10,000 statements (500 × 20)', setOfPolicies(500), request, ms);
  const { 'acs:SourceIp': _ip, ...withoutIp } = request.context as Record<string, string>;
  row('typical, acs:SourceIp unknown', typicalSet(), { ...request, context: withoutIp }, ms);
  const perCall = rate(() => evaluate(compileText(ONE_STATEMENT_TEXT), { ...request }, { trace: false }), ms);
  console.log(`${'one statement, compiled per call'.padEnd(38)}${fmt(perCall)}`);
  const ns = (perSecond: number, statements: number) => ((1e9 / perSecond) / statements).toFixed(1);
  console.log(`cost per statement (no trace): ${ns(typical, 10)} ns at 10, ${ns(large, 600)} ns at 600, ${ns(huge, 10_000)} ns at 10,000`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) evalBench(Number(process.argv[2] ?? 1000));
