import { describe, expect, it } from 'vitest';
import { defaultEndpoint, endpointUrl, isLoopback, parseEndpoint } from '../../src/client/endpoint.js';
import { createRedactor, REDACTED } from '../../src/client/redact.js';
import { backoffDelay, DEFAULT_RETRY } from '../../src/client/transport.js';

describe('endpoints', () => {
  it('defaults to the regional HTTPS endpoint the SDK builds', () => {
    expect(endpointUrl(defaultEndpoint('ap-southeast-1'))).toBe('https://cams.ap-southeast-1.aliyuncs.com/');
  });
  it.each([
    ['http://127.0.0.1:8787', { protocol: 'http', host: '127.0.0.1:8787' }],
    ['https://cams.cn-hangzhou.aliyuncs.com', { protocol: 'https', host: 'cams.cn-hangzhou.aliyuncs.com' }],
    ['HTTP://localhost:9/', { protocol: 'http', host: 'localhost:9' }],
  ])('reads %s', (text, expected) => {
    expect(parseEndpoint(text)).toEqual(expected);
  });
  it.each([
    ['ftp://host', 'only http and https'],
    ['http://ak:secret@host', 'never in the endpoint URL'],
    ['http://host/path', 'without a path'],
    ['http://host/?x=1', 'without a path or query'],
    ['http://', 'not a host or URL'],
    // Given no scheme, Then say so (guessing HTTPS met the plain-HTTP emulator with an OpenSSL error)
    ['127.0.0.1:8787', '`127.0.0.1:8787` has no scheme: write `http://127.0.0.1:8787` (a local emulator) or `https://127.0.0.1:8787`'],
    ['cams.ap-southeast-1.aliyuncs.com', 'has no scheme'],
    ['localhost:8787', 'has no scheme'],
  ])('refuses %s', (text, message) => {
    const parsed = parseEndpoint(text);
    expect('error' in parsed && parsed.error).toContain(message);
  });
  it('knows loopback hosts', () => {
    expect(isLoopback('127.0.0.1:8787')).toBe(true);
    expect(isLoopback('localhost')).toBe(true);
    expect(isLoopback('[::1]:80')).toBe(true);
    expect(isLoopback('cams.ap-southeast-1.aliyuncs.com')).toBe(false);
    expect(isLoopback('127.example.com')).toBe(false);
  });
});

describe('the redactor', () => {
  it('removes every known secret, as written, JSON-escaped and URL-encoded', () => {
    const redact = createRedactor(['s3cr/t"+x']);
    redact.add('tok-12345');
    const text = `a s3cr/t"+x b ${JSON.stringify('s3cr/t"+x')} c ${encodeURIComponent('s3cr/t"+x')} d tok-12345`;
    const out = redact(text);
    expect(out).not.toContain('s3cr');
    expect(out).not.toContain('tok-12345');
    expect(out.split(REDACTED).length - 1).toBe(4);
  });
  it('ignores missing and very short secrets rather than shredding the output', () => {
    const redact = createRedactor([undefined, 'ab']);
    expect(redact('abc ab')).toBe('abc ab');
  });
});

describe('backoff', () => {
  it('grows exponentially, is capped, and jitters only half of the delay', () => {
    const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 500 };
    expect(backoffDelay(1, policy, () => 0)).toBe(50);
    expect(backoffDelay(1, policy, () => 0.999999)).toBe(100);
    expect(backoffDelay(2, policy, () => 0)).toBe(100);
    expect(backoffDelay(3, policy, () => 0)).toBe(200);
    expect(backoffDelay(10, policy, () => 0.999999)).toBe(500);
  });
});
