import { describe, expect, it } from '@jest/globals';
import type { BackupPage, BackupQuery } from '../src/api.js';
import { backupWindow, newestSuccessful, resolveBackup } from '../src/backups.js';
import { RefusalError } from '../src/errors.js';
import { backup } from './support/fakes.js';

const NOW = Date.parse('2026-12-04T10:30:45Z');

function pagedApi(all: ReturnType<typeof backup>[], { honourFilter = true, reportTotal = true } = {}) {
  const queries: BackupQuery[] = [];
  const describeBackups = async (q: BackupQuery): Promise<BackupPage> => {
    queries.push(q);
    const list = honourFilter && q.backupId ? all.filter((b) => b.id === q.backupId) : all;
    return { totalCount: reportTotal ? list.length : undefined, backups: list.slice((q.pageNumber - 1) * q.pageSize, q.pageNumber * q.pageSize) };
  };
  return { describeBackups, queries };
}

describe('backupWindow', () => {
  it('covers the longest retention and ends after now, in yyyy-MM-ddTHH:mmZ', () => {
    expect(backupWindow(NOW)).toEqual({ startTime: '2024-11-24T10:30Z', endTime: '2026-12-04T10:31Z' });
  });
});

describe('newestSuccessful', () => {
  it('picks by time, not position, and skips failed backups', () => {
    const list = [
      backup('1', '2026-01-02T00:00:00Z'),
      backup('2', '2026-01-05T00:00:00Z', { status: 'Failed' }),
      backup('3', '2026-01-04T00:00:00Z'),
      backup('4', '2026-01-03T00:00:00Z'),
    ];
    expect(newestSuccessful(list)?.id).toBe('3');
    expect(newestSuccessful([backup('9', 'x', { status: 'Failed' })])).toBeUndefined();
  });

  it('breaks ties by id without losing digits', () => {
    const t = '2026-01-01T00:00:00Z';
    expect(newestSuccessful([backup('9223372036854775806', t), backup('9223372036854775807', t)])?.id).toBe('9223372036854775807');
  });
});

describe('resolveBackup', () => {
  const many = Array.from({ length: 250 }, (_, i) => backup(String(1000 + i), new Date(NOW - ((i * 37) % 250 + 1) * 3_600_000).toISOString()));
  const newestIndex = many.findIndex((b) => b.endTime === new Date(NOW - 3_600_000).toISOString());

  it('finds latest across every page, with the largest page size and a window', async () => {
    const api = pagedApi([...many, backup('99999', new Date(NOW - 60_000).toISOString(), { status: 'Failed' })]);
    const found = await resolveBackup({ instanceId: 'dds-x', selector: { kind: 'latest' }, now: NOW, maxPages: 50, describeBackups: api.describeBackups });
    expect(found.id).toBe(many[newestIndex]!.id);
    expect(api.queries.map((q) => q.pageNumber)).toEqual([1, 2, 3]);
    expect(api.queries.every((q) => q.pageSize === 100 && q.startTime && q.endTime && q.backupId === undefined)).toBe(true);
  });

  it('reads one page for 50 backups', async () => {
    const api = pagedApi(many.slice(0, 50));
    await resolveBackup({ instanceId: 'dds-x', selector: { kind: 'latest' }, now: NOW, maxPages: 50, describeBackups: api.describeBackups });
    expect(api.queries).toHaveLength(1);
  });

  it('pages on full pages when TotalCount is missing', async () => {
    const api = pagedApi(many, { reportTotal: false });
    await resolveBackup({ instanceId: 'dds-x', selector: { kind: 'latest' }, now: NOW, maxPages: 50, describeBackups: api.describeBackups });
    expect(api.queries).toHaveLength(3);
  });

  it('finds a given id with one filtered read', async () => {
    const api = pagedApi(many);
    const found = await resolveBackup({ instanceId: 'dds-x', selector: { kind: 'id', id: '1200' }, now: NOW, maxPages: 50, describeBackups: api.describeBackups });
    expect(found.id).toBe('1200');
    expect(api.queries).toHaveLength(1);
    expect(api.queries[0]!.backupId).toBe('1200');
  });

  it('still finds the id when the gateway ignores the filter', async () => {
    const api = pagedApi(many, { honourFilter: false });
    const found = await resolveBackup({ instanceId: 'dds-x', selector: { kind: 'id', id: '1230' }, now: NOW, maxPages: 50, describeBackups: api.describeBackups });
    expect(found.id).toBe('1230');
  });

  it("refuses an id that is not one of this instance's backups", async () => {
    const api = pagedApi(many);
    await expect(resolveBackup({ instanceId: 'dds-x', selector: { kind: 'id', id: '5' }, now: NOW, maxPages: 50, describeBackups: api.describeBackups }))
      .rejects.toThrow(new RefusalError("Backup 5 is not one of instance dds-x's backups. Check the backup id (it may belong to another instance), or use backup-id: latest."));
  });

  it('refuses latest when no backup succeeded', async () => {
    const api = pagedApi([backup('1', '2026-01-01T00:00:00Z', { status: 'Failed' })]);
    await expect(resolveBackup({ instanceId: 'dds-x', selector: { kind: 'latest' }, now: NOW, maxPages: 50, describeBackups: api.describeBackups }))
      .rejects.toThrow(/latest found no successful backup of instance dds-x.*1 found, none with status Success/);
  });

  it('stops at the page bound', async () => {
    const api = pagedApi(many);
    await resolveBackup({ instanceId: 'dds-x', selector: { kind: 'latest' }, now: NOW, maxPages: 2, describeBackups: api.describeBackups });
    expect(api.queries).toHaveLength(2);
  });
});
