/** Library preflight of CAMS UpdateInstance: parameters by the API reference, context, decisions. */
import { describe, expect, it } from 'vitest';
import { compilePolicySet, emptyPolicySet, parsePolicy, preflightUpdateInstance, validateUpdateInstanceParameters, type PolicySet } from '../../src/index.js';

const OPTIONS = { region: 'ap-southeast-1', accountId: '1234567890123456', principal: { type: 'RamUser' as const, arn: 'acs:ram::1234567890123456:user/alice' }, currentTime: '2026-11-28T10:00:00Z' };
const GOOD = { InstanceId: 'ins-1', InstanceName: 'viber_ins' };

function policies(statements: object[]): PolicySet {
  const set = emptyPolicySet();
  set.identity.push({ name: 'p', document: parsePolicy(JSON.stringify({ Version: '1', Statement: statements }), { kind: 'identity' }).policy! });
  return set;
}

describe('UpdateInstance parameters', () => {
  it.each([
    [{ ...GOOD }],
    [{ ...GOOD, InstanceDescription: 'ins', OfficeAddress: 'example', ContactMail: '123@alibaba.com', CountryId: '1', FacebookBmId: '393998****', IsvTerms: 'https://aa.com/a.pdf', IsConfirmAudit: 'Y' }],
    [{ ...GOOD, IsConfirmAudit: 'N', IsvTerms: 'http://example.com/terms' }],
  ])('accepts the documented examples %#', (params) => {
    expect(validateUpdateInstanceParameters(params).diagnostics).toEqual([]);
  });

  it.each([
    [{ InstanceName: 'x' }, 'missing-parameter', '/request/InstanceId'],
    [{ InstanceId: 'i' }, 'missing-parameter', '/request/InstanceName'],
    [{ ...GOOD, InstanceName: '' }, 'missing-parameter', '/request/InstanceName'],
    [{ ...GOOD, ContactMail: 'not-an-address' }, 'invalid-parameter', '/request/ContactMail'],
    [{ ...GOOD, IsvTerms: 'a.pdf' }, 'invalid-parameter', '/request/IsvTerms'],
    [{ ...GOOD, IsvTerms: 'ftp://a/b.pdf' }, 'invalid-parameter', '/request/IsvTerms'],
    [{ ...GOOD, IsConfirmAudit: 'yes' }, 'invalid-parameter', '/request/IsConfirmAudit'],
    [{ ...GOOD, IsConfirmAudit: 'y' }, 'invalid-parameter', '/request/IsConfirmAudit'],
    [{ ...GOOD, CountryId: 86 }, 'invalid-parameter', '/request/CountryId'],
    [{ ...GOOD, ChannelType: 'whatsapp' }, 'unknown-parameter', '/request/ChannelType'],
    [{ ...GOOD, instanceDescription: 'x' }, 'unknown-parameter', '/request/instanceDescription'],
  ])('refuses %j with %s', (params, code, path) => {
    const { request, diagnostics } = validateUpdateInstanceParameters(params);
    expect(request).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.path])).toEqual([[code, path]]);
  });

  it('suggests the documented spelling of a parameter', () => {
    expect(validateUpdateInstanceParameters({ ...GOOD, instanceDescription: 'x' }).diagnostics[0]!.help).toBe('did you mean `InstanceDescription`?');
  });
});

describe('preflightUpdateInstance', () => {
  const officeOnly = policies([{ Effect: 'Allow', Action: 'cams:UpdateInstance', Resource: 'acs:cams:*:1234567890123456:instance/*', Condition: { IpAddress: { 'acs:SourceIp': '203.0.113.0/24' } } }]);

  it('builds the instance ARN and fills the context a real call carries', () => {
    const { result } = preflightUpdateInstance(GOOD, officeOnly, { ...OPTIONS, sourceIp: '203.0.113.9', accessKeyId: 'LTAI5tExample' });
    expect(result!.arn).toBe('acs:cams:ap-southeast-1:1234567890123456:instance/ins-1');
    expect(result!.authorization.context).toEqual({ 'acs:CurrentTime': '2026-11-28T10:00:00Z', 'acs:SecureTransport': 'true', 'acs:SourceIp': '203.0.113.9', 'acs:AccessId': 'LTAI5tExample' });
    expect(result!.authorization.absent).toEqual(['acs:MFAPresent']);
    expect(result!.decision).toBe('Allow');
    expect(result!.request).toEqual(GOOD);
  });

  it('is Conditional on acs:SourceIp when the IP is not given', () => {
    const { result } = preflightUpdateInstance(GOOD, officeOnly, OPTIONS);
    expect([result!.decision, result!.unknownKeys]).toEqual(['Conditional', ['acs:SourceIp']]);
  });

  it('denies explicitly, and implicitly, as eval does', () => {
    const deny = policies([{ Effect: 'Allow', Action: 'cams:*', Resource: '*' }, { Effect: 'Deny', Action: 'cams:UpdateInstance', Resource: 'acs:cams:*:*:instance/ins-*' }]);
    expect(preflightUpdateInstance(GOOD, deny, OPTIONS).result!.decision).toBe('ExplicitDeny');
    const readOnly = policies([{ Effect: 'Allow', Action: ['cams:Get*', 'cams:List*'], Resource: '*' }]);
    const { result } = preflightUpdateInstance(GOOD, readOnly, OPTIONS);
    expect([result!.decision, result!.deniedBy]).toEqual(['ImplicitDeny', 'AccountLevelIdentityBasedPolicy']);
  });

  it('lets given context win over the filled values, and an MFA key replace the absent one', () => {
    const mfa = policies([{ Effect: 'Allow', Action: 'cams:UpdateInstance', Resource: '*', Condition: { Bool: { 'acs:MFAPresent': 'true', 'acs:SecureTransport': 'false' } } }]);
    const { result } = preflightUpdateInstance(GOOD, mfa, { ...OPTIONS, context: { 'acs:MFAPresent': 'true', 'acs:securetransport': 'false' } });
    expect(result!.decision).toBe('Allow');
    expect(result!.authorization.absent).toEqual([]);
  });

  it('takes a compiled policy set too, with the same answer', () => {
    const compiled = compilePolicySet(officeOnly);
    for (const sourceIp of ['203.0.113.9', '198.51.100.1']) {
      expect(preflightUpdateInstance(GOOD, compiled, { ...OPTIONS, sourceIp }).result!.decision).toBe(preflightUpdateInstance(GOOD, officeOnly, { ...OPTIONS, sourceIp }).result!.decision);
    }
    expect(preflightUpdateInstance(GOOD, compiled, { ...OPTIONS, sourceIp: '203.0.113.9' }).result!.decision).toBe('Allow');
  });

  it('returns diagnostics and no result for bad parameters', () => {
    const { result, diagnostics } = preflightUpdateInstance({ InstanceId: 'ins-1' }, officeOnly, OPTIONS);
    expect(result).toBeUndefined();
    expect(diagnostics.map((d) => d.code)).toEqual(['missing-parameter']);
  });
});
