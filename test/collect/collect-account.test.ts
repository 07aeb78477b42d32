/**
 * Collection of a generated 2,000-user account from the account emulator, through Alibaba's real
 * SDK: every page followed, throttling retried, one failing call reported as a gap with the rest
 * collected, and the result equal to the account served.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectAccount } from '../../src/collect/collect.js';
import { generateAccount } from '../../src/emulator/ram-api/generate-account.js';
import { parseSnapshot } from '../../src/snapshot/parse-snapshot.js';
import { accountEmulator, asCollected, callerTo, without } from './fixture.js';

const account = generateAccount({ users: 2000 });
const COLLECTED_AT = '2026-11-28T12:00:00Z';
/** ListInstance does not return tags; every role carries IsServiceLinkedRole (fixture.ts). */
const expected = asCollected(account);

describe('a clean collection of 2,000 users across many pages', () => {
  let emulator: Awaited<ReturnType<typeof accountEmulator>>;
  let result: Awaited<ReturnType<typeof collectAccount>>;
  beforeAll(async () => {
    // RAM answers at most 50 items per page whatever MaxItems asks: 40 pages of users.
    emulator = await accountEmulator(account, { pageCap: 50 });
    result = await collectAccount(callerTo(emulator.url), { collectedAt: COLLECTED_AT, tool: 'ramguard test', camsRegion: 'ap-southeast-1' });
  }, 60_000);
  afterAll(() => emulator.close());

  it('follows every page of every list', () => {
    expect(result.pages['ListUsers']).toBe(40);
    expect(result.pages['ListPolicies']).toBe(Math.ceil(account.policies!.length / 50));
    const attachments = emulator.requests().filter((r) => r.action === 'ListPolicyAttachments');
    expect(attachments.length).toBeGreaterThan(3);
    expect(result.pages['ListPolicyAttachments']).toBe(attachments.length);
  });

  it('has no gaps, and equals the served account (service-linked roles flagged)', () => {
    expect(account.roles!.filter((r) => r.serviceLinked === true).length).toBeGreaterThan(0);
    expect(result.gaps).toEqual([]);
    const snapshot = result.snapshot!;
    expect(snapshot.collectedAt).toBe(COLLECTED_AT);
    expect(snapshot.collection).toMatchObject({ tool: 'ramguard test', gaps: [] });
    expect(without(snapshot, 'collectedAt', 'collection')).toEqual(expected);
  });

  it('parses with parseSnapshot into the same account the served one parses into', () => {
    const collected = parseSnapshot(JSON.stringify(result.snapshot));
    expect(collected.diagnostics).toEqual([]);
    const served = parseSnapshot(JSON.stringify(expected));
    expect(without(collected.snapshot!, 'collectedAt', 'collection')).toEqual(served.snapshot);
  });

  it('reads the document of the one attached system policy the catalog lacks, and no other', () => {
    expect(result.snapshot!.systemPolicies!.map((p) => p.name)).toEqual(['AliyunECSReadOnlyAccess']);
    const gets = emulator.requests().filter((r) => r.action === 'GetPolicy');
    expect(gets.map((r) => r.parameters['PolicyName'])).toEqual(['AliyunECSReadOnlyAccess']);
  });
});

describe('a collection under throttling, with one call that always fails', () => {
  let emulator: Awaited<ReturnType<typeof accountEmulator>>;
  let result: Awaited<ReturnType<typeof collectAccount>>;
  const victim = account.users![41]!;
  beforeAll(async () => {
    emulator = await accountEmulator(account, {
      pageCap: 100,
      faults: [
        { kind: 'throttling', every: 9 },
        { kind: 'throttling', action: 'ListUsers', first: 2 },
        { kind: 'forbidden', action: 'ListPoliciesForUser', parameters: { UserName: victim.name } },
      ],
    });
    // Ten attempts: a call throttled on every one of them by `every: 9` is all but impossible.
    result = await collectAccount(callerTo(emulator.url, { maxAttempts: 10 }), { collectedAt: COLLECTED_AT, tool: 'ramguard test' });
  }, 60_000);
  afterAll(() => emulator.close());

  it('retries every throttled call until it succeeds', () => {
    const throttled = emulator.requests().filter((r) => r.code === 'Throttling.User');
    expect(throttled.length).toBeGreaterThan(100);
    expect(result.gaps.filter((g) => g.code === 'Throttling.User')).toEqual([]);
  });

  it('reports the failing call as the one gap, with what is missing and where', () => {
    expect(result.gaps).toEqual([
      expect.objectContaining({ service: 'ram', action: 'ListPoliciesForUser', parameters: { UserName: victim.name }, code: 'Forbidden.RAM', path: '/users/41/attachments', missing: `the account-scope policies attached to user \`${victim.name}\`` }),
    ]);
    expect(result.snapshot!.collection!.gaps).toEqual(result.gaps);
  });

  it('collects everything else: only that user lacks its account-scope attachments', () => {
    const snapshot = result.snapshot!;
    const bare = (a: typeof account) => without(a, 'collectedAt', 'collection', 'resources');
    const served = structuredClone(expected);
    const user = served.users![41]!;
    user.attachments = user.attachments!.filter((a) => a.resourceGroup !== undefined);
    expect(bare(snapshot)).toEqual(bare(served));
    expect(parseSnapshot(JSON.stringify(snapshot)).diagnostics).toEqual([]);
  });
});
