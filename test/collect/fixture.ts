/**
 * The account emulator for the collection tests: a generated account served on a free loopback
 * port, an AccessKey for it, and a Caller through Alibaba's real SDK.
 */
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
