/**
 * The CAMS emulator's request handler, without the HTTP server: (state, request, time, request
 * id, peer IP) → status, JSON body, delay and log entry. Deterministic: everything it depends on
 * is an argument, and what it changes (stored instances, used nonces, fault counters) lives in
 * the `state` it is given. Steps, in order: signature, method, version, action, faults,
 * parameters, authorization (RAM), then the action on the stored instance.
 */
import type { Decision } from '../decision/types.js';
import { applyUpdate, checkParameters, queryData, updateData, type InstanceRecord } from './actions.js';
import { EMULATED_ACTIONS, type EmulatorConfig } from './config.js';
import { apiError, type ApiError } from './errors.js';
import { faultAnswer, pickFaults } from './faults.js';
import { accessDeniedDetail, authorityOf, authorizeCall, type Authority } from './ram.js';
import { boundedParameters, boundedText } from './request-log.js';
import { parseAuthorization, parseQuery, verifySignature, type NonceMemory, type SignedRequest } from './signature.js';

/** The API version every CAMS call must name. */
export const CAMS_VERSION = '2020-06-06';

/** Everything the emulator remembers between requests. */
export interface EmulatorState {
  config: EmulatorConfig;
  authorities: Map<string, Authority>;
  instances: Map<string, InstanceRecord>;
  nonces: NonceMemory;
  /** Matching requests counted so far, per configured fault. */
  faultCounts: number[];
}

/**
 * One request as the log keeps it. Never the secret or the token: only the AccessKey ID. Bounded
 * (request-log.ts): the action and the claimed AccessKey ID cut to 128 characters, the parameters
 * to a few KiB, and empty unless the signature was verified.
 */
export interface LogEntry {
  time: string;
  requestId: string;
  action?: string;
  accessKeyId?: string;
  parameters: Record<string, string>;
  status: number;
  code: string;
  /** The RAM decision, when the call got as far as authorization. */
  decision?: Decision;
  /** The fault kind that answered or delayed the call, if any. */
  fault?: string;
}

/** The answer to one request. */
export interface ServiceAnswer {
  status: number;
  body: Record<string, unknown>;
  /** Milliseconds the server waits before sending the answer (latency faults). */
  delayMs: number;
  log: LogEntry;
}

/** An HTTP request as the server received it. */
export interface HttpRequest {
  method: string;
  /** The request target: path and query, as sent. */
  url: string;
  /** Header names in lower case; several values of one header joined by `,`. */
  headers: Record<string, string>;
  body: Uint8Array;
}

/** Facts of one request that are not in the request itself. */
export interface RequestFacts {
  /** The server's clock, ISO 8601. */
  now: string;
  requestId: string;
  peerIp: string;
}

/**
 * The state of a freshly started emulator: the configured instances, every key's policies
 * compiled, and `nonces` (default: none seen; a restarted emulator may bring those it kept).
 */
export function createEmulatorState(config: EmulatorConfig, nonces: NonceMemory = { seen: new Map() }): EmulatorState {
  return {
    config,
    authorities: new Map(config.accessKeys.map((key) => [key.id, authorityOf(key)])),
    instances: new Map(config.instances.map((i) => [i.id, { ...i, tags: { ...i.tags } }])),
    nonces,
    faultCounts: config.faults.map(() => 0),
  };
}

