// @ts-check
/**
 * A Stryker test runner (`vitest-warm`): Stryker's own vitest runner, with one worker thread per
 * runner process kept from one mutant's run to the next (issue 17: a full run in about 30 minutes).
 *
 * Why. Stryker's runner starts a vitest run per mutant, and vitest 4.1 ends every run by
 * terminating its worker: each mutant paid for a new thread, vitest's worker runtime, and cold
 * code — the YAML parser alone 1.67 s cold against 0.24 s warm (docs/testing.md, "How long it
 * takes"). Here the thread, vitest's runtime in it and the libraries it loaded natively
 * (node_modules: yaml, fast-check) stay; vitest is told nothing of it and runs as before.
 *
 * What each run still gets fresh: every module of the project (src/ and the tests). Each run is
 * given a number (`ramguardRun`, provided like Stryker's `activeMutant`), and the first set-up
 * file of a run that sees a new number drops every evaluated module (`vi.resetModules`,
 * test/mutation/setup.ts), so src/'s module-level caches are built again under the run's mutant —
 * as in a new worker. Within a run, test files share modules as before (`isolate: false`). Nothing
 * in src/ or the selected tests writes a global, an environment variable or a process listener
 * (checked when this runner was written). Stryker's own global does carry its last mutant: a
 * mutant switched on at run time is set by a `beforeAll`, after a run's imports, so the set-up file
 * switches it off before each test file's imports (round 7: module-level values had been computed
 * under the previous mutant — false kills). A run that outlasts its timeout is ended here, a
 * second before Stryker's timer, by terminating the thread (`mutantRun`); the next run starts a new
 * one in the same process. Stryker restarts the whole runner process after a crash, or if its
 * own timer fires first, as it does for its own runner.
 *
 * How. vitest 4 takes a custom pool worker (`pool: { name, createPoolWorker }`, resolved into
 * `config.poolRunner`). `WarmThread` wraps one `ThreadsPoolWorker` for the process: the first
 * run's `start` is passed on, later ones are answered `started` by the wrapper; every run's `stop`
 * is answered `stopped` and the thread is left running; each run's request carries the project's
 * configuration as it is now (the worker otherwise keeps the one of its first start, and Stryker
 * changes `testNamePattern` per mutant). The thread is ended when the runner is disposed.
 */
import { commonTokens, declareFactoryPlugin, PluginKind, tokens } from '@stryker-mutator/api/plugin';
import { MutantRunStatus } from '@stryker-mutator/api/test-runner';
import { strykerPlugins as vitestPlugins } from '@stryker-mutator/vitest-runner';
import { ThreadsPoolWorker } from 'vitest/node';

const NAME = 'warm-threads';

/**
 * How long before Stryker's own timer a run is given up here. Stryker's timer starts in its main
 * process before the run is sent; this runner's starts on receipt, and ending the thread and
 * vitest's run takes a few milliseconds. If this runner is ever late, Stryker's timer still ends
 * the run, as before (a restart of the process).
 */
const DEADLINE_MARGIN_MS = 1_000;
const EXPIRED = Symbol('expired');

/** A worker message of vitest's pool protocol, as its worker sends it. */
const response = (type) => ({ type, __vitest_worker_response__: true });

/** The thread of this runner process: started once, ended by `endThread`. */
let thread = /** @type {ThreadsPoolWorker | undefined} */ (undefined);
let started = false;

/** vitest's pool worker interface over the process's one thread (see the file's comment). */
class WarmThread {
  name = NAME;

  /** @param {any} options vitest's PoolOptions: the project, its environment, env and execArgv */
  constructor(options) {
    this.options = options;
    /** @type {Array<[string, (arg: any) => void]>} this run's listeners, taken off the thread at `stop` */
    this.listeners = [];
    /** @type {ThreadsPoolWorker | undefined} */
    this.worker = undefined;
  }

  async start() {
    if (!thread) {
      const worker = new ThreadsPoolWorker(this.options);
      thread = worker;
      await worker.start();
      // A thread that dies (vitest's own worker errors, memory) is replaced at the next run's
      // start rather than sent runs it can no longer answer.
      worker.on('exit', () => {
        if (thread !== worker) return;
        thread = undefined;
        started = false;
      });
    }
    /** The thread this run uses, to the end of the run even if it dies meanwhile. */
    this.worker = thread;
  }

  /** @param {string} event @param {(arg: any) => void} callback */
  on(event, callback) {
    this.requireWorker().on(event, callback);
    this.listeners.push([event, callback]);
  }

  /** @param {string} event @param {(arg: any) => void} callback */
  off(event, callback) {
    this.worker?.off(event, callback);
    this.listeners = this.listeners.filter(([e, c]) => e !== event || c !== callback);
  }

  /** @param {any} message */
  send(message) {
    const worker = this.requireWorker();
    if (message?.type === 'start' && started) return this.answer(response('started'));
    if (message?.type === 'stop') return this.answer(response('stopped'));
    if (message?.type === 'start') started = true;
    if (message?.type === 'run' || message?.type === 'collect') {
      worker.send({ ...message, context: { ...message.context, config: this.options.project.serializedConfig } });
      return;
    }
    worker.send(message);
  }

