/**
 * The CAMS emulator's HTTP server: node:http on 127.0.0.1 only (it accepts any configured
 * AccessKey, so it must never be reachable from another machine), bodies capped at 1 MiB, every
 * answer JSON with an `x-acs-request-id`. The server owns the clock, the request ids and the
 * sleeping of latency faults; everything else is the pure handler in service.ts.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InstanceRecord } from './actions.js';
import type { EmulatorConfig } from './config.js';
import { createEmulatorState, handleRequest, snapshotInstances, type HttpRequest, type LogEntry } from './service.js';

/** The most body bytes the emulator reads; CAMS calls are a few hundred bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

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
export function startCamsEmulator(config: EmulatorConfig, options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const state = createEmulatorState(config);
  const log: LogEntry[] = [];
  const clock = options.now ?? (() => new Date());
  /** Answers waiting for their latency fault; close() cancels them. */
  const delayed = new Set<NodeJS.Timeout>();
  const record = (entry: LogEntry) => {
    log.push(entry);
    options.log?.(entry);
  };
  const server = createServer((req, res) => {
    readBody(req, (body) => {
      const requestId = randomUUID().toUpperCase();
      const now = clock().toISOString();
      if (body === 'too-large') {
        const action = req.headers['x-acs-action'];
        record({ time: now, requestId, ...(typeof action === 'string' ? { action } : {}), parameters: {}, status: 413, code: 'RequestEntityTooLarge' });
        send(res, 413, requestId, { RequestId: requestId, Code: 'RequestEntityTooLarge', Message: `the request body is larger than ${MAX_BODY_BYTES} bytes` }, true);
        return;
      }
      const http: HttpRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: headersOf(req), body };
      const answer = handleRequest(state, http, { now, requestId, peerIp: peerIp(req) });
      record(answer.log);
      const reply = () => send(res, answer.status, requestId, answer.body, false);
      if (answer.delayMs === 0) return reply();
      const timer = setTimeout(() => {
        delayed.delete(timer);
        reply();
      }, answer.delayMs);
      delayed.add(timer);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        requests: () => log.map((entry) => structuredClone(entry)),
        instances: () => snapshotInstances(state),
        close: () =>
          new Promise<void>((done) => {
            for (const timer of delayed) clearTimeout(timer);
            delayed.clear();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** Reads the body up to MAX_BODY_BYTES; beyond that it stops reading and reports `too-large`. */
function readBody(req: IncomingMessage, done: (body: Buffer | 'too-large') => void): void {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) return done('too-large');
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  req.on('data', (chunk: Buffer) => {
    if (finished) return;
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      finished = true;
      done('too-large');
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (finished) return;
    finished = true;
    done(Buffer.concat(chunks));
  });
  req.on('error', () => {
    finished = true; // the client went away: nobody to answer
  });
}

/** Lower-case header names; repeated headers joined by `,` in sorted order, as the SDK signs them. */
function headersOf(req: IncomingMessage): Record<string, string> {
  const values = new Map<string, string[]>();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!.toLowerCase();
    values.set(name, [...(values.get(name) ?? []), req.rawHeaders[i + 1]!]);
  }
  return Object.fromEntries([...values].map(([name, list]) => [name, list.length === 1 ? list[0]! : list.map((v) => v.trim()).sort().join(',')]));
}

/** The caller's IP; an IPv4-mapped IPv6 address is reported as IPv4, as RAM's acs:SourceIp is. */
function peerIp(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? '127.0.0.1';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

function send(res: ServerResponse, status: number, requestId: string, body: Record<string, unknown>, close: boolean): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json;charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'x-acs-request-id': requestId,
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(text);
}
