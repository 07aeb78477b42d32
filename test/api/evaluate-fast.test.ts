/**
 * `evaluate`'s fast paths (issue 15) answer exactly as its checked path: a plain request checked and
 * prepared in one pass for the set (src/request/plain.ts), and a checked PreparedRequest, give the
 * result `evaluateChecked` gives — decision, deciding statements, diagnostics in order, residual,
 * trace and notes — and a bad argument is refused with the same error (code, message, argument).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, evaluateChecked } from '../../src/api/guarded-policy.js';
import { compilePolicySet, emptyPolicySet, parsePolicy, prepareRequest, RamguardError, type AuthorizationRequest, type CompiledPolicySet, type PolicySet } from '../../src/index.js';
import * as authorize from '../../src/eval/authorize.js';

const policy = (name: string, kind: 'identity' | 'control' | 'trust', statements: unknown[]) => {
  const parsed = parsePolicy(JSON.stringify({ Version: '1', Statement: statements }), { kind });
  if (!parsed.policy) throw new Error(`bad test policy ${name}: ${JSON.stringify(parsed.diagnostics)}`);
  return { name, document: parsed.policy };
};

const RESOURCE = 'acs:cams:cn-hangzhou:1234567890123456:instance/i-1';

/** Sets that test typed keys, the caller's ARN, tags, absence; with groups, controls and trust. */
function policySets(): [string, PolicySet][] {
  const one: PolicySet = { ...emptyPolicySet(), identity: [policy('one', 'identity', [{ Effect: 'Allow', Action: 'cams:UpdateInstance', Resource: '*' }])] };
  const conditioned: PolicySet = {
    ...emptyPolicySet(),
    control: [[policy('guard', 'control', [{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'cams:Delete*', Resource: '*', Condition: { Bool: { 'acs:SecureTransport': 'false' } } }])]],
    identity: [
      policy('ip', 'identity', [
        { Effect: 'Allow', Action: 'cams:*', Resource: '*', Condition: { IpAddress: { 'acs:SourceIp': ['10.0.0.0/8', '2001:db8::/32'] }, DateLessThan: { 'acs:CurrentTime': '2027-01-01T00:00:00Z' } } },
        { Effect: 'Deny', Action: 'cams:UpdateInstance', Resource: '*', Condition: { StringEquals: { 'cams:tag/Env': 'prod' } } },
        { Effect: 'Allow', Action: 'cams:DescribeInstances', Resource: '*', Condition: { StringLike: { 'acs:PrincipalARN': 'acs:ram::*:user/a*' }, StringNotEquals: { 'acs:MFAPresent': 'false' } } },
      ]),
    ],
    resourceGroup: [{ ...policy('rg', 'identity', [{ Effect: 'Allow', Action: 'cams:Delete*', Resource: '*', Condition: { Bool: { 'acs:MFAPresent': 'true' } } }]), resourceGroup: 'rg-1' }],
    resource: [policy('trust', 'trust', [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: ['acs:ram::1234567890123456:root'] } }])],
  };
  return [
    ['one statement', one],
    ['conditions, groups, trust', conditioned],
  ];
}
const sets = (): [string, CompiledPolicySet][] => {
  const compiled = policySets().map(([name, set]): [string, CompiledPolicySet] => [name, compilePolicySet(set)]);
  // A set put together by hand, whose `all` lists fewer statements than its layers: the checks accept it.
  const [, conditioned] = compiled[1]!;
  return [...compiled, ['by hand, `all` short', { ...conditioned, all: conditioned.all.slice(0, 1), statementCount: 1 }]];
};

