/**
 * Collecting the account's place in a Resource Directory from the account emulator, through
 * Alibaba's real SDK: the example snapshot's path (Root, folder, account) and control policies
 * come back equal, documents inline; a denied directory read is a gap, keeps `resourceDirectory`
 * in `notCollected` and makes answers warn; an account in no directory has no control levels
 * and no warning.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { collectAccount } from '../../src/collect/collect.js';
import { generateAccount } from '../../src/emulator/ram-api/generate-account.js';
import { completenessWarnings } from '../../src/snapshot/completeness.js';
import { parseSnapshot } from '../../src/snapshot/parse-snapshot.js';
import { accountEmulator, callerTo, exampleAccount } from './fixture.js';
import type { AccountFault } from '../../src/emulator/ram-api/account-service.js';
import type { ServedAccount } from '../../src/emulator/ram-api/account-index.js';

const OPTIONS = { collectedAt: '2026-12-06T12:00:00Z', tool: 'ramguard test' };
let emulator: Awaited<ReturnType<typeof accountEmulator>> | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** Given `account` served (with `faults`), when collected: the result, the calls and the parsed snapshot's warnings. */
async function collect(account: ServedAccount, faults: AccountFault[] = []) {
  emulator = await accountEmulator(account, { faults });
  const result = await collectAccount(callerTo(emulator.url, { maxAttempts: 1 }), OPTIONS);
  const parsed = parseSnapshot(JSON.stringify(result.snapshot));
  expect(parsed.diagnostics).toEqual([]);
  return { result, snapshot: result.snapshot!, requests: emulator.requests(), warnings: completenessWarnings(parsed.snapshot!).map((w) => w.message) };
}

describe('an account in a Resource Directory', () => {
  it('collects the path from Root to the account and every level\'s control policies, documents inline', async () => {
    const served = exampleAccount();
    const { result, snapshot, requests } = await collect(served);
    expect(result.gaps).toEqual([]);
    expect(snapshot.resourceDirectory).toEqual(served.resourceDirectory);
    expect(snapshot.resourceDirectory!.controlPolicies![0]!.document).toMatchObject({ Statement: expect.any(Array) });
    const directoryCalls = requests.filter((r) => r.service === 'resourcemanager' && !r.action!.startsWith('ListPolicyAttachments') && r.action !== 'ListResourceGroups');
    expect(directoryCalls.map((r) => r.action).sort()).toEqual(['GetAccount', 'GetControlPolicy', 'GetFolder', 'GetResourceDirectory', 'ListAncestors', 'ListControlPolicyAttachmentsForTarget', 'ListControlPolicyAttachmentsForTarget', 'ListControlPolicyAttachmentsForTarget']);
  });

  it('no longer lists `resourceDirectory` as not collected, so answers do not warn about control policies', async () => {
    const { snapshot, warnings } = await collect(exampleAccount());
    expect(snapshot.collection!.notCollected).not.toContain('resourceDirectory');
    expect(warnings.filter((m) => m.includes('control policies'))).toEqual([]);
  });

  it('keeps a level without a folder above it: an account directly under Root', async () => {
    const served = exampleAccount();
    served.resourceDirectory!.path = [served.resourceDirectory!.path[0]!, served.resourceDirectory!.path[2]!];
    const { snapshot, requests } = await collect(served);
    expect(snapshot.resourceDirectory!.path.map((l) => [l.name, l.id])).toEqual([['Root', 'r-example'], ['chatapp-prod', '1234567890123456']]);
    expect(requests.find((r) => r.action === 'ListAncestors')?.parameters).toEqual({ ChildId: 'r-example' });
  });
});

describe('a caller denied the Resource Directory reads', () => {
  it.each([
    ['GetResourceDirectory', { kind: 'forbidden', action: 'GetResourceDirectory' }],
    ['GetAccount', { kind: 'forbidden', action: 'GetAccount' }],
    ['ListControlPolicyAttachmentsForTarget at the folder', { kind: 'forbidden', action: 'ListControlPolicyAttachmentsForTarget', parameters: { TargetId: 'fd-production' } }],
    ['GetControlPolicy', { kind: 'forbidden', action: 'GetControlPolicy' }],
  ] as [string, AccountFault][])('%s: no directory section, a gap, `resourceDirectory` not collected, and answers warn', async (_label, fault) => {
    const { result, snapshot, warnings } = await collect(exampleAccount(), [fault]);
    expect(snapshot.resourceDirectory).toBeUndefined();
    expect(result.gaps).toEqual([expect.objectContaining({ service: 'resourcemanager', action: fault.action, code: 'Forbidden.RAM', missing: expect.stringContaining('Resource Directory path and its control policies') })]);
    expect(snapshot.collection!.notCollected).toContain('resourceDirectory');
    expect(warnings).toContain('the snapshot does not record `resourceDirectory`: control policies are not in the answer: a control policy may deny what it reports as allowed');
  });
});

describe('an account in no Resource Directory', () => {
  it('has no control levels, no gap and no warning about control policies', async () => {
    const { result, snapshot, requests, warnings } = await collect(generateAccount({ users: 3, groups: 1, roles: 1, policies: 1, seed: 5 }));
    expect(requests.find((r) => r.action === 'GetResourceDirectory')?.code).toBe('EntityNotExists.ResourceDirectory');
    expect(requests.some((r) => r.action === 'GetAccount' || r.action === 'ListControlPolicyAttachmentsForTarget')).toBe(false);
    expect(result.gaps).toEqual([]);
    expect(snapshot.resourceDirectory).toBeUndefined();
    expect(snapshot.collection!.notCollected).not.toContain('resourceDirectory');
    expect(warnings.filter((m) => m.includes('control policies'))).toEqual([]);
  });
});
