import type { DdsApi } from './api.js';
import { ApiError, isThrottling, isTransient } from './errors.js';
import type { Limits } from './limits.js';

/** Time, injected so that retries and waits are tested without real delays. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
};

export type RetryLimits = Pick<Limits, 'transientAttempts' | 'throttleBudgetMs' | 'backoffBaseMs' | 'backoffCapMs'>;

/** Full jitter: a uniform wait between 0 and min(cap, base * 2^retry). */
export function backoffDelay(retry: number, limits: RetryLimits, random: () => number): number {
  const ceiling = Math.min(limits.backoffCapMs, limits.backoffBaseMs * 2 ** retry);
  return Math.round(random() * ceiling);
}

export interface RetryOptions {
  readonly operation: string;
  readonly limits: RetryLimits;
  readonly clock: Clock;
  readonly debug: (message: string) => void;
  /** Which failures may be tried again; everything else is thrown at once. */
  readonly retryable: (error: unknown) => boolean;
}

/**
 * Calls `attempt` until it succeeds or a failure may not be retried. Throttling is retried while the throttle
 * budget lasts; other retryable failures get `transientAttempts` attempts in all. Each attempt is a new call, so
 * pop-core signs it afresh with a new nonce and timestamp.
 */
export async function withRetry<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  const { operation, limits, clock, debug } = options;
  const started = clock.now();
  let transientFailures = 0;
  for (let number = 1; ; number += 1) {
    try {
      return await attempt();
    } catch (error) {
      const code = error instanceof ApiError ? error.code : 'unknown';
      if (!options.retryable(error)) {
        debug(`${operation}: attempt ${number} failed with ${code}; not retryable`);
        throw error;
      }
      const throttled = isThrottling(error);
      if (!throttled) transientFailures += 1;
      const delay = backoffDelay(number - 1, limits, clock.random);
      const outOfBudget = throttled
        ? clock.now() + delay - started > limits.throttleBudgetMs
        : transientFailures >= limits.transientAttempts;
      if (outOfBudget) {
        debug(`${operation}: attempt ${number} failed with ${code}; giving up after ${number} attempts in ${clock.now() - started} ms`);
        throw error;
      }
      debug(`${operation}: attempt ${number} failed with ${code}; next attempt in ${delay} ms`);
      await clock.sleep(delay);
    }
  }
}

/** A clock that refuses to sleep past `deadline`, so no retry or wait can outlive the run's bound. */
export function deadlineClock(clock: Clock, deadline: number): Clock {
  return {
    ...clock,
    sleep: async (ms) => {
      if (clock.now() + ms > deadline) {
        throw new Error(`The run reached its time limit: ${Math.max(0, Math.round((deadline - clock.now()) / 1000))} s left, ${Math.round(ms / 1000)} s more needed. It stopped; nothing more was sent.`);
      }
      await clock.sleep(ms);
    },
  };
}

export type Reads = Pick<DdsApi, 'describeInstance' | 'describeBackups'>;

/** The describe calls, each retried on transient failures. */
export function retryingReads(api: Reads, options: Omit<RetryOptions, 'operation' | 'retryable'>): Reads {
  const retrying = { ...options, retryable: isTransient };
  return {
    describeInstance: (id) => withRetry(() => api.describeInstance(id), { ...retrying, operation: 'DescribeDBInstanceAttribute' }),
    describeBackups: (query) => withRetry(() => api.describeBackups(query), { ...retrying, operation: 'DescribeBackups' }),
  };
}