// Spellings of a few keys, some of one key (the fast path leaves those to prepareRequest).
const KEYS = ['acs:SourceIp', 'acs:sourceip', 'acs:CurrentTime', 'acs:SecureTransport', 'acs:MFAPresent', 'ACS:MFAPRESENT', 'acs:PrincipalARN', 'cams:tag/Env', 'cams:Tag/env', 'acs:SourceVpc', '__proto__', 'constructor'];
const VALUES = ['10.1.2.3', '192.168.0.1', '2001:db8::1', '010.1.2.3', 'true', 'false', 'TRUE', 'yes', '2026-11-28T10:00:00Z', '2027-02-29T00:00:00Z', '2026-11-28T10:00:00+08:00', 'prod', 'dev', 'acs:ram::1:user/alice', ''];
const value = fc.constantFrom(...VALUES);
const contextOf = fc.array(fc.tuple(fc.constantFrom(...KEYS), fc.oneof(value, fc.array(value, { maxLength: 3 }))), { maxLength: 5 }).map((entries) => {
  const context: Record<string, string | string[]> = Object.create(null);
  for (const [k, v] of entries) context[k] = v;
  return context;
});
const request: fc.Arbitrary<AuthorizationRequest> = fc.record(
  {
    principal: fc.record({ type: fc.constantFrom('RamUser' as const, 'AssumedRole' as const, 'Root' as const), arn: fc.constantFrom('acs:ram::1234567890123456:user/alice', 'acs:ram::1234567890123456:user/bob', 'acs:ram::1234567890123456:root') }, { requiredKeys: ['type'] }),
    action: fc.constantFrom('cams:UpdateInstance', 'CAMS:updateinstance', 'cams:DeleteInstance', 'cams:DescribeInstances', 'sts:AssumeRole', 'oss:GetObject'),
    resource: fc.constantFrom(RESOURCE, '*'),
    resourceGroup: fc.constantFrom('rg-1', 'rg-2'),
    context: contextOf,
    absent: fc.array(fc.constantFrom(...KEYS), { maxLength: 2 }),
  },
  { requiredKeys: ['principal', 'action', 'resource'] },
);
const options = fc.constantFrom(undefined, {}, { trace: false }, { trace: true }, { trace: undefined });

/** How a call ended: its result, or the error it threw (as plain data). */
function outcome(call: () => unknown): unknown {
  try {
    return { result: call() };
  } catch (error) {
    if (!(error instanceof RamguardError)) throw error;
    return { error: { code: error.code, message: error.message, argument: error.argument } };
  }
}

