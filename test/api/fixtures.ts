/**
 * One valid call of every exported function of the three entries (`ramguard`, `ramguard/client`,
 * `ramguard/emulator`): the misuse test replaces one argument at a time with a bad value, so each
 * function needs arguments that are right everywhere else. Builders give fresh values per call.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RawService } from '../../src/entries/catalog.js';
import type * as main from '../../src/index.js';
import { library as root } from './entries.js';
import * as emulator from '../../src/emulator/index.js';
import { testConfig } from '../emulator/fixture.js';

const EXAMPLES = 'policies/examples';
const exampleText = (name: string) => readFileSync(join(EXAMPLES, name), 'utf8');

/** Reads `file:` references next to the examples, as the CLI does. */
export const readExample: main.PolicyFileReader = (path) => {
  try {
    return { text: readFileSync(join(EXAMPLES, path), 'utf8'), file: join(EXAMPLES, path) };
  } catch {
    return { error: `cannot read \`${path}\`` };
  }
};

export const ACCOUNT = '1234567890123456';
export const POLICY_TEXT = exampleText('cams-operator.json');
export const RAW_DOCUMENT = { Version: '1', Statement: [{ Effect: 'Allow', Action: 'cams:*', Resource: '*' }] };

/**
 * Builds a value once: the library's functions are pure and do not change their arguments, and
 * the misuse test replaces fields in copies, so the costly fixtures (a parsed snapshot, an audit
 * answer) are shared between calls.
 */
function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`fixture: no ${what}`);
  return value;
}

export const policy = once(() => must(root.parsePolicy(POLICY_TEXT, { kind: 'identity' }).policy, 'policy'));
export const named = () => ({ name: 'ops', document: policy() });
export const policySet = (): main.PolicySet => ({ ...root.emptyPolicySet(), identity: [named()] });
export const compiled = () => root.compilePolicySet(policySet());
export const request = (): main.AuthorizationRequest => ({
  principal: { type: 'RamUser', arn: `acs:ram::${ACCOUNT}:user/alice` },
  action: 'cams:UpdateInstance',
  resource: `acs:cams:ap-southeast-1:${ACCOUNT}:instance/ins-1`,
  context: { 'acs:SourceIp': '203.0.113.7', 'acs:SecureTransport': 'true' },
  absent: ['acs:MFAPresent'],
});
export const snapshot = once(() => must(root.parseSnapshot(exampleText('account.snapshot.yaml'), { file: join(EXAMPLES, 'account.snapshot.yaml'), readFile: readExample }).snapshot, 'snapshot'));
export const catalog = () => root.builtinCatalog();
export const diagnostic = (): main.Diagnostic => ({ code: 'unknown-action', severity: 'warning', message: 'the action `x:Y` is unknown', path: '/Statement/0/Action' });
export const source = (): main.PolicySource => ({ file: 'ops.json', kind: 'identity', text: POLICY_TEXT, pointerPrefix: '' });
export const findings = once(() => root.lintPolicy(source(), catalog()));
export const residual = (): main.Residual => ({ kind: 'and', of: [{ kind: 'resource-group', resourceGroup: 'rg-prod' }, { kind: 'not', of: { kind: 'true' } }] });
export const whoCanResult = once(() => must(root.whoCan(snapshot(), { action: 'cams:UpdateInstance', escalation: false }).result, 'who-can result'));
export const preflightOptions = (): main.PreflightOptions => ({ region: 'ap-southeast-1', accountId: ACCOUNT, principal: { type: 'RamUser', arn: `acs:ram::${ACCOUNT}:user/alice` }, currentTime: '2026-11-28T10:00:00Z', sourceIp: '203.0.113.7' });
export const updateParams = () => ({ InstanceId: 'ins-1', InstanceName: 'renamed' });
export const locate = () => ({ file: 'x.yaml', locate: () => undefined });
const rawService = (): RawService => ({
  service: 'demo',
  name: 'Demo',
  resourceTypes: { thing: { arn: 'acs:demo:{#regionId}:{#accountId}:thing/{#ThingId}', source: { documented: 'test' } } },
  conditionKeys: { keys: [], source: { documented: 'test' } },
  actions: { GetThing: { access: 'get', resources: ['thing'], source: { documented: 'test' } } },
});

