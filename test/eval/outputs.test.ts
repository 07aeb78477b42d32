/**
 * The parts of an evaluation result besides the decision (issue 17): notes, unknown keys on both
 * paths, possible denies, the trace and what it says (matchedBy, NotAction, the reference fields
 * of each statement, skipped layers), missingAllow's messages, and the `missing-principal-arn`
 * diagnostic. The conformance corpus checks decisions; these check the explanation.
 */
import { describe, expect, it } from 'vitest';
import { compilePolicySet, emptyPolicySet, evaluate, parsePolicy, type AuthorizationRequest, type PolicyKind, type PolicySet } from '../../src/index.js';

function doc(statements: object[], kind: PolicyKind = 'identity') {
  const { policy, diagnostics } = parsePolicy(JSON.stringify({ Version: '1', Statement: statements }), { kind });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return policy!;
}

const ALLOW_ALL = { Effect: 'Allow', Action: '*', Resource: '*' };
const ALICE = { type: 'RamUser', arn: 'acs:ram::1:user/alice' } as const;

const request = (extra: Partial<AuthorizationRequest> = {}): AuthorizationRequest => ({
  principal: ALICE,
  action: 'cams:UpdateInstance',
  resource: 'acs:cams:r:1:instance/i',
  ...extra,
});

function identity(statements: object[], name = 'p'): PolicySet {
  const set = emptyPolicySet();
  set.identity.push({ name, document: doc(statements) });
  return set;
}

describe('notes', () => {
  it('says the root user is not subject to RAM policies', () => {
    const result = evaluate(compilePolicySet(identity([ALLOW_ALL])), request({ principal: { type: 'Root', arn: 'acs:ram::1:root' } }));
    expect(result.decision).toBe('Allow');
    expect(result.notes).toEqual(['the root user is not subject to RAM policies']);
  });

  it("says a role's trust policy still applies to the root user assuming a role", () => {
    const set = emptyPolicySet();
    set.resource.push({ name: 'trust', document: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: ['acs:ram::1:root'] } }], 'trust') });
    const result = evaluate(compilePolicySet(set), { principal: { type: 'Root', arn: 'acs:ram::1:root' }, action: 'sts:AssumeRole', resource: 'acs:ram::1:role/r' });
    expect(result.decision).toBe('Allow');
    expect(result.notes).toEqual(["the root user is not subject to RAM policies, but a role's trust policy must still trust it"]);
  });

  it('says trust policies were not consulted for any other action, and nothing when there are none', () => {
    const set = identity([ALLOW_ALL]);
    expect(evaluate(compilePolicySet(set), request()).notes).toEqual([]);
    set.resource.push({ name: 'trust', document: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: ['acs:ram::1:root'] } }], 'trust') });
    expect(evaluate(compilePolicySet(set), request()).notes).toEqual(['trust policies apply only to `sts:AssumeRole` and were not consulted']);
    expect(evaluate(compilePolicySet(set), request({ action: 'sts:AssumeRole', resource: 'acs:ram::1:role/r' })).notes).toEqual([]);
  });
});

