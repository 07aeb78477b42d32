/**
 * ramguard's guarded CAMS client (`ramguard/client`): the network edge of the library, kept out of
 * the pure main entry so that importing ramguard never loads an HTTP SDK.
 */
export { GuardedCamsClient, type GuardedClientOptions, type UpdateOptions, type GuardedOutcome, type DescribedRequest } from './guarded-client.js';
export { callCams, callRpc, createRpcClient, failureFromCodeIfAny, backoffDelay, CAMS_API_VERSION, DEFAULT_RETRY, MAX_ATTEMPTS_LIMIT, type CredentialSource, type Endpoint, type RetryPolicy, type CallOutcome, type TransportOptions, type RpcCall, type RpcClient, type BodyCheck } from './transport.js';
export { failureFromBody, failureFromError, isPermissionDenial, isThrottling, type ServiceFailure, type FailureKind } from './failure.js';
export { defaultEndpoint, parseEndpoint, endpointUrl, isLoopback } from './endpoint.js';
export { createRedactor, REDACTED, type Redactor } from './redact.js';
export { renderOutcomeText, outcomeJson, describeFailure, describeRequest } from './render.js';