describe('evaluate fast paths', () => {
  const compiled = sets();

  it('takes the plain path for a usual request, and leaves two spellings of a tested key to the full path', () => {
    // Given the one-statement set and the conditioned one
    const [, one] = compiled[0]!;
    const [, conditioned] = compiled[1]!;
    const usual: AuthorizationRequest = { principal: { type: 'RamUser' }, action: 'cams:UpdateInstance', resource: RESOURCE, context: { 'acs:SourceIp': '10.1.2.3' } };
    // When each is asked through the plain path
    // Then a usual request is prepared there, and one spelling a tested key twice is not
    expect(authorize.evaluatePlain(one, usual)?.decision).toBe('Allow');
    expect(authorize.evaluatePlain(conditioned, { ...usual, context: { 'acs:SourceIp': '10.1.2.3', 'acs:sourceip': '10.9.9.9' } })).toBeUndefined();
    // nor a request that is not plain data of the documented shape
    expect(authorize.evaluatePlain(one, { ...usual, action: 7 })).toBeUndefined();
    expect(authorize.evaluatePlain(one, prepareRequest(usual))).toBeUndefined();
  });

  it('answers as the checked path, on random requests (each set evaluated many times: plans and remembered spellings reused)', () => {
    for (const [, set] of compiled) {
      fc.assert(
        fc.property(request, options, (req, opts) => {
          // Given a request; When it is evaluated through evaluate and through evaluateChecked
          const fast = outcome(() => evaluate(set, req, opts));
          const checked = outcome(() => evaluateChecked(set, req, opts));
          // Then both give the same result, and the plain path alone (when it answers) too
          expect(fast).toEqual(checked);
          const plain = authorize.evaluatePlain(set, req, opts);
          if (plain !== undefined) expect(plain).toEqual((checked as { result: unknown }).result);
          // And a checked PreparedRequest gives the same again
          const prepared = prepareRequest(req);
          expect(outcome(() => evaluate(set, prepared, opts))).toEqual(checked);
        }),
        { numRuns: 400 },
      );
    }
  });

  it('answers as the checked path on a set\'s first decision (a set compiled per call: nothing remembered)', () => {
    for (const [, policies] of policySets()) {
      fc.assert(
        fc.property(request, options, (req, opts) => {
          // Given a set just compiled, twice; When one is asked through evaluate, the other through evaluateChecked
          // Then both give the same result
          expect(outcome(() => evaluate(compilePolicySet(policies), req, opts))).toEqual(outcome(() => evaluateChecked(compilePolicySet(policies), req, opts)));
        }),
        { numRuns: 150 },
      );
    }
  });

  it('reports a typed value that is wrong after the same spelling had a right one, and a right one after a wrong one', () => {
    // Given a set whose lens has seen `acs:SourceIp` valid
    const [, set] = compiled[1]!;
    const ask = (ip: string) => evaluate(set, { principal: { type: 'RamUser' }, action: 'cams:UpdateInstance', resource: RESOURCE, context: { 'acs:SourceIp': ip } }, { trace: false });
    expect(ask('10.1.2.3').diagnostics).toEqual([]);
    // When a wrong value comes next, then the right one again
    // Then the wrong one is reported as the checked path reports it, the right one not
    const wrong = ask('10.1.2');
    expect(wrong.diagnostics.map((d) => d.code)).toContain('invalid-request-value');
    expect(wrong).toEqual(evaluateChecked(set, { principal: { type: 'RamUser' }, action: 'cams:UpdateInstance', resource: RESOURCE, context: { 'acs:SourceIp': '10.1.2' } }, { trace: false }));
    expect(ask('10.1.2.3').diagnostics).toEqual([]);
  });

  const bad = fc.oneof(
    fc.constantFrom(undefined, null, 7, 'text', true, [], [1], ['a', 2], {}, { type: 'Nobody' }, () => 0),
    fc.array(fc.constantFrom('a', 1, null), { maxLength: 2 }),
  );
  const FIELDS = ['principal', 'principal.type', 'principal.arn', 'action', 'resource', 'resourceGroup', 'context', 'context.acs:SourceIp', 'absent', 'prepared', 'whole'];

  it('refuses a bad request or options with the error the checked path gives', () => {
    const [, set] = compiled[1]!;
    fc.assert(
      fc.property(request, fc.constantFrom(...FIELDS), bad, fc.boolean(), (req, field, value, inOptions) => {
        // Given a request with one field broken (or broken options)
        let broken: unknown = { ...req, principal: { ...req.principal }, context: req.context && { ...req.context } };
        const b = broken as Record<string, Record<string, unknown>>;
        if (field === 'whole') broken = value;
        else if (field.startsWith('principal.')) b['principal']![field.slice(10)] = value;
        else if (field.startsWith('context.')) (b['context'] ??= {})[field.slice(8)] = value;
        else (b as Record<string, unknown>)[field] = value;
        const opts = inOptions ? value : { trace: false };
        // When it is evaluated both ways; Then both end alike
        expect(outcome(() => evaluate(set, broken as AuthorizationRequest, opts as never))).toEqual(outcome(() => evaluateChecked(set, broken as AuthorizationRequest, opts as never)));
      }),
      { numRuns: 600 },
    );
  });

  it('refuses a set that is not compiled, or not checked, as the checked path does', () => {
    const usual: AuthorizationRequest = { principal: { type: 'RamUser' }, action: 'cams:UpdateInstance', resource: RESOURCE };
    const [, set] = compiled[0]!;
    for (const wrong of [undefined, {}, emptyPolicySet(), { ...set, statementCount: 5 }, { ...set }]) {
      const fast = outcome(() => evaluate(wrong as CompiledPolicySet, usual));
      expect(fast).toEqual(outcome(() => evaluateChecked(wrong as CompiledPolicySet, usual)));
    }
    expect(outcome(() => evaluate({ ...set, statementCount: 5 } as CompiledPolicySet, usual))).toMatchObject({ error: { code: 'invalid-argument', argument: 'compiled.statementCount' } });
  });
});
