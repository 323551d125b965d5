import { describe, expect, it } from '@jest/globals';
import { checkBackup, checkConfirmed, checkInstance, checkTags } from '../src/guards.js';
import { backup, instance } from './support/fakes.js';

describe('checkConfirmed', () => {
  it.each([
    [{ confirm: true, dryRun: false }, 0],
    [{ confirm: false, dryRun: true }, 0],
    [{ confirm: false, dryRun: false }, 1],
  ])('%p -> %i reasons', (settings, count) => {
    const reasons = checkConfirmed(settings);
    expect(reasons).toHaveLength(count);
    if (count) expect(reasons[0]).toMatch(/"confirm" is not true.*confirm: true.*dry-run: true/);
  });
});

describe('checkInstance', () => {
  it.each([
    ['a running replica set', {}, []],
    ['a sharded cluster', { type: 'sharding', replicationFactor: '' }, [/sharded cluster.*new instance/]],
    ['a serverless instance', { type: 'serverless' }, [/type "serverless", not a replica set/]],
    ['a standalone instance (replication factor 1)', { replicationFactor: '1' }, [/standalone \(replication factor 1.*new instance/]],
    ['a standalone class', { replicationFactor: '', instanceClass: 'dds.sn.mid.1' }, [/standalone.*dds\.sn\.mid\.1/]],
    ['an instance changing class', { status: 'DBInstanceClassChanging' }, [/is DBInstanceClassChanging, not Running\. Run the workflow again when it is Running/]],
    ['an instance already restoring', { status: 'Restoring' }, [/is Restoring, not Running/]],
    ['a standalone instance that is also busy', { replicationFactor: '1', status: 'Rebooting' }, [/standalone/, /Rebooting/]],
  ])('%s', (_name, overrides, expected) => {
    const reasons = checkInstance(instance(overrides));
    expect(reasons).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(reasons[i]).toMatch(pattern));
  });
});

describe('checkTags', () => {
  const tagged = instance({ tags: [{ key: 'env', value: 'staging' }, { key: 'team', value: 'data' }] });
  it.each([
    ['no required tags', [], []],
    ['one matching tag', [{ key: 'env', value: 'staging' }], []],
    ['several matching tags', [{ key: 'env', value: 'staging' }, { key: 'team', value: 'data' }], []],
    ['a different value', [{ key: 'env', value: 'production' }], [/has tag env="staging", but require-tag wants "production"/]],
    ['a missing tag', [{ key: 'owner', value: 'me' }], [/has no tag "owner" \(require-tag wants owner=me\)/]],
    ['one good, two bad', [{ key: 'env', value: 'staging' }, { key: 'team', value: 'web' }, { key: 'x', value: '1' }], [/team="data"/, /no tag "x"/]],
  ])('%s', (_name, required, expected) => {
    const reasons = checkTags(tagged, required);
    expect(reasons).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(reasons[i]).toMatch(pattern));
  });
});

describe('checkBackup', () => {
  it.each([
    ['Success', 0],
    ['Failed', 1],
    ['Running', 1],
    ['', 1],
  ])('status %p -> %i reasons', (status, count) => {
    const reasons = checkBackup(backup('7', '2026-01-01T00:00:00Z', { status }));
    expect(reasons).toHaveLength(count);
    if (count) expect(reasons[0]).toMatch(/Backup 7 has status .*not Success/);
  });
});
