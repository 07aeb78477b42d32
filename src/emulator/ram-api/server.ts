/**
 * The account emulator on loopback: one endpoint answering the RAM, Resource Manager and CAMS
 * ListInstance reads of `ramguard collect` for a served account (e.g. one from
 * `generateAccount`), with the CAMS emulator's plumbing (127.0.0.1 only, signatures, faults).
 */
import { startLoopbackServer } from '../loopback.js';
import { boundedText, createRequestRing, LOG_CAPACITY } from '../request-log.js';
import type { NonceMemory } from '../signature.js';
import { createAccountState, handleAccountRequest, type AccountEmulatorConfig, type AccountLogEntry } from './account-service.js';

/** A running account emulator. */
export interface RunningAccountEmulator {
  /** `http://127.0.0.1:PORT`: the RAM, Resource Manager and CAMS endpoint at once. */
  url: string;
  port: number;
  /** The last `logCapacity` requests, oldest first (copies; never a secret). */
  requests(): AccountLogEntry[];
  /** How many requests were answered, including those the log no longer keeps. */
  requestCount(): number;
  close(): Promise<void>;
}

/** Options of startAccountEmulator: as the CAMS emulator's. */
export interface AccountEmulatorOptions {
  /** The port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** Told of every request as it is answered (e.g. to append it to a file); must not throw. */
  log?: (entry: AccountLogEntry) => void;
  now?: () => Date;
  /** How many recent requests `requests()` keeps (default LOG_CAPACITY). */
  logCapacity?: number;
  /** The nonces already used (default none). */
  nonces?: NonceMemory;
}

/** Starts the account emulator. Rejects with the listen error (e.g. EADDRINUSE). */
export async function startAccountEmulator(config: AccountEmulatorConfig, options: AccountEmulatorOptions = {}): Promise<RunningAccountEmulator> {
  const state = createAccountState(config, options.nonces);
  const log = createRequestRing<AccountLogEntry>(options.logCapacity ?? LOG_CAPACITY);
  const record = (entry: AccountLogEntry) => {
    log.add(entry);
    options.log?.(entry);
  };
  const server = await startLoopbackServer(
    (http, facts) => {
      const answer = handleAccountRequest(state, http, facts);
      record(answer.log);
      return answer;
    },
    {
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.now ? { now: options.now } : {}),
      onTooLarge: (facts, action) => record({ time: facts.now, requestId: facts.requestId, ...(action !== undefined ? { action: boundedText(action) } : {}), parameters: {}, status: 413, code: 'RequestEntityTooLarge' }),
    },
  );
  return { url: server.url, port: server.port, requests: () => log.entries().map((e) => structuredClone(e)), requestCount: () => log.total(), close: () => server.close() };
}
