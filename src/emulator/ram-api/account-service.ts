/**
 * The account emulator's request handler, without the HTTP server: the RAM (2015-05-01),
 * Resource Manager (2020-03-31) and CAMS ListInstance (2020-06-06) reads `ramguard collect`
 * makes, on one endpoint, each routed by its `x-acs-version`. Steps, in order: signature (the
 * CAMS emulator's ACS3-HMAC-SHA256 verification), method, version, action, parameters, faults,
 * then the answer. Any accepted AccessKey may read everything: the emulator tests collection,
 * not RAM's authorization of it (injected `forbidden` faults stand for a denied read).
 * Deterministic: time and request id are arguments; what changes lives in `state`.
 */
import { apiError, type ApiError } from '../errors.js';
import { faultAnswer, fires } from '../faults.js';
import type { FaultSpec } from '../config.js';
import type { FaultKind } from '../config-schema.js';
import { boundedParameters } from '../request-log.js';
import { claimedFields, parametersOf, type HttpRequest, type LogEntry, type RequestFacts } from '../service.js';
import { parseQuery, verifySignature, type KeySecret, type NonceMemory, type SignedRequest } from '../signature.js';
import { indexAccount, type AccountIndex, type ServedAccount } from './account-index.js';
import { answerCamsList, answerResourceManager, CAMS_LIST_ACTIONS, RESOURCE_MANAGER_ACTIONS, RESOURCE_MANAGER_VERSION } from './resource-manager-actions.js';
import { answerRam, RAM_ACTIONS, RAM_VERSION, type ActionResult } from './ram-actions.js';

/** The API behind each version the emulator answers. */
export const SERVICES = {
  [RAM_VERSION]: { service: 'ram', actions: RAM_ACTIONS as readonly string[] },
  [RESOURCE_MANAGER_VERSION]: { service: 'resourcemanager', actions: RESOURCE_MANAGER_ACTIONS as readonly string[] },
  '2020-06-06': { service: 'cams', actions: CAMS_LIST_ACTIONS as readonly string[] },
} as const;

/** A fault of the account emulator: the CAMS emulator's kinds, `forbidden` (403 Forbidden.RAM), and a parameter match. */
export interface AccountFault extends Omit<FaultSpec, 'kind'> {
  kind: FaultKind | 'forbidden';
  /** Only requests whose parameters include all of these (e.g. `{ UserName: u-0042 }`). */
  parameters?: Record<string, string>;
}

/** How the account emulator behaves. */
export interface AccountEmulatorConfig {
  account: ServedAccount;
  /** The AccessKeys it accepts, by id. */
  accessKeys: ({ id: string } & KeySecret)[];
  /** The region of its CAMS endpoint: ListInstance lists this region's instances. Default ap-southeast-1. */
  region?: string;
  faults?: AccountFault[];
  /** At most this many items per RAM Marker page (RAM may answer fewer than MaxItems). */
  pageCap?: number;
  maxSkewSeconds?: number;
}

/** What the emulator remembers between requests. */
export interface AccountEmulatorState {
  config: AccountEmulatorConfig;
  index: AccountIndex;
  keys: Map<string, KeySecret>;
  nonces: NonceMemory;
  faultCounts: number[];
}

/** One request as the log keeps it (never a secret), with the API it went to. */
export type AccountLogEntry = LogEntry & { service?: string };

/** The state of a freshly started account emulator; `nonces` as for the CAMS emulator's createEmulatorState. */
export function createAccountState(config: AccountEmulatorConfig, nonces: NonceMemory = { seen: new Map() }): AccountEmulatorState {
  return {
    config,
    index: indexAccount(config.account),
    keys: new Map(config.accessKeys.map(({ id, ...secret }) => [id, secret])),
    nonces,
    faultCounts: (config.faults ?? []).map(() => 0),
  };
}

