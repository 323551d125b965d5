// The reads before the write, in parallel, and the checks over what they return.
import type { Backup, Instance } from './api.js';
import { resolveBackup } from './backups.js';
import { ApiError, RefusalError } from './errors.js';
import { errorContext, hintFor } from './explain.js';
import { checkBackup, checkInstance, checkTags } from './guards.js';
import type { Reads } from './retry.js';
import type { Settings } from './settings.js';

export interface Preflight {
  /** Undefined when no read of the instance was needed (preflight: false without require-tag). */
  readonly instance?: Instance;
  /** Undefined when no read of the backups was needed (preflight: false with a numeric id). */
  readonly backup?: Backup;
  /** The id the restore will use. */
  readonly backupId: string;
}

/**
 * Reads the instance and the backup in parallel, then refuses with every reason found. With preflight: false
 * only the reads that latest and require-tag need are made; a dry run always reads and checks everything.
 */
export async function runPreflight(reads: Reads, settings: Settings, now: number, maxPages: number): Promise<Preflight> {
  const full = settings.preflight || settings.dryRun;
  const readInstance = full || settings.requiredTags.length > 0;
  const readBackups = full || settings.backup.kind === 'latest';
  const [instanceResult, backupResult] = await Promise.allSettled([
    readInstance ? reads.describeInstance(settings.instanceId) : Promise.resolve(undefined),
    readBackups
      ? resolveBackup({ instanceId: settings.instanceId, selector: settings.backup, now, maxPages, describeBackups: (query) => reads.describeBackups(query) })
      : Promise.resolve(undefined),
  ]);
  if (instanceResult.status === 'rejected') throw notFoundAsRefusal(instanceResult.reason, settings);
  if (backupResult.status === 'rejected') throw notFoundAsRefusal(backupResult.reason, settings);
  const instance = instanceResult.value;
  const backup = backupResult.value;
  const reasons = [
    ...(instance && full ? checkInstance(instance) : []),
    ...(instance ? checkTags(instance, settings.requiredTags) : []),
    ...(backup && full ? checkBackup(backup) : []),
  ];
  if (reasons.length > 0) throw new RefusalError(`Refused; nothing was restored. ${reasons.join(' ')}`);
  const backupId = backup?.id ?? (settings.backup.kind === 'id' ? settings.backup.id : '');
  return { instance, backup, backupId };
}

function notFoundAsRefusal(error: unknown, settings: Settings): unknown {
  if (error instanceof ApiError && error.code === 'InvalidDBInstanceId.NotFound') {
    const requestId = error.requestId ? ` (RequestId: ${error.requestId})` : '';
    const hint = hintFor(error.code, errorContext(settings));
    return new RefusalError(`Refused; nothing was restored. InvalidDBInstanceId.NotFound${requestId}: ${hint}`);
  }
  return error;
}