describe('the missing-principal-arn diagnostic', () => {
  const trust = () => {
    const set = identity([ALLOW_ALL]);
    set.resource.push({ name: 'trust', document: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: ['acs:ram::1:root'] } }], 'trust') });
    return compilePolicySet(set);
  };

  it('is an error at /principal/arn when a trust policy must be checked without the ARN', () => {
    const result = evaluate(trust(), { principal: { type: 'RamUser' }, action: 'sts:AssumeRole', resource: 'acs:ram::1:role/r' });
    expect(result.diagnostics).toEqual([
      { code: 'missing-principal-arn', severity: 'error', message: "`sts:AssumeRole` is checked against the trust policy, which needs the caller's ARN", path: '/principal/arn', help: 'give the caller with `--principal-arn`' },
    ]);
    expect(result.decision).toBe('ImplicitDeny');
  });

  it('is not given when there is no trust policy, when the ARN is given, or for another action', () => {
    const none = compilePolicySet(identity([ALLOW_ALL]));
    const noTrust = evaluate(none, { principal: { type: 'RamUser' }, action: 'sts:AssumeRole', resource: 'acs:ram::1:role/r' });
    expect(noTrust.diagnostics).toEqual([]);
    expect(noTrust.missingAllow?.message).toBe("the role's trust policy does not allow this caller to assume it (no trust policy was given)");
    expect(evaluate(trust(), { principal: ALICE, action: 'sts:AssumeRole', resource: 'acs:ram::1:role/r' }).diagnostics).toEqual([]);
    expect(evaluate(trust(), { principal: { type: 'RamUser' }, action: 'cams:UpdateInstance', resource: 'acs:cams:r:1:instance/i' }).diagnostics).toEqual([]);
  });

  it("says the trust policy does not allow the caller, without '(no trust policy was given)', when one was", () => {
    const result = evaluate(trust(), { principal: { type: 'RamUser', arn: 'acs:ram::2:user/bob' }, action: 'sts:AssumeRole', resource: 'acs:ram::1:role/r' });
    expect(result.decision).toBe('ImplicitDeny');
    expect(result.deniedBy).toBe('AssumeRolePolicy');
    expect(result.missingAllow).toEqual({ layer: 'resource', message: "the role's trust policy does not allow this caller to assume it" });
  });
});

describe('unknown keys and possible denies', () => {
  const conditional = () =>
    compilePolicySet(
      identity([
        { Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'acs:SourceVpc': 'vpc-1' } } },
        { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'acs:MFAPresent': 'false' } } },
      ]),
    );

  it('names each unknown key once, in the spelling of its first use', () => {
    const set = compilePolicySet(
      identity([
        { Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'acs:SourceVpc': 'vpc-1' } } },
        { Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'ACS:SOURCEVPC': 'vpc-2' }, StringLike: { 'cams:Tag': 'a*' } } },
      ]),
    );
    const result = evaluate(set, request());
    expect(result.decision).toBe('Conditional');
    expect(result.unknownKeys).toEqual(['acs:SourceVpc', 'cams:Tag']);
    expect(result.possibleDenies).toEqual([]);
  });

  it('lists a Deny whose condition is unknown as a possible deny, with its reference', () => {
    const result = evaluate(conditional(), request({ context: { 'acs:SourceVpc': 'vpc-1' } }));
    expect(result.decision).toBe('Conditional');
    expect(result.possibleDenies).toEqual([{ layer: 'identity', policy: 'p', statement: 1, effect: 'Deny', level: undefined, resourceGroup: undefined, sid: undefined }]);
    expect(result.unknownKeys).toEqual(['acs:MFAPresent']);
  });

  it('lists both Denies of a clause and its negation: clauses are independent unknowns (E10)', () => {
    const set = compilePolicySet(
      identity([
        ALLOW_ALL,
        { Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringEquals: { 'acs:SourceVpc': 'vpc-1' } } },
        { Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'acs:SourceVpc': 'vpc-1' } } },
      ]),
    );
    const result = evaluate(set, request());
    expect(result.decision).toBe('Conditional');
    expect(result.decidingStatements).toEqual([]);
    expect(result.possibleDenies.map((s) => s.statement)).toEqual([1, 2]);
    expect(result.unknownKeys).toEqual(['acs:SourceVpc']);
  });

  it('lists no possible deny once the request is allowed whatever the unknown keys are', () => {
    // Given an account-level Allow, and a resource-group Deny on an unknown key, which E5 never consults
    const set = identity([ALLOW_ALL]);
    set.resourceGroup.push({ name: 'rg', resourceGroup: 'rg-1', document: doc([{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringEquals: { 'acs:SourceVpc': 'vpc-1' } } }]) });
    const result = evaluate(compilePolicySet(set), request({ resourceGroup: 'rg-1' }));
    // Then Allow, and the Deny that cannot change it is not listed
    expect(result.decision).toBe('Allow');
    expect(result.possibleDenies).toEqual([]);
    expect(result.unknownKeys).toEqual([]);
    expect(result.decidingStatements.map((s) => `${s.policy}#${s.statement}`)).toEqual(['p#0']);
  });

  it('leaves unknown keys and possible denies empty on the fast path, when every key is known', () => {
    const result = evaluate(conditional(), request({ context: { 'acs:SourceVpc': 'vpc-1', 'acs:MFAPresent': 'true' } }));
    expect(result.decision).toBe('Allow');
    expect(result.unknownKeys).toEqual([]);
    expect(result.possibleDenies).toEqual([]);
    expect(result.residual).toBeUndefined();
    const denied = evaluate(conditional(), request({ context: { 'acs:SourceVpc': 'vpc-2', 'acs:MFAPresent': 'true' } }));
    expect(denied).toMatchObject({ decision: 'ImplicitDeny', unknownKeys: [], possibleDenies: [], deniedBy: 'AccountLevelIdentityBasedPolicy' });
  });

  it('gives the unknown keys of an implicit deny that holds whatever they are', () => {
    // Given an Allow whose two clauses can never both hold; Then ImplicitDeny, yet the key was read
    const set = compilePolicySet(identity([{ Effect: 'Allow', Action: 'ecs:*', Resource: '*', Condition: { StringEquals: { 'acs:SourceVpc': 'vpc-1' } } }]));
    const result = evaluate(set, request());
    expect(result.decision).toBe('ImplicitDeny');
    expect(result.unknownKeys).toEqual([]);
    expect(result.missingAllow).toEqual({ layer: 'identity', message: 'no identity policy allows the action on this resource' });
  });
});

