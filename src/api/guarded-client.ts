/**
 * The functions of `ramguard/client`, guarded: arguments checked before the call, so misuse
 * throws a RamguardError with a code — and the async ones (`callCams`, `callRpc`, a client's
 * `call`, `updateInstance`) reject with it rather than throwing synchronously.
 */
import * as endpoint from '../client/endpoint.js';
import * as failure from '../client/failure.js';
import { GuardedCamsClient as CamsClient, type GuardedClientOptions, type UpdateOptions, type GuardedOutcome } from '../client/guarded-client.js';
import * as redact from '../client/redact.js';
import * as render from '../client/render.js';
import * as transport from '../client/transport.js';
import { anything, arrayOf, boolean, callback, finite, func, integer, isObject, oneOf, optional, recordOf, shape, string, type Check } from './checks.js';
import { data } from './data.js';
import { guard, guardAsync, checkArguments } from './guard.js';
import { authorizationRequest, context, diagnostics, policySetOrCompiled, requestPrincipal, residual, strings } from './shapes.js';

const anEndpoint = shape('an Endpoint `{ protocol, host }`', { protocol: oneOf(['http', 'https']), host: string });
const credential = shape('a credential source `{ getCredential() }`', { getCredential: func });
const retry = shape('a RetryPolicy `{ maxAttempts, baseDelayMs, maxDelayMs }`', { maxAttempts: integer(0), baseDelayMs: finite, maxDelayMs: finite });
const random = callback(finite);
const transportOptions = shape('TransportOptions `{ endpoint, regionId, credential, timeoutMs, retry }`', {
  endpoint: anEndpoint,
  regionId: string,
  credential,
  timeoutMs: finite,
  retry,
  sleep: optional(func),
  random: optional(random),
  onRetry: optional(func),
});
const formParameters = recordOf(string, 'an object of parameters (strings)');
const rpcCall = shape('an RpcCall `{ version, action, parameters }`', { version: string, action: string, parameters: formParameters, bodyCheck: optional(func) });
const body = data(shape('a response body (an object)', {}));
const serviceFailure = shape('a ServiceFailure `{ kind, message, retryable }`', {
  kind: oneOf(['http', 'business', 'timeout', 'network', 'malformed-response', 'credentials']),
  code: optional(string),
  message: string,
  statusCode: optional(integer()),
  requestId: optional(string),
  accessDeniedDetail: optional(data(shape('an object', {}))),
  retryable: boolean,
});
const describedRequest = shape('a DescribedRequest `{ method, url, action, version, signature, body }`', { method: string, url: string, action: string, version: string, signature: string, accessKeyId: optional(string), securityToken: boolean, body: formParameters });
const statementRefs = arrayOf(shape('a StatementRef `{ layer, policy, statement, effect }`', { layer: string, policy: string, statement: integer(0), effect: oneOf(['Allow', 'Deny']) }));
const preflightResult = shape('a PreflightResult (from `preflightUpdateInstance`)', {
  decision: string,
  decidingStatements: statementRefs,
  possibleDenies: statementRefs,
  residual: optional(residual),
  unknownKeys: strings,
  statements: arrayOf(shape('a statement trace', {})),
  diagnostics,
  notes: strings,
  request: shape('an UpdateInstance request', {}),
  arn: string,
  authorization: authorizationRequest,
});

/** The fields each outcome status carries, as the renderers read them. */
const OUTCOME_FIELDS: Record<string, Record<string, Check>> = {
  invalid: { diagnostics },
  refused: { preflight: preflightResult, reason: string },
  'dry-run': { preflight: preflightResult, request: describedRequest, wouldSend: boolean, reason: string },
  succeeded: { preflight: preflightResult, request: describedRequest, forced: boolean, response: data(shape('a response body', {})), attempts: integer(0) },
  denied: { preflight: preflightResult, request: describedRequest, forced: boolean, failure: serviceFailure, attempts: integer(0) },
  drift: { preflight: preflightResult, request: describedRequest, failure: serviceFailure, attempts: integer(0) },
  failed: { preflight: optional(preflightResult), request: optional(describedRequest), forced: boolean, failure: serviceFailure, attempts: integer(0) },
};
const outcome: Check = (v, place) => {
  shape('a GuardedOutcome (from `updateInstance`)', { status: oneOf(Object.keys(OUTCOME_FIELDS)) })(v, place);
  return shape(`a \`${(v as { status: string }).status}\` GuardedOutcome`, OUTCOME_FIELDS[(v as { status: string }).status]!)(v, place);
};

