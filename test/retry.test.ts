import { describe, expect, it } from '@jest/globals';
import { isTransient } from '../src/errors.js';
import { DEFAULT_LIMITS } from '../src/limits.js';
import { backoffDelay, withRetry } from '../src/retry.js';
import { apiError, FakeClock } from './support/fakes.js';

const limits = DEFAULT_LIMITS;

function failing(errors: Error[], result = 'ok') {
  let calls = 0;
  const fn = async () => {
    const error = errors[calls];
    calls += 1;
    if (error) throw error;
    return result;
  };
  return { fn, calls: () => calls };
}

describe('backoffDelay', () => {
  it('grows exponentially up to the cap, scaled by the jitter', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map((n) => backoffDelay(n, limits, () => 1))).toEqual([500, 1000, 2000, 4000, 8000, 10000, 10000]);
    expect(backoffDelay(3, limits, () => 0)).toBe(0);
    expect(backoffDelay(3, limits, () => 0.5)).toBe(2000);
  });
});

describe('withRetry', () => {
  const options = (clock: FakeClock, log: string[] = []) => ({
    operation: 'DescribeBackups', limits, clock, debug: (m: string) => log.push(m), retryable: isTransient,
  });

  it('returns at once when the first attempt succeeds', async () => {
    const clock = new FakeClock();
    expect(await withRetry(async () => 42, options(clock))).toBe(42);
    expect(clock.sleeps).toEqual([]);
  });

  it('gives transient failures a few attempts in all', async () => {
    const clock = new FakeClock();
    const reset = apiError('ECONNRESET', 0, 'network');
    const call = failing([reset, reset, reset, reset]);
    await expect(withRetry(call.fn, options(clock))).rejects.toBe(reset);
    expect(call.calls()).toBe(limits.transientAttempts);
  });

  it('keeps retrying throttling within the time budget, not a fixed count', async () => {
    const clock = new FakeClock(1);
    const throttled = apiError('Throttling.User', 400);
    const call = failing(Array(1000).fill(throttled));
    const started = clock.now();
    await expect(withRetry(call.fn, options(clock))).rejects.toBe(throttled);
    expect(call.calls()).toBeGreaterThan(limits.transientAttempts + 5);
    expect(clock.now() - started).toBeLessThanOrEqual(limits.throttleBudgetMs);
    expect(clock.now() - started).toBeGreaterThan(limits.throttleBudgetMs - limits.backoffCapMs);
  });

  it('survives throttling then succeeds', async () => {
    const clock = new FakeClock();
    const call = failing([apiError('Throttling', 400), apiError('ServiceUnavailable', 503)]);
    expect(await withRetry(call.fn, options(clock))).toBe('ok');
    expect(clock.sleeps).toEqual([250, 500]);
  });

  it('fails at once on an error retrying cannot fix', async () => {
    const clock = new FakeClock();
    const denied = apiError('Forbidden.RAM', 403);
    const call = failing([denied]);
    await expect(withRetry(call.fn, options(clock))).rejects.toBe(denied);
    expect(call.calls()).toBe(1);
  });

  it('logs each attempt with operation, number, code and wait', async () => {
    const clock = new FakeClock();
    const log: string[] = [];
    await withRetry(failing([apiError('Throttling', 400)]).fn, options(clock, log));
    expect(log).toEqual(['DescribeBackups: attempt 1 failed with Throttling; next attempt in 250 ms']);
  });
});
