/**
 * ramguard's guarded CAMS client (`ramguard/client`): the network edge of the library, kept out of
 * the pure main entry so that importing ramguard never loads an HTTP SDK. Every function and the
 * client class are exported in their guarded form (src/api): a wrong argument throws — or, for
 * the async ones, rejects with — a RamguardError with a code.
 */
export { RamguardError, RAMGUARD_ERROR_CODES, type RamguardErrorCode } from '../errors.js';
export { GuardedCamsClient } from '../api/guarded-client.js';
export type { GuardedClientOptions, UpdateOptions, GuardedOutcome, DescribedRequest } from './guarded-client.js';
export { callCams, callRpc, createRpcClient, failureFromCodeIfAny, backoffDelay } from '../api/guarded-client.js';
export { CAMS_API_VERSION, DEFAULT_RETRY, MAX_ATTEMPTS_LIMIT, type CredentialSource, type Endpoint, type RetryPolicy, type CallOutcome, type TransportOptions, type RpcCall, type RpcClient, type BodyCheck } from './transport.js';
export { failureFromBody, failureFromError, isPermissionDenial, isThrottling } from '../api/guarded-client.js';
export type { ServiceFailure, FailureKind } from './failure.js';
export { defaultEndpoint, parseEndpoint, endpointUrl, isLoopback } from '../api/guarded-client.js';
export { createRedactor } from '../api/guarded-client.js';
export { REDACTED, type Redactor } from './redact.js';
export { renderOutcomeText, outcomeJson, describeFailure, describeRequest } from '../api/guarded-client.js';
