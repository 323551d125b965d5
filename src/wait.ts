// Waiting for the restore to finish: bounded, tolerant of passing errors, honest about what it saw.
import type { DdsApi, Instance } from './api.js';
import { ApiError, isTransient } from './errors.js';
import { duration } from './format.js';
import { isRestoring } from './restore.js';
import type { Clock } from './retry.js';

export interface WaitOptions {
  /** The retrying read. */
  readonly describeInstance: DdsApi['describeInstance'];
  readonly instanceId: string;
  readonly timeoutMs: number;
  readonly intervalMs: number;
  /** How long a Running instance is still watched when Restoring was never seen. */
  readonly graceMs: number;
  /** An instance already read after the restore (to settle an ambiguous failure), if any. */
  readonly seen?: Instance;
  readonly clock: Clock;
  readonly log: { info(message: string): void; warning(message: string): void };
  readonly describe: (error: unknown) => string;
}

export interface WaitResult {
  /** The status last read: Running. */
  readonly status: string;
  readonly waitedMs: number;
  /** Set when Running was reached without Restoring ever being seen. */
  readonly warning?: string;
}

/** The wait ended without Running (timeout, expired token); the restore itself continues in the cloud. */
export class WaitError extends Error {
  override readonly name = 'WaitError';
  constructor(message: string, readonly status: string, readonly waitedMs: number) {
    super(message);
  }
}

const PROGRESS_EVERY_MS = 60_000;

/**
 * Polls the instance until it is Running again after Restoring. The first poll is immediate. Throws WaitError on
 * timeout and on an expired token, and at once on errors retrying cannot fix; passing errors do not end the wait.
 */
export async function waitUntilRunning(options: WaitOptions): Promise<WaitResult> {
  const { clock, log } = options;
  const started = clock.now();
  let status = options.seen?.status ?? '';
  let sawRestoring = options.seen ? isRestoring(options.seen) : false;
  let lastProgress = started;
  for (;;) {
    try {
      const instance = await options.describeInstance(options.instanceId);
      const elapsed = clock.now() - started;
      if (instance.status !== status) log.info(`Instance ${options.instanceId} is ${instance.status} (${duration(elapsed)} into the wait).`);
      else if (clock.now() - lastProgress >= PROGRESS_EVERY_MS) {
        log.info(`Still ${instance.status} after ${duration(elapsed)}.`);
        lastProgress = clock.now();
      }
      status = instance.status;
      if (isRestoring(instance)) sawRestoring = true;
      else if (status === 'Running' && sawRestoring) return { status, waitedMs: elapsed };
      else if (status === 'Running' && elapsed >= options.graceMs) {
        const warning = `Instance ${options.instanceId} is Running, but was never seen Restoring within ${duration(elapsed)}: the restore may have finished very fast, or may not have started yet. Check the instance before relying on its data.`;
        return { status, waitedMs: elapsed, warning };
      }
    } catch (error) {
      if (error instanceof ApiError && error.code === 'InvalidSecurityToken.Expired') {
        throw new WaitError(
          `The STS security token expired while waiting (${options.describe(error)}). The restore itself goes on in the cloud; only the wait stopped. `
            + 'For longer waits, ask for a longer session: role-session-expiration in aliyun/configure-aliyun-credentials-action (and the role\'s maximum session duration in RAM).',
          status,
          clock.now() - started,
        );
      }
      if (!isTransient(error)) throw error;
      log.warning(`Reading the instance failed while waiting (${options.describe(error)}); the wait goes on.`);
    }
    const elapsed = clock.now() - started;
    if (elapsed >= options.timeoutMs) {
      throw new WaitError(
        `Timed out after ${duration(elapsed)} waiting for ${options.instanceId} to be Running; its status is ${status || 'unknown'}. The restore goes on in the cloud and was not cancelled. Raise wait-timeout-minutes, or check the instance later.`,
        status,
        elapsed,
      );
    }
    await clock.sleep(Math.min(options.intervalMs, options.timeoutMs - elapsed));
  }
}
