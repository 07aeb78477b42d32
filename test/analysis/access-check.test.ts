/**
 * The access questions' own code (src/analysis/access-check.ts), asserted on its outputs: the
 * statements a decision reports (the policy's own layer, from a policy or its compiled set), the
 * request a choice stands for, which decisions confirm a witness and what an unconfirmed one says,
 * the answer at a budget limit, the severities of the notes beside witnesses, the trust defaults,
 * the options passed on to the model, and the stats (issue 17: these were reached only through
 * verdicts and diagnostic codes).
 */
import { describe, expect, it } from 'vitest';
import { checkAccessNotGranted, checkNoNewAccess, compileAlone, confirmWitnesses, decisionOf, requestOf, WITNESS_PRINCIPAL, type AnalysisPolicy } from '../../src/analysis/access-check.js';
import { buildModel, type Model } from '../../src/analysis/model.js';
import type { Catalog } from '../../src/catalog/types.js';
// From its module, not src/index.js: each mutant's run imports its covering test files afresh, and
// the whole library adds 0.5-1 s to every run (docs/testing.md, round 5)
import { parsePolicy } from '../../src/policy/parse-policy.js';
import type { PolicyKind } from '../../src/policy/types.js';

function policy(name: string, Statement: object[], kind: PolicyKind = 'identity'): AnalysisPolicy {
  const { policy: document, diagnostics } = parsePolicy(JSON.stringify({ Version: '1', Statement }), { kind });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { name, document: document! };
}

/** A catalog with no actions and no keys: witnesses then show the model's own guesses, not catalog names. */
const EMPTY: Catalog = { services: new Map(), actions: new Map(), conditionKeys: [], systemPolicies: new Map() };

/** A model of one action, one resource and the given keys' values (only `requestOf` reads it). */
function modelOf(action: string, resource: string, keys: Record<string, string[]> = {}): Model {
  const option = (values: string[]) => ({ bits: [], values });
  return {
    atomCount: 0,
    dimensions: [
      { kind: 'action', name: 'action', atoms: [], options: [option([action])] },
      { kind: 'resource', name: 'resource', atoms: [], options: [option([resource])] },
      ...Object.entries(keys).map(([name, values]) => ({ kind: 'key' as const, name, atoms: [], options: [option(values)] })),
    ],
    sides: [],
    actionScope: [],
    actionScopeAlso: [],
    actionExclusions: [],
    actionPatterns: [],
    resourceScope: [],
    inexactKeys: [],
  };
}

const TRUSTS_ALICE = policy('trust', [{ Sid: 'Alice', Effect: 'Allow', Principal: { RAM: ['acs:ram::1234567890123456:user/alice'] }, Action: 'sts:AssumeRole' }], 'trust');
const READS = policy('reads', [{ Sid: 'Read', Effect: 'Allow', Action: 'ecs:Describe*', Resource: '*' }]);
const ALICE = { type: 'RamUser' as const, arn: 'acs:ram::1234567890123456:user/alice' };

describe('decisionOf: a policy judged on its own', () => {
  it('reports a trust policy from the resource layer, not the allow-all identity policy beside it', () => {
    const request = { principal: ALICE, action: 'sts:AssumeRole', resource: 'acs:ram::1234567890123456:role/r' };
    const expected = { decision: 'Allow', statements: [{ layer: 'resource', policy: 'trust', statement: 0, effect: 'Allow', sid: 'Alice' }], errors: [] };
    expect(decisionOf(TRUSTS_ALICE, request)).toEqual(expected);
    // The same from its compiled set: the allow-all identity policy marks it as a trust policy's set
    expect(decisionOf(compileAlone(TRUSTS_ALICE), request)).toEqual(expected);
  });

  it('reports an identity policy from the identity layer, from the policy or its compiled set', () => {
    const request = { principal: WITNESS_PRINCIPAL, action: 'ecs:DescribeInstances', resource: 'acs:ecs:*:*:instance/i-1' };
    const expected = { decision: 'Allow', statements: [{ layer: 'identity', policy: 'reads', statement: 0, effect: 'Allow', sid: 'Read' }], errors: [] };
    expect(decisionOf(READS, request)).toEqual(expected);
    expect(decisionOf(compileAlone(READS), request)).toEqual(expected);
  });

  it('keeps the errors of a request and drops its warnings', () => {
    const typed = policy('typed', [{ Effect: 'Allow', Action: 'ecs:*', Resource: '*', Condition: { IpAddress: { 'acs:SourceIp': '10.0.0.0/8' } } }]);
    const result = decisionOf(typed, { principal: WITNESS_PRINCIPAL, action: 'ecs:Get', resource: 'r', context: { 'acs:SourceIp': 'not-an-ip' } });
    expect(result.errors.length).toBeGreaterThan(0);
    expect(result.errors.every((d) => d.severity === 'error')).toBe(true);
  });
});