  /** The run is over: its listeners come off the thread, which keeps running. */
  async stop() {
    for (const [event, callback] of this.listeners) this.worker?.off(event, callback);
    this.listeners = [];
  }

  /** @param {unknown} data */
  deserialize(data) {
    return data;
  }

  /** A message to this run's listeners, as if the worker had sent it (after the caller has set up its wait). @param {object} message */
  answer(message) {
    const listeners = this.listeners.filter(([event]) => event === 'message').map(([, callback]) => callback);
    queueMicrotask(() => listeners.forEach((callback) => callback(message)));
  }

  requireWorker() {
    if (!this.worker) throw new Error('vitest-warm: the worker thread is not started');
    return this.worker;
  }
}

/**
 * Ends the process's thread. Terminated outright, without vitest's `stop` message: its teardown
 * has nothing to close under the node environment, and after a timeout Stryker disposes the
 * runner while the thread may still be running the mutant's endless loop, which no message reaches.
 */
async function endThread() {
  const worker = thread;
  thread = undefined;
  started = false;
  if (worker) await worker.stop();
}

/** The pool vitest is given: its name and how it makes a worker. */
const warmPool = { name: NAME, createPoolWorker: (/** @type {any} */ options) => new WarmThread(options) };

/**
 * @param {import('@stryker-mutator/api/plugin').Injector} injector
 * @param {import('@stryker-mutator/api/core').StrykerOptions} options
 */
function createWarmRunner(injector, options) {
  const vitestFactory = /** @type {any} */ (vitestPlugins[0]).factory;
  const inner = injector.injectFunction(vitestFactory);
  let run = 0;
  /** Each run's number, read by test/mutation/setup.ts to start the run with fresh modules. */
  const number = () => inner.ctx.provide('ramguardRun', ++run);
  return {
    capabilities: () => inner.capabilities(),
    async init() {
      await inner.init();
      // Stryker names a mutant's test files once per covering test (500 names for 500 tests of
      // a few files), and vitest matches each of its test files against every name with
      // `path.relative`: 37 ms of the main process per mutant, measured. Each name once is the same filter.
      const start = inner.ctx.start.bind(inner.ctx);
      inner.ctx.start = (/** @type {string[] | undefined} */ filters) => start(filters && [...new Set(filters)]);
      for (const project of inner.ctx.projects) {
        project.config.pool = NAME;
        project.config.poolRunner = warmPool;
      }
      // The first runners collect every test file once, untimed, so that the timed dry run finds
      // the thread started and every file transformed, as each mutant's run does: Stryker adds the
      // dry run's overhead (its time beyond the tests') to every mutant's timeout, and cold it was
      // 11.8 s alone, 20.8 s beside the other runner's start; warm, 6.6 s alone. Runners started
      // later (after a timeout) skip it: no dry run is theirs.
      if (Number(process.env.STRYKER_MUTATOR_WORKER) < (options.concurrency ?? 1)) {
        number();
        inner.ctx.provide('mode', 'dry-run');
        await inner.ctx.collect();
        inner.ctx.state.filesMap.clear();
      }
    },
    /** @param {any} options */
    async dryRun(options) {
      number();
      return inner.dryRun(options);
    },
    /**
     * The mutant's run, given up a little before Stryker's timeout: a mutant that loops without
     * end (one the hit limit does not catch: its loop never passes the mutant's own switch) is
     * stopped by ending the thread, here, and reported a timeout, as Stryker's timer would. The
     * runner process lives on, with vitest and its transformed files, and the next run starts a
     * new thread; Stryker's timer would have restarted the whole process (a new vitest, cold
     * files), which cost more than the timeout itself (round 8, docs/testing.md).
     * @param {any} options
     */
    async mutantRun(options) {
      number();
      const run = inner.mutantRun(options);
      /** @type {ReturnType<typeof setTimeout> | undefined} */
      let timer;
      const expired = new Promise((resolve) => {
        timer = setTimeout(() => resolve(EXPIRED), Math.max(0, options.timeout - DEADLINE_MARGIN_MS));
      });
      const first = await Promise.race([run, expired]);
      clearTimeout(timer);
      if (first !== EXPIRED) return first;
      // An endless loop answers no message: the thread is terminated, vitest's run then ends on
      // its exit (an error, which is not this mutant's result), and the timeout is reported.
      await endThread();
      await run.catch(() => undefined);
      return { status: MutantRunStatus.Timeout, reason: `Ran past ${options.timeout} ms, less ${DEADLINE_MARGIN_MS} ms (vitest-warm)` };
    },
    async dispose() {
      await endThread();
      await inner.dispose();
    },
  };
}
createWarmRunner.inject = tokens(commonTokens.injector, commonTokens.options);

export const strykerPlugins = [declareFactoryPlugin(PluginKind.TestRunner, 'vitest-warm', createWarmRunner)];
