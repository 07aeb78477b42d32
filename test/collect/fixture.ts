/**
 * The account emulator for the collection tests: a generated account served on a free loopback
 * port, an AccessKey for it, and a Caller through Alibaba's real SDK.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { startAccountEmulator } from '../../src/emulator/ram-api/server.js';
import type { AccountFault } from '../../src/emulator/ram-api/account-service.js';
import type { ServedAccount } from '../../src/emulator/ram-api/account-index.js';
import { sdkCaller } from '../../src/collect/sdk-caller.js';

export const AK = 'LTAI5tCollectorKey';
export const SECRET = 'Collect-Secret/7b1e+never-printed';

/**
 * Starts the emulator serving `account`; `pageCap` makes RAM answer fewer items than MaxItems.
 * Its `requests()` keeps up to 100,000 entries (not the default 1,000): the tests count every
 * call of a 2,000-user collection.
 */
export async function accountEmulator(account: ServedAccount, options: { faults?: AccountFault[]; pageCap?: number } = {}) {
  return startAccountEmulator({ account, accessKeys: [{ id: AK, secret: SECRET }], ...(options.faults ? { faults: options.faults } : {}), ...(options.pageCap ? { pageCap: options.pageCap } : {}) }, { logCapacity: 100_000 });
}

/** A Caller to `url` through the SDK, with fast retries (1 ms backoff) so throttling tests stay quick. */
export function callerTo(url: string, options: { maxAttempts?: number; concurrency?: number; secret?: string } = {}) {
  const endpoint = { protocol: 'http' as const, host: new URL(url).host };
  return sdkCaller({
    endpoints: { ram: endpoint, resourcemanager: endpoint, cams: endpoint },
    region: 'ap-southeast-1',
    credential: { getCredential: async () => ({ accessKeyId: AK, accessKeySecret: options.secret ?? SECRET }) },
    timeoutMs: 5000,
    retry: { maxAttempts: options.maxAttempts ?? 5, baseDelayMs: 1, maxDelayMs: 4 },
    concurrency: options.concurrency ?? 16,
  });
}

/** A copy of `value` without the keys in `drop` (at the top level). */
export function without<T extends object>(value: T, ...drop: string[]): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([k]) => !drop.includes(k))) as Partial<T>;
}

/** The bundled example snapshot with every `file:` document put inline, as the emulator serves it. */
export function exampleAccount(): ServedAccount {
  const dir = resolve(dirname(fileURLToPath(import.meta.url)), '../../policies/examples');
  const account = parse(readFileSync(join(dir, 'account.snapshot.yaml'), 'utf8')) as ServedAccount;
  const inline = (source: { file?: string; document?: unknown }) => {
    if (source.file === undefined) return;
    source.document = parse(readFileSync(join(dir, source.file), 'utf8'));
    delete source.file;
  };
  for (const p of account.policies ?? []) p.versions.forEach(inline);
  for (const r of account.roles ?? []) inline(r.trustPolicy);
  (account.systemPolicies ?? []).forEach(inline);
  (account.resourceDirectory?.controlPolicies ?? []).forEach(inline);
  return account;
}

/**
 * The account as `collect` reads it back: GetRole answers `IsServiceLinkedRole` for every role, so
 * each role carries the flag (false as read, not left out); ListInstance gives no tags.
 */
export function asCollected(account: ServedAccount): ServedAccount {
  return {
    ...account,
    roles: account.roles!.map((r) => ({ ...r, serviceLinked: r.serviceLinked === true })),
    resources: { camsInstances: account.resources!.camsInstances!.map(({ tags: _t, ...rest }) => rest) },
  };
}
