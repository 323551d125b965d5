import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRedactor } from '../src/redact.js';
import { planLines, writeSummary, type RunReport } from '../src/report.js';
import { backup, instance } from './support/fakes.js';

describe('planLines', () => {
  it('describes instance, backup and what will happen', () => {
    const report: RunReport = { result: 'failed', warnings: [], instanceId: 'dds-test01', backupId: '100', endpoint: 'https://e', instance: instance(), backup: backup('100', '2026-01-01T00:10:00Z', { startTime: '2026-01-01T00:00:00Z' }) };
    expect(planLines(report, false)).toEqual([
      'Instance: dds-test01 "test", dds.mongo.mid, MongoDB 6.0, cn-hangzhou, Running',
      'Backup: 100, 2026-01-01T00:00:00Z to 2026-01-01T00:10:00Z, 1.0 KiB, Physical FullBackup',
      'Endpoint: https://e',
      'Next: RestoreDBInstance overwrites all data on dds-test01 with backup 100. This cannot be undone.',
    ]);
    expect(planLines({ ...report, instance: undefined, backup: undefined }, true)).toEqual([
      'Instance: dds-test01 (not read: preflight is false)',
      'Backup: 100 (not read: preflight is false)',
      'Endpoint: https://e',
      'Dry run: the checks are done and nothing will be restored.',
    ]);
  });
});

describe('writeSummary', () => {
  let dir = '';
  const saved = { ...process.env };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'summary-'));
    process.env.GITHUB_STEP_SUMMARY = join(dir, 'summary.md');
    writeFileSync(process.env.GITHUB_STEP_SUMMARY, '');
    Object.assign(process.env, { GITHUB_ACTOR: 'alice', GITHUB_EVENT_NAME: 'schedule', GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '7', GITHUB_SERVER_URL: 'https://github.com' });
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    process.env = { ...saved };
  });

  it('names instance, backup, request id, trigger and result, with secrets redacted and HTML escaped', async () => {
    const report: RunReport = {
      result: 'refused', warnings: ['careful <b>'], instanceId: 'dds-test01', backupId: '100', requestId: '',
      reason: 'bad secret S3CRET+x and <script>', durationMs: 83_000, instance: instance(), backup: backup('100', '2026-01-01T00:10:00Z'),
    };
    await writeSummary(report, createRedactor(['S3CRET+x']));
    const text = readFileSync(process.env.GITHUB_STEP_SUMMARY!, 'utf8');
    expect(text).toContain('Refused: nothing was restored');
    expect(text).toContain('dds-test01 (test)');
    expect(text).toContain('alice (schedule)');
    expect(text).toContain('https://github.com/o/r/actions/runs/7');
    expect(text).toContain('1m 23s');
    expect(text).toContain('bad secret *** and &lt;script&gt;');
    expect(text).toContain('careful &lt;b&gt;');
    expect(text).not.toContain('S3CRET');
  });

  it('does nothing without a summary file', async () => {
    delete process.env.GITHUB_STEP_SUMMARY;
    await expect(writeSummary({ result: 'failed', warnings: [] }, (t) => t)).resolves.toBeUndefined();
  });
});
