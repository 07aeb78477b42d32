/** GuardedCamsClient as a library, against the CAMS emulator through the real SDK. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { GuardedCamsClient, type GuardedClientOptions, type GuardedOutcome } from '../../src/client/guarded-client.js';
import { compilePolicySet } from '../../src/eval/compile.js';
import { emptyPolicySet } from '../../src/policy/policy-set.js';
import { parsePolicy } from '../../src/policy/parse-policy.js';
import { ACCOUNT, AK, ALICE, SECRET, emulatorWith, policyFile, type Emulator } from './emulator-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'ramguard-guarded-'));
const STATEMENT = { Effect: 'Allow', Action: ['cams:UpdateInstance', 'cams:QueryInstance'], Resource: `acs:cams:*:${ACCOUNT}:instance/*` };
const ALLOW_FILE = policyFile(dir, 'allow.json', [STATEMENT]);
const NOTHING_FILE = policyFile(dir, 'nothing.json', [{ Effect: 'Allow', Action: 'cams:ListChatappTemplate', Resource: '*' }]);

const allowSet = () => {
  const set = emptyPolicySet();
  set.identity.push({ name: 'allow', document: parsePolicy(JSON.stringify({ Version: '1', Statement: [STATEMENT] }), { kind: 'identity' }).policy! });
  return set;
};

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

// Every outcome of every test, searched for the secret at the end: the library never hands it back.
const outcomes: GuardedOutcome[] = [];
afterAll(() => {
  expect(outcomes.length).toBeGreaterThanOrEqual(10);
  expect(JSON.stringify(outcomes)).not.toContain(SECRET);
});

function client(overrides: Partial<GuardedClientOptions> = {}): GuardedCamsClient {
  const guarded = new GuardedCamsClient({
    region: 'ap-southeast-1',
    accountId: ACCOUNT,
    principal: { type: 'RamUser', arn: ALICE },
    policies: allowSet(),
    credential: { getCredential: async () => ({ accessKeyId: AK, accessKeySecret: SECRET }) },
    endpoint: { protocol: 'http', host: new URL(emulator!.url).host },
    timeoutMs: 3000,
    ...overrides,
  });
  const send = guarded.updateInstance.bind(guarded);
  guarded.updateInstance = async (...args) => {
    const outcome = await send(...args);
    outcomes.push(outcome);
    return outcome;
  };
  return guarded;
}

describe('GuardedCamsClient', () => {
  it('sends an allowed call and returns the answer; the preflight saw acs:AccessId and plain HTTP', async () => {
    emulator = await emulatorWith({ policies: ALLOW_FILE });
    const outcome = await client({ policies: compilePolicySet(allowSet()) }).updateInstance({ InstanceId: 'ins-1', InstanceName: 'from-library' });
    expect(outcome.status).toBe('succeeded');
    if (outcome.status !== 'succeeded') return;
    expect(outcome.response['Code']).toBe('OK');
    expect((outcome.response['Data'] as Record<string, unknown>)['InstanceName']).toBe('from-library');
    expect(outcome.preflight.authorization.context).toMatchObject({ 'acs:AccessId': AK, 'acs:SecureTransport': 'false' });
    expect(outcome.attempts).toBe(1);
  });

  it('retries throttling with the injected backoff: delays grow and stay bounded', async () => {
    emulator = await emulatorWith({ policies: ALLOW_FILE, faults: [{ kind: 'throttling', first: 3 }] });
    const delays: number[] = [];
    const notices: string[] = [];
    const outcome = await client({
      retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 250 },
      sleep: async (ms) => void delays.push(ms),
      random: () => 0.5,
      onRetry: (failure, attempt) => notices.push(`${failure.code}#${attempt}`),
    }).updateInstance({ InstanceId: 'ins-1', InstanceName: 'x' });
    expect(outcome.status).toBe('succeeded');
    expect(delays).toEqual([75, 150, 188]);
    expect(notices).toEqual(['Throttling.User#2', 'Throttling.User#3', 'Throttling.User#4']);
  });

  it('returns drift, with the service side, when RAM denies what the preflight allowed', async () => {
    emulator = await emulatorWith({ policies: NOTHING_FILE });
    const outcome = await client().updateInstance({ InstanceId: 'ins-1', InstanceName: 'x' });
    expect(outcome.status).toBe('drift');
    if (outcome.status !== 'drift') return;
    expect(outcome.preflight.decision).toBe('Allow');
    expect(outcome.failure).toMatchObject({ kind: 'http', code: 'Forbidden.RAM', statusCode: 403 });
    expect(outcome.failure.accessDeniedDetail).toMatchObject({ AuthAction: 'cams:UpdateInstance', NoPermissionType: 'ImplicitDeny' });
  });

  it('an unknown instance is a business error in a 200 body', async () => {
    emulator = await emulatorWith({ policies: ALLOW_FILE });
    const outcome = await client().updateInstance({ InstanceId: 'ins-missing', InstanceName: 'x' });
    expect(outcome.status).toBe('failed');
    if (outcome.status !== 'failed') return;
    expect(outcome.failure.kind).toBe('business');
    expect(outcome.failure.statusCode).toBe(200);
    expect(outcome.failure.code).not.toBe('OK');
  });

  it('refuses without sending, and returns invalid parameters as diagnostics', async () => {
    emulator = await emulatorWith({ policies: ALLOW_FILE });
    const refused = await client({ policies: emptyPolicySet() }).updateInstance({ InstanceId: 'ins-1', InstanceName: 'x' }, { force: true });
    expect(refused.status).toBe('refused');
    const invalid = await client().updateInstance({ InstanceId: 'ins-1' });
    expect(invalid.status).toBe('invalid');
    if (invalid.status === 'invalid') expect(invalid.diagnostics.map((d) => d.message).join()).toContain('InstanceName');
    expect(emulator.requests()).toEqual([]);
  });

  it('a dry run resolves the AccessKey ID but sends nothing; without credentials it still describes the request', async () => {
    emulator = await emulatorWith({ policies: ALLOW_FILE });
    const dry = await client().updateInstance({ InstanceId: 'ins-1', InstanceName: 'x' }, { dryRun: true });
    expect(dry.status === 'dry-run' && dry.request.accessKeyId).toBe(AK);
    const noCredentials = await client({ credential: { getCredential: async () => Promise.reject(new Error('no chain')) } }).updateInstance({ InstanceId: 'ins-1', InstanceName: 'x' }, { dryRun: true });
    expect(noCredentials.status === 'dry-run' && noCredentials.request.accessKeyId).toBeUndefined();
    expect(emulator.requests()).toEqual([]);
  });

  it('passes the instance\'s resource group to the preflight: a group-scoped grant applies only in its group', async () => {
    emulator = await emulatorWith({ policies: ALLOW_FILE });
    const set = emptyPolicySet();
    set.resourceGroup.push({ name: 'rg-prod-update', resourceGroup: 'rg-prod', document: allowSet().identity[0]!.document });
    const ask = (resourceGroup?: string) => client({ policies: set }).updateInstance({ InstanceId: 'ins-1', InstanceName: 'x' }, { dryRun: true, ...(resourceGroup ? { resourceGroup } : {}) });
    const prod = await ask('rg-prod');
    expect(prod.status === 'dry-run' && prod.preflight.decision).toBe('Allow');
    const other = await ask('rg-dev');
    expect(other.status === 'dry-run' && other.preflight.decision).toBe('ImplicitDeny');
    const unknown = await ask();
    expect(unknown.status === 'dry-run' && unknown.preflight.decision).toBe('Conditional');
    expect(emulator.requests()).toEqual([]);
  });
});
