/**
 * Sends RPC calls (CAMS, RAM, Resource Manager) through Alibaba's own SDK (`@alicloud/openapi-client` `callApi`, signed
 * with ACS3-HMAC-SHA256) and retries what is worth retrying. The SDK's own retry loop is switched
 * off: it retries only transport errors and would retry a timeout, which the issue wants reported,
 * while throttling and 5xx come back as errors it never retries.
 */
import * as OpenApi from '@alicloud/openapi-client';
import { failureFromBody, failureFromError, type ServiceFailure } from './failure.js';

// The package is CommonJS with `exports.default` = the client class. Node's ESM interop makes the
// namespace's `default` the whole exports object; vitest's honours `__esModule` and makes it the class.
type ClientClass = typeof OpenApi.default.default;
const exported = OpenApi.default as unknown as ClientClass | { default: ClientClass };
const OpenApiClient: ClientClass = typeof exported === 'function' ? exported : exported.default;

/** The API version every CAMS call names. */
export const CAMS_API_VERSION = '2020-06-06';

/** What `getCredential()` returns: the shape of `@alicloud/credentials`' Credential. */
export interface CredentialSource {
  getCredential(): Promise<{ accessKeyId?: string; accessKeySecret?: string; securityToken?: string }>;
}

/** Where a call goes. */
export interface Endpoint {
  protocol: 'http' | 'https';
  /** Host, with the port when it is not the protocol's default. */
  host: string;
}

/** Bounded retries: at most `maxAttempts` calls, exponential backoff from `baseDelayMs`, capped at `maxDelayMs`. */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 2_000 };
/** The most attempts any setting may ask for: a stuck service must not hold a pipeline for ever. */
export const MAX_ATTEMPTS_LIMIT = 10;

export interface TransportOptions {
  endpoint: Endpoint;
  regionId: string;
  credential: CredentialSource;
  /** Read and connect timeout of one attempt, in ms. */
  timeoutMs: number;
  retry: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1): the jitter of the backoff. Injectable so tests are repeatable. */
  random?: () => number;
  /** Told before each retry, e.g. to print a notice. */
  onRetry?: (failure: ServiceFailure, attempt: number, delayMs: number) => void;
}

/** The answer of a call: the body of a success, or the failure of the last attempt. */
export type CallOutcome =
  | { ok: true; body: Record<string, unknown>; statusCode: number; attempts: number }
  | { ok: false; failure: ServiceFailure; attempts: number };

/** The delay before retry number `retry` (1-based): exponential, capped, with half of it jittered. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
  const full = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(full / 2 + (full / 2) * random());
}

/** Reads an HTTP 200 body: undefined on success, else the failure it reports. */
export type BodyCheck = (body: Record<string, unknown>) => ServiceFailure | undefined;

/**
 * RAM and Resource Manager answer errors with HTTP 4xx/5xx and a 200 body without `Code` on
 * success; a 200 body is a failure only when it carries a `Code` other than "OK".
 */
export const failureFromCodeIfAny: BodyCheck = (body) => (body['Code'] === undefined ? undefined : failureFromBody(body));

/** One RPC call: which API version and action, its parameters, and how to read a 200 body. */
export interface RpcCall {
  version: string;
  action: string;
  parameters: Record<string, string>;
  /** Default `failureFromBody` (CAMS: `Code` must be "OK"). */
  bodyCheck?: BodyCheck;
}

/** An SDK client bound to one endpoint and credential, reused for many calls. */
export interface RpcClient {
  call(request: RpcCall): Promise<CallOutcome>;
}

/** A client for `options.endpoint`: every call signed by the SDK, with the retries of `options.retry`. */
export function createRpcClient(options: TransportOptions): RpcClient {
  const client = new OpenApiClient(
    new OpenApi.Config({
      credential: options.credential as never,
      endpoint: options.endpoint.host,
      protocol: options.endpoint.protocol,
      regionId: options.regionId,
      readTimeout: options.timeoutMs,
      connectTimeout: options.timeoutMs,
    }),
  );
  // A plain object: callApi reads only these fields, and @alicloud/tea-util is not our dependency.
  const runtime = { autoretry: false, readTimeout: options.timeoutMs, connectTimeout: options.timeoutMs } as never;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxAttempts = Math.max(1, Math.min(MAX_ATTEMPTS_LIMIT, options.retry.maxAttempts));
  return {
    async call({ version, action, parameters, bodyCheck = failureFromBody }: RpcCall): Promise<CallOutcome> {
      const params = new OpenApi.Params({ action, version, protocol: options.endpoint.protocol.toUpperCase(), pathname: '/', method: 'POST', authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json' });
      let failure: ServiceFailure | undefined;
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        if (failure) {
          const delay = backoffDelay(attempt - 1, options.retry, options.random ?? Math.random);
          options.onRetry?.(failure, attempt, delay);
          await sleep(delay);
        }
        try {
          const response = await client.callApi(params, new OpenApi.OpenApiRequest({ body: { ...parameters } }), runtime);
          const body = (response?.['body'] ?? {}) as Record<string, unknown>;
          const statusCode = Number(response?.['statusCode'] ?? 200);
          failure = bodyCheck(body);
          if (!failure) return { ok: true, body, statusCode, attempts: attempt };
        } catch (error) {
          failure = failureFromError(error);
        }
        if (!failure.retryable) return { ok: false, failure, attempts: attempt };
      }
      return { ok: false, failure: failure!, attempts: maxAttempts };
    },
  };
}

/** Calls `action` of any RPC API once (with retries): a one-call client. */
export function callRpc(request: RpcCall, options: TransportOptions): Promise<CallOutcome> {
  return createRpcClient(options).call(request);
}

/** Calls CAMS `action` with `parameters` as a form body; retries throttling, 5xx and refused connections. */
export function callCams(action: string, parameters: Record<string, string>, options: TransportOptions): Promise<CallOutcome> {
  return callRpc({ version: CAMS_API_VERSION, action, parameters }, options);
}