/** Answers one request. */
export function handleRequest(state: EmulatorState, http: HttpRequest, facts: RequestFacts): ServiceAnswer {
  const { config } = state;
  const question = http.url.indexOf('?');
  const query = parseQuery(question < 0 ? '' : http.url.slice(question + 1));
  const request: SignedRequest = { method: http.method, path: question < 0 ? http.url : http.url.slice(0, question), query: query ?? [], headers: http.headers, body: http.body };
  const hostId = `cams.${config.region}.aliyuncs.com`;
  const action = request.headers['x-acs-action'];
  const log: LogEntry = { time: facts.now, requestId: facts.requestId, ...claimedFields(request), parameters: {}, status: 200, code: 'OK' };
  let delayMs = 0;
  const answer = (status: number, body: Record<string, unknown>): ServiceAnswer => {
    log.status = status;
    log.code = String(body['Code']);
    return { status, body: { RequestId: facts.requestId, ...body }, delayMs, log };
  };
  const fail = (error: ApiError, extra: Record<string, unknown> = {}) =>
    answer(error.status, { HostId: hostId, Code: error.code, Message: error.message, Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(error.code)}&product=cams&requestId=${facts.requestId}`, ...extra });
  const business = (code: string, message: string) => answer(200, { Code: code, Message: message, Success: false, AccessDeniedDetail: '' });

  if (query === undefined) return fail(apiError('InvalidParameter', 'the query string has a malformed percent-escape'));
  const verified = verifySignature(request, (id) => state.authorities.get(id)?.key, { now: facts.now, maxSkewSeconds: config.maxSkewSeconds, nonces: state.nonces });
  if ('error' in verified) return fail(verified.error);
  // Only now is the body worth reading: a request nobody signed is logged without it.
  const parameters = parametersOf(request);
  if (parameters !== undefined) log.parameters = boundedParameters(parameters);
  const authority = state.authorities.get(verified.accessKeyId)!;
  const method = request.method.toUpperCase();
  if (method !== 'POST' && method !== 'GET') return fail(apiError('UnsupportedHTTPMethod', `CAMS RPC calls are POST or GET, not ${method}`));
  if (request.headers['x-acs-version'] !== CAMS_VERSION) return fail(apiError('InvalidVersion', `Specified parameter Version is not valid: CAMS is \`${CAMS_VERSION}\`, not \`${request.headers['x-acs-version']}\``));
  if (!(EMULATED_ACTIONS as readonly string[]).includes(action!)) {
    return fail(apiError('InvalidAction.NotFound', `Specified api is not found: the emulator answers ${EMULATED_ACTIONS.join(' and ')}, not \`${action}\``));
  }
  if (parameters === undefined) return fail(apiError('InvalidParameter', 'the body must be application/x-www-form-urlencoded'));

  const faults = pickFaults(config.faults, state.faultCounts, action!);
  delayMs = faults.delayMs;
  if (faults.delayMs > 0) log.fault = 'latency';
  if (faults.answer) {
    log.fault = faults.answer.kind;
    const outcome = faultAnswer(faults.answer);
    return 'error' in outcome ? fail(outcome.error) : business(outcome.business.code, outcome.business.message);
  }

  const checked = checkParameters(action!, parameters);
  if ('error' in checked) return fail(checked.error);
  const instance = state.instances.get(checked.instanceId);
  const call = { action: action!, region: config.region, accountId: config.accountId, instanceId: checked.instanceId, resourceGroup: instance?.resourceGroup ?? '', tags: instance?.tags ?? {}, now: facts.now, peerIp: facts.peerIp };
  const { allowed, result, request: authorization } = authorizeCall(authority, call);
  log.decision = result.decision;
  if (!allowed) {
    const detail = accessDeniedDetail(authority, config.accountId, authorization, result);
    return fail(apiError('Forbidden.RAM', 'You are not authorized to do this action. You should be authorized by RAM.'), { AccessDeniedDetail: detail });
  }
  if (!instance) return business('Instance.NotFound', `The specified instance \`${checked.instanceId}\` does not exist.`);
  if (action === 'UpdateInstance') applyUpdate(instance, parameters, facts.now);
  const data = action === 'UpdateInstance' ? updateData(instance) : queryData(instance);
  return answer(200, { Code: 'OK', Message: '', Success: true, AccessDeniedDetail: '', Data: data });
}

/** The action and the AccessKey ID a request claims (before any check), cut for the log. */
export function claimedFields(request: SignedRequest): { action?: string; accessKeyId?: string } {
  const action = request.headers['x-acs-action'];
  const claimed = parseAuthorization(request.headers['authorization']);
  return { ...(action !== undefined ? { action: boundedText(action) } : {}), ...('accessKeyId' in claimed ? { accessKeyId: boundedText(claimed.accessKeyId) } : {}) };
}

/** Query and form-body parameters (the body's win), null-prototype (the names are the sender's); undefined when the body is not a form. */
export function parametersOf(request: SignedRequest): Record<string, string> | undefined {
  const parameters: Record<string, string> = Object.assign(Object.create(null), Object.fromEntries(request.query));
  if (request.body.length === 0) return parameters;
  const type = (request.headers['content-type'] ?? '').toLowerCase();
  if (!type.startsWith('application/x-www-form-urlencoded')) return undefined;
  for (const [name, value] of new URLSearchParams(Buffer.from(request.body).toString('utf8'))) parameters[name] = value;
  return parameters;
}

/** A copy of the stored instances, for tests and the server's `instances()`. */
export function snapshotInstances(state: EmulatorState): InstanceRecord[] {
  return [...state.instances.values()].map((i) => ({ ...i, tags: { ...i.tags } }));
}
