/**
 * Collection throughput: `ramguard collect`'s library path (readAccount + assembly, through
 * Alibaba's SDK, signed requests over loopback HTTP) against the account emulator serving the
 * generated 2,000-user account, RAM answering 100 items per page. Emulator and collector share
 * this one Node process, so the figure is a floor for the collector alone. Run by bench/run.ts
 * in a child process.
 */
import { collectAccount } from '../src/collect/collect.js';
import { sdkCaller } from '../src/collect/sdk-caller.js';
import { generateAccount } from '../src/emulator/ram-api/generate-account.js';
import { startAccountEmulator } from '../src/emulator/ram-api/server.js';

const account = generateAccount({ users: 2000 });
const key = { id: 'LTAI5tBenchCollector', secret: 'bench-secret-not-printed' };
const emulator = await startAccountEmulator({ account, accessKeys: [key], pageCap: 100 });
const endpoint = { protocol: 'http' as const, host: new URL(emulator.url).host };
const parts: string[] = [];
try {
  for (const concurrency of [8, 32]) {
    const caller = sdkCaller({
      endpoints: { ram: endpoint, resourcemanager: endpoint, cams: endpoint },
      region: 'ap-southeast-1',
      credential: { getCredential: async () => ({ accessKeyId: key.id, accessKeySecret: key.secret }) },
      timeoutMs: 10_000,
      retry: { maxAttempts: 5, baseDelayMs: 200, maxDelayMs: 5_000 },
      concurrency,
    });
    const start = performance.now();
    const result = await collectAccount(caller, { collectedAt: new Date().toISOString(), tool: 'bench', camsRegion: 'ap-southeast-1' });
    const seconds = (performance.now() - start) / 1000;
    if (result.gaps.length > 0 || result.snapshot?.users?.length !== 2000) throw new Error(`the bench collection is incomplete: ${result.gaps.length} gaps`);
    parts.push(`concurrency ${concurrency}: ${seconds.toFixed(2)} s, ${caller.stats.calls.toLocaleString('en-US')} requests = ${Math.round(caller.stats.calls / seconds).toLocaleString('en-US')} requests/s`);
  }
} finally {
  await emulator.close();
}
console.log(`collect: 2,000-user emulated account (${account.users!.length} users, ${account.groups!.length} groups, ${account.roles!.length} roles, ${account.policies!.length} policies; 100 per RAM page) through the SDK over loopback — ${parts.join('; ')}; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
