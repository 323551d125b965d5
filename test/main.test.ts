// run() in-process with a fake API and a fake clock: the story's branches without real time or network.
import { afterAll, afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClientOptions } from '../src/pop-client.js';
import { DEFAULT_LIMITS } from '../src/limits.js';
import { run } from '../src/main.js';
import { parseOutputs } from './emulator/runner.mjs';
import { apiError, FakeApi, FakeClock, instance } from './support/fakes.js';

const SECRET = 'fake+secret/value==';
// One folder for the whole file: core.summary remembers the summary file's path from its first use.
const dir = mkdtempSync(join(tmpdir(), 'main-test-'));
let stdout: string[] = [];
const saved = { ...process.env };

function setInputs(inputs: Record<string, string>): void {
  for (const [name, value] of Object.entries(inputs)) process.env[`INPUT_${name.toUpperCase()}`] = value;
}

beforeEach(() => {
  for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_') || k.startsWith('ALIBABA') || k.startsWith('ALICLOUD')) delete process.env[k];
  process.env.GITHUB_OUTPUT = join(dir, 'output');
  process.env.GITHUB_STEP_SUMMARY = join(dir, 'summary');
  writeFileSync(process.env.GITHUB_OUTPUT, '');
  writeFileSync(process.env.GITHUB_STEP_SUMMARY, '');
  setInputs({ 'instance-id': 'dds-test01', 'backup-id': '100', confirm: 'true', endpoint: 'https://dds.example.com', 'access-key-id': 'KEYID', 'access-key-secret': SECRET });
  stdout = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk));
    return true;
  });
  process.exitCode = undefined;
});

afterEach(() => {
  jest.restoreAllMocks();
  process.env = { ...saved };
  process.exitCode = undefined;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function harness(api = new FakeApi(), limits = DEFAULT_LIMITS) {
  const clock = new FakeClock();
  const created: ClientOptions[] = [];
  const go = () => run({ env: process.env, clock, limits, createApi: async (options) => { created.push(options); return api; } });
  const outputs = () => parseOutputs(readFileSync(process.env.GITHUB_OUTPUT!, 'utf8'));
  const log = () => stdout.join('').split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n');
  return { api, clock, created, go, outputs, log };
}

describe('run', () => {
  it('restores, sets the outputs and never logs the secret', async () => {
    const h = harness();
    await h.go();
    expect(process.exitCode).toBeUndefined();
    expect(h.api.calls.map((c) => c.op).sort()).toEqual(['describeBackups', 'describeInstance', 'restore']);
    expect(h.outputs()).toMatchObject({ 'request-id': 'REQ-RESTORE', 'backup-id': '100', 'backup-time': '2026-01-01T00:00:00Z' });
    expect(h.created[0]).toMatchObject({ endpoint: 'https://dds.example.com', readTimeoutMs: 5000, restoreTimeoutMs: 10_000 });
    expect(stdout.join('')).toContain(`::add-mask::${SECRET}`);
    expect(h.log()).not.toContain(SECRET);
  });

  it('refuses an unconfirmed run before creating a client', async () => {
    setInputs({ confirm: 'false' });
    const h = harness();
    await h.go();
    expect(process.exitCode).toBe(1);
    expect(h.created).toEqual([]);
    expect(h.log()).toMatch(/::error::Input "confirm" is not true/);
    expect(readFileSync(process.env.GITHUB_STEP_SUMMARY!, 'utf8')).toContain('Refused');
  });

  it('a dry run makes no restore and sets no request id', async () => {
    setInputs({ 'dry-run': 'true', confirm: '' });
    const h = harness();
    await h.go();
    expect(process.exitCode).toBeUndefined();
    expect(h.api.count('restore')).toBe(0);
    expect(h.outputs()['request-id']).toBeUndefined();
    expect(h.log()).toContain('Dry run: every check passed');
  });

  it('waits until Running and sets status', async () => {
    setInputs({ wait: 'true', 'poll-interval-seconds': '10' });
    const h = harness();
    h.api.instanceScript = [instance(), instance({ status: 'Restoring' }), instance({ status: 'Restoring' }), instance()];
    await h.go();
    expect(process.exitCode).toBeUndefined();
    expect(h.outputs().status).toBe('Running');
    expect(h.clock.sleeps).toEqual([10_000, 10_000]);
    const summary = readFileSync(process.env.GITHUB_STEP_SUMMARY!, 'utf8');
    expect(summary).toContain('MongoDB restore: Restore finished');
    expect(summary).toMatch(/Waited.*20s/s);
  });

  it('fails on a wait timeout with status Restoring, in fake time', async () => {
    setInputs({ wait: 'true', 'wait-timeout-minutes': '2', 'poll-interval-seconds': '30' });
    const h = harness();
    h.api.instanceScript = [instance(), instance({ status: 'Restoring' })];
    await h.go();
    expect(process.exitCode).toBe(1);
    expect(h.outputs().status).toBe('Restoring');
    expect(h.log()).toMatch(/::error::Timed out after 2m 00s waiting for dds-test01/);
  });

  it('stops at the run deadline instead of sleeping past it', async () => {
    const h = harness(new FakeApi(), { ...DEFAULT_LIMITS, runSlackMs: 1000, throttleBudgetMs: 3_600_000 });
    h.api.instanceScript = [apiError('Throttling', 400)];
    await h.go();
    expect(process.exitCode).toBe(1);
    expect(h.log()).toMatch(/::error::The run reached its time limit/);
    expect(h.api.count('restore')).toBe(0);
  });

  it('says nothing was restored when the reads before the write were throttled out', async () => {
    const h = harness();
    h.api.backupsScript = [apiError('Throttling.User', 400)];
    await h.go();
    expect(h.log()).toMatch(/::error::Throttling.User: .*whole retry budget.* Nothing was restored\./);
    expect(h.api.count('restore')).toBe(0);
  });

  it('never claims nothing was restored when the outcome is unknown', async () => {
    const h = harness();
    h.api.restoreScript = [apiError('ECONNRESET', 0, 'network')];
    h.api.instanceScript = [instance(), apiError('Throttling.User', 400)];
    await h.go();
    expect(h.log()).toMatch(/::error::The restore's outcome is unknown/);
    expect(h.log()).not.toMatch(/[Nn]othing was restored/);
    expect(h.api.count('restore')).toBe(1);
  });

  it('says the restore goes on when the wait fails for a reason of its own', async () => {
    setInputs({ wait: 'true' });
    const h = harness();
    h.api.instanceScript = [instance(), apiError('Forbidden.RAM', 403)];
    await h.go();
    expect(h.log()).toMatch(/::error::Forbidden.RAM: .*The restore itself was accepted and goes on in the cloud\./);
  });

  it('names the region in the hint when the server says the instance does not exist', async () => {
    setInputs({ preflight: 'false', endpoint: '', 'region-id': 'eu-central-1' });
    const h = harness();
    h.api.restoreScript = [apiError('InvalidDBInstanceId.NotFound', 404)];
    await h.go();
    expect(h.log()).toMatch(/::error::InvalidDBInstanceId.NotFound: .*No instance dds-test01 in region eu-central-1 \(https:\/\/mongodb.eu-central-1.aliyuncs.com\)/);
  });
});
