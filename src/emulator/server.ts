/**
 * The CAMS emulator's HTTP server: the shared loopback plumbing (loopback.ts: 127.0.0.1 only,
 * bodies capped at MAX_BODY_BYTES, JSON answers with an `x-acs-request-id`, latency faults)
 * around the pure handler in service.ts, plus the request log: a ring of the last LOG_CAPACITY
 * entries (request-log.ts), so an emulator left running keeps a bounded memory.
 */
import type { InstanceRecord } from './actions.js';
import type { EmulatorConfig } from './config.js';
import { MAX_BODY_BYTES, startLoopbackServer } from './loopback.js';
import { boundedText, createRequestRing, LOG_CAPACITY } from './request-log.js';
import { createEmulatorState, handleRequest, snapshotInstances, type LogEntry } from './service.js';
import type { NonceMemory } from './signature.js';

export { MAX_BODY_BYTES };

/** Options of startCamsEmulator. */
export interface EmulatorOptions {
  /** The port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** Told of every request as it is answered (e.g. to append it to a file); must not throw. */
  log?: (entry: LogEntry) => void;
  /** The clock, for tests; default `new Date()`. */
  now?: () => Date;
  /** How many recent requests `requests()` keeps (default LOG_CAPACITY). */
  logCapacity?: number;
  /** The nonces already used (default none): a restarted emulator refuses a replay of a request from before the restart. */
  nonces?: NonceMemory;
}

/** A running emulator. */
export interface RunningEmulator {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  port: number;
  /** The last `logCapacity` requests, oldest first (copies). */
  requests(): LogEntry[];
  /** How many requests were answered, including those the log no longer keeps. */
  requestCount(): number;
  /** The stored instances now (copies). */
  instances(): InstanceRecord[];
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/** Starts the emulator. Rejects (with the listen error, e.g. EADDRINUSE) when it cannot listen. */
export async function startCamsEmulator(config: EmulatorConfig, options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const state = createEmulatorState(config, options.nonces);
  const log = createRequestRing<LogEntry>(options.logCapacity ?? LOG_CAPACITY);
  const record = (entry: LogEntry) => {
    log.add(entry);
    options.log?.(entry);
  };
  const server = await startLoopbackServer(
    (http, facts) => {
      const answer = handleRequest(state, http, facts);
      record(answer.log);
      return answer;
    },
    {
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.now ? { now: options.now } : {}),
      onTooLarge: (facts, action) => record({ time: facts.now, requestId: facts.requestId, ...(action !== undefined ? { action: boundedText(action) } : {}), parameters: {}, status: 413, code: 'RequestEntityTooLarge' }),
    },
  );
  return {
    url: server.url,
    port: server.port,
    requests: () => log.entries().map((entry) => structuredClone(entry)),
    requestCount: () => log.total(),
    instances: () => snapshotInstances(state),
    close: () => server.close(),
  };
}