/** Answers one request. */
export function handleAccountRequest(state: AccountEmulatorState, http: HttpRequest, facts: RequestFacts): { status: number; body: Record<string, unknown>; delayMs: number; log: AccountLogEntry } {
  const question = http.url.indexOf('?');
  const query = parseQuery(question < 0 ? '' : http.url.slice(question + 1));
  const request: SignedRequest = { method: http.method, path: question < 0 ? http.url : http.url.slice(0, question), query: query ?? [], headers: http.headers, body: http.body };
  const action = request.headers['x-acs-action'];
  const version = request.headers['x-acs-version'] ?? '';
  const api = (SERVICES as Record<string, { service: string; actions: readonly string[] }>)[version];
  const log: AccountLogEntry = { time: facts.now, requestId: facts.requestId, ...(api ? { service: api.service } : {}), ...claimedFields(request), parameters: {}, status: 200, code: 'OK' };
  let delayMs = 0;
  const hostId = api?.service === 'cams' ? `cams.${state.config.region ?? 'ap-southeast-1'}.aliyuncs.com` : `${api?.service ?? 'ram'}.aliyuncs.com`;
  const answer = (status: number, body: Record<string, unknown>) => {
    log.status = status;
    log.code = typeof body['Code'] === 'string' ? body['Code'] : 'OK';
    return { status, body: { RequestId: facts.requestId, ...body }, delayMs, log };
  };
  const fail = (error: ApiError, extra: Record<string, unknown> = {}) => answer(error.status, { HostId: hostId, Code: error.code, Message: error.message, Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(error.code)}&requestId=${facts.requestId}`, ...extra });

  if (query === undefined) return fail(apiError('InvalidParameter', 'the query string has a malformed percent-escape'));
  const verified = verifySignature(request, (id) => state.keys.get(id), { now: facts.now, maxSkewSeconds: state.config.maxSkewSeconds ?? 900, nonces: state.nonces });
  if ('error' in verified) return fail(verified.error);
  // Only now is the body worth reading: a request nobody signed is logged without it.
  const parameters = parametersOf(request);
  if (parameters !== undefined) log.parameters = boundedParameters(parameters);
  const method = request.method.toUpperCase();
  if (method !== 'POST' && method !== 'GET') return fail(apiError('UnsupportedHTTPMethod', `RPC calls are POST or GET, not ${method}`));
  if (!api) return fail(apiError('InvalidVersion', `Specified parameter Version is not valid: the emulator answers ${Object.keys(SERVICES).join(', ')}, not \`${version}\``));
  if (!api.actions.includes(action!)) return fail(apiError('InvalidAction.NotFound', `Specified api is not found: ${api.service} ${version} here answers ${api.actions.join(', ')}, not \`${action}\``));
  if (parameters === undefined) return fail(apiError('InvalidParameter', 'the body must be application/x-www-form-urlencoded'));

  const fault = pickAccountFault(state, action!, parameters);
  delayMs = fault.delayMs;
  if (fault.delayMs > 0) log.fault = 'latency';
  if (fault.answer) {
    log.fault = fault.answer.kind;
    if (fault.answer.kind === 'forbidden') {
      const detail = { AuthAction: `${api.service}:${action}`, NoPermissionType: 'ImplicitDeny', PolicyType: 'AccountLevelIdentityBasedPolicy', AuthPrincipalType: 'SubUser', EncodedDiagnosticMessage: '' };
      return fail(apiError('Forbidden.RAM', 'You are not authorized to do this action. You should be authorized by RAM.'), { AccessDeniedDetail: detail });
    }
    const outcome = faultAnswer({ ...fault.answer, kind: fault.answer.kind });
    return 'error' in outcome ? fail(outcome.error) : answer(200, { Code: outcome.business.code, Message: outcome.business.message });
  }
  const result: ActionResult =
    api.service === 'ram' ? answerRam(state.index, action!, parameters, state.config.pageCap !== undefined ? { pageCap: state.config.pageCap } : {})
    : api.service === 'resourcemanager' ? answerResourceManager(state.index, action!, parameters)
    : answerCamsList(state.index, state.config.region ?? 'ap-southeast-1', parameters);
  if ('error' in result) return fail(result.error);
  return answer(200, result.body);
}

/** Counts the request against every fault matching its action and parameters; says which fire. */
function pickAccountFault(state: AccountEmulatorState, action: string, parameters: Record<string, string>): { answer?: AccountFault & { kind: Exclude<AccountFault['kind'], 'latency'> }; delayMs: number } {
  const outcome: ReturnType<typeof pickAccountFault> = { delayMs: 0 };
  (state.config.faults ?? []).forEach((fault, i) => {
    if (fault.action !== undefined && fault.action !== action) return;
    if (Object.entries(fault.parameters ?? {}).some(([name, value]) => parameters[name] !== value)) return;
    const n = (state.faultCounts[i] ?? 0) + 1;
    state.faultCounts[i] = n;
    if (!fires({ ...fault, kind: 'throttling' }, n)) return;
    if (fault.kind === 'latency') outcome.delayMs += fault.ms ?? 0;
    else outcome.answer ??= fault as AccountFault & { kind: Exclude<AccountFault['kind'], 'latency'> };
  });
  return outcome;
}
