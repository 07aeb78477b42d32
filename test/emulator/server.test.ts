/**
 * The emulator over HTTP, called through the real SDK: updates land, RAM denials carry
 * AccessDeniedDetail, parameter and action errors, signature errors, the log — and no secret or
 * token in any answer or log line.
 */
import { request as httpRequest } from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { startCamsEmulator, MAX_BODY_BYTES, type RunningEmulator } from '../../src/emulator/index.js';
import { KEYS, SECRETS, testConfig } from './fixture.js';
import { captureSdkRequest, replay, sdkCall, tamper, type SdkAnswer } from './sdk.js';

let emulator: RunningEmulator;
/** Every answer and log of every test, searched for secrets at the end. */
const outputs: string[] = [];

beforeEach(async () => {
  emulator = await startCamsEmulator(testConfig());
});
afterEach(async () => {
  outputs.push(JSON.stringify(emulator.requests()));
  await emulator.close();
});
afterAll(() => {
  expect(outputs.length).toBeGreaterThan(10);
  for (const secret of SECRETS) for (const output of outputs) expect(output).not.toContain(secret);
});

async function call(action: string, params: Record<string, string>, key: keyof typeof KEYS = 'alice'): Promise<SdkAnswer> {
  const answer = await sdkCall(emulator.url, action, params, KEYS[key]);
  outputs.push(JSON.stringify(answer));
  return answer;
}
const instance = (id: string) => emulator.instances().find((i) => i.id === id)!;

describe('allowed calls', () => {
  it('an UpdateInstance lands, and QueryInstance shows it', async () => {
    const update = await call('UpdateInstance', { InstanceId: 'ins-1', InstanceName: 'renamed', ContactMail: 'ops@example.com', IsConfirmAudit: 'Y' });
    expect(update.status).toBe(200);
    expect(update.body).toMatchObject({ Code: 'OK', Success: true, AccessDeniedDetail: '', Data: { InstanceId: 'ins-1', InstanceName: 'renamed', InstanceDescription: 'first', ResourceRegionId: 'ap-southeast-1', ChannelType: 'VIBER' } });
    expect(update.body['Data'].SubmitTime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const query = await call('QueryInstance', { InstanceId: 'ins-1' });
    expect(query.body).toMatchObject({ Code: 'OK', Data: { InstanceName: 'renamed', ContactMail: 'ops@example.com', IsConfirmAudit: 'Y', ResourceGroupId: 'rg-prod' } });
    expect(instance('ins-1').name).toBe('renamed');
  });

  it('answers JSON with x-acs-request-id equal to the body’s RequestId', async () => {
    const captured = await captureSdkRequest('QueryInstance', { InstanceId: 'ins-1' }, KEYS.alice);
    const answer = await replay(emulator.url, captured);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json;charset=utf-8');
    expect(answer.headers['x-acs-request-id']).toBe(answer.body['RequestId']);
  });

  it('a resource-group attachment allows only in its group', async () => {
    expect((await call('UpdateInstance', { InstanceId: 'ins-1', InstanceName: 'x' }, 'dave')).status).toBe(200);
    expect((await call('UpdateInstance', { InstanceId: 'prod-42', InstanceName: 'x' }, 'dave')).status).toBe(403);
  });

  it('STS keys act as the assumed role; instance tags are acs:ResourceTag keys', async () => {
    expect((await call('UpdateInstance', { InstanceId: 'ins-1', InstanceName: 'x' }, 'sts')).status).toBe(200);
    const denied = await call('UpdateInstance', { InstanceId: 'prod-42', InstanceName: 'x' }, 'sts');
    expect(denied.status).toBe(403);
    expect(denied.body['AccessDeniedDetail']).toMatchObject({ AuthPrincipalType: 'AssumedRoleUser', AuthPrincipalDisplayName: 'deployer:ci', NoPermissionType: 'ImplicitDeny' });
  });
});

describe('denied calls', () => {
  it('an implicit deny is 403 Forbidden.RAM with AccessDeniedDetail, and changes nothing', async () => {
    const answer = await call('UpdateInstance', { InstanceId: 'ins-1', InstanceName: 'hijacked' }, 'bob');
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ Code: 'Forbidden.RAM', HostId: 'cams.ap-southeast-1.aliyuncs.com' });
    expect(answer.body['AccessDeniedDetail']).toMatchObject({
      AuthAction: 'cams:UpdateInstance',
      AuthPrincipalType: 'SubUser',
      AuthPrincipalOwnerId: '1234567890123456',
      AuthPrincipalDisplayName: 'bob',
      NoPermissionType: 'ImplicitDeny',
      PolicyType: 'AccountLevelIdentityBasedPolicy',
    });
    const diagnosis = JSON.parse(Buffer.from(answer.body['AccessDeniedDetail'].EncodedDiagnosticMessage, 'base64').toString('utf8'));
    expect(diagnosis).toMatchObject({ decision: 'ImplicitDeny', missingAllow: 'no identity policy allows the action on this resource' });
    expect(instance('ins-1').name).toBe('viber_ins');
  });

  it('an explicit deny names its policy type; a deny from a control policy too', async () => {
    const carol = await call('UpdateInstance', { InstanceId: 'prod-42', InstanceName: 'x' }, 'carol');
    expect(carol.body['AccessDeniedDetail']).toMatchObject({ NoPermissionType: 'ExplicitDeny', PolicyType: 'AccountLevelIdentityBasedPolicy' });
    expect((await call('UpdateInstance', { InstanceId: 'ins-1', InstanceName: 'x' }, 'carol')).status).toBe(200);
    const erin = await call('UpdateInstance', { InstanceId: 'ins-1', InstanceName: 'x' }, 'erin');
    expect(erin.body['AccessDeniedDetail']).toMatchObject({ NoPermissionType: 'ExplicitDeny', PolicyType: 'ControlPolicy' });
    expect(instance('prod-42').name).toBe('whatsapp_ins');
  });

  it('an unknown instance is authorized first, then a 200 body with Code Instance.NotFound', async () => {
    const answer = await call('UpdateInstance', { InstanceId: 'ins-404', InstanceName: 'x' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ Code: 'Instance.NotFound', Success: false });
    expect((await call('QueryInstance', { InstanceId: 'ins-404' }, 'bob')).status).toBe(403);
  });
});

