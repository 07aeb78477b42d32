/** Page followers, with a scripted caller: every page read, and every way a list can stop early. */
import { describe, expect, it } from 'vitest';
import type { CallOutcome } from '../../src/client/transport.js';
import type { Caller, CallRequest } from '../../src/collect/calls.js';
import { concurrencyLimit } from '../../src/collect/calls.js';
import { followMarker, followNumbered, listIn } from '../../src/collect/pages.js';

const ok = (body: Record<string, unknown>): CallOutcome => ({ ok: true, body, statusCode: 200, attempts: 1 });
const denied: CallOutcome = { ok: false, failure: { kind: 'http', code: 'Forbidden.RAM', message: 'no', statusCode: 403, retryable: false }, attempts: 1 };
const users = (names: string[]) => ({ Users: { User: names.map((UserName) => ({ UserName })) } });
const LIST: CallRequest = { api: 'ram', action: 'ListUsers', parameters: {} };

/** A caller answering from `pages` by Marker, recording the requests. */
function scripted(answer: (request: CallRequest) => CallOutcome): Caller & { requests: CallRequest[] } {
  const requests: CallRequest[] = [];
  return Object.assign(async (request: CallRequest) => {
    requests.push(request);
    return answer(request);
  }, { requests });
}

describe('following Marker pages', () => {
  it('asks with each Marker until IsTruncated is false, whatever the page sizes', async () => {
    const call = scripted((r) => {
      const m = r.parameters['Marker'];
      if (m === undefined) return ok({ IsTruncated: true, Marker: 'm1', ...users(['a', 'b']) });
      if (m === 'm1') return ok({ IsTruncated: true, Marker: 'm2', ...users(['c']) });
      return ok({ IsTruncated: false, ...users(['d', 'e', 'f']) });
    });
    const result = await followMarker(call, LIST, 'Users', 'User', 1000);
    expect(result.items.map((u) => u['UserName'])).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(result).toMatchObject({ pages: 3, failures: [] });
    expect(call.requests.map((r) => r.parameters)).toEqual([{ MaxItems: '1000' }, { MaxItems: '1000', Marker: 'm1' }, { MaxItems: '1000', Marker: 'm2' }]);
  });

  it('stops at a failing page with what it read and the failed request', async () => {
    const call = scripted((r) => (r.parameters['Marker'] === undefined ? ok({ IsTruncated: true, Marker: 'm1', ...users(['a']) }) : denied));
    const result = await followMarker(call, LIST, 'Users', 'User');
    expect(result.items).toHaveLength(1);
    expect(result.failures).toEqual([{ request: { ...LIST, parameters: { MaxItems: '1000', Marker: 'm1' } }, failure: denied.ok ? undefined : denied.failure }]);
  });

  it('stops when a marker comes back twice, or IsTruncated comes without one, instead of looping', async () => {
    const loop = await followMarker(scripted(() => ok({ IsTruncated: true, Marker: 'same', ...users(['a']) })), LIST, 'Users', 'User');
    expect(loop.pages).toBe(2);
    expect(loop.failures[0]!.failure).toMatchObject({ kind: 'malformed-response', message: 'the list gave marker `same` twice' });
    const none = await followMarker(scripted(() => ok({ IsTruncated: 'true', ...users(['a']) })), LIST, 'Users', 'User');
    expect(none.failures[0]!.failure.message).toBe('IsTruncated is true but the answer has no Marker');
  });
});

describe('following numbered pages', () => {
  const groups = (ids: number[]) => ({ ResourceGroups: { ResourceGroup: ids.map((Id) => ({ Id })) } });
  const read = (b: Record<string, unknown>) => listIn(b, 'ResourceGroups', 'ResourceGroup');
  const REQUEST: CallRequest = { api: 'resourcemanager', action: 'ListResourceGroups', parameters: {} };

  it('reads TotalCount from the first page and asks for the rest', async () => {
    const call = scripted((r) => {
      const n = Number(r.parameters['PageNumber']);
      return ok({ TotalCount: 5, ...groups(n === 1 ? [1, 2] : n === 2 ? [3, 4] : [5]) });
    });
    const result = await followNumbered(call, REQUEST, 'PageNumber', 2, read);
    expect(result.items.map((g) => g['Id'])).toEqual([1, 2, 3, 4, 5]);
    expect(result).toMatchObject({ pages: 3, failures: [] });
  });

  it('keeps the pages it could read and reports each one it could not', async () => {
    const call = scripted((r) => (r.parameters['PageNumber'] === '2' ? denied : ok({ TotalCount: 5, ...groups([Number(r.parameters['PageNumber'])]) })));
    const result = await followNumbered(call, REQUEST, 'PageNumber', 2, read);
    expect(result.items.map((g) => g['Id'])).toEqual([1, 3]);
    expect(result.failures.map((f) => f.request.parameters['PageNumber'])).toEqual(['2']);
  });

  it('refuses an answer without a TotalCount', async () => {
    const result = await followNumbered(scripted(() => ok(groups([1]))), REQUEST, 'PageNumber', 2, read);
    expect(result.failures[0]!.failure.message).toBe('the answer has no whole-number TotalCount');
  });
});

describe('the concurrency limit', () => {
  it('never runs more than its limit at once, and runs everything', async () => {
    const limit = concurrencyLimit(3);
    let running = 0;
    let most = 0;
    const done = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limit(async () => {
          running++;
          most = Math.max(most, running);
          await new Promise((r) => setTimeout(r, 2));
          running--;
          return i;
        }),
      ),
    );
    expect(most).toBe(3);
    expect(done).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});
