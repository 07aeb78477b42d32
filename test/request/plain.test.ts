/**
 * RequestLens, the plain-request path of `evaluate` (issue 15), on its own (issue 17: the first
 * full mutation run found it at 74%, tested only through `evaluate`, where its fall-back to the full
 * path hides what it refuses). Its contract: undefined for anything that is not a plain
 * AuthorizationRequest the argument checks would take as it is, or that spells a key that matters
 * two ways; otherwise `prepareRequest`'s prepared request with the context cut to the keys the set
 * tests — same action, service, plan key, absent keys and diagnostics, in the same order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareRequest, type PreparedRequest } from '../../src/request/prepare.js';
import { RequestLens } from '../../src/request/plain.js';
import type { AuthorizationRequest } from '../../src/request/types.js';

const TESTED = new Set(['cams:instanceid', 'acs:sourceip', 'acs:principalarn']);
const base = (): AuthorizationRequest => ({ principal: { type: 'RamUser', arn: 'acs:ram::1:user/alice' }, action: 'cams:UpdateInstance', resource: 'acs:cams:*:1:instance/c-1' });

/** A prepared request's fields as compared here: its context as [key, name, values], in order. */
function shapeOf(prepared: PreparedRequest) {
  return { action: prepared.action, service: prepared.service, planKey: prepared.planKey, absent: [...prepared.absent], context: [...prepared.context].map(([key, k]) => [key, k.name, k.values]), diagnostics: prepared.diagnostics };
}

/** What the lens's answer must share with prepareRequest's: everything, the context cut to `tested`. */
function expected(request: AuthorizationRequest, tested: ReadonlySet<string>) {
  const full = shapeOf(prepareRequest(request));
  return { ...full, context: full.context.filter(([key]) => tested.has(key as string)) };
}

describe('RequestLens.prepare refuses what is not plain (the full path answers it)', () => {
  it('takes the plain base request, so each refusal below is its one change', () => {
    const prepared = new RequestLens(TESTED).prepare(base());
    expect(prepared?.prepared).toBe(true);
    expect(prepared?.request).toEqual(base());
  });

  const cases: [string, (r: Record<string, unknown>) => unknown][] = [
    ['not an object', () => 'cams:UpdateInstance'],
    ['null', () => null],
    ['an array', (r) => [r]],
    ['a prepared request', (r) => ({ ...r, prepared: true })],
    ['a principal that is not an object', (r) => ({ ...r, principal: 'acs:ram::1:user/alice' })],
    ['a principal type that is not one of the three', (r) => ({ ...r, principal: { type: 'Service', arn: 'x' } })],
    ['an ARN that is not a string', (r) => ({ ...r, principal: { type: 'RamUser', arn: 42 } })],
    ['an action that is not a string', (r) => ({ ...r, action: ['cams:UpdateInstance'] })],
    ['no action', (r) => ({ ...r, action: undefined })],
    ['a resource that is not a string', (r) => ({ ...r, resource: 7 })],
    ['a resource group that is not a string', (r) => ({ ...r, resourceGroup: { id: 'rg-1' } })],
    ['absent keys that are not a list', (r) => ({ ...r, absent: 'acs:MFAPresent' })],
    ['an absent key that is not a string', (r) => ({ ...r, absent: ['acs:MFAPresent', 1] })],
    ['a context that is not an object', (r) => ({ ...r, context: [['cams:InstanceId', 'c-1']] })],
    ['a context value that is neither a string nor a list', (r) => ({ ...r, context: { 'cams:InstanceId': 1 } })],
    ['a context list with a non-string', (r) => ({ ...r, context: { 'cams:InstanceId': ['c-1', 2] } })],
    ['a context list with a non-string last', (r) => ({ ...r, context: { 'acs:Other': ['a', 'b', null] } })],
    ['a tested key spelled two ways', (r) => ({ ...r, context: { 'cams:InstanceId': 'c-1', 'CAMS:instanceid': 'c-2' } })],
    ['a typed key spelled two ways, though untested', (r) => ({ ...r, context: { 'acs:SecureTransport': 'true', 'ACS:SecureTransport': 'false' } })],
  ];
  it.each(cases)('%s', (_, change) => {
    expect(new RequestLens(TESTED).prepare(change(base() as unknown as Record<string, unknown>))).toBeUndefined();
  });

  it('takes what only keys that do not matter make unusual: two spellings of an untested, untyped key, and 40 such keys', () => {
    const twice = new RequestLens(TESTED).prepare({ ...base(), context: { 'acs:Other': 'a', 'ACS:OTHER': 'b' } });
    expect(twice?.context.size).toBe(1); // acs:PrincipalARN, from the caller
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`x:untested${i}`, 'v']));
    expect(new RequestLens(TESTED).prepare({ ...base(), context: many })?.diagnostics).toEqual([]);
  });

  it('takes 32 keys that matter, and refuses a 33rd (the full path merges spellings past that)', () => {
    const keys = Array.from({ length: 33 }, (_, i) => `k:key${i}`);
    const tested = new Set(keys.map((k) => k.toLowerCase()));
    const context = (n: number) => Object.fromEntries(keys.slice(0, n).map((k) => [k, 'v']));
    expect(new RequestLens(tested).prepare({ ...base(), context: context(32) })?.context.size).toBe(32);
    expect(new RequestLens(tested).prepare({ ...base(), context: context(33) })).toBeUndefined();
  });
});