describe('compileAlone', () => {
  it('puts an identity policy beside a trust policy named ramguard-trust-all, a trust policy beside ramguard-allow-all', () => {
    const identity = compileAlone(READS);
    expect(identity.identity.statements.map((s) => s.ref.policy)).toEqual(['reads']);
    expect(identity.resource.statements.map((s) => s.ref.policy)).toEqual(['ramguard-trust-all']);
    const trust = compileAlone(TRUSTS_ALICE);
    expect(trust.identity.statements.map((s) => s.ref.policy)).toEqual(['ramguard-allow-all']);
    expect(trust.resource.statements.map((s) => s.ref.policy)).toEqual(['trust']);
  });
});

describe('requestOf', () => {
  it('gives keys their values, one as a string, several as a list, none as absent; action and resource are no keys', () => {
    const model = modelOf('ecs:Get', 'acs:ecs:*:*:instance/i-1', { 'acs:SourceVpc': ['vpc-1'], 'ecs:tag/a': ['x', 'y'], 'acs:MFAPresent': [] });
    expect(requestOf(model, [0, 0, 0, 0, 0])).toEqual({
      principal: WITNESS_PRINCIPAL,
      action: 'ecs:Get',
      resource: 'acs:ecs:*:*:instance/i-1',
      context: { 'acs:SourceVpc': 'vpc-1', 'ecs:tag/a': ['x', 'y'] },
      absent: ['acs:MFAPresent'],
    });
  });

  it('gives a dimension left open (-1) its first option', () => {
    expect(requestOf(modelOf('a:b', 'r'), [-1, -1])).toEqual({ principal: WITNESS_PRINCIPAL, action: 'a:b', resource: 'r', context: {}, absent: [] });
  });
});

