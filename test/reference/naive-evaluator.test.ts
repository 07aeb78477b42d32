/**
 * Hand-checked cases for the naive reference evaluator, so that the oracle of the differential
 * test is not trusted blindly. Each case names the semantics.md decision it pins.
 */
import { describe, expect, it } from 'vitest';
import type { AuthorizationRequest } from '../../src/request/types.js';
import { naiveEvaluate, type RawPolicies } from './naive-evaluator.js';
import { naiveClause, naivePrincipalMatch, naiveWildcard } from './naive-match.js';

const user = { type: 'RamUser', arn: 'acs:ram::111:user/alice' } as const;
const instance = 'acs:cams:ap-southeast-1:111:instance/ins-1';
const request = (extra: Partial<AuthorizationRequest> = {}): AuthorizationRequest => ({
  principal: user,
  action: 'cams:UpdateInstance',
  resource: instance,
  ...extra,
});
const doc = (...Statement: object[]) => ({ Version: '1', Statement });
const allowAll = { Effect: 'Allow', Action: '*', Resource: '*' };
const identity = (...statements: object[]): RawPolicies => ({ identity: [{ name: 'p', document: doc(...statements) }] });

describe('naive matchers', () => {
  it('M1: * crosses : and /, ? is one character, regex characters are literal', () => {
    expect(naiveWildcard('acs:cams:*', instance)).toBe(true);
    expect(naiveWildcard('acs:cams:*:111:instance/ins-?', instance)).toBe(true);
    expect(naiveWildcard('acs:cams:*:111:instance/ins-?', 'acs:cams:r:111:instance/ins-10')).toBe(false);
    expect(naiveWildcard('a.c', 'abc')).toBe(false);
    expect(naiveWildcard('[a]*', '[a]\nb')).toBe(true);
  });

  it('C2, C3, C5: negated operators negate their positive twin; absent keys', () => {
    expect(naiveClause('IpAddress', ['10.0.0.0/8'], ['10.1.2.3'])).toBe(true);
    expect(naiveClause('NotIpAddress', ['10.0.0.0/8'], ['10.1.2.3', '8.8.8.8'])).toBe(false);
    expect(naiveClause('IpAddress', ['0.0.0.0/0'], ['8.8.8.8'])).toBe(true);
    expect(naiveClause('StringNotLike', ['vpc-*'], 'absent')).toBe(true);
    expect(naiveClause('StringLike', ['vpc-*'], 'absent')).toBe(false);
    expect(naiveClause('DateEquals', ['2026-06-01T08:00:00+08:00'], ['2026-06-01T00:00:00Z'])).toBe(true);
    expect(naiveClause('NumericLessThan', ['10'], ['9.5'])).toBe(true);
    expect(naiveClause('Bool', ['true'], ['True'])).toBe(true);
    expect(naiveClause('StringEqualsIgnoreCase', ['Curl'], ['cURL'])).toBe(true);
  });

  it('M7: root covers the account, a role entry covers its sessions', () => {
    expect(naivePrincipalMatch({ RAM: 'acs:ram::111:root' }, 'acs:sts::111:assumed-role/deployer/s')).toBe(true);
    expect(naivePrincipalMatch({ RAM: ['acs:ram::111:root'] }, 'acs:ram::222:user/bob')).toBe(false);
    expect(naivePrincipalMatch({ RAM: 'acs:ram::111:role/deployer' }, 'acs:sts::111:assumed-role/deployer/s')).toBe(true);
    expect(naivePrincipalMatch({ Service: 'ecs.aliyuncs.com' }, 'acs:ram::111:root')).toBe(false);
  });
});

