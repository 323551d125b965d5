// Hand-written fakes of the action's own interfaces: a clock that never sleeps, and an in-memory DdsApi.
import type { Backup, BackupPage, BackupQuery, DdsApi, Instance } from '../../src/api.js';
import { ApiError } from '../../src/errors.js';
import type { Clock } from '../../src/retry.js';

/** A clock whose sleeps advance time at once; `random` is fixed so backoffs are predictable. */
export class FakeClock implements Clock {
  time = 1_700_000_000_000;
  readonly sleeps: number[] = [];
  constructor(private readonly fixedRandom = 0.5) {}
  now = () => this.time;
  random = () => this.fixedRandom;
  sleep = async (ms: number) => {
    this.sleeps.push(ms);
    this.time += ms;
  };
}

export function instance(overrides: Partial<Instance> = {}): Instance {
  return {
    id: 'dds-test01', type: 'replicate', replicationFactor: '3', instanceClass: 'dds.mongo.mid', status: 'Running',
    lockMode: 'Unlock', regionId: 'cn-hangzhou', engineVersion: '6.0', description: 'test', tags: [{ key: 'env', value: 'staging' }],
    ...overrides,
  };
}

export function backup(id: string, endTime: string, overrides: Partial<Backup> = {}): Backup {
  return {
    id, status: 'Success', startTime: endTime, endTime, method: 'Physical', type: 'FullBackup', mode: 'Automated', sizeBytes: 1024,
    ...overrides,
  };
}

export const apiError = (code: string, httpStatus: number, kind: ApiError['kind'] = 'api') => new ApiError(kind, code, `${code} message`, 'REQ-1', httpStatus);

type Step<T> = T | Error | ((call: number) => T | Error);

/** An in-memory DdsApi: each operation answers from a script (one entry a call; the last repeats). */
export class FakeApi implements DdsApi {
  readonly calls: { op: string; args: unknown[] }[] = [];
  instanceScript: Step<Instance>[] = [instance()];
  backupsScript: Step<BackupPage>[] = [{ totalCount: 1, backups: [backup('100', '2026-01-01T00:00:00Z')] }];
  restoreScript: Step<{ requestId: string }>[] = [{ requestId: 'REQ-RESTORE' }];

  private answer<T>(script: Step<T>[], op: string): T {
    const index = this.calls.filter((c) => c.op === op).length - 1;
    const step = script[Math.min(index, script.length - 1)] as Step<T>;
    const value = typeof step === 'function' ? (step as (n: number) => T | Error)(index) : step;
    if (value instanceof Error) throw value;
    return value;
  }

  count(op: string): number {
    return this.calls.filter((c) => c.op === op).length;
  }

  async describeInstance(instanceId: string): Promise<Instance> {
    this.calls.push({ op: 'describeInstance', args: [instanceId] });
    return this.answer(this.instanceScript, 'describeInstance');
  }

  async describeBackups(query: BackupQuery): Promise<BackupPage> {
    this.calls.push({ op: 'describeBackups', args: [query] });
    return this.answer(this.backupsScript, 'describeBackups');
  }

  async restore(instanceId: string, backupId: string): Promise<{ requestId: string }> {
    this.calls.push({ op: 'restore', args: [instanceId, backupId] });
    return this.answer(this.restoreScript, 'restore');
  }
}
