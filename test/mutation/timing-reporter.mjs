// @ts-check
/**
 * A Stryker reporter (`timing`) that writes where a run's wall time went, mutant by mutant, so the
 * levers of docs/testing.md ("How long it takes") can be measured rather than guessed: for each
 * mutant run, its status, its covering tests, the timeout Stryker gave it and the wall time since
 * the previous result (with `--concurrency 1`, the mutant's own time, its worker's restart
 * included). Also the dry run's net and overhead times, which the timeout adds to `timeoutMS`.
 *
 * Written at the end of the run to `$STRYKER_TIMING_FILE` (default
 * `reports/mutation/timing.json`), beside the other reports; read it with
 * `node test/mutation/timing-summary.mjs <file>`.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { declareClassPlugin, PluginKind } from '@stryker-mutator/api/plugin';

class TimingReporter {
  static inject = /** @type {const} */ ([]);

  constructor() {
    /** @type {{ net?: number, overhead?: number }} */
    this.dryRun = {};
    /** @type {Map<string, { timeout: number, netTime: number }>} */
    this.plans = new Map();
    /** @type {Array<{ id: string, file: string, status: string, coveredBy: number, testsCompleted?: number, timeout?: number, netTime?: number, ms: number }>} */
    this.mutants = [];
    this.last = Date.now();
    this.start = this.last;
  }

  /** @param {import('@stryker-mutator/api/report').DryRunCompletedEvent} event */
  onDryRunCompleted(event) {
    this.dryRun = { net: event.timing.net, overhead: event.timing.overhead };
  }

  /** @param {import('@stryker-mutator/api/report').MutationTestingPlanReadyEvent} event */
  onMutationTestingPlanReady(event) {
    for (const plan of event.mutantPlans) {
      if ('runOptions' in plan) this.plans.set(plan.mutant.id, { timeout: plan.runOptions.timeout, netTime: plan.netTime });
    }
    this.last = Date.now();
    this.start = this.last;
  }

  /** @param {Readonly<import('@stryker-mutator/api/core').MutantResult>} result */
  onMutantTested(result) {
    const plan = this.plans.get(result.id);
    // Results decided without a run (ignored, no coverage, reused) take no time of their own.
    if (!plan) return;
    const now = Date.now();
    this.mutants.push({
      id: result.id,
      file: result.fileName,
      status: result.status,
      coveredBy: result.coveredBy?.length ?? 0,
      testsCompleted: result.testsCompleted,
      timeout: plan.timeout,
      netTime: plan.netTime,
      ms: now - this.last,
    });
    this.last = now;
  }

  wrapUp() {
    const file = process.env.STRYKER_TIMING_FILE ?? 'reports/mutation/timing.json';
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ dryRun: this.dryRun, wallMs: this.last - this.start, mutants: this.mutants }, null, 1));
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, 'timing', TimingReporter)];
