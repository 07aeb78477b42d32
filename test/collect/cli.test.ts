/**
 * `ramguard collect` end to end: the built binary against the account emulator on loopback,
 * through Alibaba's SDK. What it writes, what it prints, its exit codes, and bad input.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateAccount } from '../../src/emulator/ram-api/generate-account.js';
import { parseSnapshot } from '../../src/snapshot/parse-snapshot.js';
import { runAsync } from '../cli/run.js';
import { AK, SECRET, accountEmulator, without, asCollected } from './fixture.js';

const account = generateAccount({ users: 300, groups: 20, roles: 30, policies: 40, seed: 7 });
const ENV = { ALIBABA_CLOUD_ACCESS_KEY_ID: AK, ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET, ALIBABA_CLOUD_PROFILE: undefined };
let dir: string;
let emulator: Awaited<ReturnType<typeof accountEmulator>> | undefined;
const outputs: string[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ramguard-collect-'));
});
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});
afterAll(() => {
  // Whatever happened, no output ever carried the secret.
  for (const text of outputs) expect(text).not.toContain(SECRET);
  rmSync(dir, { recursive: true, force: true });
});

async function collect(args: string[], env: Record<string, string | undefined> = ENV) {
  const r = await runAsync(['collect', ...args], { cwd: dir, env, timeoutMs: 60_000 });
  outputs.push(r.stdout, r.stderr);
  return r;
}

describe('collecting the emulated account', () => {
  it('writes a YAML snapshot equal to the account, exits 0, and reports progress as lines when stderr is not a terminal', async () => {
    emulator = await accountEmulator(account, { pageCap: 40 });
    const r = await collect(['--output', 'account.snapshot.yaml', '--endpoint', emulator.url, '--region', 'ap-southeast-1', '--include', 'cams-instances']);
    expect(r.stderr).toContain('collect: lists: 6 to read');
    expect(r.stderr).toMatch(/collect: details: [\d,]+\/[\d,]+ \(/);
    expect(r.stdout).toContain('wrote account.snapshot.yaml: account 1234567890123456, 300 users, 20 groups, 30 roles, 40 custom policies, 60 CAMS instances');
    expect(r.stdout).toContain('complete');
    expect(r.status).toBe(0);
    const text = readFileSync(join(dir, 'account.snapshot.yaml'), 'utf8');
    expect(parseSnapshot(text).diagnostics).toEqual([]);
    const expected = asCollected(account);
    expect(without(parse(text), 'collectedAt', 'collection')).toEqual(expected);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes JSON for a .json output, and prints no progress with --progress none', async () => {
    emulator = await accountEmulator(account);
    const r = await collect(['--output', 'account.json', '--endpoint', emulator.url, '--progress', 'none']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const json = JSON.parse(readFileSync(join(dir, 'account.json'), 'utf8'));
    expect(json.users).toHaveLength(300);
    expect(json.collection).toEqual({ tool: 'ramguard 0.1.0', gaps: [], notCollected: expect.arrayContaining(['resources.camsInstances']) });
    // The generated account is in no Resource Directory: a fact collected, not a part left out.
    expect(json.collection.notCollected).not.toContain('resourceDirectory');
    expect(json.resourceDirectory).toBeUndefined();
  });

  it('retries throttling and reports a failing call as a gap: written, exit 6', async () => {
    // Each action's first two requests are throttled: a call may be throttled twice, and its third attempt succeeds.
    const throttled = ['ListUsers', 'ListGroupsForUser', 'ListPoliciesForUser', 'GetRole', 'ListPolicyVersions'].map((action) => ({ kind: 'throttling' as const, action, first: 2 }));
    emulator = await accountEmulator(account, { faults: [...throttled, { kind: 'http-500', action: 'ListPoliciesForGroup', parameters: { GroupName: account.groups![3]!.name } }] });
    const r = await collect(['--output', 'gappy.snapshot.yaml', '--endpoint', emulator.url, '--max-attempts', '3']);
    expect(r.stderr).toContain(`gap: ram ListPoliciesForGroup GroupName=${account.groups![3]!.name}: InternalError:`);
    expect(r.stdout).toContain('1 gap(s), listed in collection.gaps');
    expect(r.status).toBe(6);
    const written = parse(readFileSync(join(dir, 'gappy.snapshot.yaml'), 'utf8'));
    expect(written.collection.gaps).toEqual([expect.objectContaining({ action: 'ListPoliciesForGroup', code: 'InternalError', path: '/groups/3/attachments' })]);
    // Throttling was retried; the 500 was retried up to --max-attempts, then given up on.
    expect(emulator.requests().filter((q) => q.code === 'Throttling.User')).toHaveLength(10);
    expect(emulator.requests().filter((q) => q.action === 'ListPoliciesForGroup' && q.parameters['GroupName'] === account.groups![3]!.name && q.code === 'InternalError').length).toBe(3);
  });
});

describe('bad input and failures', () => {
  it('an unreachable endpoint writes nothing, keeps the old file, and exits 5', async () => {
    const server = await accountEmulator(account);
    const url = server.url;
    await server.close();
    writeFileSync(join(dir, 'kept.snapshot.yaml'), 'accountId: "1"\n');
    const r = await collect(['--output', 'kept.snapshot.yaml', '--endpoint', url, '--max-attempts', '1']);
    expect(r.stderr).toContain('error[collect-failed]: nothing was collected');
    expect(r.stderr).toContain('ECONNREFUSED');
    expect(r.status).toBe(5);
    expect(readFileSync(join(dir, 'kept.snapshot.yaml'), 'utf8')).toBe('accountId: "1"\n');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('without credentials, says how to give them and exits 2 before any call', async () => {
    emulator = await accountEmulator(account);
    const r = await collect(['--output', 'none.yaml', '--endpoint', emulator.url], { ALIBABA_CLOUD_ACCESS_KEY_ID: undefined, ALIBABA_CLOUD_ACCESS_KEY_SECRET: undefined, HOME: dir, ALIBABA_CLOUD_CREDENTIALS_FILE: join(dir, 'no-such-file') });
    expect(r.stderr).toContain('error[invalid-argument]: the credential chain gave no AccessKey');
    expect(r.status).toBe(2);
    expect(emulator.requests()).toEqual([]);
    expect(existsSync(join(dir, 'none.yaml'))).toBe(false);
  });

  it('a wrong key is reported per call, not as a crash: nothing collected, exit 5', async () => {
    emulator = await accountEmulator(account);
    const r = await collect(['--output', 'wrong.yaml', '--endpoint', emulator.url, '--max-attempts', '1'], { ...ENV, ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'not-the-secret' });
    expect(r.stderr).toContain('SignatureDoesNotMatch');
    expect(r.status).toBe(5);
    expect(existsSync(join(dir, 'wrong.yaml'))).toBe(false);
  });

  it.each([
    [['--output', 'x.yaml', '--endpoint', 'ftp://127.0.0.1:1'], '--endpoint: `ftp://127.0.0.1:1`: only http and https endpoints exist'],
    [['--output', 'x.yaml', '--endpoint-ram', 'http://127.0.0.1:1/path'], '--endpoint-ram: `http://127.0.0.1:1/path`: an endpoint is a host, without a path or query'],
    [['--output', 'x.txt'], '--output `x.txt` must end in .yaml, .yml or .json'],
    [['--output', 'no-such-dir/x.yaml'], 'the directory `no-such-dir` does not exist'],
    [['--output', 'a-file/x.yaml'], '`a-file` is not a directory'],
    [['--output', 'a-dir.yaml'], 'cannot write `a-dir.yaml`: it is a directory'],
    [['--output', 'x.yaml', '--include', 'everything'], '--include `everything` is not something collect reads'],
    [['--output', 'x.yaml', '--include', 'cams-instances'], '--include cams-instances needs --region'],
    [['--output', 'x.yaml', '--concurrency', '0'], '`--concurrency` takes a whole number from 1 to 64'],
    [['--output', 'x.yaml', '--max-attempts', '11'], '`--max-attempts` takes a whole number from 1 to 10'],
    [['--output', 'x.yaml', '--progress', 'loud'], '--progress must be one of auto, bar, lines, none'],
  ])('refuses %j with exit 2 and writes nothing', async (args, message) => {
    writeFileSync(join(dir, 'a-file'), 'not a directory');
    mkdirSync(join(dir, 'a-dir.yaml'), { recursive: true });
    const r = await collect(args);
    expect(r.stderr).toContain(message);
    expect(r.status).toBe(2);
    expect(existsSync(join(dir, 'x.yaml'))).toBe(false);
  });
});