describe('RequestLens.prepare agrees with prepareRequest on plain requests', () => {
  const plain: [string, AuthorizationRequest][] = [
    ['the base request', base()],
    ['a root caller', { ...base(), principal: { type: 'Root', arn: 'acs:ram::1:root' } }],
    ['an assumed role without an ARN', { ...base(), principal: { type: 'AssumedRole' } }],
    ['a resource group', { ...base(), resourceGroup: 'rg-1' }],
    ['a mixed-case action', { ...base(), action: 'CAMS:updateinstance' }],
    ['tested and untested keys, one or several values', { ...base(), context: { 'CAMS:InstanceId': ['c-1', 'c-2'], 'acs:Other': 'x', 'acs:SourceIp': '10.0.0.1' } }],
    ['typed values of the wrong type, tested or not', { ...base(), context: { 'acs:SourceIp': ['10.0.0.1', 'not-an-ip', '10.0.0.1'], 'acs:MFAPresent': 'yes', 'acs:CurrentTime': '2026-12-07T10:00:00Z' } }],
    ['a key both given and declared absent', { ...base(), context: { 'cams:InstanceId': 'c-1', 'acs:Other': 'x' }, absent: ['CAMS:InstanceId', 'acs:Other', 'acs:MFAPresent'] }],
    ['the caller ARN as acs:PrincipalARN', { ...base(), context: { 'acs:SourceIp': '10.0.0.1' } }],
    ['acs:PrincipalARN given', { ...base(), context: { 'acs:PrincipalArn': 'acs:ram::1:user/bob' } }],
    ['acs:PrincipalARN declared absent', { ...base(), absent: ['acs:PrincipalARN'] }],
    ['an empty context and no absent keys', { ...base(), context: {}, absent: [] }],
  ];
  it.each(plain)('%s', (_, request) => {
    for (const remember of [true, false]) {
      const lens = new RequestLens(TESTED, remember);
      // Twice: the second answer comes from the spellings the lens remembered.
      for (let round = 0; round < 2; round++) {
        const prepared = lens.prepare(request);
        expect(prepared).toBeDefined();
        expect(shapeOf(prepared!)).toEqual(expected(request, TESTED));
        expect(prepared!.request).toBe(request);
      }
    }
  });

  it('fills acs:PrincipalARN from the caller only for a set that tests it', () => {
    const request = base();
    expect(new RequestLens(TESTED).prepare(request)?.context.get('acs:principalarn')).toEqual({ name: 'acs:PrincipalARN', values: ['acs:ram::1:user/alice'], read: undefined });
    expect(new RequestLens(new Set(['cams:instanceid'])).prepare(request)?.context.has('acs:principalarn')).toBe(false);
  });

  it('agrees on random plain requests over a few spellings, remembering or not', () => {
    const name = fc.constantFrom('cams:InstanceId', 'CAMS:INSTANCEID', 'acs:SourceIp', 'acs:sourceip', 'acs:MFAPresent', 'acs:SecureTransport', 'acs:CurrentTime', 'acs:PrincipalARN', 'acs:Other', 'x:y');
    const value = fc.constantFrom('c-1', '10.0.0.1', '10.0.0.0/8', 'true', 'false', 'yes', '2026-12-07T10:00:00Z', '', 'acs:ram::1:user/bob');
    const request = fc.record({
      principal: fc.record({ type: fc.constantFrom('RamUser' as const, 'AssumedRole' as const, 'Root' as const), arn: fc.option(fc.constant('acs:ram::1:user/alice'), { nil: undefined }) }, { requiredKeys: ['type'] }),
      action: fc.constantFrom('cams:UpdateInstance', 'Cams:updateInstance', 'sts:AssumeRole'),
      resource: fc.constant('acs:cams:*:1:instance/c-1'),
      context: fc.option(fc.dictionary(name, fc.oneof(value, fc.array(value, { maxLength: 3 })), { maxKeys: 4 }), { nil: undefined }),
      absent: fc.option(fc.array(name, { maxLength: 2 }), { nil: undefined }),
    }, { requiredKeys: ['principal', 'action', 'resource'] });
    const remembering = new RequestLens(TESTED);
    fc.assert(
      fc.property(request, (r) => {
        const lower = new Set(Object.keys(r.context ?? {}).map((k) => k.toLowerCase()));
        const twoSpellings = lower.size < Object.keys(r.context ?? {}).length;
        for (const lens of [remembering, new RequestLens(TESTED, false)]) {
          const prepared = lens.prepare(r);
          if (twoSpellings) continue; // may be refused (a key that matters) or not: both paths then agree through evaluate
          expect(prepared).toBeDefined();
          expect(shapeOf(prepared!)).toEqual(expected(r, TESTED));
        }
      }),
      { numRuns: 300, seed: 20_261_207 },
    );
  });
});