describe('confirmWitnesses: only what the evaluator confirms is a witness', () => {
  const allow = policy('new', [{ Effect: 'Allow', Action: 'ecs:*', Resource: '*' }]);
  const deny = policy('old', [{ Effect: 'Deny', Action: 'ecs:*', Resource: '*' }]);
  const conditional = policy('old', [{ Effect: 'Allow', Action: 'ecs:*', Resource: '*', Condition: { StringEquals: { 'acs:SourceVpc': 'vpc-1' } } }]);
  const typed = policy('new', [{ Effect: 'Allow', Action: 'ecs:*', Resource: '*', Condition: { NotIpAddress: { 'acs:SourceIp': '10.0.0.0/8' } } }]);
  const model = modelOf('ecs:Get', 'acs:ecs:*:*:instance/i-1');
  const request = { principal: WITNESS_PRINCIPAL, action: 'ecs:Get', resource: 'acs:ecs:*:*:instance/i-1', context: {}, absent: [] };
  const unconfirmed = (decisions: string) => ({
    code: 'witness-not-confirmed',
    severity: 'error',
    message: `internal: the evaluator does not confirm the witness \`ecs:Get\` on \`acs:ecs:*:*:instance/i-1\` (${decisions})`,
    path: '',
    help: 'please report this with both policies',
  });

  it('confirms an Allow the base denies, with both decisions and the allowing statement', () => {
    expect(confirmWitnesses(model, [[0, 0]], allow, deny)).toEqual({
      witnesses: [{ request, granted: { decision: 'Allow', statements: [{ layer: 'identity', policy: 'new', statement: 0, effect: 'Allow' }] }, base: { decision: 'ExplicitDeny', statements: [{ layer: 'identity', policy: 'old', statement: 0, effect: 'Deny' }] } }],
      diagnostics: [],
    });
  });

  it('confirms an Allow without a base, and gives it no base', () => {
    const { witnesses, diagnostics } = confirmWitnesses(model, [[0, 0]], allow, undefined);
    expect(diagnostics).toEqual([]);
    expect(witnesses).toEqual([{ request, granted: { decision: 'Allow', statements: [{ layer: 'identity', policy: 'new', statement: 0, effect: 'Allow' }] } }]);
  });

  it('does not confirm when the base allows too, or may allow (Conditional)', () => {
    expect(confirmWitnesses(model, [[0, 0]], allow, allow)).toEqual({ witnesses: [], diagnostics: [unconfirmed('Allow / Allow')] });
    expect(confirmWitnesses(model, [[0, 0]], allow, conditional)).toEqual({ witnesses: [], diagnostics: [unconfirmed('Allow / Conditional')] });
  });

  it('does not confirm what the granted policy does not allow, and says so without a base', () => {
    expect(confirmWitnesses(model, [[0, 0]], deny, undefined)).toEqual({ witnesses: [], diagnostics: [unconfirmed('ExplicitDeny')] });
    expect(confirmWitnesses(model, [[0, 0]], deny, allow)).toEqual({ witnesses: [], diagnostics: [unconfirmed('ExplicitDeny / Allow')] });
  });

  it('does not confirm a request with errors, on either side', () => {
    // An unreadable IP address for a typed key is an error of the request, whatever the policy tests
    const bad = modelOf('ecs:Get', 'acs:ecs:*:*:instance/i-1', { 'acs:SourceIp': ['not-an-ip'] });
    const granted = decisionOf(allow, requestOf(bad, [0, 0, 0]));
    expect(granted.decision).toBe('Allow');
    expect(granted.errors.map((d) => d.severity)).toEqual(['error']);
    expect(confirmWitnesses(bad, [[0, 0, 0]], allow, undefined).witnesses).toEqual([]);
    expect(confirmWitnesses(bad, [[0, 0, 0]], allow, deny).witnesses).toEqual([]);
    // The same request without the bad value is confirmed on both sides
    expect(confirmWitnesses(model, [[0, 0]], allow, deny).witnesses).toHaveLength(1);
    expect(confirmWitnesses(bad, [[0, 0, 0]], typed, undefined).witnesses).toEqual([]);
    // A value only the base reads, and cannot: an error on the base's side alone
    const numeric = modelOf('ecs:Get', 'acs:ecs:*:*:instance/i-1', { 'ecs:x': ['seven'] });
    const reads = policy('old', [{ Effect: 'Deny', Action: 'ecs:*', Resource: '*', Condition: { NumericLessThan: { 'ecs:x': '7' } } }]);
    expect(decisionOf(allow, requestOf(numeric, [0, 0, 0])).errors).toEqual([]);
    expect(decisionOf(reads, requestOf(numeric, [0, 0, 0])).errors).not.toEqual([]);
    expect(confirmWitnesses(numeric, [[0, 0, 0]], allow, reads).witnesses).toEqual([]);
  });
});

