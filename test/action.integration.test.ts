// The bundled action, run the way a runner runs it, against the emulator: the contract end to end.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEmulator } from './emulator/server.mjs';
import { TEST_KEYS } from './emulator/seed.mjs';
import { errorLine, runAgainst } from './support/action.js';

const emulator = createEmulator({ restoringReads: 2 });
beforeAll(() => emulator.start());
afterEach(() => {
  emulator.reset();
  emulator.withdrawn = false;
});
afterAll(() => emulator.stop());

const restoreRequests = () => emulator.requests.filter((r) => r.action === 'RestoreDBInstance');

describe('a restore', () => {
  it('restores once with the right ids and reports the request id', async () => {
    const run = await runAgainst(emulator, { inputs: { 'instance-id': 'dds-demo0001', 'backup-id': '5021000002' } });
    expect(run.code).toBe(0);
    expect(emulator.restores).toEqual([{ instanceId: 'dds-demo0001', backupId: '5021000002', requestId: run.outputs['request-id'], at: expect.any(Number) }]);
    expect(run.outputs).toMatchObject({ 'backup-id': '5021000002', 'backup-time': expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) });
    expect(emulator.requests.map((r) => r.action).sort()).toEqual(['DescribeBackups', 'DescribeDBInstanceAttribute', 'RestoreDBInstance']);
    expect(run.summary).toContain('dds-demo0001');
    expect(run.summary).toContain('5021000002');
    expect(run.summary).toContain(run.outputs['request-id']);
    expect(run.summary).toContain('octocat (workflow_dispatch)');
    expect(run.summary).toContain('https://github.com/example/staging-ops/actions/runs/4242');
  });

  it('sends a 19-digit backup id digit for digit', async () => {
    const run = await runAgainst(emulator, { inputs: { 'instance-id': 'dds-demo0001', 'backup-id': '9223372036854775807' } });
    expect(run.code).toBe(0);
    expect(restoreRequests()[0]!.params.BackupId).toBe('9223372036854775807');
    expect(run.outputs['backup-id']).toBe('9223372036854775807');
  });

  it('leaks nothing with DEBUG=* set (pop-core\'s debug would print signed bodies)', async () => {
    const run = await runAgainst(emulator, { credentials: 'sts', inputs: { 'instance-id': 'dds-demo0001', 'backup-id': '5021000001' }, env: { DEBUG: '*' } });
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/httpx/);
  });

  it("prints no url.parse deprecation warning (Node 24's default for bundled code, --pending-deprecation on 20)", async () => {
    const run = await runAgainst(emulator, { inputs: { 'instance-id': 'dds-demo0001', 'backup-id': '5021000001' }, env: { NODE_OPTIONS: '--pending-deprecation' } });
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('DEP0169');
  });

  it('works with STS credentials from the environment', async () => {
    const run = await runAgainst(emulator, {
      credentials: 'none',
      inputs: { 'instance-id': 'dds-demo0001', 'backup-id': '5021000001' },
      env: { ALIBABA_CLOUD_ACCESS_KEY_ID: TEST_KEYS.sts.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: TEST_KEYS.sts.accessKeySecret, ALIBABA_CLOUD_SECURITY_TOKEN: TEST_KEYS.sts.securityToken },
    });
    expect(run.code).toBe(0);
    expect(emulator.restores).toHaveLength(1);
    expect(run.stdout).toContain('Credentials from ALIBABA_CLOUD_* environment');
  });
});

