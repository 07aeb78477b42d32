/**
 * What compilePolicySet shares and indexes, called directly (issue 17): statements are one body
 * exactly when they differ in nothing but Effect, Sid and place — every other difference keeps
 * them apart, since the evaluator matches a body once for all its statements —, the by-service
 * index (used by the audit and by `namesService`), ids in evaluation order, typed-key facts of a
 * clause (C11), and the internal errors for input that skipped validation.
 */
import { describe, expect, it } from 'vitest';
import { emptyPolicySet, parsePolicy, type PolicyDocument, type PolicySet } from '../../src/index.js';
import { CompileCache, compilePolicySet } from '../../src/eval/compile.js';

function doc(statements: object[], kind: 'identity' | 'trust' = 'identity'): PolicyDocument {
  const { policy, diagnostics } = parsePolicy(JSON.stringify({ Version: '1', Statement: statements }), { kind });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return policy!;
}

function identity(...statements: object[]): PolicySet {
  const set = emptyPolicySet();
  set.identity.push({ name: 'p', document: doc(statements) });
  return set;
}

const base = {
  Effect: 'Allow',
  Action: ['cams:Get*', 'cams:List*'],
  Resource: ['acs:cams:*:1:instance/*', 'acs:cams:*:1:tag/*'],
  Condition: { StringEquals: { 'acs:SourceVpc': ['vpc-1', 'vpc-2'] }, IpAddress: { 'acs:SourceIp': '10.0.0.0/8' } },
};