/** A valid argument list per function of the root entry. */
export function rootCalls(): Record<string, () => unknown[]> {
  return {
    formatDiagnostic: () => [diagnostic()],
    hasErrors: () => [[diagnostic()]],
    toPointer: () => [['Statement', 0, 'Effect']],
    parsePolicy: () => [POLICY_TEXT, { kind: 'identity', file: 'ops.json' }],
    validatePolicy: () => [RAW_DOCUMENT, { kind: 'identity', file: 'ops.json', pointerPrefix: '', locate: () => undefined }],
    policySchema: () => ['identity'],
    policySize: () => [RAW_DOCUMENT],
    compileWildcard: () => ['acs:cams:*:*:instance/a?c'],
    wildcardMatch: () => ['cams:*', 'cams:UpdateInstance'],
    prepareRequest: () => [request()],
    emptyPolicySet: () => [],
    compilePolicySet: () => [policySet()],
    evaluate: () => [compiled(), request(), { trace: true }],
    renderResidual: () => [residual()],
    parseScenario: () => [exampleText('update-instance.scenario.yaml'), { file: 'update-instance.scenario.yaml', readFile: readExample }],
    scenarioFromValue: () => [{ request: request(), policies: { identity: [{ name: 'ops', document: RAW_DOCUMENT }] } }, locate(), readExample],
    parseSnapshot: () => [exampleText('account.snapshot.yaml'), { file: 'account.snapshot.yaml', readFile: readExample }],
    snapshotFromValue: () => [{ accountId: ACCOUNT, users: [{ name: 'alice' }] }, locate(), readExample],
    policySetFor: () => [snapshot(), 'user/alice', { resource: `acs:cams:ap-southeast-1:${ACCOUNT}:instance/prod-42` }],
    findOrigin: () => {
      const set = must(root.policySetFor(snapshot(), 'user/alice').result, 'principal set');
      return [set.sources, { policy: set.sources[0]!.name, layer: set.sources[0]!.layer }];
    },
    userArn: () => [{ accountId: ACCOUNT }, 'alice'],
    roleArn: () => [{ accountId: ACCOUNT }, { name: 'deployer' }],
    resourceFacts: () => [snapshot(), `acs:cams:ap-southeast-1:${ACCOUNT}:instance/prod-42`, policySet()],
    builtinCatalog: () => [],
    catalogWith: () => [[rawService()]],
    buildCatalog: () => [{ services: [rawService()], conditionKeys: { keys: {} }, systemPolicies: { policies: {} } }, []],
    parseServiceFile: () => [JSON.stringify(rawService()), 'demo.json'],
    lookupAction: () => [catalog(), 'cams:UpdateInstance'],
    expandActionPattern: () => [catalog(), 'cams:Get*'],
    buildArn: () => [catalog(), 'cams:UpdateInstance', { regionId: 'ap-southeast-1', accountId: ACCOUNT, InstanceId: 'ins-1' }, 'instance'],
    resourceTypeOfArn: () => [catalog(), `acs:cams:ap-southeast-1:${ACCOUNT}:instance/ins-1`],
    resourceTypesOf: () => {
      const c = catalog();
      return [c, must(root.lookupAction(c, 'cams:UpdateInstance'), 'action')];
    },
    ruleById: () => ['unknown-action'],
    lintPolicy: () => [source(), catalog(), { 'unknown-action': 'error' }],
    extractPolicies: () => [POLICY_TEXT, 'ops.json', { kind: 'identity', explicit: true }],
    kindFromFileName: () => ['ops.trust.json'],
    parseLintConfig: () => ['rules:\n  unknown-action: off\n', '.ramguard.yaml'],
    applySuppressions: () => [root.defaultConfig(), findings(), (f: main.Finding) => f.file ?? ''],
    isIgnored: () => [root.defaultConfig(), 'policies/a.json'],
    defaultConfig: () => [],
    renderLintText: () => [findings(), new Map([['ops.json', POLICY_TEXT]]), [], true],
    renderLintJson: () => [findings(), { files: 1, policies: 1, suppressed: 0 }],
    renderSarif: () => [findings(), root.RULES, '0.1.0', (file: string) => file],
    preflightUpdateInstance: () => [updateParams(), policySet(), preflightOptions()],
    validateUpdateInstanceParameters: () => [updateParams()],
    whoCan: () => [snapshot(), { action: 'cams:UpdateInstance', resource: `acs:cams:ap-southeast-1:${ACCOUNT}:instance/prod-42`, context: { 'acs:SourceIp': '203.0.113.7' }, escalation: false }],
    principalCan: () => [snapshot(), { principal: 'user/alice', actionPattern: 'cams:Get*', escalation: false }],
    limitPaths: () => [whoCanResult(), 1],
    auditRenderer: () => ['json'],
    renderAnswer: () => [(r: main.AuditResult) => r.kind, whoCanResult(), 'json'],
    checkAccessNotGranted: () => [named(), { actions: ['cams:DeleteInstance'], maxWitnesses: 1 }],
    checkNoNewAccess: () => [named(), named(), { actions: ['cams:*'], maxWitnesses: 1 }],
    compileAlone: () => [named()],
    decisionOf: () => [named(), request()],
    diffPolicies: () => [named(), named(), { scope: ['cams:*'] }],
  };
}

