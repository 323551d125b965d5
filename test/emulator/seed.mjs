// The instances and backups a fresh emulator holds. Keys here are obviously fake and exist only in tests.

/** The access key the emulator knows, and an STS key whose token it checks. */
export const TEST_KEYS = Object.freeze({
  plain: Object.freeze({ accessKeyId: 'TESTKEYID0000000PLAIN', accessKeySecret: 'test+secret/with=odd&chars%20 ~!*()' }),
  sts: Object.freeze({
    accessKeyId: 'STS.TESTKEYID00000STS',
    accessKeySecret: 'sts+Secret/Value==&x',
    securityToken: 'CAIS+token/with==padding&and more+chars!*()~',
  }),
});

const DAY = 24 * 60 * 60 * 1000;

/** Formats a time the way DescribeBackups does: yyyy-MM-ddTHH:mm:ssZ. */
export function apiTime(ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function backup(id, startMs, { status = 'Success', minutes = 12, size = 734003200, method = 'Physical', mode = 'Automated' } = {}) {
  return {
    BackupId: id,
    BackupStatus: status,
    BackupStartTime: apiTime(startMs),
    BackupEndTime: apiTime(startMs + minutes * 60 * 1000),
    BackupType: 'FullBackup',
    BackupMethod: method,
    BackupMode: mode,
    BackupSize: size,
    BackupDBNames: '',
  };
}

function instance(id, fields, backups) {
  return {
    attributes: {
      DBInstanceId: id,
      DBInstanceType: 'replicate',
      ReplicationFactor: '3',
      DBInstanceClass: 'dds.mongo.mid',
      DBInstanceStatus: 'Running',
      LockMode: 'Unlock',
      RegionId: 'cn-hangzhou',
      ZoneId: 'cn-hangzhou-h',
      Engine: 'MongoDB',
      EngineVersion: '6.0',
      DBInstanceDescription: id,
      Tags: { Tag: [] },
      ...fields,
    },
    backups,
  };
}

/** Builds the seed state; `now` anchors the backup times so the newest is always recent. */
export function seedInstances(now = Date.now()) {
  const t = (daysAgo) => now - daysAgo * DAY;
  const many = [];
  // 120 backups, more than one page of 100, listed in no particular time order; the newest one failed.
  for (let i = 0; i < 120; i += 1) {
    const daysAgo = ((i * 37) % 120) + 1;
    many.push(backup(String(7100000000 + i), t(daysAgo)));
  }
  many.push(backup('7199999999', t(0.1), { status: 'Failed' }));
  const fifty = many.slice(0, 50).map((b) => ({ ...b, BackupId: String(Number(b.BackupId) + 100000) }));
  return [
    instance('dds-demo0001', {
      DBInstanceDescription: 'demo staging replica set',
      Tags: { Tag: [{ Key: 'env', Value: 'staging' }, { Key: 'team', Value: 'data' }] },
    }, [
      backup('5021000001', t(3)),
      backup('5021000003', t(1), { size: 812646400, mode: 'Manual' }),
      backup('5021000002', t(2)),
      backup('5021000004', t(0.5), { status: 'Failed', size: 0 }),
      backup('9223372036854775807', t(4), { method: 'Snapshot' }),
    ]),
    instance('dds-staging01', {
      DBInstanceDescription: 'staging',
      Tags: { Tag: [{ Key: 'env', Value: 'staging' }] },
    }, [backup('6100000001', t(1)), backup('6100000002', t(2))]),
    instance('dds-prod01', {
      DBInstanceDescription: 'production',
      Tags: { Tag: [{ Key: 'env', Value: 'production' }] },
    }, [backup('6200000001', t(1))]),
    instance('dds-standalone01', {
      ReplicationFactor: '1',
      DBInstanceClass: 'dds.sn.mid.1',
    }, [backup('6300000001', t(1))]),
    instance('dds-sharded01', {
      DBInstanceType: 'sharding',
      ReplicationFactor: '',
      DBInstanceClass: '',
    }, [backup('6400000001', t(1))]),
    instance('dds-busy01', { DBInstanceStatus: 'DBInstanceClassChanging' }, [backup('6500000001', t(1))]),
    instance('dds-many01', { Tags: { Tag: [{ Key: 'env', Value: 'staging' }] } }, many),
    instance('dds-fifty01', {}, fifty),
    instance('dds-nobackup01', {}, [backup('6600000001', t(1), { status: 'Failed' })]),
  ];
}
