/**
 * The pure request handler and its RAM stand-in, without a server: the context a call carries,
 * keys the policies name that a call does not carry, the peer's IP, GET and query parameters,
 * bodies that are not forms, methods.
 */
import { describe, expect, it } from 'vitest';
import { createEmulatorState, handleRequest, parseEmulatorConfig, type HttpRequest } from '../../src/emulator/index.js';
import { authorityOf, authorizationRequest } from '../../src/emulator/ram.js';
import { canonicalRequest, sha256Hex, signatureOf, stringToSign } from '../../src/emulator/signature.js';
import { ACCOUNT, KEYS, testConfig } from './fixture.js';

const NOW = '2026-11-28T10:00:00.000Z';
let nonce = 0;

/** A request signed with the emulator's own signer (these tests are about the service, not the signature). */
function signedRequest(options: { action: string; params?: Record<string, string>; method?: string; query?: string; body?: string; contentType?: string; key?: { accessKeyId: string; accessKeySecret: string } }): HttpRequest {
  const key = options.key ?? KEYS.alice;
  const body = options.body ?? new URLSearchParams(options.params ?? {}).toString();
  const headers: Record<string, string> = {
    host: '127.0.0.1:1',
    'x-acs-action': options.action,
    'x-acs-version': '2020-06-06',
    'x-acs-date': NOW.replace('.000', ''),
    'x-acs-signature-nonce': `nonce-${++nonce}`,
    'x-acs-content-sha256': sha256Hex(body),
    ...(body !== '' ? { 'content-type': options.contentType ?? 'application/x-www-form-urlencoded' } : {}),
  };
  const method = options.method ?? 'POST';
  const query = options.query ? [...new URLSearchParams(options.query)] : [];
  const signed = Object.keys(headers).sort();
  const signature = signatureOf(key.accessKeySecret, stringToSign(canonicalRequest({ method, path: '/', query, headers, body: Buffer.from(body) }, signed)));
  headers['authorization'] = `ACS3-HMAC-SHA256 Credential=${key.accessKeyId},SignedHeaders=${signed.join(';')},Signature=${signature}`;
  return { method, url: options.query ? `/?${options.query}` : '/', headers, body: Buffer.from(body) };
}

const facts = (peerIp = '127.0.0.1') => ({ now: NOW, requestId: 'REQ-1', peerIp });

describe('the context of a call', () => {
  it('is what a plain-HTTP AccessKey call from the peer carries, with the instance’s tags and group', () => {
    const state = createEmulatorState(testConfig());
    const authority = state.authorities.get(KEYS.alice.accessKeyId)!;
    const request = authorizationRequest(authority, { action: 'UpdateInstance', region: 'ap-southeast-1', accountId: ACCOUNT, instanceId: 'ins-1', resourceGroup: 'rg-prod', tags: { env: 'prod' }, now: NOW, peerIp: '127.0.0.1' });
    expect(request).toMatchObject({
      principal: { type: 'RamUser', arn: `acs:ram::${ACCOUNT}:user/alice` },
      action: 'cams:UpdateInstance',
      resource: `acs:cams:ap-southeast-1:${ACCOUNT}:instance/ins-1`,
      resourceGroup: 'rg-prod',
      context: { 'acs:CurrentTime': NOW, 'acs:SecureTransport': 'false', 'acs:SourceIp': '127.0.0.1', 'acs:AccessId': KEYS.alice.accessKeyId, 'acs:ResourceTag/env': 'prod' },
    });
    expect(request.absent).toEqual(['acs:MFAPresent']);
  });

  it('the caller’s IP decides an IpAddress condition', () => {
    const state = createEmulatorState(testConfig());
    const fromOffice = handleRequest(state, signedRequest({ action: 'QueryInstance', params: { InstanceId: 'ins-1' } }), facts('10.0.0.1'));
    expect([fromOffice.status, fromOffice.log.decision]).toEqual([403, 'ImplicitDeny']);
    expect(handleRequest(state, signedRequest({ action: 'QueryInstance', params: { InstanceId: 'ins-1' } }), facts()).status).toBe(200);
  });
});

