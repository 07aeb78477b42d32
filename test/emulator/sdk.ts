/**
 * Test helpers that talk to the CAMS emulator the way users do: through Alibaba's own SDK
 * (`@alicloud/openapi-client` callApi, ACS3-HMAC-SHA256), or by replaying a request the SDK
 * signed — captured on a throw-away loopback server — byte for byte or tampered with.
 */
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as OpenApi from '@alicloud/openapi-client';

// The package is CommonJS with `exports.default` = the client class. Node's ESM interop makes the
// namespace's `default` the whole exports object; vitest's honours `__esModule` and makes it the class.
type ClientClass = typeof OpenApi.default.default;
const exported = OpenApi.default as unknown as ClientClass | { default: ClientClass };
const OpenApiClient: ClientClass = typeof exported === 'function' ? exported : exported.default;

/** An AccessKey as a client holds it. */
export interface Credentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

/** What came back: the HTTP status and the JSON body (errors included, never thrown). */
export interface SdkAnswer {
  status: number;
  body: Record<string, any>;
}

/** Calls `action` (of API `version`) on the emulator at `url` through the real SDK, with `params` as a form body. */
export async function sdkCall(url: string, action: string, params: Record<string, string>, credentials: Credentials, version = '2020-06-06'): Promise<SdkAnswer> {
  const client = new OpenApiClient(new OpenApi.Config({ ...credentials, endpoint: new URL(url).host, protocol: 'http', regionId: 'ap-southeast-1', readTimeout: 5000, connectTimeout: 5000 }));
  const apiParams = new OpenApi.Params({ action, version, protocol: 'HTTP', pathname: '/', method: 'POST', authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json' });
  // A plain object: callApi reads only these fields (@alicloud/tea-util is not a dependency of ours).
  const runtime = { autoretry: false, readTimeout: 5000, connectTimeout: 5000 } as never;
  try {
    const response = await client.callApi(apiParams, new OpenApi.OpenApiRequest({ body: params }), runtime);
    return { status: Number(response['statusCode']), body: response['body'] as Record<string, any> };
  } catch (error) {
    const data = (error as { data?: Record<string, any> }).data;
    if (!data) throw error;
    const { statusCode, ...body } = data;
    return { status: Number(statusCode), body };
  }
}

/** A request exactly as it went over the wire. */
export interface CapturedRequest {
  method: string;
  url: string;
  /** Lower-case names, as node reports them. */
  headers: Record<string, string>;
  body: Buffer;
}

/** Lets the SDK sign and send a call to a throw-away server, and returns the request it sent. */
export async function captureSdkRequest(action: string, params: Record<string, string>, credentials: Credentials): Promise<CapturedRequest> {
  let captured: CapturedRequest | undefined;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      captured = { method: req.method!, url: req.url!, headers: { ...(req.headers as Record<string, string>) }, body: Buffer.concat(chunks) };
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"Code":"OK"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await sdkCall(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, action, params, credentials);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  return captured!;
}

/** Sends a (captured, maybe tampered) request to the emulator as it is; the host header is kept as given. */
export function replay(url: string, request: CapturedRequest): Promise<SdkAnswer & { headers: Record<string, string | string[] | undefined> }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    // Framing headers are the transport's, not the request's: the SDK may have sent its body chunked.
    const { ['transfer-encoding']: _te, connection: _c, ['content-length']: _cl, ...headers } = request.headers;
    const req = httpRequest({ host: target.hostname, port: target.port, method: request.method, path: request.url, headers: { ...headers, 'content-length': String(request.body.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          resolve({ status: res.statusCode!, headers: res.headers, body: JSON.parse(text) as Record<string, any> });
        } catch {
          reject(new Error(`HTTP ${res.statusCode} with a body that is not JSON: ${text.slice(0, 200)}`));
        }
      });
    });
    req.on('error', reject);
    req.end(request.body);
  });
}

/** A copy of a captured request with some headers changed (undefined removes one) or another body. */
export function tamper(request: CapturedRequest, change: { headers?: Record<string, string | undefined>; body?: string }): CapturedRequest {
  const headers = { ...request.headers };
  for (const [name, value] of Object.entries(change.headers ?? {})) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  return { ...request, headers, body: change.body !== undefined ? Buffer.from(change.body) : request.body };
}
