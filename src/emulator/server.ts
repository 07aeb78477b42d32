/**
 * The CAMS emulator's HTTP server: the shared loopback plumbing (loopback.ts: 127.0.0.1 only,
 * bodies capped at 1 MiB, JSON answers with an `x-acs-request-id`, latency faults) around the
 * pure handler in service.ts, plus the request log.
 */
import type { InstanceRecord } from './actions.js';
import type { EmulatorConfig } from './config.js';
import { MAX_BODY_BYTES, startLoopbackServer } from './loopback.js';
import { createEmulatorState, handleRequest, snapshotInstances, type LogEntry } from './service.js';

export { MAX_BODY_BYTES };

/** Options of startCamsEmulator. */
export interface EmulatorOptions {
  /** The port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** Told of every request as it is answered (e.g. to append it to a file); must not throw. */
  log?: (entry: LogEntry) => void;
  /** The clock, for tests; default `new Date()`. */
  now?: () => Date;
}

/** A running emulator. */
export interface RunningEmulator {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  port: number;
  /** Every request so far, oldest first (copies). */
  requests(): LogEntry[];
  /** The stored instances now (copies). */
  instances(): InstanceRecord[];
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/** Starts the emulator. Rejects (with the listen error, e.g. EADDRINUSE) when it cannot listen. */
export async function startCamsEmulator(config: EmulatorConfig, options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const state = createEmulatorState(config);
  const log: LogEntry[] = [];
  const record = (entry: LogEntry) => {
    log.push(entry);
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
      onTooLarge: (facts, action) => record({ time: facts.now, requestId: facts.requestId, ...(action !== undefined ? { action } : {}), parameters: {}, status: 413, code: 'RequestEntityTooLarge' }),
    },
  );
  return {
    url: server.url,
    port: server.port,
    requests: () => log.map((entry) => structuredClone(entry)),
    instances: () => snapshotInstances(state),
    close: () => server.close(),
  };
}