/** A loopback port nothing listens on: calls fail fast with ECONNREFUSED. */
const CLOSED = { protocol: 'http' as const, host: '127.0.0.1:9' };
export const transport = () => ({
  endpoint: CLOSED,
  regionId: 'ap-southeast-1',
  credential: { getCredential: async () => ({ accessKeyId: 'LTAI5tTest', accessKeySecret: 'not-a-secret' }) },
  timeoutMs: 2_000,
  retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
  sleep: async () => undefined,
});
const failure = () => ({ kind: 'http' as const, code: 'Forbidden.RAM', message: 'denied', statusCode: 403, retryable: false });
const describedRequest = () => ({ method: 'POST' as const, url: 'https://cams.example', action: 'UpdateInstance' as const, version: '2020-06-06', signature: 'ACS3-HMAC-SHA256' as const, securityToken: false, body: { InstanceId: 'ins-1' } });
export const clientOptions = () => ({ region: 'ap-southeast-1', accountId: ACCOUNT, policies: policySet(), principal: { type: 'RamUser' as const, arn: `acs:ram::${ACCOUNT}:user/alice` }, credential: transport().credential, endpoint: CLOSED, retry: { maxAttempts: 1 }, sleep: async () => undefined });

/** A valid argument list per function of `ramguard/client`. */
export function clientCalls(): Record<string, () => unknown[]> {
  return {
    GuardedCamsClient: () => [clientOptions()],
    callCams: () => ['QueryInstance', { InstanceId: 'ins-1' }, transport()],
    callRpc: () => [{ version: '2020-06-06', action: 'QueryInstance', parameters: { InstanceId: 'ins-1' } }, transport()],
    createRpcClient: () => [transport()],
    failureFromCodeIfAny: () => [{ Code: 'Throttling.User', Message: 'slow down' }],
    backoffDelay: () => [2, { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 2_000 }, () => 0.5],
    failureFromBody: () => [{ Code: 'Forbidden.RAM', Message: 'denied', RequestId: 'r-1' }],
    failureFromError: () => [Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    isPermissionDenial: () => [failure()],
    isThrottling: () => ['Throttling.User', 400],
    defaultEndpoint: () => ['ap-southeast-1'],
    parseEndpoint: () => ['http://127.0.0.1:8080'],
    endpointUrl: () => [CLOSED],
    isLoopback: () => ['127.0.0.1'],
    createRedactor: () => [['not-a-secret', undefined]],
    renderOutcomeText: () => [{ status: 'failed', forced: false, failure: failure(), attempts: 1 }],
    outcomeJson: () => [{ status: 'failed', forced: false, failure: failure(), attempts: 1 }],
    describeFailure: () => [failure()],
    describeRequest: () => [describedRequest()],
  };
}

const emulatorConfig = once(() => testConfig());
const account = once(() => emulator.generateAccount({ users: 3, groups: 1, roles: 1, policies: 1, seed: 1 }));
const accountConfig = () => ({ account: account(), accessKeys: [{ id: 'LTAI5tTest', secret: 'not-a-secret' }] });
const http = () => ({ method: 'POST', url: '/', headers: { host: '127.0.0.1' }, body: new Uint8Array() });
const facts = () => ({ now: '2026-11-28T10:00:00Z', requestId: 'r-1', peerIp: '127.0.0.1' });
const signed = () => ({ method: 'POST', path: '/', query: [] as [string, string][], headers: { host: '127.0.0.1' }, body: new Uint8Array() });

/** A valid argument list per function of `ramguard/emulator`. */
export function emulatorCalls(): Record<string, () => unknown[]> {
  return {
    parseEmulatorConfig: () => [exampleText('emulator.cams.yaml'), { file: join(EXAMPLES, 'emulator.cams.yaml'), readFile: readExample }],
    startCamsEmulator: () => [emulatorConfig(), { port: 0 }],
    createEmulatorState: () => [emulatorConfig()],
    handleRequest: () => [emulator.createEmulatorState(emulatorConfig()), http(), facts()],
    snapshotInstances: () => [emulator.createEmulatorState(emulatorConfig())],
    verifySignature: () => [signed(), () => ({ secret: 'not-a-secret' }), { now: '2026-11-28T10:00:00Z', maxSkewSeconds: 900, nonces: { seen: new Map() } }],
    canonicalRequest: () => [signed(), ['host']],
    stringToSign: () => ['canonical'],
    signatureOf: () => ['not-a-secret', 'to sign'],
    percentEncode: () => ['a b*~'],
    startAccountEmulator: () => [accountConfig(), { port: 0 }],
    createAccountState: () => [accountConfig()],
    handleAccountRequest: () => [emulator.createAccountState(accountConfig()), http(), facts()],
    generateAccount: () => [{ users: 2, groups: 1, roles: 1, policies: 1, seed: 3 }],
    indexAccount: () => [account(), 'example'],
    principalName: () => [emulator.indexAccount(account()), { type: 'IMSUser', name: 'alice' }],
  };
}