const clientOptions = shape('GuardedClientOptions `{ region, accountId, policies, principal, credential }`', {
  region: string,
  accountId: string,
  policies: policySetOrCompiled,
  principal: requestPrincipal,
  credential,
  endpoint: optional(anEndpoint),
  timeoutMs: optional(finite),
  retry: optional(shape('a partial RetryPolicy', { maxAttempts: optional(integer(0)), baseDelayMs: optional(finite), maxDelayMs: optional(finite) })),
  now: optional(callback((v, place) => (v instanceof Date ? v : shape('a Date', {})(v, place)))),
  sleep: optional(func),
  random: optional(random),
  onRetry: optional(func),
});
const updateOptions = optional(shape('UpdateOptions', { force: optional(boolean), dryRun: optional(boolean), sourceIp: optional(string), context: optional(context), absent: optional(strings), resourceGroup: optional(string) }));
const updateParams = data(shape('an object of UpdateInstance parameters', {}));

/** A CAMS client that asks ramguard before every UpdateInstance; its options and calls are checked. */
export class GuardedCamsClient extends CamsClient {
  constructor(options: GuardedClientOptions) {
    super(checkArguments('GuardedCamsClient', [['options', clientOptions]], [options])[0] as GuardedClientOptions);
  }

  /** Preflights and, when allowed, sends UpdateInstance; a wrong argument rejects with a RamguardError. */
  override updateInstance(params: Record<string, unknown>, update: UpdateOptions = {}): Promise<GuardedOutcome> {
    return guardAsync('updateInstance', (p: Record<string, unknown>, u?: UpdateOptions) => super.updateInstance(p, u), [
      ['params', updateParams],
      ['update', updateOptions],
    ])(params, update);
  }
}

/**
 * Calls CAMS `action` with `parameters` as a form body; retries throttling, 5xx and refused
 * connections.
 */
export const callCams: typeof transport.callCams = guardAsync('callCams', transport.callCams, [
  ['action', string],
  ['parameters', formParameters],
  ['options', transportOptions],
]);
/** Calls `action` of any RPC API once (with retries): a one-call client. */
export const callRpc: typeof transport.callRpc = guardAsync('callRpc', transport.callRpc, [
  ['request', rpcCall],
  ['options', transportOptions],
]);
/** A client for `options.endpoint`; its `call` checks each request too. */
export const createRpcClient: typeof transport.createRpcClient = guard('createRpcClient', (options: transport.TransportOptions) => {
  const client = transport.createRpcClient(options);
  return { call: guardAsync('call', client.call.bind(client), [['request', rpcCall]]) };
}, [['options', transportOptions]]);
/**
 * RAM and Resource Manager answer errors with HTTP 4xx/5xx and a 200 body without `Code` on
 * success; a 200 body is a failure only when it carries a `Code` other than "OK".
 */
export const failureFromCodeIfAny: typeof transport.failureFromCodeIfAny = guard('failureFromCodeIfAny', transport.failureFromCodeIfAny, [['body', body]]);
/**
 * The delay before retry number `retry` (1-based): exponential, capped, with half of it jittered.
 */
export const backoffDelay: typeof transport.backoffDelay = guard('backoffDelay', transport.backoffDelay, [
  ['retry', integer(0)],
  ['policy', retry],
  ['random', random],
]);

