/**
 * Issue 12 item 11: the emulators keep a bounded request log. A ring of recent entries, header
 * fields and parameters cut, and nothing of the body of a request that fails its signature — so
 * 300 large badly-signed requests cost a few hundred bytes each, not a megabyte.
 */
import { describe, expect, it } from 'vitest';
import { startCamsEmulator, MAX_BODY_BYTES } from '../../src/emulator/server.js';
import { startAccountEmulator } from '../../src/emulator/ram-api/server.js';
import { generateAccount } from '../../src/emulator/ram-api/generate-account.js';
import { boundedParameters, boundedText, createRequestRing, LOG_CAPACITY, MAX_LOGGED_FIELD_CHARS, MAX_LOGGED_PARAMETERS_CHARS, MAX_LOGGED_VALUE_CHARS, OMITTED_PARAMETERS } from '../../src/emulator/request-log.js';
import { KEYS, testConfig } from './fixture.js';
import { replay, sdkCall, type CapturedRequest } from './sdk.js';

describe('entries are cut', () => {
  it('a long field keeps its head and says how long it was', () => {
    expect(boundedText('short')).toBe('short');
    const cut = boundedText('x'.repeat(5000));
    expect(cut.startsWith('x'.repeat(MAX_LOGGED_FIELD_CHARS) + '…')).toBe(true);
    expect(cut).toContain('(5000 characters)');
    expect(cut.length).toBeLessThan(MAX_LOGGED_FIELD_CHARS + 30);
  });

  it('parameters: each value cut, the total within its budget, the rest counted, `__proto__` kept as a name', () => {
    const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`P${i}`, 'v'.repeat(1000)]));
    const kept = boundedParameters({ ...many, ...JSON.parse('{"__proto__":"a name like any other"}') });
    const size = Object.entries(kept).reduce((n, [k, v]) => n + k.length + v.length, 0);
    expect(size).toBeLessThan(MAX_LOGGED_PARAMETERS_CHARS + 100);
    expect(kept['P0']!.length).toBeLessThan(MAX_LOGGED_VALUE_CHARS + 30);
    expect(kept[OMITTED_PARAMETERS]).toMatch(/^\d+ more parameters not logged$/);
    expect(Object.keys(kept)).toContain('__proto__');
    expect(boundedParameters({ InstanceId: 'ins-1' })).toEqual({ InstanceId: 'ins-1' });
  });
});

describe('the ring', () => {
  it('keeps the last `capacity` entries in order and counts every one', () => {
    const ring = createRequestRing<number>(3);
    [1, 2].forEach((n) => ring.add(n));
    expect(ring.entries()).toEqual([1, 2]);
    [3, 4, 5, 6, 7].forEach((n) => ring.add(n));
    expect(ring.entries()).toEqual([5, 6, 7]);
    expect(ring.total()).toBe(7);
  });

  it(`holds ${LOG_CAPACITY} entries by default`, () => {
    const ring = createRequestRing<number>();
    for (let i = 0; i < LOG_CAPACITY + 500; i++) ring.add(i);
    expect(ring.entries()).toHaveLength(LOG_CAPACITY);
    expect(ring.entries()[0]).toBe(500);
  });
});

/** A large request no key signed: a 60 KiB form body, a 5,000-character action, a 2,000-character claimed key. */
const badlySigned = (i: number): CapturedRequest => ({
  method: 'POST',
  url: '/',
  headers: {
    host: '127.0.0.1',
    'content-type': 'application/x-www-form-urlencoded',
    'x-acs-action': `UpdateInstance${'A'.repeat(5000)}`,
    'x-acs-version': '2020-06-06',
    'x-acs-date': new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    'x-acs-signature-nonce': `nonce-${i}`,
    'x-acs-content-sha256': '0'.repeat(64),
    // Well formed, so verification goes as far as looking the key up.
    authorization: `ACS3-HMAC-SHA256 Credential=${'K'.repeat(2000)},SignedHeaders=content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=${'0'.repeat(64)}`,
  },
  body: Buffer.from(`InstanceId=ins-${i}&InstanceName=${'x'.repeat(60 * 1024)}`),
});

describe('300 large badly-signed requests', () => {
  it('the CAMS emulator keeps its ring at capacity, with entries of a few hundred bytes and no parameters', async () => {
    const emulator = await startCamsEmulator(testConfig(), { logCapacity: 100 });
    try {
      expect(badlySigned(0).body.length).toBeLessThan(MAX_BODY_BYTES);
      for (let batch = 0; batch < 30; batch++) {
        const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => replay(emulator.url, badlySigned(batch * 10 + i))));
        for (const answer of answers) expect(answer.body['Code']).toBe('InvalidAccessKeyId.NotFound');
      }
      const log = emulator.requests();
      expect(log).toHaveLength(100);
      expect(emulator.requestCount()).toBe(300);
      for (const entry of log) {
        expect(entry.parameters).toEqual({});
        expect(entry.action!.length).toBeLessThan(MAX_LOGGED_FIELD_CHARS + 30);
        expect(entry.accessKeyId!.length).toBeLessThan(MAX_LOGGED_FIELD_CHARS + 30);
        expect(JSON.stringify(entry).length).toBeLessThan(600);
      }
    } finally {
      await emulator.close();
    }
  });

  it('the account emulator too', async () => {
    const emulator = await startAccountEmulator({ account: generateAccount({ users: 2, seed: 1 }), accessKeys: [{ id: 'LTAI5tAccountKey', secret: 'account-secret-1' }] }, { logCapacity: 50 });
    try {
      for (let batch = 0; batch < 30; batch++) await Promise.all(Array.from({ length: 10 }, (_, i) => replay(emulator.url, badlySigned(batch * 10 + i))));
      expect(emulator.requests()).toHaveLength(50);
      expect(emulator.requestCount()).toBe(300);
      expect(emulator.requests().every((e) => Object.keys(e.parameters).length === 0 && JSON.stringify(e).length < 600)).toBe(true);
    } finally {
      await emulator.close();
    }
  });
});

describe('a signed request with long parameters', () => {
  it('is answered in full, and logged with its parameters cut', async () => {
    const emulator = await startCamsEmulator(testConfig());
    try {
      const description = 'd'.repeat(40_000);
      const answer = await sdkCall(emulator.url, 'UpdateInstance', { InstanceId: 'ins-1', InstanceName: 'renamed', InstanceDescription: description }, KEYS.alice);
      expect(answer.body['Code']).toBe('OK');
      expect(emulator.instances().find((i) => i.id === 'ins-1')!.description).toBe(description);
      const [entry] = emulator.requests();
      expect(entry!.parameters['InstanceId']).toBe('ins-1');
      expect(entry!.parameters['InstanceDescription']).toMatch(/^d{256}…\(40000 characters\)$/);
    } finally {
      await emulator.close();
    }
  });
});
