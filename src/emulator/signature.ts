/**
 * Verifies Alibaba Cloud's V3 request signature, ACS3-HMAC-SHA256, as the "request syntax and
 * signature method V3" page specifies it — written from the spec, not from the SDK, so a test that
 * signs with the SDK checks the SDK against the spec rather than against itself. Pure: the time and
 * the memory of used nonces come in as arguments.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { apiError, type ApiError } from './errors.js';

/** The parts of an HTTP request the signature covers. */
export interface SignedRequest {
  method: string;
  /** The path as sent, without the query (`/` for RPC calls). */
  path: string;
  /** The query parameters, percent-decoded, in the order sent. */
  query: [string, string][];
  /** Header names in lower case; several values of one header joined by `,`. */
  headers: Record<string, string>;
  body: Uint8Array;
}

/** What the emulator knows of an AccessKey. */
export interface KeySecret {
  secret: string;
  securityToken?: string;
}

/** Nonces seen recently, each with the time (ms) after which it can be forgotten. */
export interface NonceMemory {
  /** Nonce → forget-after time (ms), in insertion order, which is time order. */
  seen: Map<string, number>;
  /** Told of each nonce remembered (e.g. to keep it in a file, so a restart does not forget it). */
  onRemember?: (nonce: string, untilMs: number) => void;
}

/** How to verify: the server's clock (ISO 8601), the allowed skew, and the nonce memory. */
export interface VerifyOptions {
  now: string;
  maxSkewSeconds: number;
  nonces: NonceMemory;
}

/** The one signature algorithm the emulator verifies. */
export const ALGORITHM = 'ACS3-HMAC-SHA256';

/** The common headers the spec requires in every request. */
const REQUIRED_HEADERS = ['host', 'x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256'];
/** The spec: every header present that is `host`, `content-type` or `x-acs-*` must be signed. */
const mustBeSigned = (name: string) => name === 'host' || name === 'content-type' || name.startsWith('x-acs-');

/** RFC 3986 encoding: only `A-Za-z0-9-_.~` stay as they are; space is `%20`, `*` is `%2A`. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** Splits a raw query string into decoded name/value pairs; undefined when an escape is malformed. */
export function parseQuery(raw: string): [string, string][] | undefined {
  if (raw === '') return [];
  try {
    return raw.split('&').filter((part) => part !== '').map((part) => {
      const eq = part.indexOf('=');
      // RFC 3986 query: `+` is a literal plus, not a space (unlike HTML forms).
      return eq < 0 ? [decodeURIComponent(part), ''] : [decodeURIComponent(part.slice(0, eq)), decodeURIComponent(part.slice(eq + 1))];
    });
  } catch {
    return undefined;
  }
}

/** Hex SHA-256. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The canonical request for the given signed headers (lower case, sorted). */
export function canonicalRequest(request: SignedRequest, signedHeaders: readonly string[]): string {
  const query = [...request.query]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
    .join('&');
  const headers = signedHeaders.map((name) => `${name}:${(request.headers[name] ?? '').trim()}\n`).join('');
  return [request.method.toUpperCase(), canonicalUri(request.path), query, headers, signedHeaders.join(';'), sha256Hex(request.body)].join('\n');
}

/** `ACS3-HMAC-SHA256\n` + hex SHA-256 of the canonical request. */
export function stringToSign(canonical: string): string {
  return `${ALGORITHM}\n${sha256Hex(canonical)}`;
}

/** Hex HMAC-SHA256 of the string to sign, keyed with the AccessKey secret. */
export function signatureOf(secret: string, toSign: string): string {
  return createHmac('sha256', secret).update(toSign).digest('hex');
}

/** The path segments re-encoded by RFC 3986 (`/` for an empty path). */
function canonicalUri(path: string): string {
  if (path === '' || path === '/') return '/';
  return path
    .split('/')
    .map((segment) => {
      try {
        return percentEncode(decodeURIComponent(segment));
      } catch {
        return segment;
      }
    })
    .join('/');
}

const AUTHORIZATION = /^(\S+) Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([^,\s]+)$/;

/** Parses `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=a;b,Signature=hex`, or says what is wrong. */
export function parseAuthorization(value: string | undefined): { accessKeyId: string; signedHeaders: string[]; signature: string } | ApiError {
  if (value === undefined || value.trim() === '') return apiError('IncompleteSignature', 'the request has no Authorization header; sign it with ACS3-HMAC-SHA256');
  const match = AUTHORIZATION.exec(value.trim());
  if (!match) return apiError('IncompleteSignature', 'the Authorization header is not `ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<names>,Signature=<hex>`');
  const [, algorithm, accessKeyId, names, signature] = match as unknown as [string, string, string, string, string];
  if (algorithm !== ALGORITHM) return apiError('InvalidSignatureMethod', `the emulator verifies ${ALGORITHM} signatures, not \`${algorithm}\``);
  if (!/^[0-9a-f]{64}$/.test(signature)) return apiError('IncompleteSignature', 'the Signature must be 64 lower-case hex digits');
  const signedHeaders = names.split(';');
  const sorted = [...new Set(signedHeaders)].sort();
  if (signedHeaders.some((h) => h !== h.toLowerCase() || h === '') || sorted.join(';') !== signedHeaders.join(';')) {
    return apiError('IncompleteSignature', 'SignedHeaders must be lower-case header names, sorted, each once, joined by `;`');
  }
  return { accessKeyId, signedHeaders, signature };
}