describe('requests the service refuses', () => {
  it.each([
    [{ InstanceId: 'ins-1' }, 'MissingInstanceName'],
    [{ InstanceId: 'ins-1', InstanceName: 'n', ContactMail: 'not-mail' }, 'InvalidContactMail'],
    [{ InstanceId: 'ins-1', InstanceName: 'n', IsConfirmAudit: 'yes' }, 'InvalidIsConfirmAudit'],
    [{ InstanceId: 'ins-1', InstanceName: 'n', Colour: 'red' }, 'InvalidParameter'],
  ])('UpdateInstance %j is HTTP 400 %s', async (params, code) => {
    const answer = await call('UpdateInstance', params);
    expect([answer.status, answer.body['Code']]).toEqual([400, code]);
    expect(instance('ins-1').name).toBe('viber_ins');
  });

  it('QueryInstance without InstanceId is MissingInstanceId', async () => {
    expect((await call('QueryInstance', {})).body['Code']).toBe('MissingInstanceId');
  });

  it('an action the emulator does not answer is 404 InvalidAction.NotFound', async () => {
    const answer = await call('DeleteInstance', { InstanceId: 'ins-1' });
    expect([answer.status, answer.body['Code']]).toEqual([404, 'InvalidAction.NotFound']);
  });

  it('another API version is 400 InvalidVersion', async () => {
    const answer = await sdkCall(emulator.url, 'QueryInstance', { InstanceId: 'ins-1' }, KEYS.alice, '2017-01-01');
    expect([answer.status, answer.body['Code']]).toEqual([400, 'InvalidVersion']);
  });

  it('an unknown AccessKey is 404, a wrong secret 400 SignatureDoesNotMatch, a replayed request SignatureNonceUsed', async () => {
    const unknown = await sdkCall(emulator.url, 'QueryInstance', { InstanceId: 'ins-1' }, { accessKeyId: 'LTAI5tNobody', accessKeySecret: 'x' });
    expect([unknown.status, unknown.body['Code']]).toEqual([404, 'InvalidAccessKeyId.NotFound']);
    const wrong = await sdkCall(emulator.url, 'QueryInstance', { InstanceId: 'ins-1' }, { accessKeyId: KEYS.alice.accessKeyId, accessKeySecret: 'guessed' });
    expect([wrong.status, wrong.body['Code']]).toEqual([400, 'SignatureDoesNotMatch']);
    const captured = await captureSdkRequest('QueryInstance', { InstanceId: 'ins-1' }, KEYS.alice);
    expect((await replay(emulator.url, captured)).status).toBe(200);
    const again = await replay(emulator.url, captured);
    expect([again.status, again.body['Code']]).toEqual([400, 'SignatureNonceUsed']);
    outputs.push(JSON.stringify([unknown, wrong, again]));
  });

  it('hand-built requests without a valid Authorization are IncompleteSignature', async () => {
    const bare = { method: 'POST', url: '/', headers: { host: 'x', 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from('InstanceId=ins-1') };
    expect((await replay(emulator.url, bare)).body['Code']).toBe('IncompleteSignature');
    const garbage = tamper(bare, { headers: { authorization: 'ACS3-HMAC-SHA256 nonsense' } });
    const answer = await replay(emulator.url, garbage);
    expect([answer.status, answer.body['Code']]).toEqual([400, 'IncompleteSignature']);
  });

  it('a body over MAX_BODY_BYTES (64 KiB) is 413 and is logged', async () => {
    expect(MAX_BODY_BYTES).toBe(64 * 1024);
    const big = { method: 'POST', url: '/', headers: { host: 'x', 'x-acs-action': 'UpdateInstance' }, body: Buffer.alloc(MAX_BODY_BYTES + 1, 97) };
    const answer = await replay(emulator.url, big);
    expect([answer.status, answer.body['Code']]).toEqual([413, 'RequestEntityTooLarge']);
    expect(emulator.requests().map((r) => [r.action, r.status])).toEqual([['UpdateInstance', 413]]);
  });
});

describe('the request log', () => {
  it('records every request with its key id, parameters, status, code and decision — never a secret or token', async () => {
    await call('UpdateInstance', { InstanceId: 'ins-1', InstanceName: 'renamed' });
    await call('UpdateInstance', { InstanceId: 'ins-1', InstanceName: 'x' }, 'bob');
    await call('QueryInstance', { InstanceId: 'ins-1' }, 'sts');
    await sdkCall(emulator.url, 'QueryInstance', { InstanceId: 'ins-1' }, { ...KEYS.alice, accessKeySecret: 'wrong' });
    const log = emulator.requests();
    expect(log.map((r) => [r.action, r.accessKeyId, r.status, r.code, r.decision])).toEqual([
      ['UpdateInstance', KEYS.alice.accessKeyId, 200, 'OK', 'Allow'],
      ['UpdateInstance', KEYS.bob.accessKeyId, 403, 'Forbidden.RAM', 'ImplicitDeny'],
      ['QueryInstance', KEYS.sts.accessKeyId, 200, 'OK', 'Allow'],
      ['QueryInstance', KEYS.alice.accessKeyId, 400, 'SignatureDoesNotMatch', undefined],
    ]);
    expect(log[0]!.parameters).toEqual({ InstanceId: 'ins-1', InstanceName: 'renamed' });
    expect(log.every((r) => !Number.isNaN(Date.parse(r.time)) && /^[0-9A-F-]{36}$/.test(r.requestId))).toBe(true);
    const text = JSON.stringify(log);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });
});

describe('the listening socket', () => {
  it('is bound to 127.0.0.1 only', async () => {
    expect(emulator.url).toBe(`http://127.0.0.1:${emulator.port}`);
    const external = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
    for (const host of [external, '::1'].filter((h): h is string => h !== undefined)) {
      const error = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
        const req = httpRequest({ host, port: emulator.port, path: '/', method: 'GET', timeout: 2000 }, () => resolve(undefined));
        req.on('error', (e) => resolve(e));
        req.end();
      });
      expect(error?.code, `connecting to ${host}`).toMatch(/ECONNREFUSED|EADDRNOTAVAIL|ENETUNREACH/);
    }
  });
});