describe('the trace', () => {
  it('is left out with trace: false, and has one entry per statement otherwise', () => {
    const set = compilePolicySet(identity([ALLOW_ALL, { Effect: 'Deny', Action: 'ecs:*', Resource: '*' }]));
    expect(evaluate(set, request(), { trace: false }).statements).toEqual([]);
    expect(evaluate(set, request(), { trace: true }).statements).toHaveLength(2);
    expect(evaluate(set, request()).statements).toHaveLength(2);
  });

  it('names the pattern that matched, as written, for Action, NotAction and Resource', () => {
    const set = compilePolicySet(
      identity([
        { Sid: 'Update', Effect: 'Allow', Action: ['ecs:Describe*', 'cams:UPDATE*'], Resource: ['acs:ecs:*', 'acs:cams:*:*:instance/*'] },
        { Effect: 'Deny', NotAction: ['cams:Delete*'], Resource: 'acs:cams:*:*:bucket/*' },
        { Effect: 'Deny', NotAction: ['cams:Update*'], Resource: '*' },
      ]),
    );
    const [first, second, third] = evaluate(set, request()).statements;
    expect(first).toMatchObject({ sid: 'Update', result: 'match', action: { result: 'match', notAction: false, matchedBy: 'cams:UPDATE*' }, resource: { result: 'match', matchedBy: 'acs:cams:*:*:instance/*' } });
    expect(first!.principal).toBeUndefined();
    // NotAction: an action outside the list matches, and there is no pattern to name
    expect(second).toMatchObject({ result: 'no-match', action: { result: 'match', notAction: true, matchedBy: undefined }, resource: { result: 'no-match', matchedBy: undefined } });
    // NotAction: an action in the list does not match; the trace names the pattern that excluded it
    expect(third).toMatchObject({ result: 'no-match', action: { result: 'no-match', notAction: true, matchedBy: 'cams:Update*' }, resource: { result: 'match', matchedBy: '*' } });
  });

  it('gives each statement its reference: layer, level, resource group, policy, index, Sid, effect', () => {
    const set = emptyPolicySet();
    set.control = [[{ name: 'root-scp', document: doc([{ Sid: 'All', ...ALLOW_ALL }], 'control') }], [{ name: 'dept-scp', document: doc([ALLOW_ALL], 'control') }]];
    set.identity.push({ name: 'ops', document: doc([{ Sid: 'Ops', ...ALLOW_ALL }]) });
    set.resourceGroup.push({ name: 'rg-ops', resourceGroup: 'rg-1', document: doc([ALLOW_ALL, { Sid: 'NoDelete', Effect: 'Deny', Action: 'cams:Delete*', Resource: '*' }]) });
    const result = evaluate(compilePolicySet(set), request({ resourceGroup: 'rg-1' }));
    expect(result.decision).toBe('Allow');
    const refs = result.statements.map(({ layer, level, resourceGroup, policy, statement, sid, effect }) => ({ layer, level, resourceGroup, policy, statement, sid, effect }));
    expect(refs).toEqual([
      { layer: 'control', level: 0, resourceGroup: undefined, policy: 'root-scp', statement: 0, sid: 'All', effect: 'Allow' },
      { layer: 'control', level: 1, resourceGroup: undefined, policy: 'dept-scp', statement: 0, sid: undefined, effect: 'Allow' },
      { layer: 'identity', level: undefined, resourceGroup: undefined, policy: 'ops', statement: 0, sid: 'Ops', effect: 'Allow' },
      { layer: 'resource-group', level: undefined, resourceGroup: 'rg-1', policy: 'rg-ops', statement: 0, sid: undefined, effect: 'Allow' },
      { layer: 'resource-group', level: undefined, resourceGroup: 'rg-1', policy: 'rg-ops', statement: 1, sid: 'NoDelete', effect: 'Deny' },
    ]);
    expect(result.statements.map((s) => s.result)).toEqual(['match', 'match', 'match', 'match', 'no-match']);
    // E5: the account level allowed, so the resource-group level does not decide
    expect(result.decidingStatements.map((s) => `${s.layer}:${s.policy}#${s.statement}`)).toEqual(['control:root-scp#0', 'control:dept-scp#0', 'identity:ops#0']);
  });

  it('says why a statement was skipped: root, trust policies outside AssumeRole, another resource group', () => {
    const set = identity([ALLOW_ALL]);
    set.resourceGroup.push({ name: 'rg-other', resourceGroup: 'rg-2', document: doc([ALLOW_ALL]) });
    set.resource.push({ name: 'trust', document: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: ['acs:ram::1:root'] } }], 'trust') });
    const compiled = compilePolicySet(set);
    const byUser = evaluate(compiled, request({ resourceGroup: 'rg-1' })).statements.map((s) => [s.layer, s.result, s.skipped]);
    expect(byUser).toEqual([
      ['identity', 'match', undefined],
      ['resource-group', 'no-match', 'attached to resource group `rg-2`; the resource is in `rg-1`'],
      ['resource', 'no-match', 'trust policies apply only to `sts:AssumeRole`'],
    ]);
    const byRoot = evaluate(compiled, request({ principal: { type: 'Root', arn: 'acs:ram::1:root' }, action: 'sts:AssumeRole', resource: 'acs:ram::1:role/r' })).statements;
    expect(byRoot.map((s) => [s.layer, s.result, s.skipped])).toEqual([
      ['identity', 'no-match', 'the root user is not subject to RAM policies'],
      ['resource-group', 'no-match', 'the root user is not subject to RAM policies'],
      ['resource', 'match', undefined],
    ]);
    expect(byRoot[2]!.principal).toEqual({ result: 'match', matchedBy: 'acs:ram::1:root' });
    expect(byRoot[2]!.resource).toBeUndefined();
  });

  it('marks a resource-group statement unknown when the resource group is not given (E4), unless it does not match', () => {
    const set = emptyPolicySet();
    set.resourceGroup.push({ name: 'rg', resourceGroup: 'rg-1', document: doc([ALLOW_ALL, { Effect: 'Allow', Action: 'ecs:*', Resource: '*' }]) });
    const result = evaluate(compilePolicySet(set), request());
    expect(result.decision).toBe('Conditional');
    expect(result.statements.map((s) => s.result)).toEqual(['unknown', 'no-match']);
  });

  it('says which condition value matched and what the request gave', () => {
    const set = compilePolicySet(identity([{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'acs:SourceVpc': ['vpc-1', 'vpc-2'] }, IpAddress: { 'acs:SourceIp': '10.0.0.0/8' } } }]));
    const [trace] = evaluate(set, request({ context: { 'acs:SourceVpc': 'vpc-2' } })).statements;
    expect(trace!.result).toBe('unknown');
    expect(trace!.conditions.map((c) => [c.operator, c.key, c.requestValues, c.result])).toEqual([
      ['StringEquals', 'acs:SourceVpc', ['vpc-2'], 'match'],
      ['IpAddress', 'acs:SourceIp', 'unknown', 'unknown'],
    ]);
    expect(trace!.conditions[0]!.values).toEqual([
      { value: 'vpc-1', result: 'no-match' },
      { value: 'vpc-2', result: 'match' },
    ]);
  });
});

