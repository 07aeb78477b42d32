/**
 * The local CAMS emulator as a library: parse a configuration, start the loopback server, or use
 * the pure request handler directly. Not re-exported from the package's main entry, which stays
 * free of servers and sockets.
 */
export { parseEmulatorConfig, EMULATED_ACTIONS, DEFAULT_MAX_SKEW_SECONDS, type EmulatorConfig, type EmulatorAccessKey, type EmulatorInstance, type FaultSpec } from './config.js';
export { emulatorConfigSchema, FAULT_KINDS, type FaultKind } from './config-schema.js';
export { startCamsEmulator, MAX_BODY_BYTES, type EmulatorOptions, type RunningEmulator } from './server.js';
export { createEmulatorState, handleRequest, snapshotInstances, CAMS_VERSION, type EmulatorState, type HttpRequest, type LogEntry, type RequestFacts, type ServiceAnswer } from './service.js';
export { verifySignature, canonicalRequest, stringToSign, signatureOf, percentEncode, type SignedRequest, type KeySecret, type NonceMemory } from './signature.js';
export { API_ERROR_STATUS, type ApiError, type ApiErrorCode } from './errors.js';
export type { InstanceRecord } from './actions.js';
export type { AccessDeniedDetail } from './ram.js';
