/**
 * Fault injection through the SDK (throttling, HTTP 500 and 503, latency, business errors; first N
 * and every Nth), and where faults sit among the emulator's steps.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fires, pickFaults } from '../../src/emulator/faults.js';
import { startCamsEmulator, type FaultSpec, type RunningEmulator } from '../../src/emulator/index.js';
import { KEYS, SECRETS, testConfig } from './fixture.js';
import { sdkCall } from './sdk.js';

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  const log = JSON.stringify(emulator?.requests() ?? []);
  for (const secret of SECRETS) expect(log).not.toContain(secret);
  await emulator?.close();
  emulator = undefined;
});

async function withFaults(yaml: string): Promise<RunningEmulator> {
  emulator = await startCamsEmulator(testConfig(`faults:\n${yaml}\n`));
  return emulator;
}
const update = (name = 'renamed', key: keyof typeof KEYS = 'alice') => sdkCall(emulator!.url, 'UpdateInstance', { InstanceId: 'ins-1', InstanceName: name }, KEYS[key]);
const query = () => sdkCall(emulator!.url, 'QueryInstance', { InstanceId: 'ins-1' }, KEYS.alice);
const codes = async (calls: (() => Promise<{ status: number; body: Record<string, any> }>)[]) => {
  const out: [number, string][] = [];
  for (const c of calls) {
    const answer = await c();
    out.push([answer.status, answer.body['Code']]);
  }
  return out;
};

describe('fault kinds', () => {
  it('throttling for the first 2 requests: 400 Throttling.User, then through', async () => {
    await withFaults('  - { kind: throttling, first: 2 }');
    expect(await codes([update, update, update])).toEqual([[400, 'Throttling.User'], [400, 'Throttling.User'], [200, 'OK']]);
    expect(emulator!.requests().map((r) => r.fault)).toEqual(['throttling', 'throttling', undefined]);
  });

  it('HTTP 500 on every 2nd request', async () => {
    await withFaults('  - { kind: http-500, every: 2 }');
    expect(await codes([query, query, query, query])).toEqual([[200, 'OK'], [500, 'InternalError'], [200, 'OK'], [500, 'InternalError']]);
  });

  it('HTTP 503 on every request when neither first nor every is given', async () => {
    await withFaults('  - { kind: http-503 }');
    expect(await codes([query, query])).toEqual([[503, 'ServiceUnavailable'], [503, 'ServiceUnavailable']]);
  });

  it('a business error in a 200 body, only for its action, leaving the instance as it was', async () => {
    await withFaults('  - { kind: business-error, action: UpdateInstance, code: Instance.Auditing, message: the instance is being audited }');
    const answer = await update();
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ Code: 'Instance.Auditing', Message: 'the instance is being audited', Success: false });
    expect((await query()).body['Data'].InstanceName).toBe('viber_ins');
  });

  it('latency delays the answer, which is otherwise the normal one', async () => {
    await withFaults('  - { kind: latency, ms: 300, first: 1 }');
    const started = Date.now();
    expect((await query()).body['Code']).toBe('OK');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    const again = Date.now();
    await query();
    expect(Date.now() - again).toBeLessThan(290);
  });
});

describe('where faults apply', () => {
  it('after the signature check: a badly signed request is refused and not counted', async () => {
    await withFaults('  - { kind: throttling, first: 1 }');
    const forged = await sdkCall(emulator!.url, 'QueryInstance', { InstanceId: 'ins-1' }, { ...KEYS.alice, accessKeySecret: 'forged' });
    expect(forged.body['Code']).toBe('SignatureDoesNotMatch');
    expect(await codes([query, query])).toEqual([[400, 'Throttling.User'], [200, 'OK']]);
  });

  it('before authorization: a caller RAM would deny gets the fault', async () => {
    await withFaults('  - { kind: http-500, first: 1 }');
    expect(await codes([() => update('x', 'bob'), () => update('x', 'bob')])).toEqual([[500, 'InternalError'], [403, 'Forbidden.RAM']]);
  });
});

describe('counting', () => {
  it('first N and every Nth', () => {
    expect([1, 2, 3].map((n) => fires({ kind: 'throttling', first: 2 }, n))).toEqual([true, true, false]);
    expect([1, 2, 3, 4, 5, 6].map((n) => fires({ kind: 'throttling', every: 3 }, n))).toEqual([false, false, true, false, false, true]);
  });

  it('each fault counts its own matching requests; the first that fires answers; latencies add up', () => {
    const faults: FaultSpec[] = [
      { kind: 'http-500', action: 'UpdateInstance', first: 1 },
      { kind: 'throttling', every: 2 },
      { kind: 'latency', ms: 100 },
      { kind: 'latency', ms: 50, action: 'QueryInstance' },
    ];
    const counts = faults.map(() => 0);
    const seen = ['UpdateInstance', 'UpdateInstance', 'QueryInstance', 'UpdateInstance'].map((action) => {
      const outcome = pickFaults(faults, counts, action);
      return [outcome.answer?.kind, outcome.delayMs];
    });
    expect(seen).toEqual([
      ['http-500', 100],
      ['throttling', 100],
      [undefined, 150],
      ['throttling', 100],
    ]);
    expect(counts).toEqual([3, 4, 4, 1]);
  });
});