/**
 * Reads an HTTP 200 body: success when `Code` is "OK" (the docs' sample pairs `Code:"OK"` with
 * `Success:false`, so `Code` decides).
 */
export const failureFromBody: typeof failure.failureFromBody = guard('failureFromBody', failure.failureFromBody, [['body', body]]);

/** Whether `String(value)` and reading `name` work: a thrown value can be anything, even `Object.create(null)`. */
function printable(value: unknown): boolean {
  try {
    String(value);
    const name = isObject(value) ? value['name'] : undefined;
    return name === undefined || typeof name === 'string';
  } catch {
    return false;
  }
}
/** Reads whatever was thrown; a value that cannot even be printed is reported as such, not re-thrown as a TypeError. */
export const failureFromError: typeof failure.failureFromError = guard('failureFromError', (error: unknown) => failure.failureFromError(printable(error) ? error : { message: `a thrown value that cannot be printed (${typeof error})` }), [['error', anything]]);
/** Whether a failure is RAM refusing the call (as opposed to any other error). */
export const isPermissionDenial: typeof failure.isPermissionDenial = guard('isPermissionDenial', failure.isPermissionDenial, [['failure', serviceFailure]]);
/** Whether an Alibaba error code or status means "slow down and try again". */
export const isThrottling: typeof failure.isThrottling = guard('isThrottling', failure.isThrottling, [
  ['code', optional(string)],
  ['statusCode', optional(finite)],
]);

/** The endpoint Alibaba's SDK builds for a region: `cams.<regionId>.aliyuncs.com`, over HTTPS. */
export const defaultEndpoint: typeof endpoint.defaultEndpoint = guard('defaultEndpoint', endpoint.defaultEndpoint, [['regionId', string]]);
/**
 * Reads `--endpoint`: `https://host[:port]`, `http://host[:port]` or a bare `host[:port]` (HTTPS).
 * A path, query or credentials in the URL are refused: RPC calls go to `/`, and a secret in a URL
 * would end up in logs.
 */
export const parseEndpoint: typeof endpoint.parseEndpoint = guard('parseEndpoint', endpoint.parseEndpoint, [['text', string]]);
/** The URL of an endpoint, for messages. */
export const endpointUrl: typeof endpoint.endpointUrl = guard('endpointUrl', endpoint.endpointUrl, [['endpoint', anEndpoint]]);
/** Whether a host is this machine: plain HTTP to it exposes nothing on the network. */
export const isLoopback: typeof endpoint.isLoopback = guard('isLoopback', endpoint.isLoopback, [['host', string]]);

/** A redactor for these secrets; it and its `add` check their arguments too. */
export const createRedactor: typeof redact.createRedactor = guard('createRedactor', (secrets?: (string | undefined)[]) => {
  const inner = redact.createRedactor(secrets);
  const outer = guard('redact', (text: string) => inner(text), [['text', string]]) as redact.Redactor;
  outer.add = guard('add', (secret: string | undefined) => inner.add(secret), [['secret', optional(string)]]);
  return outer;
}, [['secrets', optional(arrayOf(optional(string), 'an array of strings'))]]);

/** The outcome as text: the headline, then the preflight's full explanation. */
export const renderOutcomeText: typeof render.renderOutcomeText = guard('renderOutcomeText', render.renderOutcomeText, [['outcome', outcome]]);
/**
 * The outcome as JSON: the status, the preflight (as `ramguard preflight` prints it), the request,
 * the answer or failure.
 */
export const outcomeJson: typeof render.outcomeJson = guard('outcomeJson', render.outcomeJson, [['outcome', outcome]]);
/** One failure in one paragraph: code, status, message, request id, RAM's denial detail. */
export const describeFailure: typeof render.describeFailure = guard('describeFailure', render.describeFailure, [['failure', serviceFailure]]);
/** The request as `--dry-run` shows it. */
export const describeRequest: typeof render.describeRequest = guard('describeRequest', render.describeRequest, [['request', describedRequest]]);
