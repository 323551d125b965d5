import { describe, expect, it } from '@jest/globals';
import { RefusalError } from '../src/errors.js';
import { runPreflight } from '../src/preflight.js';
import type { Settings } from '../src/settings.js';
import { apiError, backup, FakeApi, instance } from './support/fakes.js';

const settings = (overrides: Partial<Settings> = {}): Settings => ({
  instanceId: 'dds-test01', backup: { kind: 'id', id: '100' }, confirm: true, dryRun: false, preflight: true, requiredTags: [],
  credentials: { accessKeyId: 'K', accessKeySecret: 'S', source: 'inputs' }, regionId: 'cn-hangzhou', endpoint: 'https://mongodb.aliyuncs.com',
  wait: false, waitTimeoutMs: 60_000, pollIntervalMs: 1000, ...overrides,
});
const NOW = Date.parse('2026-06-01T00:00:00Z');

async function refusalOf(api: FakeApi, s: Settings): Promise<string> {
  const error = await runPreflight(api, s, NOW, 50).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(RefusalError);
  return (error as Error).message;
}

describe('runPreflight', () => {
  it('reads the instance and the backup in parallel and passes a good pair', async () => {
    const api = new FakeApi();
    let inFlight = 0;
    let maxInFlight = 0;
    const track = <T>(p: () => Promise<T>) => async () => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight -= 1;
      return p();
    };
    const reads = {
      describeInstance: (id: string) => track(() => api.describeInstance(id))(),
      describeBackups: (q: Parameters<FakeApi['describeBackups']>[0]) => track(() => api.describeBackups(q))(),
    };
    const plan = await runPreflight(reads, settings(), NOW, 50);
    expect(plan.backupId).toBe('100');
    expect(plan.instance?.id).toBe('dds-test01');
    expect(maxInFlight).toBe(2);
  });

  it.each([
    ['a sharded cluster', { type: 'sharding' }, /sharded cluster/],
    ['a standalone instance', { replicationFactor: '1' }, /standalone/],
    ['a busy instance', { status: 'DBInstanceClassChanging' }, /DBInstanceClassChanging, not Running/],
  ])('refuses %s', async (_n, overrides, pattern) => {
    const api = new FakeApi();
    api.instanceScript = [instance(overrides)];
    expect(await refusalOf(api, settings())).toMatch(pattern);
  });

  it('refuses an unknown instance, naming the region and endpoint', async () => {
    const api = new FakeApi();
    api.instanceScript = [apiError('InvalidDBInstanceId.NotFound', 404)];
    api.backupsScript = [apiError('InvalidDBInstanceId.NotFound', 404)];
    expect(await refusalOf(api, settings())).toMatch(/InvalidDBInstanceId.NotFound \(RequestId: REQ-1\).*region cn-hangzhou \(https:\/\/mongodb.aliyuncs.com\).*wrong region/);
  });

  it("refuses a backup that is not this instance's", async () => {
    const api = new FakeApi();
    api.backupsScript = [{ totalCount: 0, backups: [] }];
    expect(await refusalOf(api, settings())).toMatch(/Backup 100 is not one of instance dds-test01's backups/);
  });

  it('refuses a failed backup', async () => {
    const api = new FakeApi();
    api.backupsScript = [{ totalCount: 1, backups: [backup('100', '2026-01-01T00:00:00Z', { status: 'Failed' })] }];
    expect(await refusalOf(api, settings())).toMatch(/Backup 100 has status Failed/);
  });

  it('refuses when a required tag differs, naming what the instance has', async () => {
    const api = new FakeApi();
    expect(await refusalOf(api, settings({ requiredTags: [{ key: 'env', value: 'production' }] }))).toMatch(/env="staging", but require-tag wants "production"/);
  });

  it('gives every reason at once', async () => {
    const api = new FakeApi();
    api.instanceScript = [instance({ status: 'Rebooting' })];
    api.backupsScript = [{ totalCount: 1, backups: [backup('100', '2026-01-01T00:00:00Z', { status: 'Failed' })] }];
    const message = await refusalOf(api, settings({ requiredTags: [{ key: 'owner', value: 'x' }] }));
    expect(message).toMatch(/^Refused; nothing was restored\..*Rebooting.*no tag "owner".*status Failed/);
  });

  it('passes other read errors through', async () => {
    const api = new FakeApi();
    const denied = apiError('Forbidden.RAM', 403);
    api.instanceScript = [denied];
    await expect(runPreflight(api, settings(), NOW, 50)).rejects.toBe(denied);
  });

  it('with preflight: false and a numeric id, reads nothing', async () => {
    const api = new FakeApi();
    api.instanceScript = [instance({ type: 'sharding' })];
    const plan = await runPreflight(api, settings({ preflight: false }), NOW, 50);
    expect(api.calls).toEqual([]);
    expect(plan).toEqual({ instance: undefined, backup: undefined, backupId: '100' });
  });

  it('with preflight: false, reads what latest needs', async () => {
    const api = new FakeApi();
    const plan = await runPreflight(api, settings({ preflight: false, backup: { kind: 'latest' } }), NOW, 50);
    expect(api.calls.map((c) => c.op)).toEqual(['describeBackups']);
    expect(plan.backupId).toBe('100');
  });

  it('with preflight: false, reads the instance for require-tag and checks only the tags', async () => {
    const api = new FakeApi();
    api.instanceScript = [instance({ status: 'Rebooting' })];
    await runPreflight(api, settings({ preflight: false, requiredTags: [{ key: 'env', value: 'staging' }] }), NOW, 50);
    expect(api.calls.map((c) => c.op)).toEqual(['describeInstance']);
    expect(await refusalOf(api, settings({ preflight: false, requiredTags: [{ key: 'env', value: 'prod' }] }))).toMatch(/require-tag wants "prod"/);
  });

  it('a dry run checks everything even with preflight: false', async () => {
    const api = new FakeApi();
    api.instanceScript = [instance({ type: 'sharding' })];
    expect(await refusalOf(api, settings({ preflight: false, dryRun: true }))).toMatch(/sharded/);
  });
});
