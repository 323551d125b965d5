import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createEmulator, percentEncode, sign, stringToSign } from './emulator/server.mjs';
import { TEST_KEYS } from './emulator/seed.mjs';

const emulator = createEmulator({ restoringReads: 2 });
beforeAll(() => emulator.start());
afterEach(() => emulator.reset());
afterAll(() => emulator.stop());

let nonce = 0;
function signed(params: Record<string, string>, overrides: Record<string, string> = {}, secret: string = TEST_KEYS.plain.accessKeySecret) {
  nonce += 1;
  const all: Record<string, string> = {
    Format: 'JSON', Version: '2015-12-01', AccessKeyId: TEST_KEYS.plain.accessKeyId, SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0',
    SignatureNonce: `nonce-${nonce}-${Date.now()}`, Timestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), ...params, ...overrides,
  };
  all.Signature = sign(secret, stringToSign('POST', all));
  return all;
}

async function post(params: Record<string, string>) {
  const body = Object.entries(params).map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&');
  const res = await fetch(`${emulator.url}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('emulator', () => {
  it('answers a correctly signed request', async () => {
    const { status, json } = await post(signed({ Action: 'DescribeDBInstanceAttribute', DBInstanceId: 'dds-demo0001' }));
    expect(status).toBe(200);
    expect(json).toMatchObject({ RequestId: expect.any(String), DBInstances: { DBInstance: [{ DBInstanceId: 'dds-demo0001' }] } });
  });

  it('rejects a wrong signature, echoing the string to sign like the gateway', async () => {
    const { status, json } = await post(signed({ Action: 'DescribeDBInstanceAttribute', DBInstanceId: 'dds-demo0001' }, {}, 'nope'));
    expect(status).toBe(400);
    expect(json).toMatchObject({ Code: 'SignatureDoesNotMatch', RequestId: expect.any(String), HostId: expect.any(String), Recommend: expect.any(String) });
    expect(String(json.Message)).toContain('server string to sign is:POST&%2F&AccessKeyId%3D');
  });

  it('rejects a reused nonce', async () => {
    const params = signed({ Action: 'DescribeDBInstanceAttribute', DBInstanceId: 'dds-demo0001' });
    expect((await post(params)).status).toBe(200);
    expect((await post(params)).json.Code).toBe('SignatureNonceUsed');
  });

  it('rejects a timestamp outside the 15-minute window', async () => {
    const old = new Date(Date.now() - 16 * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
    expect((await post(signed({ Action: 'DescribeDBInstanceAttribute', DBInstanceId: 'dds-demo0001' }, { Timestamp: old }))).json.Code).toBe('InvalidTimeStamp.Expired');
  });

  it('rejects an unknown key and an STS key without its token', async () => {
    expect((await post(signed({ Action: 'DescribeBackups', DBInstanceId: 'dds-demo0001' }, { AccessKeyId: 'NOPE' }))).json.Code).toBe('InvalidAccessKeyId.NotFound');
    const sts = signed({ Action: 'DescribeBackups', DBInstanceId: 'dds-demo0001' }, { AccessKeyId: TEST_KEYS.sts.accessKeyId }, TEST_KEYS.sts.accessKeySecret);
    expect((await post(sts)).json.Code).toBe('MissingSecurityToken');
  });

  it('refuses sharded and standalone restores with OperationDenied.DBInstance', async () => {
    for (const id of ['dds-sharded01', 'dds-standalone01']) {
      const { status, json } = await post(signed({ Action: 'RestoreDBInstance', DBInstanceId: id, BackupId: '6400000001' }));
      expect([status, json.Code]).toEqual([403, 'OperationDenied.DBInstance']);
    }
    expect(emulator.restores).toEqual([]);
  });

  it('moves a restored instance through Restoring back to Running after the configured reads', async () => {
    expect((await post(signed({ Action: 'RestoreDBInstance', DBInstanceId: 'dds-staging01', BackupId: '6100000001' }))).status).toBe(200);
    const statuses = [];
    for (let i = 0; i < 3; i += 1) {
      const { json } = await post(signed({ Action: 'DescribeDBInstanceAttribute', DBInstanceId: 'dds-staging01' }));
      statuses.push((json.DBInstances as { DBInstance: { DBInstanceStatus: string }[] }).DBInstance[0]!.DBInstanceStatus);
    }
    expect(statuses).toEqual(['Restoring', 'Restoring', 'Running']);
  });

  it('pages backups and validates PageSize', async () => {
    const { json } = await post(signed({ Action: 'DescribeBackups', DBInstanceId: 'dds-many01', PageSize: '100', PageNumber: '2' }));
    expect(json).toMatchObject({ TotalCount: 121, PageNumber: 2, PageSize: 100 });
    expect((json.Backups as { Backup: unknown[] }).Backup).toHaveLength(21);
    expect((await post(signed({ Action: 'DescribeBackups', DBInstanceId: 'dds-many01', PageSize: '40' }))).json.Code).toBe('InvalidParameter');
  });

  it('throttles past its rate limit', async () => {
    emulator.maxRequestsPerSecond = 1;
    try {
      await post(signed({ Action: 'DescribeDBInstanceAttribute', DBInstanceId: 'dds-demo0001' }));
      expect((await post(signed({ Action: 'DescribeDBInstanceAttribute', DBInstanceId: 'dds-demo0001' }))).json.Code).toBe('Throttling.User');
    } finally {
      emulator.maxRequestsPerSecond = 0;
    }
  });

  it('answers InvalidAction.NotFound when the operation is withdrawn', async () => {
    emulator.withdrawn = true;
    try {
      expect((await post(signed({ Action: 'RestoreDBInstance', DBInstanceId: 'dds-demo0001', BackupId: '5021000001' }))).json.Code).toBe('InvalidAction.NotFound');
    } finally {
      emulator.withdrawn = false;
    }
  });
});

describe('emulator command line', () => {
  it('prints its URL and serves the control endpoints', async () => {
    const { spawn } = await import('node:child_process');
    const { join } = await import('node:path');
    const { ROOT } = await import('./emulator/runner.mjs');
    const child = spawn(process.execPath, [join(ROOT, 'test', 'emulator', 'cli.mjs'), '--restoring-reads', '3'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.once('data', (d: Buffer) => resolve(String(d).trim()));
        child.once('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const state = (await (await fetch(`${url}/__emulator/state`)).json()) as { requests: unknown[]; restores: unknown[] };
      expect(state).toEqual({ requests: [], restores: [] });
      const fault = await fetch(`${url}/__emulator/faults`, { method: 'POST', body: JSON.stringify({ kind: 'throttle' }) });
      expect(fault.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
