/**
 * The output guard's parts: the credential-field patterns (on the exact shapes the SDK's `debug`
 * and Node's `NODE_DEBUG` print), the stream wrapper, and switching the `debug` package off.
 * The end-to-end proof, the built CLI under DEBUG and NODE_DEBUG, is debug-env-cli.test.ts.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { guardProcessOutput, redactCredentialFields, silenceDebugSwitches } from '../../src/client/output-guard.js';
import { createRedactor, REDACTED } from '../../src/client/redact.js';

const SIGNATURE = '9e6234a06bd94eb6278f2bd630dcb2645b10a806fdf8d238f170563ea2206b36';
const TOKEN = 'CAIS-token-value-42';

describe('redactCredentialFields', () => {
  it.each([
    ['a debug header line', `httpx:header > x-acs-security-token: ${TOKEN}`, TOKEN],
    ['an Authorization header line', `httpx:header > Authorization: ACS3-HMAC-SHA256 Credential=LTAI5tX,SignedHeaders=host;x-acs-date,Signature=${SIGNATURE}`, SIGNATURE],
    ['util.inspect of the request options', `headers: {\n    'x-acs-security-token': '${TOKEN}',\n    Authorization: 'ACS3-HMAC-SHA256 Credential=LTAI5tX,SignedHeaders=host,Signature=${SIGNATURE}'\n  }`, SIGNATURE],
    ['a JSON body', `{"AccessKeySecret":"sEcReT/value+1","SecurityToken":"${TOKEN}"}`, 'sEcReT/value+1'],
    ['a query string', `GET /?AccessKeyId=LTAI5tX&Signature=Zm9vYmFyYmF6cXV4cXV1eA%3D%3D&SecurityToken=${TOKEN}&Version=1`, 'Zm9vYmFyYmF6cXV4cXV1eA'],
    ['another Authorization scheme', 'authorization: acs LTAI5tX:c2lnbmF0dXJl', 'c2lnbmF0dXJl'],
  ])('hides the value in %s', (_name, text, value) => {
    const out = redactCredentialFields(text);
    expect(out).not.toContain(value);
    expect(out).not.toContain(TOKEN);
    expect(out).toContain(REDACTED);
  });

  it('leaves what only looks like one: the JSON outcome, the nonce header, prose', () => {
    const text = [
      '"authorization": {',
      '"signature": "ACS3-HMAC-SHA256",',
      '"securityToken": true,',
      '"securityToken": false',
      'x-acs-signature-nonce: 03921255d4fba38073693486601faa60',
      'signed with ACS3-HMAC-SHA256 by AccessKey STS.NUx, with a security token (not shown)',
      'MissingSecurityToken: the request needs its x-acs-security-token',
      'SignatureDoesNotMatch (HTTP 400): The request signature does not conform',
    ].join('\n');
    expect(redactCredentialFields(text)).toBe(text);
  });
});

/** A stand-in for process.stderr: records what reaches the real write. */
function fakeStream() {
  const written: string[] = [];
  const stream = {
    write(chunk: string | Uint8Array, encoding?: unknown, callback?: unknown) {
      written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = typeof encoding === 'function' ? encoding : callback;
      if (typeof done === 'function') done();
      return true;
    },
  };
  return { stream: stream as unknown as NodeJS.WriteStream, written };
}

describe('guardProcessOutput', () => {
  it('redacts known secrets and credential fields in strings and bytes, keeps callbacks, and restores', () => {
    const { stream, written } = fakeStream();
    const redact = createRedactor(['my-secret-1234']);
    const restore = guardProcessOutput(redact, [stream]);
    let called = 0;
    stream.write('secret my-secret-1234\n', () => called++);
    stream.write(Buffer.from(`> x-acs-security-token: ${TOKEN}\n`));
    redact.add(TOKEN);
    stream.write(`token ${TOKEN} alone\n`, 'utf8', () => called++);
    restore();
    stream.write('my-secret-1234 after restore');
    expect(written).toEqual([`secret ${REDACTED}\n`, `> x-acs-security-token: ${REDACTED}\n`, `token ${REDACTED} alone\n`, 'my-secret-1234 after restore']);
    expect(called).toBe(2);
  });

  it('a second guard replaces the first instead of stacking on it', () => {
    const { stream, written } = fakeStream();
    const original = stream.write;
    guardProcessOutput(createRedactor(['first-secret']), [stream]);
    const restore = guardProcessOutput(createRedactor(['second-secret']), [stream]);
    stream.write('first-secret second-secret');
    restore();
    expect(written).toEqual([`first-secret ${REDACTED}`]);
    expect(stream.write).toBe(original);
  });
});

describe('silenceDebugSwitches', () => {
  it('disables a loaded `debug` that DEBUG switched on, and removes DEBUG from the environment', () => {
    // httpx (inside Alibaba's SDK) loads `debug`; it is installed wherever npm hoisted it.
    const debug = createRequire(createRequire(import.meta.url).resolve('httpx'))('debug') as { enable(ns: string): void; (ns: string): { enabled: boolean } };
    const saved = process.env['DEBUG'];
    try {
      debug.enable('httpx:*');
      const header = debug('httpx:header');
      expect(header.enabled).toBe(true);
      process.env['DEBUG'] = 'httpx:*';
      expect(silenceDebugSwitches()).toBeGreaterThan(0);
      expect(header.enabled).toBe(false);
      expect(debug('httpx:body').enabled).toBe(false);
      expect(process.env['DEBUG']).toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env['DEBUG'];
      else process.env['DEBUG'] = saved;
    }
  });
});