describe('statement bodies', () => {
  it('are one body when only Effect, Sid and place differ', () => {
    const set = compilePolicySet(identity(base, { ...base, Effect: 'Deny', Sid: 'Other' }, base));
    const [first, second, third] = set.identity.statements;
    expect(first!.same).toBeUndefined();
    expect(second!.same).toBe(first);
    expect(third!.same).toBe(first);
  });

  const variants: [string, object][] = [
    ['NotAction instead of Action', { ...base, Action: undefined, NotAction: base.Action }],
    ['another second action', { ...base, Action: ['cams:Get*', 'cams:Describe*'] }],
    ['one action fewer', { ...base, Action: ['cams:Get*'] }],
    ['an action in another case', { ...base, Action: ['cams:get*', 'cams:List*'] }],
    ['another second resource', { ...base, Resource: ['acs:cams:*:1:instance/*', 'acs:cams:*:2:tag/*'] }],
    ['one resource more', { ...base, Resource: [...base.Resource, 'acs:cams:*:1:x/*'] }],
    ['one clause fewer', { ...base, Condition: { StringEquals: base.Condition.StringEquals } }],
    ['another operator', { ...base, Condition: { StringLike: base.Condition.StringEquals, IpAddress: base.Condition.IpAddress } }],
    ['a key in another case', { ...base, Condition: { StringEquals: { 'acs:sourcevpc': ['vpc-1', 'vpc-2'] }, IpAddress: base.Condition.IpAddress } }],
    ['another key', { ...base, Condition: { StringEquals: { 'acs:SourceVpcId': ['vpc-1', 'vpc-2'] }, IpAddress: base.Condition.IpAddress } }],
    ['values in another order', { ...base, Condition: { StringEquals: { 'acs:SourceVpc': ['vpc-2', 'vpc-1'] }, IpAddress: base.Condition.IpAddress } }],
    ['one value fewer', { ...base, Condition: { StringEquals: { 'acs:SourceVpc': ['vpc-1'] }, IpAddress: base.Condition.IpAddress } }],
    ['another last value', { ...base, Condition: { StringEquals: { 'acs:SourceVpc': ['vpc-1', 'vpc-3'] }, IpAddress: base.Condition.IpAddress } }],
    ['another second clause', { ...base, Condition: { StringEquals: base.Condition.StringEquals, IpAddress: { 'acs:SourceIp': '10.0.0.0/16' } } }],
  ];
  for (const [name, variant] of variants) {
    it(`are two bodies when one has ${name}`, () => {
      // Given the statement and the variant, in either order
      for (const statements of [[base, variant], [variant, base]]) {
        const set = compilePolicySet(identity(...statements));
        // Then neither is the other's body
        expect(set.identity.statements.map((s) => s.same)).toEqual([undefined, undefined]);
      }
    });
  }

  const trust = (principal: object) => ({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: principal });
  const principals: [string, object, object][] = [
    ['another account', { RAM: ['acs:ram::1:root'] }, { RAM: ['acs:ram::2:root'] }],
    ['one RAM entry more', { RAM: ['acs:ram::1:root'] }, { RAM: ['acs:ram::1:root', 'acs:ram::2:root'] }],
    ['a service instead of an account', { RAM: ['acs:ram::1:root'] }, { Service: ['ecs.aliyuncs.com'] }],
    ['another service', { Service: ['ecs.aliyuncs.com'] }, { Service: ['fc.aliyuncs.com'] }],
    ['another identity provider', { Federated: ['acs:ram::1:saml-provider/a'] }, { Federated: ['acs:ram::1:saml-provider/b'] }],
    ['a service beside the account', { RAM: ['acs:ram::1:root'] }, { RAM: ['acs:ram::1:root'], Service: ['ecs.aliyuncs.com'] }],
  ];
  for (const [name, p, q] of principals) {
    it(`are two bodies when a trust statement has ${name}`, () => {
      for (const [a, b] of [[p, q], [q, p]]) {
        const set = emptyPolicySet();
        set.resource.push({ name: 'trust', document: doc([trust(a!), trust(b!)], 'trust') });
        expect(compilePolicySet(set).resource.statements.map((s) => s.same)).toEqual([undefined, undefined]);
      }
    });
  }

  it('are one body for trust statements with the same principal, and two for an identity statement beside one', () => {
    const set = emptyPolicySet();
    set.resource.push({ name: 'trust', document: doc([trust({ RAM: ['acs:ram::1:root'] }), trust({ RAM: ['acs:ram::1:root'] })], 'trust') });
    set.identity.push({ name: 'p', document: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }]) });
    const compiled = compilePolicySet(set);
    expect(compiled.resource.statements[1]!.same).toBe(compiled.resource.statements[0]);
    expect(compiled.identity.statements[0]!.same).toBeUndefined();
  });

  it('are two bodies for an identity statement whose Resource is the ARN a trust statement names as Principal', () => {
    // Given statements that fall in one bucket (same action, same first resource or principal)
    const set = emptyPolicySet();
    set.identity.push({ name: 'p', document: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'acs:ram::1:root' }]) });
    set.resource.push({ name: 'trust', document: doc([trust({ RAM: ['acs:ram::1:root'] })], 'trust') });
    // Then they are compared, and kept apart
    const compiled = compilePolicySet(set);
    expect(compiled.all.map((s) => s.same)).toEqual([undefined, undefined]);
  });

  it('are shared across sets through a CompileCache, each set naming its own first statement', () => {
    // Given one parsed document in two sets, and a third set with the same body parsed again
    const cache = new CompileCache();
    const shared = doc([base, base]);
    const inSet = (document: PolicyDocument) => {
      const set = emptyPolicySet();
      set.identity.push({ name: 'p', document });
      return compilePolicySet(set, cache);
    };
    const [one, two, again] = [inSet(shared), inSet(shared), inSet(doc([{ ...base, Effect: 'Deny' }]))];
    // Then each set's first statement of the body is its own
    for (const set of [one, two]) expect(set.identity.statements.map((s) => s.same)).toEqual([undefined, set.identity.statements[0]]);
    expect(again.identity.statements[0]!.same).toBeUndefined();
    // And the compiled parts are shared: the statement's, and the clause values of the same body
    expect(two.identity.statements[0]!.actions).toBe(one.identity.statements[0]!.actions);
    expect(again.identity.statements[0]!.clauses[0]!.values).toBe(one.identity.statements[0]!.clauses[0]!.values);
    expect(again.identity.statements[0]!.actions[0]).toBe(one.identity.statements[0]!.actions[0]);
  });
});

