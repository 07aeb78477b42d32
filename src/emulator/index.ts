/**
 * The local CAMS emulator as a library: parse a configuration, start the loopback server, or use
 * the pure request handler directly. Not re-exported from the package's main entry, which stays
 * free of servers and sockets. Every function is exported in its guarded form (src/api): a wrong
 * argument throws — or, for the servers' start functions, rejects with — a RamguardError.
 */
export { RamguardError, RAMGUARD_ERROR_CODES, type RamguardErrorCode } from '../errors.js';
export { parseEmulatorConfig } from '../api/guarded-emulator.js';
export { EMULATED_ACTIONS, DEFAULT_MAX_SKEW_SECONDS, type EmulatorConfig, type EmulatorAccessKey, type EmulatorInstance, type FaultSpec } from './config.js';
export { emulatorConfigSchema, FAULT_KINDS, type FaultKind } from './config-schema.js';
export { startCamsEmulator } from '../api/guarded-emulator.js';
export { MAX_BODY_BYTES, type EmulatorOptions, type RunningEmulator } from './server.js';
export { createEmulatorState, handleRequest, snapshotInstances } from '../api/guarded-emulator.js';
export { CAMS_VERSION, type EmulatorState, type HttpRequest, type LogEntry, type RequestFacts, type ServiceAnswer } from './service.js';
export { verifySignature, canonicalRequest, stringToSign, signatureOf, percentEncode } from '../api/guarded-emulator.js';
export type { SignedRequest, KeySecret, NonceMemory } from './signature.js';
export { API_ERROR_STATUS, type ApiError, type ApiErrorCode } from './errors.js';
export type { InstanceRecord } from './actions.js';
export type { AccessDeniedDetail } from './ram.js';
export { startAccountEmulator } from '../api/guarded-emulator.js';
export type { RunningAccountEmulator } from './ram-api/server.js';
export { createAccountState, handleAccountRequest } from '../api/guarded-emulator.js';
export { SERVICES, type AccountEmulatorConfig, type AccountEmulatorState, type AccountFault, type AccountLogEntry } from './ram-api/account-service.js';
export { generateAccount } from '../api/guarded-emulator.js';
export { EXTRA_SYSTEM_POLICY, type AccountShape } from './ram-api/generate-account.js';
export { indexAccount, principalName } from '../api/guarded-emulator.js';
export type { ServedAccount } from './ram-api/account-index.js';
export { RAM_ACTIONS, RAM_VERSION } from './ram-api/ram-actions.js';
export { RESOURCE_MANAGER_ACTIONS, RESOURCE_MANAGER_VERSION } from './ram-api/resource-manager-actions.js';
