// Pure checks over plain data. Each returns the reasons to refuse (empty when the write may go ahead).
import type { Backup, Instance } from './api.js';
import type { RequiredTag, Settings } from './settings.js';

const CLONE_ADVICE = 'RestoreDBInstance works on replica sets only; restore this backup into a new instance instead (create an instance from the backup).';
const STANDALONE_CLASS = /^(dds\.sn\.|mdb\.single\.)/;

/** Refuses unless the run is confirmed or is a dry run. */
export function checkConfirmed(settings: Pick<Settings, 'confirm' | 'dryRun'>): string[] {
  if (settings.confirm || settings.dryRun) return [];
  return ['Input "confirm" is not true, so nothing was sent. The restore overwrites all data on the instance and cannot be undone: set confirm: true to go ahead, or dry-run: true to check without restoring.'];
}

/** Refuses instances that cannot or should not be restored in place: sharded, standalone, not Running. */
export function checkInstance(instance: Instance): string[] {
  const reasons: string[] = [];
  if (instance.type === 'sharding') {
    reasons.push(`Instance ${instance.id} is a sharded cluster. ${CLONE_ADVICE}`);
  } else if (instance.type !== '' && instance.type !== 'replicate') {
    reasons.push(`Instance ${instance.id} is of type "${instance.type}", not a replica set ("replicate"). ${CLONE_ADVICE}`);
  }
  if (instance.replicationFactor === '1' || STANDALONE_CLASS.test(instance.instanceClass)) {
    reasons.push(`Instance ${instance.id} is standalone (replication factor ${instance.replicationFactor || '1'}, class ${instance.instanceClass || 'unknown'}). ${CLONE_ADVICE}`);
  }
  if (instance.status !== 'Running') {
    reasons.push(`Instance ${instance.id} is ${instance.status || 'in an unknown state'}, not Running. Run the workflow again when it is Running.`);
  }
  return reasons;
}

/** Refuses when a required tag is missing or has another value, naming each one. */
export function checkTags(instance: Instance, required: readonly RequiredTag[]): string[] {
  return required.flatMap((tag) => {
    const found = instance.tags.filter((t) => t.key === tag.key);
    if (found.length === 0) return [`Instance ${instance.id} has no tag "${tag.key}" (require-tag wants ${tag.key}=${tag.value}).`];
    if (found.some((t) => t.value === tag.value)) return [];
    const has = found.map((t) => `"${t.value}"`).join(', ');
    return [`Instance ${instance.id} has tag ${tag.key}=${has}, but require-tag wants "${tag.value}".`];
  });
}

/** Refuses a backup that did not succeed. */
export function checkBackup(backup: Backup): string[] {
  if (backup.status === 'Success') return [];
  return [`Backup ${backup.id} has status ${backup.status || 'unknown'}, not Success: only a successful backup can be restored. Pick another backup, or use backup-id: latest.`];
}
