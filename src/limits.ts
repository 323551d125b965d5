// Every bound the action keeps, in one place so the README can quote them and tests can shrink them.

export interface Limits {
  /** Per attempt of a describe call: connect and answer. */
  readonly readTimeoutMs: number;
  /** Per attempt of the restore; on expiry the outcome is checked, never resent. */
  readonly restoreTimeoutMs: number;
  /** Attempts in all for a call that meets network trouble, 5xx or a non-JSON body. */
  readonly transientAttempts: number;
  /** How long throttled calls keep being retried; flow control is normal when a matrix runs. */
  readonly throttleBudgetMs: number;
  /** Backoff: full jitter over min(cap, base * 2^attempt). */
  readonly backoffBaseMs: number;
  readonly backoffCapMs: number;
  /** After a restore, how long to keep polling while Restoring has not been seen. */
  readonly restoringGraceMs: number;
  /** Pages of DescribeBackups read at most (100 backups a page). */
  readonly maxBackupPages: number;
  /** Added to the wait timeout to bound the whole run. */
  readonly runSlackMs: number;
}

export const DEFAULT_LIMITS: Limits = Object.freeze({
  readTimeoutMs: 5_000,
  restoreTimeoutMs: 10_000,
  transientAttempts: 3,
  throttleBudgetMs: 120_000,
  backoffBaseMs: 500,
  backoffCapMs: 10_000,
  restoringGraceMs: 30_000,
  maxBackupPages: 50,
  runSlackMs: 5 * 60_000,
});