describe('refusals before any request', () => {
  it.each([
    ['confirm false', { confirm: 'false' }, /"confirm" is not true/],
    ['confirm empty', { confirm: '' }, /"confirm" is not true/],
    ['confirm yes', { confirm: 'yes' }, /"confirm" is invalid: "yes"/],
    ['confirm 1', { confirm: '1' }, /"confirm" is invalid: "1"/],
    ['a malformed instance id', { 'instance-id': 'dds-x&BackupId=1' }, /"instance-id" is invalid: "dds-x&BackupId=1"/],
    ['a backup id with letters', { 'backup-id': '12ab' }, /"backup-id" is invalid: "12ab"/],
    ['a backup id with a shell character', { 'backup-id': '1;reboot' }, /"backup-id" is invalid/],
    ['an http endpoint that is not loopback', { endpoint: 'http://mongodb.aliyuncs.com' }, /"endpoint" is invalid: plain http/],
    ['a region with a slash', { endpoint: '', 'region-id': 'cn/hangzhou' }, /"region-id" is invalid: "cn\/hangzhou"/],
    ['neither region nor endpoint', { endpoint: '' }, /"region-id".*"endpoint"/],
    ['a bad require-tag line', { 'require-tag': 'env' }, /"require-tag" is invalid/],
    ['a wait timeout over 360', { 'wait-timeout-minutes': '400' }, /"wait-timeout-minutes" is invalid: "400"/],
    ['a poll interval of 0', { 'poll-interval-seconds': '0' }, /"poll-interval-seconds" is invalid: "0"/],
  ])('%s', async (_name, inputs, message) => {
    const run = await runAgainst(emulator, { inputs: { 'instance-id': 'dds-demo0001', 'backup-id': '5021000001', ...inputs } });
    expect(run.code).toBe(1);
    expect(errorLine(run)).toMatch(message);
    expect(emulator.requests).toEqual([]);
    expect(run.summary).toContain('Refused');
  });

  it('refuses a key id without its secret, without showing the secret of another source', async () => {
    const run = await runAgainst(emulator, { credentials: 'none', inputs: { 'instance-id': 'dds-demo0001', 'backup-id': '1', 'access-key-id': 'ONLYID' } });
    expect(errorLine(run)).toMatch(/"access-key-id" is set \("ONLYID"\), but input "access-key-secret" is empty/);
    expect(emulator.requests).toEqual([]);
  });

  it('refuses with no credentials, naming the inputs and the variable', async () => {
    const run = await runAgainst(emulator, { credentials: 'none', inputs: { 'instance-id': 'dds-demo0001', 'backup-id': '1' } });
    expect(errorLine(run)).toMatch(/"access-key-id".*"access-key-secret".*ALIBABA_CLOUD_ACCESS_KEY_ID/);
    expect(emulator.requests).toEqual([]);
  });
});