describe('answers', () => {
  it('answers UNKNOWN at the automaton budget with no witness, no atom, and a diagnostic saying why', () => {
    const many = Array.from({ length: 12 }, (_, i) => `acs:cams:*${'ab'[i % 2]}?${'ba'[i % 2]}*${i}`);
    const before = performance.now();
    const answer = checkNoNewAccess(policy('base', [{ Effect: 'Allow', Action: 'cams:*', Resource: many.slice(0, 6) }]), policy('candidate', [{ Effect: 'Allow', Action: 'cams:*', Resource: many }]), { maxStates: 50 });
    const took = performance.now() - before;
    expect(answer).toEqual({
      verdict: 'unknown',
      witnesses: [],
      diagnostics: [{ code: 'analysis-limit', severity: 'error', message: expect.stringMatching(/^the analysis stopped: more than 50 automaton states for \d+ string patterns$/), path: '', help: 'split the policies, or narrow the question with `--scope`' }],
      stats: { atoms: 0, options: [], nodes: 0, milliseconds: expect.any(Number) },
    });
    expect(answer.stats.milliseconds).toBeGreaterThanOrEqual(0);
    expect(answer.stats.milliseconds).toBeLessThanOrEqual(took);
  });

  it('throws an error that is not a budget limit instead of answering UNKNOWN', () => {
    const broken = { ...EMPTY, get conditionKeys(): never { throw new TypeError('broken catalog'); } } as Catalog;
    expect(() => checkNoNewAccess(READS, READS, { catalog: broken })).toThrow('broken catalog');
  });

  it('counts atoms, options per dimension and the time taken', () => {
    const before = performance.now();
    const answer = checkAccessNotGranted(READS, { actions: ['ecs:*'], catalog: EMPTY });
    const took = performance.now() - before;
    expect(answer.verdict).toBe('fail');
    // Atoms: the policy's action and resource patterns and the scope's; options: action, resource
    expect(answer.stats.atoms).toBe(3);
    expect(answer.stats.options).toHaveLength(2);
    expect(answer.stats.options.every((n) => n > 0)).toBe(true);
    expect(answer.stats.nodes).toBeGreaterThan(0);
    expect(answer.stats.milliseconds).toBeGreaterThanOrEqual(0);
    expect(answer.stats.milliseconds).toBeLessThanOrEqual(took);
  });

  it('gives at most maxWitnesses witnesses', () => {
    const two = policy('two', [{ Effect: 'Allow', Action: 'ecs:Get', Resource: '*' }, { Effect: 'Allow', Action: 'ecs:Put', Resource: '*' }]);
    expect(checkAccessNotGranted(two, { actions: ['ecs:*'], catalog: EMPTY }).witnesses).toHaveLength(2);
    expect(checkAccessNotGranted(two, { actions: ['ecs:*'], catalog: EMPTY, maxWitnesses: 1 }).witnesses).toHaveLength(1);
  });

  it('asks only about actions that also match alsoActions', () => {
    const answer = checkAccessNotGranted(policy('p', [{ Effect: 'Allow', Action: 'ecs:*', Resource: '*' }]), { actions: ['ecs:*'], alsoActions: ['ecs:Describe*'], catalog: EMPTY });
    expect(answer.verdict).toBe('fail');
    expect(answer.witnesses.map((w) => w.request.action.toLowerCase())).toEqual([expect.stringMatching(/^ecs:describe/)]);
  });

  it('asks about no excluded action', () => {
    const only = policy('only', [{ Effect: 'Allow', Action: 'ecs:GetX', Resource: '*' }]);
    expect(checkAccessNotGranted(only, { actions: ['ecs:*'], catalog: EMPTY }).verdict).toBe('fail');
    expect(checkAccessNotGranted(only, { actions: ['ecs:*'], excludeActions: ['ecs:GetX'], catalog: EMPTY })).toMatchObject({ verdict: 'pass', witnesses: [], diagnostics: [] });
  });

  it('makes an inexact key a warning beside witnesses and an error without them', () => {
    const sampled = { StringLike: { 'acs:SourceIp': '10.*' }, NotIpAddress: { 'acs:SourceIp': '10.0.0.0/8' } };
    const note = (severity: string) => ({ code: 'analysis-inexact-key', severity, message: '`acs:SourceIp` is tested both as a string and as a typed value; its spellings are sampled, not explored exhaustively', path: '', help: 'test a key with operators of one type (lint: operator-key-type-mismatch)' });
    const base = policy('base', [{ Effect: 'Deny', Action: '*', Resource: '*' }]);
    const alone = checkNoNewAccess(base, policy('candidate', [{ Effect: 'Allow', Action: 'cams:*', Resource: '*', Condition: sampled }]), { catalog: EMPTY });
    expect(alone.verdict).toBe('unknown');
    expect(alone.diagnostics).toEqual([note('error')]);
    const beside = checkNoNewAccess(policy('base', [{ Effect: 'Allow', Action: 'oss:*', Resource: '*' }]), policy('candidate', [{ Effect: 'Allow', Action: 'cams:*', Resource: '*', Condition: sampled }, { Effect: 'Allow', Action: 'ecs:*', Resource: '*' }]), { catalog: EMPTY });
    expect(beside.verdict).toBe('fail');
    expect(beside.diagnostics).toEqual([note('warning')]);
  });
});

