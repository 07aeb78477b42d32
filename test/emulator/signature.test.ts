/**
 * ACS3-HMAC-SHA256 verification: Alibaba's published test vector, requests signed by the real SDK
 * (accepted), and each way of tampering with one (rejected with Alibaba's code).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalRequest, parseQuery, percentEncode, sha256Hex, signatureOf, stringToSign, verifySignature, rememberNonce, type KeySecret, type SignedRequest } from '../../src/emulator/signature.js';
import { KEYS } from './fixture.js';
import { captureSdkRequest, tamper, type CapturedRequest } from './sdk.js';

/** The request of Alibaba's V3 signature documentation, with its published intermediate values. */
const OFFICIAL: SignedRequest = {
  method: 'POST',
  path: '/',
  query: [['ImageId', 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd'], ['RegionId', 'cn-shanghai']],
  headers: {
    host: 'ecs.cn-shanghai.aliyuncs.com',
    'x-acs-action': 'RunInstances',
    'x-acs-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    'x-acs-date': '2023-10-26T10:22:32Z',
    'x-acs-signature-nonce': '3156853299f313e23d1673dc12e1703d',
    'x-acs-version': '2014-05-26',
    authorization: 'ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
  },
  body: new Uint8Array(),
};
const OFFICIAL_SIGNED = ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version'];

const keys: Record<string, KeySecret> = {
  YourAccessKeyId: { secret: 'YourAccessKeySecret' },
  [KEYS.alice.accessKeyId]: { secret: KEYS.alice.accessKeySecret },
  [KEYS.sts.accessKeyId]: { secret: KEYS.sts.accessKeySecret, securityToken: KEYS.sts.securityToken },
};
const keyOf = (id: string) => keys[id];

/** Verifies with a fresh nonce memory, `seconds` after the request's own x-acs-date. */
function verify(request: SignedRequest, seconds = 5, maxSkewSeconds = 900) {
  const now = new Date(Date.parse(request.headers['x-acs-date'] ?? '2026-01-01T00:00:00Z') + seconds * 1000).toISOString();
  return verifySignature(request, keyOf, { now, maxSkewSeconds, nonces: { seen: new Map() } });
}
const codeOf = (result: ReturnType<typeof verify>) => ('error' in result ? [result.error.status, result.error.code] : 'ok');

/** A captured SDK request as the verifier sees it. */
function signed(captured: CapturedRequest): SignedRequest {
  const q = captured.url.indexOf('?');
  return { method: captured.method, path: q < 0 ? captured.url : captured.url.slice(0, q), query: parseQuery(q < 0 ? '' : captured.url.slice(q + 1))!, headers: captured.headers, body: captured.body };
}

describe('the published test vector of Alibaba’s V3 signature documentation', () => {
  it('gives the documented hashed canonical request and signature', () => {
    const canonical = canonicalRequest(OFFICIAL, OFFICIAL_SIGNED);
    expect(canonical.split('\n').slice(0, 3)).toEqual(['POST', '/', 'ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai']);
    expect(stringToSign(canonical)).toBe('ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259');
    expect(signatureOf('YourAccessKeySecret', stringToSign(canonical))).toBe('06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0');
  });
  it('is accepted by the verifier, and refused with another secret', () => {
    expect(verify(OFFICIAL)).toEqual({ accessKeyId: 'YourAccessKeyId' });
    keys['YourAccessKeyId'] = { secret: 'not-the-secret' };
    try {
      const result = verify(OFFICIAL);
      expect(codeOf(result)).toEqual([400, 'SignatureDoesNotMatch']);
      // Like Alibaba, it shows the server's string to sign (a hash) — never the secret.
      expect('error' in result && result.error.message).toContain('server string to sign is:ACS3-HMAC-SHA256\n7ea06492');
      expect(JSON.stringify(result)).not.toContain('not-the-secret');
    } finally {
      keys['YourAccessKeyId'] = { secret: 'YourAccessKeySecret' };
    }
  });
});

describe('RFC 3986 encoding of the canonical query', () => {
  it('leaves only A-Za-z0-9-_.~ as they are', () => {
    expect(percentEncode("AZaz09-_.~ a*b+c/d=e&f!'()é")).toBe('AZaz09-_.~%20a%2Ab%2Bc%2Fd%3De%26f%21%27%28%29%C3%A9');
  });
  it('sorts by name, and writes an empty value as `name=`', () => {
    const request = { ...OFFICIAL, query: [['b', 'x y'], ['a', ''], ['B', '*']] as [string, string][] };
    expect(canonicalRequest(request, OFFICIAL_SIGNED).split('\n')[2]).toBe('B=%2A&a=&b=x%20y');
  });
  it('reads `+` in a query as a plus, and refuses malformed escapes', () => {
    expect(parseQuery('a=1+2&b=%20&c')).toEqual([['a', '1+2'], ['b', ' '], ['c', '']]);
    expect(parseQuery('a=%E0%A4%A')).toBeUndefined();
  });
  it('trims header values and hashes the body', () => {
    const request = { ...OFFICIAL, headers: { ...OFFICIAL.headers, host: '  ecs.cn-shanghai.aliyuncs.com ' }, body: Buffer.from('a=1') };
    const lines = canonicalRequest(request, OFFICIAL_SIGNED).split('\n');
    expect(lines[3]).toBe('host:ecs.cn-shanghai.aliyuncs.com');
    expect(lines.at(-1)).toBe(sha256Hex('a=1'));
  });
});

describe('requests signed by @alicloud/openapi-client', () => {
  let alice: SignedRequest;
  let sts: SignedRequest;
  let aliceWithToken: SignedRequest;
  beforeAll(async () => {
    aliceWithToken = signed(await captureSdkRequest('QueryInstance', { InstanceId: 'ins-1' }, { ...KEYS.alice, securityToken: 'CAIS-not-hers' }));
    alice = signed(await captureSdkRequest('UpdateInstance', { InstanceId: 'ins-1', InstanceName: "a b*c~d!'()+é" }, KEYS.alice));
    sts = signed(await captureSdkRequest('QueryInstance', { InstanceId: 'ins-1' }, KEYS.sts));
  });

  it('are accepted, with awkward characters in the body', () => {
    expect(alice.headers['authorization']).toMatch(/^ACS3-HMAC-SHA256 Credential=LTAI5tAliceTest,SignedHeaders=\S*content-type;host;\S*x-acs-version,Signature=[0-9a-f]{64}$/);
    expect(verify(alice)).toEqual({ accessKeyId: KEYS.alice.accessKeyId });
    expect(verify(sts)).toEqual({ accessKeyId: KEYS.sts.accessKeyId });
  });

  it('a changed body is refused, whether or not x-acs-content-sha256 follows it', () => {
    const body = 'InstanceId=ins-1&InstanceName=evil';
    expect(codeOf(verify({ ...alice, body: Buffer.from(body) }))).toEqual([400, 'SignatureDoesNotMatch']);
    expect(codeOf(verify({ ...alice, body: Buffer.from(body), headers: { ...alice.headers, 'x-acs-content-sha256': sha256Hex(body) } }))).toEqual([400, 'SignatureDoesNotMatch']);
  });

  it('a changed signed header is refused; an unsigned one (user-agent) does not matter', () => {
    expect(codeOf(verify({ ...alice, headers: { ...alice.headers, 'x-acs-action': 'DeleteInstance' } }))).toEqual([400, 'SignatureDoesNotMatch']);
    expect(codeOf(verify({ ...alice, headers: { ...alice.headers, 'user-agent': 'curl/8' } }))).toBe('ok');
  });

  it('a changed query is refused', () => {
    expect(codeOf(verify({ ...alice, query: [['InstanceId', 'other']] }))).toEqual([400, 'SignatureDoesNotMatch']);
  });

  it('an unknown AccessKey is InvalidAccessKeyId.NotFound (404)', () => {
    const auth = alice.headers['authorization']!.replace('LTAI5tAliceTest', 'LTAI5tNobody');
    expect(codeOf(verify({ ...alice, headers: { ...alice.headers, authorization: auth } }))).toEqual([404, 'InvalidAccessKeyId.NotFound']);
  });

  it('a required header left out of SignedHeaders is IncompleteSignature', () => {
    for (const name of ['x-acs-date', 'content-type', 'host']) {
      const auth = alice.headers['authorization']!.replace(new RegExp(`${name};|;${name}(?=,)`), '');
      expect(auth).not.toContain(`${name};`);
      const result = verify({ ...alice, headers: { ...alice.headers, authorization: auth } });
      expect(codeOf(result), name).toEqual([400, 'IncompleteSignature']);
      expect('error' in result && result.error.message).toContain(`\`${name}\` header is not signed`);
    }
  });

  it('a missing required header is IncompleteSignature', () => {
    const { ['x-acs-signature-nonce']: _, ...headers } = alice.headers;
    expect(codeOf(verify({ ...alice, headers }))).toEqual([400, 'IncompleteSignature']);
  });

  it('x-acs-date outside the skew either way is InvalidTimeStamp.Expired; a malformed one InvalidTimeStamp.Format', () => {
    expect(codeOf(verify(alice, 899))).toBe('ok');
    expect(codeOf(verify(alice, 901))).toEqual([400, 'InvalidTimeStamp.Expired']);
    expect(codeOf(verify(alice, -901))).toEqual([400, 'InvalidTimeStamp.Expired']);
    expect(codeOf(verify(alice, 61, 60))).toEqual([400, 'InvalidTimeStamp.Expired']);
    const headers = { ...alice.headers, 'x-acs-date': 'Tue, 20 Dec 2022 08:48:18 GMT' };
    expect(codeOf(verifySignature({ ...alice, headers }, keyOf, { now: new Date().toISOString(), maxSkewSeconds: 900, nonces: { seen: new Map() } }))).toEqual([400, 'InvalidTimeStamp.Format']);
  });

  it('a nonce used twice is SignatureNonceUsed', () => {
    const nonces = { seen: new Map<string, number>() };
    const now = new Date(Date.parse(alice.headers['x-acs-date']!) + 1000).toISOString();
    expect(verifySignature(alice, keyOf, { now, maxSkewSeconds: 900, nonces })).toEqual({ accessKeyId: KEYS.alice.accessKeyId });
    expect(codeOf(verifySignature(alice, keyOf, { now, maxSkewSeconds: 900, nonces }))).toEqual([400, 'SignatureNonceUsed']);
  });

  it('a refused request does not use up its nonce', () => {
    const nonces = { seen: new Map<string, number>() };
    const now = new Date(Date.parse(alice.headers['x-acs-date']!) + 1000).toISOString();
    verifySignature({ ...alice, body: Buffer.from('x=1') }, keyOf, { now, maxSkewSeconds: 900, nonces });
    expect(nonces.seen.size).toBe(0);
  });

  it('STS keys need their own security token', () => {
    const { ['x-acs-security-token']: token, ...without } = sts.headers;
    expect(token).toBe(KEYS.sts.securityToken);
    // As a client that knows no token would sign it: without the header in SignedHeaders either.
    without['authorization'] = without['authorization']!.replace(';x-acs-security-token', '');
    expect(codeOf(verify({ ...sts, headers: without }))).toEqual([400, 'MissingSecurityToken']);
    const wrong = verify({ ...sts, headers: { ...sts.headers, 'x-acs-security-token': 'CAIS-other-token' } });
    expect(codeOf(wrong)).toEqual([400, 'InvalidSecurityToken.MismatchWithAccessKey']);
    expect(JSON.stringify(wrong)).not.toContain(KEYS.sts.securityToken);
    expect(codeOf(verify(aliceWithToken))).toEqual([400, 'InvalidSecurityToken.MismatchWithAccessKey']);
  });

  it.each([
    ['no Authorization', 'IncompleteSignature', undefined],
    ['another scheme', 'IncompleteSignature', 'Bearer abc'],
    ['another algorithm', 'InvalidSignatureMethod', 'ACS3-HMAC-SM3 Credential=LTAI5tAliceTest,SignedHeaders=host,Signature=' + 'a'.repeat(64)],
    ['a signature that is not hex', 'IncompleteSignature', 'ACS3-HMAC-SHA256 Credential=LTAI5tAliceTest,SignedHeaders=host,Signature=xyz'],
    ['unsorted SignedHeaders', 'IncompleteSignature', 'ACS3-HMAC-SHA256 Credential=LTAI5tAliceTest,SignedHeaders=x-acs-date;host,Signature=' + 'a'.repeat(64)],
    ['upper-case SignedHeaders', 'IncompleteSignature', 'ACS3-HMAC-SHA256 Credential=LTAI5tAliceTest,SignedHeaders=Host,Signature=' + 'a'.repeat(64)],
    ['no SignedHeaders', 'IncompleteSignature', 'ACS3-HMAC-SHA256 Credential=LTAI5tAliceTest,Signature=' + 'a'.repeat(64)],
  ])('a malformed Authorization (%s) is %s', (_, code, authorization) => {
    const headers = tamper({ method: 'POST', url: '/', headers: alice.headers, body: Buffer.from('') }, { headers: { authorization } }).headers;
    expect(codeOf(verify({ ...alice, headers }))).toEqual([400, code]);
  });
});

describe('the nonce memory', () => {
  it('forgets a nonce once no request inside the skew window could repeat it', () => {
    const memory = { seen: new Map<string, number>() };
    expect(rememberNonce(memory, 'n1', 0, 1000)).toBe(true);
    expect(rememberNonce(memory, 'n1', 999, 1000)).toBe(false);
    expect(rememberNonce(memory, 'n2', 1001, 1000)).toBe(true);
    expect([...memory.seen.keys()]).toEqual(['n2']);
  });
});