describe('pre-flight refusals: reads only, zero restores', () => {
  it.each([
    ['a sharded cluster', { 'instance-id': 'dds-sharded01', 'backup-id': '6400000001' }, /sharded cluster/],
    ['a standalone instance', { 'instance-id': 'dds-standalone01', 'backup-id': '6300000001' }, /standalone/],
    ['a busy instance', { 'instance-id': 'dds-busy01', 'backup-id': '6500000001' }, /DBInstanceClassChanging, not Running/],
    ["another instance's backup", { 'instance-id': 'dds-staging01', 'backup-id': '6200000001' }, /Backup 6200000001 is not one of instance dds-staging01's backups/],
    ['a failed backup', { 'instance-id': 'dds-demo0001', 'backup-id': '5021000004' }, /Backup 5021000004 has status Failed/],
    ['latest with no successful backup', { 'instance-id': 'dds-nobackup01', 'backup-id': 'latest' }, /latest found no successful backup/],
    ['an unknown instance', { 'instance-id': 'dds-doesnotexist', 'backup-id': '1', 'region-id': 'cn-hangzhou' }, /InvalidDBInstanceId.NotFound.*region cn-hangzhou/],
    ['a missing required tag', { 'instance-id': 'dds-prod01', 'backup-id': '6200000001', 'require-tag': 'env=staging' }, /env="production", but require-tag wants "staging"/],
    ['one of several tags wrong', { 'instance-id': 'dds-demo0001', 'backup-id': '5021000001', 'require-tag': 'env=staging\nteam=web' }, /team="data", but require-tag wants "web"/],
  ])('%s', async (_name, inputs, message) => {
    const run = await runAgainst(emulator, { inputs });
    expect(run.code).toBe(1);
    expect(errorLine(run)).toMatch(message);
    expect(restoreRequests()).toEqual([]);
    expect(run.summary).toMatch(/Refused/);
  });

  it('passes several matching tags', async () => {
    const run = await runAgainst(emulator, { inputs: { 'instance-id': 'dds-demo0001', 'backup-id': '5021000001', 'require-tag': 'env=staging\nteam=data' } });
    expect(run.code).toBe(0);
    expect(emulator.restores).toHaveLength(1);
  });
});

describe('latest, dry run and preflight: false', () => {
  it('latest picks the newest successful backup across pages, though the newest failed', async () => {
    const run = await runAgainst(emulator, { inputs: { 'instance-id': 'dds-many01', 'backup-id': 'latest' } });
    expect(run.code).toBe(0);
    const all = emulator.instances.get('dds-many01')!.backups as { BackupId: string; BackupStatus: string; BackupEndTime: string }[];
    const newest = all.filter((b) => b.BackupStatus === 'Success').sort((a, b) => Date.parse(b.BackupEndTime) - Date.parse(a.BackupEndTime))[0]!;
    expect(emulator.restores.map((r) => r.backupId)).toEqual([newest.BackupId]);
    expect(run.outputs['backup-id']).toBe(newest.BackupId);
    expect(emulator.requests.filter((r) => r.action === 'DescribeBackups').map((r) => r.params.PageNumber)).toEqual(['1', '2']);
  });

  it('a dry run reads, resolves, sets the outputs and restores nothing, without confirm', async () => {
    const run = await runAgainst(emulator, { inputs: { 'instance-id': 'dds-demo0001', 'backup-id': 'latest', 'dry-run': 'true', confirm: 'false' } });
    expect(run.code).toBe(0);
    expect(restoreRequests()).toEqual([]);
    expect(run.outputs['backup-id']).toBe('5021000003');
    expect(run.outputs['backup-time']).toMatch(/Z$/);
    expect(run.outputs['request-id'] ?? '').toBe('');
    expect(run.summary).toContain('Dry run');
  });

  it('a dry run fails when the restore would be refused', async () => {
    const run = await runAgainst(emulator, { inputs: { 'instance-id': 'dds-busy01', 'backup-id': '6500000001', 'dry-run': 'true' } });
    expect(run.code).toBe(1);
    expect(restoreRequests()).toEqual([]);
  });

  it('preflight: false sends exactly one request', async () => {
    const run = await runAgainst(emulator, { inputs: { 'instance-id': 'dds-demo0001', 'backup-id': '5021000001', preflight: 'false' } });
    expect(run.code).toBe(0);
    expect(emulator.requests.map((r) => r.action)).toEqual(['RestoreDBInstance']);
  });

  it("preflight: false leaves a sharded instance to the server's refusal, with its code and hint", async () => {
    const run = await runAgainst(emulator, { inputs: { 'instance-id': 'dds-sharded01', 'backup-id': '6400000001', preflight: 'false' } });
    expect(run.code).toBe(1);
    expect(errorLine(run)).toMatch(/OperationDenied.DBInstance: .*\(RequestId: E0E0.*\)\. RestoreDBInstance works on replica sets only/);
    expect(emulator.requests).toHaveLength(1);
  });
});

describe('API errors', () => {
  it('a wrong secret fails with SignatureDoesNotMatch and the RequestId, and no secret anywhere', async () => {
    const run = await runAgainst(emulator, {
      credentials: 'none',
      inputs: { 'instance-id': 'dds-demo0001', 'backup-id': '5021000001', 'access-key-id': TEST_KEYS.sts.accessKeyId, 'access-key-secret': TEST_KEYS.plain.accessKeySecret, 'security-token': TEST_KEYS.sts.securityToken },
    });
    expect(run.code).toBe(1);
    expect(errorLine(run)).toMatch(/SignatureDoesNotMatch: Specified signature is not matched.*\(RequestId: E0E0[^)]*\).*check that access-key-secret/);
    expect(errorLine(run)).toContain('SecurityToken%3D***%26');
    expect(emulator.restores).toEqual([]);
  });

  it('says plainly when the API has been withdrawn', async () => {
    emulator.withdrawn = true;
    const run = await runAgainst(emulator, { inputs: { 'instance-id': 'dds-demo0001', 'backup-id': '5021000001' } });
    expect(run.code).toBe(1);
    expect(errorLine(run)).toMatch(/InvalidAction.NotFound.*withdrawn.*create a new instance from the backup/);
  });

  it('explains an expired STS token', async () => {
    emulator.injectFault({ kind: 'expired-token', times: 2 });
    const run = await runAgainst(emulator, { credentials: 'sts', inputs: { 'instance-id': 'dds-demo0001', 'backup-id': '5021000001' } });
    expect(run.code).toBe(1);
    expect(errorLine(run)).toMatch(/InvalidSecurityToken.Expired.*fresh credentials/);
    expect(emulator.restores).toEqual([]);
  });
});

