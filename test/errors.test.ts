import { describe, expect, it } from '@jest/globals';
import { ApiError, isThrottling, isTransient, provablyNotApplied } from '../src/errors.js';

const api = (code: string, status: number) => new ApiError('api', code, 'm', 'R', status);

describe('error classification', () => {
  it.each([
    // error, throttling, transient (reads retry), provably not applied (restore may be resent)
    [api('Throttling', 400), true, true, true],
    [api('Throttling.User', 400), true, true, true],
    [api('Throttling.Api', 400), true, true, true],
    [api('ServiceUnavailable', 503), false, true, true],
    [api('HTTP429', 429), true, true, true],
    [api('HTTP503', 503), false, true, true],
    [api('HTTP502', 502), false, true, false],
    [api('InternalError', 500), false, true, false],
    [api('SomethingElse', 502), false, true, false],
    [new ApiError('not-sent', 'ECONNREFUSED', 'm'), false, true, true],
    [new ApiError('not-sent', 'ENOTFOUND', 'm'), false, true, true],
    [new ApiError('network', 'ECONNRESET', 'm'), false, true, false],
    [new ApiError('timeout', 'Timeout', 'm'), false, true, false],
    [new ApiError('malformed', 'MalformedResponse', 'm'), false, true, false],
    [api('SignatureDoesNotMatch', 400), false, false, false],
    [api('Forbidden.RAM', 403), false, false, false],
    [api('InvalidDBInstanceId.NotFound', 404), false, false, false],
    [api('OperationDenied.DBInstance', 403), false, false, false],
    [api('InvalidParameter', 400), false, false, false],
    [api('InvalidSecurityToken.Expired', 400), false, false, false],
    [new Error('plain'), false, false, false],
  ])('%p', (error, throttling, transient, notApplied) => {
    expect(isThrottling(error)).toBe(throttling);
    expect(isTransient(error)).toBe(transient);
    expect(provablyNotApplied(error)).toBe(notApplied);
  });
});
