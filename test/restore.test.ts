import { describe, expect, it } from '@jest/globals';
import { DEFAULT_LIMITS } from '../src/limits.js';
import { isRestoring, OutcomeUnknownError, restoreOnce } from '../src/restore.js';
import { apiError, FakeApi, FakeClock, instance } from './support/fakes.js';

function setup() {
  const api = new FakeApi();
  const clock = new FakeClock();
  const debug: string[] = [];
  const options = {
    api, describeInstance: (id: string) => api.describeInstance(id), instanceId: 'dds-test01', backupId: '9223372036854775807',
    limits: DEFAULT_LIMITS, clock, debug: (m: string) => debug.push(m), describe: (e: unknown) => (e as Error).message,
  };
  return { api, clock, debug, options };
}

describe('restoreOnce', () => {
  it('sends the restore once with the exact ids and returns the request id', async () => {
    const { api, options } = setup();
    expect(await restoreOnce(options)).toEqual({ requestId: 'REQ-RESTORE' });
    expect(api.calls).toEqual([{ op: 'restore', args: ['dds-test01', '9223372036854775807'] }]);
  });

  it.each([
    ['throttling', apiError('Throttling.User', 400)],
    ['503 ServiceUnavailable', apiError('ServiceUnavailable', 503)],
    ['a refused connection', apiError('ECONNREFUSED', 0, 'not-sent')],
  ])('resends after %s, which proves it did not run', async (_n, error) => {
    const { api, options } = setup();
    api.restoreScript = [error, { requestId: 'R2' }];
    expect(await restoreOnce(options)).toEqual({ requestId: 'R2' });
    expect(api.count('restore')).toBe(2);
  });

  it.each([
    ['a reset after sending', apiError('ECONNRESET', 0, 'network')],
    ['a timeout', apiError('Timeout', 0, 'timeout')],
    ['500 InternalError', apiError('InternalError', 500)],
    ['a 502 page', apiError('MalformedResponse', 0, 'malformed')],
  ])('never resends after %s; succeeds with a warning when the instance is Restoring', async (_n, error) => {
    const { api, options } = setup();
    api.restoreScript = [error, { requestId: 'must not be used' }];
    api.instanceScript = [instance({ status: 'Restoring', lockMode: 'LockByRestoration' })];
    const outcome = await restoreOnce(options);
    expect(api.count('restore')).toBe(1);
    expect(outcome.requestId).toBe('');
    expect(outcome.warning).toMatch(/is Restoring.*the restore was accepted\. Its request id is unknown/);
  });

  it('fails as unknown when the instance is not Restoring after an ambiguous failure', async () => {
    const { api, options } = setup();
    api.restoreScript = [apiError('ECONNRESET', 0, 'network')];
    const error = await restoreOnce(options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as Error).message).toMatch(/outcome is unknown.*ECONNRESET message.*is Running, not Restoring.*not sent again.*Check instance dds-test01.*before running the workflow again/);
    expect(api.count('restore')).toBe(1);
  });

  it('fails as unknown when the instance cannot be read either', async () => {
    const { api, options } = setup();
    api.restoreScript = [apiError('Timeout', 0, 'timeout')];
    api.instanceScript = [apiError('Forbidden.RAM', 403)];
    await expect(restoreOnce(options)).rejects.toThrow(/outcome is unknown.*could not be read afterwards/);
  });

  it.each(['OperationDenied.DBInstance', 'InvalidBackupID.NotFound', 'SignatureDoesNotMatch', 'InvalidAction.NotFound'])('fails at once on %s', async (code) => {
    const { api, options } = setup();
    api.restoreScript = [apiError(code, 403)];
    await expect(restoreOnce(options)).rejects.toMatchObject({ code });
    expect(api.calls.map((c) => c.op)).toEqual(['restore']);
  });

  it('gives up when throttling outlasts the budget, saying nothing was restored', async () => {
    const { api, options } = setup();
    api.restoreScript = [apiError('Throttling', 400)];
    await expect(restoreOnce(options)).rejects.toMatchObject({ code: 'Throttling' });
    expect(api.count('restore')).toBeGreaterThan(3);
  });
});

describe('isRestoring', () => {
  it.each([
    [{ status: 'Restoring', lockMode: '' }, true],
    [{ status: 'Running', lockMode: 'LockByRestoration' }, true],
    [{ status: 'Running', lockMode: 'Unlock' }, false],
  ])('%p -> %p', (i, expected) => expect(isRestoring(i)).toBe(expected));
});