describe('resilience', () => {
  it('survives throttling and 503 on every call with exactly one restore', async () => {
    for (const action of ['DescribeDBInstanceAttribute', 'DescribeBackups', 'RestoreDBInstance']) {
      emulator.injectFault({ action, kind: 'throttle', times: 2 });
      emulator.injectFault({ action, kind: 'unavailable', times: 1 });
    }
    const run = await runAgainst(emulator, { inputs: { 'instance-id': 'dds-demo0001', 'backup-id': '5021000001' } });
    expect(run.code).toBe(0);
    expect(emulator.restores).toHaveLength(1);
    expect(restoreRequests()).toHaveLength(4);
    expect(run.stdout).toMatch(/::debug::RestoreDBInstance: attempt 1 failed with Throttling.User; next attempt in \d+ ms/);
  });

  it('a reset after the restore was applied: no resend, success with a warning once seen Restoring', async () => {
    emulator.injectFault({ action: 'RestoreDBInstance', kind: 'reset', afterApply: true });
    const run = await runAgainst(emulator, { inputs: { 'instance-id': 'dds-demo0001', 'backup-id': '5021000001' } });
    expect(run.code).toBe(0);
    expect(restoreRequests()).toHaveLength(1);
    expect(emulator.restores).toHaveLength(1);
    expect(run.stdout).toMatch(/::warning::.*the restore was accepted\. Its request id is unknown/);
    expect(run.outputs['request-id']).toBe('');
    expect(run.outputs.status).toBe('Restoring');
  });

  it('a 500 that did not apply: no resend, failure saying the outcome is unknown', async () => {
    emulator.injectFault({ action: 'RestoreDBInstance', kind: 'internal' });
    const run = await runAgainst(emulator, { inputs: { 'instance-id': 'dds-demo0001', 'backup-id': '5021000001' } });
    expect(run.code).toBe(1);
    expect(restoreRequests()).toHaveLength(1);
    expect(emulator.restores).toEqual([]);
    expect(errorLine(run)).toMatch(/outcome is unknown.*InternalError.*not Restoring.*Check instance dds-demo0001/);
  });

  it('a restore that never answers: abandoned, not resent, success once seen Restoring', async () => {
    emulator.injectFault({ action: 'RestoreDBInstance', kind: 'hang', afterApply: true });
    const run = await runAgainst(emulator, { inputs: { 'instance-id': 'dds-demo0001', 'backup-id': '5021000001' } });
    expect(run.code).toBe(0);
    expect(restoreRequests()).toHaveLength(1);
    expect(run.stdout).toMatch(/no answer from the endpoint http:\/\/127\.0\.0\.1:\d+ in time/);
  });

  it('a proxy error in JSON without a Code is not taken for an answer, nor resent', async () => {
    emulator.injectFault({ action: 'DescribeBackups', kind: 'json-error' });
    emulator.injectFault({ action: 'RestoreDBInstance', kind: 'json-error', afterApply: true });
    const run = await runAgainst(emulator, { inputs: { 'instance-id': 'dds-demo0001', 'backup-id': '5021000001' } });
    expect(run.code).toBe(0);
    expect(restoreRequests()).toHaveLength(1);
    expect(run.stdout).toMatch(/::warning::The restore request failed \(HTTP502: HTTP 502 from the endpoint/);
  });

  it('a describe that never answers is retried', async () => {
    emulator.injectFault({ action: 'DescribeDBInstanceAttribute', kind: 'hang' });
    emulator.injectFault({ action: 'DescribeBackups', kind: 'html' });
    const run = await runAgainst(emulator, { inputs: { 'instance-id': 'dds-demo0001', 'backup-id': '5021000001' } });
    expect(run.code).toBe(0);
    expect(emulator.requests.filter((r) => r.action === 'DescribeDBInstanceAttribute')).toHaveLength(2);
    expect(emulator.restores).toHaveLength(1);
  });

  it('a refused connection fails quickly, naming the endpoint', async () => {
    const server = http.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    await new Promise((r) => server.close(r));
    const run = await runAgainst({ ...emulator, url: `http://127.0.0.1:${port}` }, { inputs: { 'instance-id': 'dds-demo0001', 'backup-id': '5021000001' } });
    expect(run.code).toBe(1);
    expect(errorLine(run)).toContain(`could not connect to the endpoint http://127.0.0.1:${port} (ECONNREFUSED)`);
    expect(run.ms).toBeLessThan(60_000);
  });

  it('an endpoint that accepts but never answers fails well under a minute, having restored nothing', async () => {
    emulator.injectFault({ kind: 'hang', times: 100 });
    const run = await runAgainst(emulator, { inputs: { 'instance-id': 'dds-demo0001', 'backup-id': '5021000001' } });
    expect(run.code).toBe(1);
    expect(errorLine(run)).toMatch(/no answer from the endpoint http:\/\/127\.0\.0\.1:\d+ in time/);
    expect(restoreRequests()).toEqual([]);
    expect(run.ms).toBeLessThan(40_000);
  });

  it('many concurrent runs against a gateway that admits a few requests a second each restore once', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `dds-matrix${String(i).padStart(2, '0')}`);
    const template = emulator.instances.get('dds-staging01')!;
    for (const id of ids) {
      emulator.instances.set(id, { ...structuredClone(template), attributes: { ...structuredClone(template.attributes), DBInstanceId: id } });
    }
    emulator.maxRequestsPerSecond = 4;
    try {
      const runs = await Promise.all(ids.map((id) => runAgainst(emulator, { inputs: { 'instance-id': id, 'backup-id': '6100000001', wait: 'true', 'poll-interval-seconds': '1' }, timeoutMs: 280_000 })));
      expect(runs.map((r) => r.code)).toEqual(ids.map(() => 0));
      expect(emulator.restores.map((r) => r.instanceId).sort()).toEqual(ids);
      expect(emulator.requests.some((r) => r.code === 'Throttling.User')).toBe(true);
    } finally {
      emulator.maxRequestsPerSecond = 0;
    }
  }, 300_000);
});

