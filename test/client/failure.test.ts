import { describe, expect, it } from 'vitest';
import { failureFromBody, failureFromError, isPermissionDenial, isThrottling } from '../../src/client/failure.js';

describe('reading a 200 body', () => {
  it('Code "OK" is success even when Success is false, as in the API reference sample', () => {
    expect(failureFromBody({ Code: 'OK', Success: false, RequestId: 'r' })).toBeUndefined();
  });
  it('any other Code is a business failure with its message and request id', () => {
    expect(failureFromBody({ Code: 'Instance.NotFound', Message: 'no such instance', RequestId: 'r-1', Success: false })).toEqual({
      kind: 'business', code: 'Instance.NotFound', message: 'no such instance', statusCode: 200, requestId: 'r-1', retryable: false,
    });
  });
  it('a body without Code is a failure, not a success', () => {
    expect(failureFromBody({ Success: true })?.message).toBe('the answer has no `Code`');
  });
  it('throttling in a 200 body is retryable', () => {
    expect(failureFromBody({ Code: 'Throttling.User', Message: 'x' })?.retryable).toBe(true);
  });
});

describe('reading SDK errors', () => {
  const sdkError = (statusCode: number, data: Record<string, unknown>) => Object.assign(new Error('x'), { code: data['Code'], statusCode, data: { ...data, statusCode } });
  it('maps an HTTP error body with RAM detail', () => {
    const f = failureFromError(sdkError(403, { Code: 'Forbidden.RAM', Message: 'denied', RequestId: 'r', AccessDeniedDetail: { NoPermissionType: 'ImplicitDeny' } }));
    expect(f).toMatchObject({ kind: 'http', code: 'Forbidden.RAM', statusCode: 403, requestId: 'r', retryable: false, accessDeniedDetail: { NoPermissionType: 'ImplicitDeny' } });
    expect(isPermissionDenial(f)).toBe(true);
  });
  it.each([
    [500, 'InternalError', true],
    [503, 'ServiceUnavailable', true],
    [400, 'Throttling.User', true],
    [429, 'TooManyRequests', true],
    [400, 'SignatureDoesNotMatch', false],
    [404, 'InvalidAccessKeyId.NotFound', false],
  ])('HTTP %i %s retryable: %s', (status, code, retryable) => {
    const f = failureFromError(sdkError(status, { Code: code, Message: 'm' }));
    expect(f.retryable).toBe(retryable);
    expect(isPermissionDenial(f)).toBe(false);
  });
  it('maps timeouts (not retried), refused connections (retried) and non-JSON answers', () => {
    expect(failureFromError(Object.assign(new Error('ReadTimeout'), { name: 'RequestTimeoutError' }))).toMatchObject({ kind: 'timeout', retryable: false });
    expect(failureFromError(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toMatchObject({ kind: 'network', code: 'ECONNREFUSED', retryable: true });
    expect(failureFromError(Object.assign(new Error('nx'), { code: 'ENOTFOUND' }))).toMatchObject({ kind: 'network', retryable: false });
    expect(failureFromError(new SyntaxError('Unexpected token <'))).toMatchObject({ kind: 'malformed-response', retryable: false });
  });
  it('throttling is recognised by code or by status 429', () => {
    expect(isThrottling('Throttling', 400)).toBe(true);
    expect(isThrottling('Throttling.Api', 400)).toBe(true);
    expect(isThrottling('ThrottlingX', 400)).toBe(false);
    expect(isThrottling(undefined, 429)).toBe(true);
  });
});