/**
 * Verifies one request. On success, remembers its nonce and returns the AccessKey ID; otherwise
 * the error Alibaba would answer with. The messages never contain a secret or a token.
 */
export function verifySignature(request: SignedRequest, keyOf: (id: string) => KeySecret | undefined, options: VerifyOptions): { accessKeyId: string } | { error: ApiError } {
  const auth = parseAuthorization(request.headers['authorization']);
  if ('status' in auth) return { error: auth };
  for (const name of REQUIRED_HEADERS) {
    if (!request.headers[name]) return { error: apiError('IncompleteSignature', `the request has no \`${name}\` header, which every V3 request carries`) };
  }
  for (const name of auth.signedHeaders) {
    if (request.headers[name] === undefined) return { error: apiError('IncompleteSignature', `SignedHeaders names \`${name}\`, which the request does not carry`) };
  }
  for (const name of Object.keys(request.headers).filter(mustBeSigned).sort()) {
    if (!auth.signedHeaders.includes(name)) {
      return { error: apiError('IncompleteSignature', `the \`${name}\` header is not signed; every host, content-type and x-acs-* header present must be in SignedHeaders`) };
    }
  }
  const key = keyOf(auth.accessKeyId);
  if (!key) return { error: apiError('InvalidAccessKeyId.NotFound', `Specified access key is not found: \`${auth.accessKeyId}\``) };
  const token = request.headers['x-acs-security-token'];
  if (key.securityToken !== undefined && token === undefined) return { error: apiError('MissingSecurityToken', 'this AccessKey is an STS key: the request needs its x-acs-security-token') };
  if (token !== undefined && (key.securityToken === undefined || !sameText(token, key.securityToken))) {
    return { error: apiError('InvalidSecurityToken.MismatchWithAccessKey', 'the x-acs-security-token does not belong to this AccessKey') };
  }
  const date = request.headers['x-acs-date']!;
  const dateMs = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(date) ? Date.parse(date) : NaN;
  if (Number.isNaN(dateMs)) return { error: apiError('InvalidTimeStamp.Format', `x-acs-date must be UTC ISO 8601 as yyyy-MM-ddTHH:mm:ssZ, not \`${date}\``) };
  const nowMs = Date.parse(options.now);
  const skewMs = options.maxSkewSeconds * 1000;
  if (Math.abs(nowMs - dateMs) > skewMs) {
    return { error: apiError('InvalidTimeStamp.Expired', `Specified time stamp or date value is expired: x-acs-date \`${date}\` is more than ${options.maxSkewSeconds} s from the server time \`${options.now}\``) };
  }
  if (!sameText(request.headers['x-acs-content-sha256']!.toLowerCase(), sha256Hex(request.body))) {
    return { error: apiError('SignatureDoesNotMatch', 'x-acs-content-sha256 is not the SHA-256 of the request body') };
  }
  const toSign = stringToSign(canonicalRequest(request, auth.signedHeaders));
  if (!sameText(auth.signature, signatureOf(key.secret, toSign))) {
    // Alibaba shows its string to sign too: a hash, so it reveals nothing secret.
    return { error: apiError('SignatureDoesNotMatch', `The request signature does not conform to Aliyun standards. server string to sign is:${toSign}`) };
  }
  if (!rememberNonce(options.nonces, request.headers['x-acs-signature-nonce']!, nowMs, 2 * skewMs)) {
    return { error: apiError('SignatureNonceUsed', 'Specified signature nonce was used already') };
  }
  return { accessKeyId: auth.accessKeyId };
}

/**
 * Remembers a nonce for `keepMs`: long enough that any request still inside the skew window that
 * repeats it is caught, short enough that the memory does not grow for ever.
 */
export function rememberNonce(memory: NonceMemory, nonce: string, nowMs: number, keepMs: number): boolean {
  for (const [old, until] of memory.seen) {
    if (until > nowMs) break; // insertion order is time order: the rest are newer
    memory.seen.delete(old);
  }
  if (memory.seen.has(nonce)) return false;
  memory.seen.set(nonce, nowMs + keepMs);
  memory.onRemember?.(nonce, nowMs + keepMs);
  return true;
}

/** Constant-time comparison, so a caller cannot find a signature byte by byte from timings. */
function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