describe('waiting', () => {
  it('ends with status Running after the restore finishes', async () => {
    const run = await runAgainst(emulator, { inputs: { 'instance-id': 'dds-demo0001', 'backup-id': '5021000001', wait: 'true', 'poll-interval-seconds': '1' } });
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('Running');
    expect(run.stdout).toContain('Restore finished: dds-demo0001 is Running again');
    expect(run.summary).toMatch(/Waited/);
  });

  it('fails clearly on timeout, with the last status', async () => {
    emulator.restoringReads = 1000;
    try {
      const run = await runAgainst(emulator, { inputs: { 'instance-id': 'dds-demo0001', 'backup-id': '5021000001', wait: 'true', 'wait-timeout-minutes': '0.05', 'poll-interval-seconds': '1' } });
      expect(run.code).toBe(1);
      expect(run.outputs.status).toBe('Restoring');
      expect(errorLine(run)).toMatch(/Timed out after \d+s waiting for dds-demo0001.*Restoring.*goes on in the cloud and was not cancelled/);
      expect(emulator.restores).toHaveLength(1);
    } finally {
      emulator.restoringReads = 2;
    }
  });

  it('fails clearly when the token expires during the wait', async () => {
    emulator.restoringReads = 1000;
    try {
      const pending = runAgainst(emulator, { credentials: 'sts', inputs: { 'instance-id': 'dds-demo0001', 'backup-id': '5021000001', wait: 'true', 'poll-interval-seconds': '1' } });
      const deadline = Date.now() + 20_000;
      while (emulator.restores.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      emulator.injectFault({ action: 'DescribeDBInstanceAttribute', kind: 'expired-token', times: 100 });
      const run = await pending;
      expect(run.code).toBe(1);
      expect(errorLine(run)).toMatch(/token expired while waiting.*restore itself goes on.*role-session-expiration/);
    } finally {
      emulator.restoringReads = 2;
    }
  });
});