describe('trust policies', () => {
  const SERVICE = policy('new', [
    { Effect: 'Allow', Principal: { Service: ['ecs.aliyuncs.com'] }, Action: 'sts:AssumeRole' },
    { Effect: 'Allow', Principal: { RAM: ['acs:ram::1234567890123456:root'] }, Action: 'sts:AssumeRole' },
  ], 'trust');
  const NOBODY = policy('old', [{ Effect: 'Allow', Principal: { RAM: ['acs:ram::1234567890123456:user/alice'] }, Action: 'sts:AssumeRole' }], 'trust');

  it('makes an unmodelled principal a warning beside witnesses', () => {
    const answer = checkNoNewAccess(NOBODY, SERVICE, { catalog: EMPTY });
    expect(answer.verdict).toBe('fail');
    expect(answer.diagnostics.map((d) => [d.code, d.severity])).toEqual([['analysis-unmodelled-principal', 'warning']]);
  });

  it('keeps an unmodelled principal an error without witnesses', () => {
    const answer = checkNoNewAccess(SERVICE, policy('new', [{ Effect: 'Allow', Principal: { Service: ['oss.aliyuncs.com'] }, Action: 'sts:AssumeRole' }], 'trust'), { catalog: EMPTY });
    expect(answer.verdict).toBe('unknown');
    expect(answer.diagnostics.map((d) => [d.code, d.severity])).toEqual([['analysis-unmodelled-principal', 'error']]);
  });

  it('asks about the actions given, not sts:AssumeRole, when a scope is given', () => {
    expect(checkAccessNotGranted(TRUSTS_ALICE, { actions: ['ecs:*'], catalog: EMPTY })).toMatchObject({ verdict: 'pass', witnesses: [] });
    expect(checkAccessNotGranted(TRUSTS_ALICE, { actions: undefined as unknown as string[], alsoActions: ['ecs:*'], catalog: EMPTY })).toMatchObject({ verdict: 'pass', witnesses: [] });
    expect(checkAccessNotGranted(TRUSTS_ALICE, { actions: undefined as unknown as string[], catalog: EMPTY }).verdict).toBe('fail');
  });

  it('keeps the options given beside the sts:AssumeRole scope', () => {
    const role = 'acs:ram::1234567890123456:role/admin';
    const answer = checkAccessNotGranted(TRUSTS_ALICE, { actions: undefined as unknown as string[], resources: [role], catalog: EMPTY });
    expect(answer.witnesses.map((w) => [w.request.action.toLowerCase(), w.request.resource])).toEqual([['sts:assumerole', role]]);
  });
});

describe('the model the question is asked of', () => {
  it('is the one buildModel makes of the same input', () => {
    const model = buildModel({ granted: READS, catalog: EMPTY, actionScope: ['ecs:*'], alwaysPresentKeys: new Set(), singleValuedKeys: false });
    const answer = checkAccessNotGranted(READS, { actions: ['ecs:*'], catalog: EMPTY });
    expect(answer.stats.options).toEqual(model.dimensions.map((d) => d.options.length));
    expect(answer.stats.atoms).toBe(model.atomCount);
  });
});

describe('capital sigma (string-regions)', () => {
  it('finds the new access of StringEqualsIgnoreCase `σ` over StringEquals `σ`: the value `Σ`', () => {
    const base = policy('base', [{ Effect: 'Allow', Action: 'ecs:Get', Resource: '*', Condition: { StringEquals: { 'ecs:tag': 'σ' } } }]);
    const candidate = policy('candidate', [{ Effect: 'Allow', Action: 'ecs:Get', Resource: '*', Condition: { StringEqualsIgnoreCase: { 'ecs:tag': 'σ' } } }]);
    const answer = checkNoNewAccess(base, candidate, { catalog: EMPTY });
    expect(answer.verdict).toBe('fail');
    expect(answer.witnesses.map((w) => w.request.context?.['ecs:tag'])).toEqual(['Σ']);
  });
});
