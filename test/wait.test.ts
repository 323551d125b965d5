import { describe, expect, it } from '@jest/globals';
import { waitUntilRunning, WaitError } from '../src/wait.js';
import { apiError, FakeApi, FakeClock, instance } from './support/fakes.js';

function setup(statuses: (string | Error)[], overrides: Partial<Parameters<typeof waitUntilRunning>[0]> = {}) {
  const api = new FakeApi();
  api.instanceScript = statuses.map((s) => (s instanceof Error ? s : instance({ status: s, lockMode: s === 'Restoring' ? 'LockByRestoration' : 'Unlock' })));
  const clock = new FakeClock();
  const info: string[] = [];
  const warnings: string[] = [];
  const options = {
    describeInstance: (id: string) => api.describeInstance(id), instanceId: 'dds-test01', timeoutMs: 600_000, intervalMs: 15_000, graceMs: 30_000,
    clock, log: { info: (m: string) => info.push(m), warning: (m: string) => warnings.push(m) }, describe: (e: unknown) => (e as Error).message,
    ...overrides,
  };
  return { api, clock, info, warnings, options };
}

describe('waitUntilRunning', () => {
  it('polls at once, then every interval, until Running after Restoring', async () => {
    const { api, clock, info, options } = setup(['Restoring', 'Restoring', 'Restoring', 'Running']);
    const result = await waitUntilRunning(options);
    expect(result).toEqual({ status: 'Running', waitedMs: 45_000 });
    expect(api.count('describeInstance')).toBe(4);
    expect(clock.sleeps).toEqual([15_000, 15_000, 15_000]);
    expect(info).toEqual(['Instance dds-test01 is Restoring (0s into the wait).', 'Instance dds-test01 is Running (45s into the wait).']);
  });

  it('does not call the first Running the end when Restoring was never seen; finishes after the grace period', async () => {
    const { api, options } = setup(['Running']);
    const result = await waitUntilRunning(options);
    expect(result.warning).toMatch(/is Running, but was never seen Restoring within 30s.*Check the instance/);
    expect(result.waitedMs).toBeGreaterThanOrEqual(30_000);
    expect(api.count('describeInstance')).toBe(3);
  });

  it('counts Restoring seen before the wait', async () => {
    const { options } = setup(['Running'], { seen: instance({ status: 'Restoring' }) });
    expect(await waitUntilRunning(options)).toEqual({ status: 'Running', waitedMs: 0 });
  });

  it('times out with the last status, saying the restore goes on', async () => {
    const { options } = setup(['Restoring'], { timeoutMs: 60_000 });
    const error = await waitUntilRunning(options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitError);
    expect(error).toMatchObject({ status: 'Restoring', waitedMs: 60_000 });
    expect((error as Error).message).toMatch(/Timed out after 1m 00s waiting for dds-test01 to be Running; its status is Restoring\. The restore goes on in the cloud and was not cancelled/);
  });

  it('rides out transient errors', async () => {
    const { warnings, options } = setup(['Restoring', apiError('ServiceUnavailable', 503), apiError('ECONNRESET', 0, 'network'), 'Running']);
    expect((await waitUntilRunning(options)).warning).toBeUndefined();
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/the wait goes on/);
  });

  it('fails clearly when the STS token expires, saying the restore goes on', async () => {
    const { options } = setup(['Restoring', apiError('InvalidSecurityToken.Expired', 400)]);
    const error = await waitUntilRunning(options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitError);
    expect((error as WaitError).status).toBe('Restoring');
    expect((error as Error).message).toMatch(/token expired while waiting.*restore itself goes on.*role-session-expiration/);
  });

  it('fails at once on errors retrying cannot fix', async () => {
    const { options } = setup([apiError('Forbidden.RAM', 403)]);
    await expect(waitUntilRunning(options)).rejects.toMatchObject({ code: 'Forbidden.RAM' });
  });

  it('reports progress at a steady pace while the status stays the same', async () => {
    const { info, options } = setup(['Restoring'], { timeoutMs: 300_000, intervalMs: 15_000 });
    await expect(waitUntilRunning(options)).rejects.toBeInstanceOf(WaitError);
    expect(info.filter((m) => m.startsWith('Still Restoring'))).toHaveLength(5); // at 1, 2, 3, 4 and 5 minutes
  });
});
