// Sending the one destructive call: resent only when it provably did not run, otherwise checked, never repeated.
import type { DdsApi, Instance } from './api.js';
import { ApiError, isTransient, provablyNotApplied } from './errors.js';
import { withRetry, type Clock, type RetryLimits } from './retry.js';

/** True when the instance shows a restore under way. */
export function isRestoring(instance: Pick<Instance, 'status' | 'lockMode'>): boolean {
  return instance.status === 'Restoring' || instance.lockMode === 'LockByRestoration';
}

/** The restore's outcome could not be established: the user must look before running again. */
export class OutcomeUnknownError extends Error {
  override readonly name = 'OutcomeUnknownError';
}

export interface RestoreOutcome {
  /** Empty when the restore was confirmed by the instance's status, not by an answer. */
  readonly requestId: string;
  /** The instance as read to settle an ambiguous failure, if it was. */
  readonly instance?: Instance;
  readonly warning?: string;
}

export interface RestoreOptions {
  readonly api: Pick<DdsApi, 'restore'>;
  /** The retrying read, used to settle an ambiguous failure. */
  readonly describeInstance: DdsApi['describeInstance'];
  readonly instanceId: string;
  readonly backupId: string;
  readonly limits: RetryLimits;
  readonly clock: Clock;
  readonly debug: (message: string) => void;
  readonly describe: (error: unknown) => string;
}

/** Sends RestoreDBInstance at most once in effect. */
export async function restoreOnce(options: RestoreOptions): Promise<RestoreOutcome> {
  const { instanceId, backupId } = options;
  try {
    const { requestId } = await withRetry(() => options.api.restore(instanceId, backupId), {
      operation: 'RestoreDBInstance', limits: options.limits, clock: options.clock, debug: options.debug,
      retryable: provablyNotApplied,
    });
    return { requestId };
  } catch (error) {
    const definite = !(error instanceof ApiError) || provablyNotApplied(error) || (error.kind === 'api' && !isTransient(error));
    if (definite) throw error;
    return settleAmbiguous(error, options);
  }
}

async function settleAmbiguous(error: ApiError, options: RestoreOptions): Promise<RestoreOutcome> {
  const quoted = options.describe(error);
  const checkAdvice = `Check instance ${options.instanceId} in the console before running the workflow again: the restore must not be sent twice.`;
  options.debug(`RestoreDBInstance: ambiguous failure (${error.code}); reading the instance instead of resending`);
  let instance: Instance;
  try {
    instance = await options.describeInstance(options.instanceId);
  } catch (readError) {
    throw new OutcomeUnknownError(`The restore's outcome is unknown: the request failed (${quoted}) and the instance could not be read afterwards (${options.describe(readError)}). ${checkAdvice}`);
  }
  if (isRestoring(instance)) {
    return {
      requestId: '',
      instance,
      warning: `The restore request failed (${quoted}), but instance ${options.instanceId} is ${instance.status} (lock ${instance.lockMode || 'none'}): the restore was accepted. Its request id is unknown.`,
    };
  }
  throw new OutcomeUnknownError(`The restore's outcome is unknown: the request failed (${quoted}) and instance ${options.instanceId} is ${instance.status || 'in an unknown state'}, not Restoring. It was not sent again. ${checkAdvice}`);
}