describe('keys the policies name that a call does not carry are absent, never unknown', () => {
  const policies = (statements: string) => `accountId: "${ACCOUNT}"
region: ap-southeast-1
accessKeys:
  - id: ${KEYS.alice.accessKeyId}
    secret: ${KEYS.alice.accessKeySecret}
    principal: { type: RamUser, arn: "acs:ram::${ACCOUNT}:user/alice" }
    policies:
      identity:
        - { name: p, document: { Version: "1", Statement: [${statements}] } }
instances: [{ id: ins-1, name: n }]
`;
  const decide = (statements: string) => {
    const { config, diagnostics } = parseEmulatorConfig(policies(statements));
    expect(diagnostics).toEqual([]);
    const answer = handleRequest(createEmulatorState(config!), signedRequest({ action: 'UpdateInstance', params: { InstanceId: 'ins-1', InstanceName: 'x' } }), facts());
    return [answer.status, answer.log.decision];
  };
  const ALLOW = '{ Effect: Allow, Action: "cams:*", Resource: "*" }';

  it('an Allow that needs acs:SourceVpc does not apply: ImplicitDeny, not Conditional', () => {
    expect(decide('{ Effect: Allow, Action: "cams:*", Resource: "*", Condition: { StringEquals: { acs:SourceVpc: vpc-1 } } }')).toEqual([403, 'ImplicitDeny']);
  });
  it('a Deny on "not from a VPC" applies (negated operator, absent key)', () => {
    expect(decide(`${ALLOW}, { Effect: Deny, Action: "cams:*", Resource: "*", Condition: { StringNotLike: { acs:SourceVpc: "vpc-*" } } }`)).toEqual([403, 'ExplicitDeny']);
  });
  it('a Deny without MFA applies to AccessKey calls', () => {
    expect(decide(`${ALLOW}, { Effect: Deny, Action: "cams:UpdateInstance", Resource: "*", Condition: { StringNotEquals: { acs:MFAPresent: "true" } } }`)).toEqual([403, 'ExplicitDeny']);
  });
  it('a Deny on a tag the instance does not have does not apply', () => {
    expect(decide(`${ALLOW}, { Effect: Deny, Action: "cams:*", Resource: "*", Condition: { StringEquals: { "acs:ResourceTag/env": prod } } }`)).toEqual([200, 'Allow']);
  });
  it('an Allow over HTTPS only does not apply on the emulator’s plain HTTP', () => {
    const authority = authorityOf(testConfig().accessKeys[0]!);
    expect(authority.policyKeys.has('acs:sourceip')).toBe(true);
    expect(decide('{ Effect: Allow, Action: "cams:*", Resource: "*", Condition: { Bool: { acs:SecureTransport: "true" } } }')).toEqual([403, 'ImplicitDeny']);
  });
});

describe('requests in other shapes', () => {
  it('GET with the parameters in the query', () => {
    const answer = handleRequest(createEmulatorState(testConfig()), signedRequest({ action: 'QueryInstance', method: 'GET', query: 'InstanceId=ins-1' }), facts());
    expect([answer.status, answer.body['Code'], answer.log.parameters]).toEqual([200, 'OK', { InstanceId: 'ins-1' }]);
  });
  it('a body that is not a form is InvalidParameter', () => {
    const answer = handleRequest(createEmulatorState(testConfig()), signedRequest({ action: 'QueryInstance', body: '{"InstanceId":"ins-1"}', contentType: 'application/json' }), facts());
    expect([answer.status, answer.body['Code']]).toEqual([400, 'InvalidParameter']);
  });
  it('a method other than POST and GET is UnsupportedHTTPMethod', () => {
    const answer = handleRequest(createEmulatorState(testConfig()), signedRequest({ action: 'QueryInstance', method: 'PUT', params: { InstanceId: 'ins-1' } }), facts());
    expect([answer.status, answer.body['Code']]).toEqual([400, 'UnsupportedHTTPMethod']);
  });
  it('a malformed query is InvalidParameter', () => {
    const answer = handleRequest(createEmulatorState(testConfig()), { ...signedRequest({ action: 'QueryInstance', params: { InstanceId: 'ins-1' } }), url: '/?InstanceId=%E0%A4%A' }, facts());
    expect([answer.status, answer.body['Code']]).toEqual([400, 'InvalidParameter']);
  });
  it('every error body names the request, the host and a troubleshooting link', () => {
    const answer = handleRequest(createEmulatorState(testConfig()), signedRequest({ action: 'ListInstance' }), facts());
    expect(answer.body).toEqual({ RequestId: 'REQ-1', HostId: 'cams.ap-southeast-1.aliyuncs.com', Code: 'InvalidAction.NotFound', Message: expect.stringContaining('ListInstance'), Recommend: 'https://api.aliyun.com/troubleshoot?q=InvalidAction.NotFound&product=cams&requestId=REQ-1' });
  });
});

describe('state', () => {
  it('updates change the state’s copy of an instance, never the configuration', () => {
    const config = testConfig();
    const state = createEmulatorState(config);
    handleRequest(state, signedRequest({ action: 'UpdateInstance', params: { InstanceId: 'ins-1', InstanceName: 'new', InstanceDescription: 'd' } }), facts());
    expect(state.instances.get('ins-1')).toMatchObject({ name: 'new', description: 'd', submitTime: '2026-11-28 10:00:00' });
    expect(config.instances[0]).toMatchObject({ name: 'viber_ins', description: 'first' });
  });
});