describe('the by-service index', () => {
  it('keeps, in document order, the statements that can name a service: its own, NotAction and any-service patterns', () => {
    const set = compilePolicySet(
      identity(
        { Effect: 'Allow', Action: 'ecs:Describe*', Resource: '*' },
        { Effect: 'Allow', Action: ['cams:Get*', 'ecs:Start*'], Resource: '*' },
        { Effect: 'Allow', NotAction: 'ram:*', Resource: '*' },
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Allow', Action: 'cams:Update*', Resource: '*' },
      ),
    );
    const positions = (service: string) => set.identity.forService(service).map((s) => s.ref.statement);
    expect(positions('cams')).toEqual([1, 2, 3, 4]);
    expect(positions('ecs')).toEqual([0, 1, 2, 3]);
    expect(positions('oss')).toEqual([2, 3]);
    // asked again, the same answer
    expect(positions('cams')).toEqual([1, 2, 3, 4]);
    expect(compilePolicySet(emptyPolicySet()).identity.forService('cams')).toEqual([]);
  });
});

describe('the compiled set', () => {
  it('numbers statements in evaluation order: control levels, session, identity, resource group, resource', () => {
    const set = emptyPolicySet();
    const one = doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]);
    set.control.push([{ name: 'c0', document: one }], [{ name: 'c1', document: one }]);
    set.session = { name: 's', document: one };
    set.identity.push({ name: 'i', document: one });
    set.resourceGroup.push({ name: 'g', resourceGroup: 'rg-1', document: one });
    set.resource.push({ name: 'r', document: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: ['acs:ram::1:root'] } }], 'trust') });
    const compiled = compilePolicySet(set);
    expect(compiled.all.map((s) => `${s.id}:${s.ref.layer}:${s.ref.policy}:${s.ref.level ?? ''}:${s.resourceGroup ?? ''}`)).toEqual([
      '0:control:c0:0:', '1:control:c1:1:', '2:session:s::', '3:identity:i::', '4:resource-group:g::rg-1', '5:resource:r::',
    ]);
    expect(compiled.statementCount).toBe(6);
    expect(compiled.all.map((s) => s.deny)).toEqual([false, false, false, false, false, false]);
  });

  it('records, for a string clause on a typed key, which values the type can meet, and the answer when none can (C11)', () => {
    const set = compilePolicySet(
      identity({
        Effect: 'Allow',
        Action: '*',
        Resource: '*',
        Condition: { StringEquals: { 'acs:SourceIp': ['10.0.0.1', 'not-an-ip'] }, StringNotEquals: { 'acs:SecureTransport': 'maybe' }, StringLike: { 'acs:SourceIp': 'nope' }, StringEqualsIgnoreCase: { 'cams:Tag': 'x' } },
      }),
    );
    const [ip, secure, like, plain] = set.identity.statements[0]!.clauses;
    expect([ip!.metByType, ip!.decidedByType]).toEqual([[true, false], undefined]);
    expect([secure!.metByType, secure!.decidedByType]).toEqual([[false], 1]);
    expect([like!.metByType, like!.decidedByType]).toEqual([[false], 0]);
    expect([plain!.metByType, plain!.decidedByType, plain!.keyLower]).toEqual([undefined, undefined, 'cams:tag']);
  });

  it('refuses, as an internal error, an operator or a value that skipped validation', () => {
    const bad = (operator: string, values: string[]) => {
      const set = identity({ Effect: 'Allow', Action: '*', Resource: '*' });
      set.identity[0]!.document.statements[0]!.conditions.push({ operator: operator as never, key: 'acs:SourceIp', values, sourcePath: '' });
      return () => compilePolicySet(set);
    };
    expect(bad('NoSuchOperator', ['1'])).toThrow('internal: operator NoSuchOperator reached the compiler unvalidated');
    expect(bad('IpAddress', ['not-an-ip'])).toThrow('internal: a value of IpAddress reached the compiler unvalidated');
  });
});
