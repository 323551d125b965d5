// Finding the backup to restore: a given id among this instance's backups, or the newest successful one.
import type { Backup, DdsApi } from './api.js';
import { RefusalError } from './errors.js';
import type { BackupSelector } from './settings.js';

const PAGE_SIZE = 100;
/** Backup retention can reach 730 days; the window covers it with room to spare. */
const WINDOW_DAYS = 740;

function minuteStamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16) + 'Z';
}

/** The DescribeBackups window, yyyy-MM-ddTHH:mmZ: from before the longest retention to the next whole minute. */
export function backupWindow(now: number): { startTime: string; endTime: string } {
  return { startTime: minuteStamp(now - WINDOW_DAYS * 86_400_000), endTime: minuteStamp(now + 60_000) };
}

function timeOf(backup: Backup): number {
  const t = Date.parse(backup.endTime || backup.startTime);
  return Number.isNaN(t) ? -Infinity : t;
}

/** The newest successful backup by its end time (then start time, then id), whatever the list's order. */
export function newestSuccessful(backups: readonly Backup[]): Backup | undefined {
  let best: Backup | undefined;
  for (const b of backups) {
    if (b.status !== 'Success') continue;
    if (!best || compareBackups(b, best) > 0) best = b;
  }
  return best;
}

function compareBackups(a: Backup, b: Backup): number {
  const byEnd = timeOf(a) - timeOf(b);
  if (byEnd !== 0) return byEnd;
  const byStart = (Date.parse(a.startTime) || 0) - (Date.parse(b.startTime) || 0);
  if (byStart !== 0) return byStart;
  return /^\d+$/.test(a.id) && /^\d+$/.test(b.id) ? Number(BigInt(a.id) - BigInt(b.id)) : a.id.localeCompare(b.id);
}

export interface ResolveOptions {
  readonly instanceId: string;
  readonly selector: BackupSelector;
  readonly now: number;
  readonly maxPages: number;
  /** Every read goes through this (the retrying wrapper). */
  readonly describeBackups: DdsApi['describeBackups'];
}

/**
 * Resolves the selector to one of this instance's backups. It reads page after page until the id is found or
 * the list ends, so it is right even when the gateway ignores the BackupId filter or the list spans pages.
 */
export async function resolveBackup(options: ResolveOptions): Promise<Backup> {
  const { instanceId, selector } = options;
  const wanted = selector.kind === 'id' ? selector.id : undefined;
  const seen: Backup[] = [];
  for (let page = 1; page <= options.maxPages; page += 1) {
    const result = await options.describeBackups({
      instanceId, backupId: wanted, pageNumber: page, pageSize: PAGE_SIZE, ...backupWindow(options.now),
    });
    const match = wanted === undefined ? undefined : result.backups.find((b) => b.id === wanted);
    if (match) return match;
    seen.push(...result.backups);
    const more = result.totalCount !== undefined ? seen.length < result.totalCount : result.backups.length === PAGE_SIZE;
    if (!more || result.backups.length === 0) break;
  }
  if (wanted !== undefined) {
    throw new RefusalError(`Backup ${wanted} is not one of instance ${instanceId}'s backups. Check the backup id (it may belong to another instance), or use backup-id: latest.`);
  }
  const newest = newestSuccessful(seen);
  if (!newest) {
    const failed = seen.length > 0 ? ` (${seen.length} found, none with status Success)` : '';
    throw new RefusalError(`backup-id: latest found no successful backup of instance ${instanceId} in the last ${WINDOW_DAYS} days${failed}. Take a backup first, or give a backup id.`);
  }
  return newest;
}
