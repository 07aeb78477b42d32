/**
 * The account emulator on loopback: one endpoint answering the RAM, Resource Manager and CAMS
 * ListInstance reads of `ramguard collect` for a served account (e.g. one from
 * `generateAccount`), with the CAMS emulator's plumbing (127.0.0.1 only, signatures, faults).
 */
import { startLoopbackServer } from '../loopback.js';
import { createAccountState, handleAccountRequest, type AccountEmulatorConfig, type AccountLogEntry } from './account-service.js';

/** A running account emulator. */
export interface RunningAccountEmulator {
  /** `http://127.0.0.1:PORT`: the RAM, Resource Manager and CAMS endpoint at once. */
  url: string;
  port: number;
  /** Every request so far, oldest first (copies; never a secret). */
  requests(): AccountLogEntry[];
  close(): Promise<void>;
}

/** Starts the account emulator. Rejects with the listen error (e.g. EADDRINUSE). */
export async function startAccountEmulator(config: AccountEmulatorConfig, options: { port?: number; log?: (entry: AccountLogEntry) => void; now?: () => Date } = {}): Promise<RunningAccountEmulator> {
  const state = createAccountState(config);
  const log: AccountLogEntry[] = [];
  const record = (entry: AccountLogEntry) => {
    log.push(entry);
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
      onTooLarge: (facts, action) => record({ time: facts.now, requestId: facts.requestId, ...(action !== undefined ? { action } : {}), parameters: {}, status: 413, code: 'RequestEntityTooLarge' }),
    },
  );
  return { url: server.url, port: server.port, requests: () => log.map((e) => structuredClone(e)), close: () => server.close() };
}
