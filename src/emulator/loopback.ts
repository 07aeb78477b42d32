/**
 * The emulators' HTTP plumbing: node:http on 127.0.0.1 only (an emulator accepts any configured
 * AccessKey, so it must never be reachable from another machine), bodies capped at 64 KiB, every
 * answer JSON with an `x-acs-request-id`, answers delayed by latency faults. What to answer is
 * the caller's `answer` function: the CAMS emulator and the account (RAM) emulator share this.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpRequest, RequestFacts } from './service.js';

/**
 * The most body bytes an emulator reads. RPC calls are a few hundred bytes; 64 KiB leaves room
 * for long free-text parameters (an InstanceDescription) while bounding what one request holds in
 * memory as it is answered. Nothing of a larger body is kept.
 */
export const MAX_BODY_BYTES = 64 * 1024;

/** What an emulator answers to one request. */
export interface LoopbackAnswer {
  status: number;
  body: Record<string, unknown>;
  /** Milliseconds to wait before sending the answer (latency faults). */
  delayMs: number;
}

/** A running loopback server. */
export interface LoopbackServer {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  port: number;
  /** Stops listening, cancels delayed answers and closes open connections. */
  close(): Promise<void>;
}

/** Options of startLoopbackServer. */
export interface LoopbackOptions {
  /** The port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** The clock; default `new Date()`. */
  now?: () => Date;
  /** Told of a body over MAX_BODY_BYTES, answered 413 without calling `answer`. */
  onTooLarge?: (facts: RequestFacts, action: string | undefined) => void;
}

/** Starts a server whose answers come from `answer`. Rejects with the listen error (e.g. EADDRINUSE). */
export function startLoopbackServer(answer: (http: HttpRequest, facts: RequestFacts) => LoopbackAnswer, options: LoopbackOptions = {}): Promise<LoopbackServer> {
  const clock = options.now ?? (() => new Date());
  const delayed = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    readBody(req, (body) => {
      const facts: RequestFacts = { now: clock().toISOString(), requestId: randomUUID().toUpperCase(), peerIp: peerIp(req) };
      if (body === 'too-large') {
        const action = req.headers['x-acs-action'];
        options.onTooLarge?.(facts, typeof action === 'string' ? action : undefined);
        send(res, 413, facts.requestId, { RequestId: facts.requestId, Code: 'RequestEntityTooLarge', Message: `the request body is larger than ${MAX_BODY_BYTES} bytes` }, true);
        return;
      }
      const reply = answer({ method: req.method ?? 'GET', url: req.url ?? '/', headers: headersOf(req), body }, facts);
      if (reply.delayMs === 0) return send(res, reply.status, facts.requestId, reply.body, false);
      const timer = setTimeout(() => {
        delayed.delete(timer);
        send(res, reply.status, facts.requestId, reply.body, false);
      }, reply.delayMs);
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
