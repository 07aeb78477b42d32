/**
 * What can go wrong once a call leaves the machine, as one data type: the SDK throws several
 * shapes (a ResponseError for HTTP 4xx/5xx, a RequestTimeoutError, Node's network errors, a
 * SyntaxError for a body that is not JSON); the guarded client reports one.
 */

/** The kinds of failure, each with its own handling. */
export type FailureKind =
  /** HTTP 4xx/5xx with an Alibaba error body. */
  | 'http'
  /** HTTP 200 whose `Code` is not "OK": CAMS reports business errors this way. */
  | 'business'
  /** No answer within the timeout. Reported, not retried. */
  | 'timeout'
  /** The connection failed (refused, reset, name not resolved). */
  | 'network'
  /** An answer that is not the JSON the API documents. */
  | 'malformed-response'
  /** The credential chain gave no usable AccessKey. */
  | 'credentials';

/** One failed call, as reported to the user. Never holds a secret. */
export interface ServiceFailure {
  kind: FailureKind;
  /** Alibaba's error code (`Forbidden.RAM`, `Throttling.User`, …) or Node's (`ECONNREFUSED`). */
  code?: string;
  message: string;
  statusCode?: number;
  requestId?: string;
  /** RAM's explanation of a denial, when the service sends one. */
  accessDeniedDetail?: Record<string, unknown>;
  /** Whether another attempt may succeed (throttling, 5xx, a refused connection). */
  retryable: boolean;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH']);
/** Network errors after which the request surely or probably never ran; UpdateInstance is idempotent anyway. */
const RETRYABLE_NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'EAI_AGAIN']);

/** Whether an Alibaba error code or status means "slow down and try again". */
export function isThrottling(code: string | undefined, statusCode: number | undefined): boolean {
  return statusCode === 429 || (code !== undefined && /^Throttling(\.|$)/i.test(code));
}

/** Whether a failure is RAM refusing the call (as opposed to any other error). */
export function isPermissionDenial(failure: ServiceFailure): boolean {
  if (failure.kind !== 'http' && failure.kind !== 'business') return false;
  if (failure.accessDeniedDetail !== undefined && Object.keys(failure.accessDeniedDetail).length > 0) return true;
  return /^(Forbidden\.RAM|Forbidden\.NoPermission|NoPermission|Forbidden\.AccessDenied)/i.test(failure.code ?? '');
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const detailOf = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0 ? (value as Record<string, unknown>) : undefined;

/** Reads whatever the SDK threw into a ServiceFailure. */
export function failureFromError(error: unknown): ServiceFailure {
  const e = (error ?? {}) as { name?: string; code?: unknown; message?: string; statusCode?: number; data?: Record<string, unknown>; accessDeniedDetail?: unknown };
  if (e.name === 'RequestTimeoutError' || /timeout/i.test(e.name ?? '')) {
    return { kind: 'timeout', message: 'no answer within the timeout', retryable: false };
  }
  if (e.name === 'SyntaxError') {
    return { kind: 'malformed-response', message: 'the service answered with a body that is not JSON', retryable: false };
  }
  if (typeof e.statusCode === 'number' && e.data) {
    const code = text(e.data['Code']) ?? text(e.data['code']) ?? text(e.code);
    const statusCode = e.statusCode;
    const detail = detailOf(e.data['AccessDeniedDetail']) ?? detailOf(e.accessDeniedDetail);
    return {
      kind: 'http',
      ...(code !== undefined ? { code } : {}),
      message: text(e.data['Message']) ?? text(e.data['message']) ?? `HTTP ${statusCode}`,
      statusCode,
      ...(text(e.data['RequestId']) !== undefined ? { requestId: text(e.data['RequestId'])! } : {}),
      ...(detail ? { accessDeniedDetail: detail } : {}),
      retryable: statusCode >= 500 || isThrottling(code, statusCode),
    };
  }
  const code = text(e.code);
  if (code !== undefined && NETWORK_CODES.has(code)) {
    return { kind: 'network', code, message: `the connection failed (${code})`, retryable: RETRYABLE_NETWORK.has(code) };
  }
  return { kind: 'network', ...(code !== undefined ? { code } : {}), message: e.message ?? String(error), retryable: false };
}

/** Reads an HTTP 200 body: success when `Code` is "OK" (the docs' sample pairs `Code:"OK"` with `Success:false`, so `Code` decides). */
export function failureFromBody(body: Record<string, unknown>): ServiceFailure | undefined {
  const code = text(body['Code']);
  if (code === 'OK') return undefined;
  const detail = detailOf(body['AccessDeniedDetail']);
  return {
    kind: 'business',
    ...(code !== undefined ? { code } : {}),
    message: text(body['Message']) ?? (code === undefined ? 'the answer has no `Code`' : 'no message'),
    statusCode: 200,
    ...(text(body['RequestId']) !== undefined ? { requestId: text(body['RequestId'])! } : {}),
    ...(detail ? { accessDeniedDetail: detail } : {}),
    retryable: isThrottling(code, 200),
  };
}