describe('naiveEvaluate', () => {
  it('E1: allow, and a Deny beats it; deciding statements are policy#index', () => {
    expect(naiveEvaluate(identity(allowAll), request())).toEqual({ decision: 'Allow', deciding: ['p#0'] });
    const denied = naiveEvaluate(identity(allowAll, { Effect: 'Deny', Action: 'cams:update*', Resource: '*' }), request());
    expect(denied).toEqual({ decision: 'ExplicitDeny', deciding: ['p#1'] });
    expect(naiveEvaluate(identity({ Effect: 'Allow', NotAction: 'cams:*', Resource: '*' }), request())).toEqual({ decision: 'ImplicitDeny', deciding: [] });
  });

  it('C4, E9: an unknown key makes an Allow Conditional, and a possible Deny is not an ExplicitDeny', () => {
    const onlyFromVpn = { Effect: 'Allow', Action: '*', Resource: '*', Condition: { IpAddress: { 'acs:SourceIp': '10.0.0.0/8' } } };
    expect(naiveEvaluate(identity(onlyFromVpn), request()).decision).toBe('Conditional');
    expect(naiveEvaluate(identity(onlyFromVpn), request({ context: { 'ACS:SOURCEIP': '10.9.9.9' } })).decision).toBe('Allow');
    const maybeDeny = { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'acs:SecureTransport': 'false' } } };
    expect(naiveEvaluate(identity(maybeDeny), request()).decision).toBe('ImplicitDeny');
    expect(naiveEvaluate(identity(maybeDeny), request({ absent: ['acs:SecureTransport'] })).decision).toBe('ImplicitDeny');
    expect(naiveEvaluate(identity(allowAll, maybeDeny), request({ context: { 'acs:SecureTransport': 'FALSE' } }))).toEqual({ decision: 'ExplicitDeny', deciding: ['p#1'] });
  });

  it('E10: clauses are independent, so "in X" or "not in X" is still Conditional', () => {
    const inX = { Effect: 'Allow', Action: '*', Resource: '*', Condition: { IpAddress: { 'acs:SourceIp': '10.0.0.0/8' } } };
    const notInX = { ...inX, Condition: { NotIpAddress: { 'acs:SourceIp': '10.0.0.0/8' } } };
    expect(naiveEvaluate(identity(inX, notInX), request()).decision).toBe('Conditional');
  });

  it('E2, E8: every control level needs an Allow, but Root skips control policies', () => {
    const policies: RawPolicies = {
      control: [[{ name: 'full', document: doc(allowAll) }], [{ name: 'ram-only', document: doc({ Effect: 'Allow', Action: 'ram:*', Resource: '*' }) }]],
      identity: [{ name: 'p', document: doc(allowAll) }],
    };
    expect(naiveEvaluate(policies, request()).decision).toBe('ImplicitDeny');
    expect(naiveEvaluate(policies, request({ principal: { type: 'Root', arn: 'acs:ram::111:root' } }))).toEqual({ decision: 'Allow', deciding: [] });
    expect(naiveEvaluate(policies, request({ action: 'ram:ListUsers' }))).toEqual({ decision: 'Allow', deciding: ['full#0', 'p#0', 'ram-only#0'] });
  });

  it('E6, E8: sts:AssumeRole needs the trust policy, even for Root', () => {
    const trust = { name: 't', document: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: 'acs:ram::111:root' } }) };
    const assume = { action: 'sts:AssumeRole', resource: 'acs:ram::111:role/deployer' };
    expect(naiveEvaluate({ ...identity(allowAll), resource: [trust] }, request(assume))).toEqual({ decision: 'Allow', deciding: ['p#0', 't#0'] });
    expect(naiveEvaluate(identity(allowAll), request(assume)).decision).toBe('ImplicitDeny');
    expect(naiveEvaluate({ resource: [trust] }, request({ ...assume, principal: { type: 'Root', arn: 'acs:ram::111:root' } })).deciding).toEqual(['t#0']);
  });

  it('E4, E5: resource-group attachments count only when the account level is silent', () => {
    const rgDeny = { name: 'rg', resourceGroup: 'rg-a', document: doc({ Effect: 'Deny', Action: '*', Resource: '*' }) };
    const rgAllow = { name: 'rg2', resourceGroup: 'rg-a', document: doc(allowAll) };
    expect(naiveEvaluate({ identity: [{ name: 'p', document: doc(allowAll) }, rgDeny] }, request({ resourceGroup: 'rg-a' })).decision).toBe('Allow');
    expect(naiveEvaluate({ identity: [rgAllow] }, request({ resourceGroup: 'rg-a' })).decision).toBe('Allow');
    expect(naiveEvaluate({ identity: [rgAllow] }, request({ resourceGroup: 'rg-b' })).decision).toBe('ImplicitDeny');
    expect(naiveEvaluate({ identity: [rgAllow] }, request()).decision).toBe('Conditional');
    // The group is one unknown fact: "allowed in rg-a" and "denied in rg-a" never both hold.
    expect(naiveEvaluate({ identity: [rgAllow, rgDeny] }, request()).decision).toBe('ImplicitDeny');
  });

  it('E9, E12: denied explicitly in every world is an ExplicitDeny, decided by the certain Deny', () => {
    // If the IP is in 10/8 the account-level Deny decides; if not, the account level is silent and
    // the resource-group Deny (consulted only then, E5) decides.
    const maybe = { name: 'p', document: doc({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { IpAddress: { 'acs:SourceIp': '10.0.0.0/8' } } }) };
    const rgDeny = { name: 'rg', resourceGroup: 'rg-a', document: doc({ Effect: 'Deny', Action: '*', Resource: '*' }) };
    expect(naiveEvaluate({ identity: [maybe, rgDeny] }, request({ resourceGroup: 'rg-a' }))).toEqual({ decision: 'ExplicitDeny', deciding: ['rg#0'] });
  });

  it('E3: a session policy narrows an assumed role', () => {
    const role = { type: 'AssumedRole', arn: 'acs:sts::111:assumed-role/deployer/s' } as const;
    const session = { name: 's', document: doc({ Effect: 'Allow', Action: 'cams:Query*', Resource: '*' }) };
    expect(naiveEvaluate({ ...identity(allowAll), session }, request({ principal: role })).decision).toBe('ImplicitDeny');
    expect(naiveEvaluate({ ...identity(allowAll), session }, request({ principal: role, action: 'cams:QueryInstance' })).deciding).toEqual(['p#0', 's#0']);
  });
});