describe('deciding statements and missing allows, layer by layer', () => {
  it('names the control level that gave no Allow', () => {
    const set = identity([ALLOW_ALL]);
    set.control = [[{ name: 'root-scp', document: doc([ALLOW_ALL], 'control') }], [{ name: 'dept-scp', document: doc([{ Effect: 'Allow', Action: 'ecs:*', Resource: '*' }], 'control') }]];
    const result = evaluate(compilePolicySet(set), request());
    expect(result).toMatchObject({ decision: 'ImplicitDeny', deniedBy: 'ControlPolicy', missingAllow: { layer: 'control', level: 1, message: 'no control policy at level 1 allows the action on this resource' } });
    set.control.reverse();
    expect(evaluate(compilePolicySet(set), request()).missingAllow).toEqual({ layer: 'control', level: 0, message: 'no control policy at the Root folder allows the action on this resource' });
  });

  it('names the session policy when it gave no Allow, and the resource-group level when one is attached', () => {
    const set = identity([{ Effect: 'Allow', Action: 'ecs:*', Resource: '*' }]);
    set.session = { name: 'session', document: doc([{ Effect: 'Allow', Action: 'ecs:*', Resource: '*' }], 'session') };
    const role = { type: 'AssumedRole', arn: 'acs:sts::1:assumed-role/r/s' } as const;
    expect(evaluate(compilePolicySet(set), request({ principal: role })).missingAllow).toEqual({ layer: 'session', message: 'the session policy does not allow the action on this resource' });
    set.session = { name: 'session', document: doc([ALLOW_ALL], 'session') };
    set.resourceGroup.push({ name: 'rg', resourceGroup: 'rg-1', document: doc([{ Effect: 'Allow', Action: 'cams:*', Resource: '*' }]) });
    const result = evaluate(compilePolicySet(set), request({ principal: role, resourceGroup: 'rg-2' }));
    expect(result.missingAllow).toEqual({ layer: 'identity', message: 'no identity policy allows the action on this resource, at account or resource-group level' });
    expect(result.deniedBy).toBe('AccountLevelIdentityBasedPolicy');
  });

  it('names the denying layer of an explicit deny, and its deciding Deny statements only', () => {
    const set = identity([ALLOW_ALL, { Effect: 'Deny', Action: 'cams:*', Resource: '*' }]);
    set.control = [[{ name: 'scp', document: doc([ALLOW_ALL, { Effect: 'Deny', Action: 'cams:Update*', Resource: '*' }], 'control') }]];
    const result = evaluate(compilePolicySet(set), request());
    expect(result.decision).toBe('ExplicitDeny');
    expect(result.deniedBy).toBe('ControlPolicy');
    expect(result.missingAllow).toBeUndefined();
    expect(result.decidingStatements.map((s) => `${s.policy}#${s.statement}`)).toEqual(['scp#1', 'p#1']);
  });

  it('lets a resource-group Deny decide only when the account level is silent (E5)', () => {
    const set = emptyPolicySet();
    set.identity.push({ name: 'acct', document: doc([{ Effect: 'Allow', Action: 'ecs:*', Resource: '*' }]) });
    set.resourceGroup.push({ name: 'rg', resourceGroup: 'rg-1', document: doc([{ Effect: 'Deny', Action: '*', Resource: '*' }]) });
    const result = evaluate(compilePolicySet(set), request({ resourceGroup: 'rg-1' }));
    expect(result.decision).toBe('ExplicitDeny');
    expect(result.deniedBy).toBe('ResourceGroupLevelIdentityBasedPolicy');
    expect(result.decidingStatements.map((s) => `${s.layer}:${s.policy}#${s.statement}`)).toEqual(['resource-group:rg#0']);
    set.identity[0] = { name: 'acct', document: doc([ALLOW_ALL]) };
    const allowed = evaluate(compilePolicySet(set), request({ resourceGroup: 'rg-1' }));
    expect(allowed.decision).toBe('Allow');
    expect(allowed.decidingStatements.map((s) => `${s.layer}:${s.policy}#${s.statement}`)).toEqual(['identity:acct#0']);
  });
});
