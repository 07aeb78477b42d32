/**
 * The functions of `ramguard/emulator`, guarded: arguments checked before the call, so misuse
 * throws a RamguardError with a code, and the servers' start functions reject with it rather
 * than throwing synchronously. A raw configuration where a parsed one is expected says to call
 * `parseEmulatorConfig` first.
 */
import * as config from '../emulator/config.js';
import * as accountIndex from '../emulator/ram-api/account-index.js';
import * as accountService from '../emulator/ram-api/account-service.js';
import * as generate from '../emulator/ram-api/generate-account.js';
import * as accountServer from '../emulator/ram-api/server.js';
import * as server from '../emulator/server.js';
import * as service from '../emulator/service.js';
import * as signature from '../emulator/signature.js';
import { array, arrayOf, callback, fail, finite, func, instanceOf, integer, isObject, oneOf, optional, raise, recordOf, shape, string, type Check } from './checks.js';
import { data } from './data.js';
import { guard, guardAsync } from './guard.js';
import { policySet, readFile, requestPrincipal, strings } from './shapes.js';

const headers = recordOf(string, 'an object of header names (lower case) to values');
const httpRequest = shape('an HttpRequest `{ method, url, headers, body }`', { method: string, url: string, headers, body: instanceOf(Uint8Array, 'Uint8Array') });
const requestFacts = shape('RequestFacts `{ now, requestId, peerIp }`', { now: string, requestId: string, peerIp: string });
const signedRequest = shape('a SignedRequest `{ method, path, query, headers, body }`', {
  method: string,
  path: string,
  query: arrayOf((v, place) => (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string' ? v : fail(place, 'a `[name, value]` pair of strings', v)), 'an array of `[name, value]` pairs'),
  headers,
  body: instanceOf(Uint8Array, 'Uint8Array'),
});
const keySecret = shape('a KeySecret `{ secret, securityToken? }`', { secret: string, securityToken: optional(string) });
const nonceMemory = shape('a NonceMemory `{ seen }`', { seen: instanceOf(Map, 'Map') });
const date = (v: unknown, place: Parameters<Check>[1]) => (v instanceof Date ? v : fail(place, 'a Date', v));
const serverOptions = optional(shape('an options object `{ port?, log?, now? }`', { port: optional(integer(0, 65_535)), log: optional(func), now: optional(callback(date)) }));

const accessKey = shape('an emulator AccessKey `{ id, secret, principal, policies }`', { id: string, secret: string, securityToken: optional(string), principal: requestPrincipal, policies: policySet });
const emulatorConfigShape = shape('an EmulatorConfig (the `config` of `parseEmulatorConfig`)', {
  accountId: string,
  region: string,
  accessKeys: arrayOf(accessKey),
  instances: arrayOf(shape('an instance `{ id, name, region, tags }`', { id: string, name: string, region: string, resourceGroup: optional(string), tags: recordOf(string) })),
  faults: arrayOf(shape('a FaultSpec `{ kind }`', { kind: oneOf(['throttling', 'http-500', 'http-503', 'latency', 'business-error']), action: optional(string), first: optional(integer(0)), every: optional(integer(1)), ms: optional(finite), code: optional(string), message: optional(string) })),
  maxSkewSeconds: finite,
});
/** A parsed emulator configuration; a raw one (policies as written, no `maxSkewSeconds`) says to parse it first. */
const emulatorConfig: Check = (v, place) => {
  if (isObject(v) && !('maxSkewSeconds' in v) && ('signature' in v || Array.isArray(v['accessKeys']))) {
    raise('raw-document', place, `\`${place.at}\` is an emulator configuration as written, not a parsed EmulatorConfig: parse it with \`parseEmulatorConfig\` first`);
  }
  return emulatorConfigShape(v, place);
};
const emulatorState = shape('an EmulatorState (from `createEmulatorState`)', { config: emulatorConfigShape, authorities: instanceOf(Map, 'Map'), instances: instanceOf(Map, 'Map'), nonces: nonceMemory, faultCounts: array });

/** A served account: raw snapshot data whose documents are inline (`document:`), never `file:`. */
const servedAccount: Check = data((v, place) => {
  const named = (what: string, fields: Record<string, Check> = {}) => optional(arrayOf(shape(what, { name: string, ...fields })));
  const account = shape('an account (raw snapshot data, e.g. from `generateAccount`)', {
    accountId: string,
    policies: named('a policy `{ name, defaultVersion, versions }`', { defaultVersion: string, versions: arrayOf(shape('a version `{ id, document }`', { id: string })) }),
    systemPolicies: named('a system policy `{ name, document }`'),
    users: named('a user `{ name }`', { groups: optional(strings), attachments: optional(array) }),
    groups: named('a group `{ name }`', { attachments: optional(array) }),
    roles: named('a role `{ name, trustPolicy }`', { trustPolicy: shape('a trust policy `{ document }`', {}), attachments: optional(array) }),
  })(v, place) as Record<string, unknown[] | undefined>;
  const entries = [...(account['policies'] ?? []).flatMap((p) => (isObject(p) && Array.isArray(p['versions']) ? p['versions'] : [p])), ...(account['roles'] ?? []).map((r) => (isObject(r) ? r['trustPolicy'] : r)), ...(account['systemPolicies'] ?? [])];
  if (entries.some((e) => !isObject(e) || e['document'] === undefined)) fail(place, 'an account whose policy documents are inline (`document:`)', v, 'invalid-argument', 'the account emulator serves documents given inline, not by `file:`');
  return v;
});
const accountConfig = shape('an AccountEmulatorConfig `{ account, accessKeys }`', {
  account: servedAccount,
  accessKeys: arrayOf(shape('an AccessKey `{ id, secret }`', { id: string, secret: string, securityToken: optional(string) })),
  region: optional(string),
  faults: optional(arrayOf(shape('an AccountFault `{ kind }`', { kind: oneOf(['throttling', 'http-500', 'http-503', 'latency', 'business-error', 'forbidden']), action: optional(string), parameters: optional(recordOf(string)) }))),
  pageCap: optional(integer(1)),
  maxSkewSeconds: optional(finite),
});
const accountState = shape('an AccountEmulatorState (from `createAccountState`)', { config: accountConfig, index: shape('an AccountIndex', {}), keys: instanceOf(Map, 'Map'), nonces: nonceMemory, faultCounts: array });
/** Counts the generator makes; groups, policies and resource groups are what the others pick from, so at least one each. */
const count = (min: number) => optional(integer(min, 1_000_000));
const accountShape = optional(shape('an AccountShape', { users: count(0), groups: count(1), roles: count(0), policies: count(1), resourceGroups: count(1), camsInstances: count(0), seed: optional(integer()), accountId: optional(string), region: optional(string) }));

/** Parses emulator configuration text. `readFile` resolves `file:` policy references. */
export const parseEmulatorConfig: typeof config.parseEmulatorConfig = guard('parseEmulatorConfig', config.parseEmulatorConfig, [
  ['text', string],
  ['options', optional(shape('an options object `{ file?, readFile? }`', { file: optional(string), readFile: optional(readFile) }))],
]);
/** Starts the emulator. Rejects (with the listen error, e.g. EADDRINUSE) when it cannot listen. */
export const startCamsEmulator: typeof server.startCamsEmulator = guardAsync('startCamsEmulator', server.startCamsEmulator, [
  ['config', emulatorConfig],
  ['options', serverOptions],
]);
/**
 * The state of a freshly started emulator: the configured instances, every key's policies compiled,
 * and `nonces` (default: none seen; a restarted emulator may bring those it kept).
 */
export const createEmulatorState: typeof service.createEmulatorState = guard('createEmulatorState', service.createEmulatorState, [
  ['config', emulatorConfig],
  ['nonces', optional(nonceMemory)],
]);
/** Answers one request. */
export const handleRequest: typeof service.handleRequest = guard('handleRequest', service.handleRequest, [
  ['state', emulatorState],
  ['http', httpRequest],
  ['facts', requestFacts],
]);
/** A copy of the stored instances, for tests and the server's `instances()`. */
export const snapshotInstances: typeof service.snapshotInstances = guard('snapshotInstances', service.snapshotInstances, [['state', emulatorState]]);
/**
 * Verifies one request. On success, remembers its nonce and returns the AccessKey ID; otherwise the
 * error Alibaba would answer with. The messages never contain a secret or a token.
 */
export const verifySignature: typeof signature.verifySignature = guard('verifySignature', signature.verifySignature, [
  ['request', signedRequest],
  ['keyOf', callback(optional(keySecret))],
  ['options', shape('VerifyOptions `{ now, maxSkewSeconds, nonces }`', { now: string, maxSkewSeconds: finite, nonces: nonceMemory })],
]);
/** The canonical request for the given signed headers (lower case, sorted). */
export const canonicalRequest: typeof signature.canonicalRequest = guard('canonicalRequest', signature.canonicalRequest, [
  ['request', signedRequest],
  ['signedHeaders', strings],
]);
/** `ACS3-HMAC-SHA256\n` + hex SHA-256 of the canonical request. */
export const stringToSign: typeof signature.stringToSign = guard('stringToSign', signature.stringToSign, [['canonical', string]]);
/** Hex HMAC-SHA256 of the string to sign, keyed with the AccessKey secret. */
export const signatureOf: typeof signature.signatureOf = guard('signatureOf', signature.signatureOf, [
  ['secret', string],
  ['toSign', string],
]);
/** RFC 3986 encoding: only `A-Za-z0-9-_.~` stay as they are; space is `%20`, `*` is `%2A`. */
export const percentEncode: typeof signature.percentEncode = guard('percentEncode', signature.percentEncode, [['value', string]]);

/** Starts the account emulator. Rejects with the listen error (e.g. EADDRINUSE). */
export const startAccountEmulator: typeof accountServer.startAccountEmulator = guardAsync('startAccountEmulator', accountServer.startAccountEmulator, [
  ['config', accountConfig],
  ['options', serverOptions],
]);
/**
 * The state of a freshly started account emulator; `nonces` as for the CAMS emulator's
 * createEmulatorState.
 */
export const createAccountState: typeof accountService.createAccountState = guard('createAccountState', accountService.createAccountState, [
  ['config', accountConfig],
  ['nonces', optional(nonceMemory)],
]);
/** Answers one request. */
export const handleAccountRequest: typeof accountService.handleAccountRequest = guard('handleAccountRequest', accountService.handleAccountRequest, [
  ['state', accountState],
  ['http', httpRequest],
  ['facts', requestFacts],
]);
/** Generates an account: by default 2,000 users, 60 groups, 80 roles, 120 custom policies. */
export const generateAccount: typeof generate.generateAccount = guard('generateAccount', generate.generateAccount, [['shape', accountShape]]);
/**
 * Indexes `account`; `domainAlias` defaults to the account id. Throws when a document is given by
 * `file:`.
 */
export const indexAccount: typeof accountIndex.indexAccount = guard('indexAccount', accountIndex.indexAccount, [
  ['account', servedAccount],
  ['domainAlias', optional(string)],
]);
/**
 * The PrincipalName Resource Manager reports for a holder (its AttachPolicy reference gives the
 * forms).
 */
export const principalName: typeof accountIndex.principalName = guard('principalName', accountIndex.principalName, [
  ['index', shape('an AccountIndex (from `indexAccount`)', { domainAlias: string })],
  ['holder', shape('a holder `{ type, name }`', { type: oneOf(['IMSUser', 'IMSGroup', 'ServiceRole']), name: string })],
]);
