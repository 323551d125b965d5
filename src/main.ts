// The story of one run: read settings, check, restore, wait, report.
import * as core from '@actions/core';
import type { DdsApi } from './api.js';
import { isTransient, RefusalError } from './errors.js';
import { describeError } from './explain.js';
import { checkConfirmed } from './guards.js';
import { DEFAULT_LIMITS, type Limits } from './limits.js';
import { createPopCoreApi, type ClientOptions } from './pop-client.js';
import { runPreflight, type Reads } from './preflight.js';
import { connectionFor } from './proxy.js';
import { createRedactor, secretForms, type Redact } from './redact.js';
import { duration, planLines, writeSummary, type RunReport } from './report.js';
import { restoreOnce } from './restore.js';
import { systemClock, withRetry, type Clock } from './retry.js';
import { readSettings, secretValues, type Env, type Settings } from './settings.js';
import { waitUntilRunning } from './wait.js';

export interface RunDeps {
  readonly env: Env;
  readonly clock: Clock;
  readonly limits: Limits;
  readonly createApi: (options: ClientOptions) => Promise<DdsApi>;
}

const defaultDeps = (): RunDeps => ({ env: process.env, clock: systemClock, limits: DEFAULT_LIMITS, createApi: createPopCoreApi });

/** Runs the action once. Never throws: every failure ends in core.setFailed with a redacted message. */
export async function run(overrides: Partial<RunDeps> = {}): Promise<void> {
  const deps = { ...defaultDeps(), ...overrides };
  const started = deps.clock.now();
  const input = (name: string) => core.getInput(name);
  const secrets = secretValues(input, deps.env);
  for (const form of secrets.flatMap(secretForms)) core.setSecret(form);
  const redact = createRedactor(secrets);
  const report: RunReport = { result: 'failed', warnings: [] };
  let release = () => {};
  try {
    const settings = readSettings(input, deps.env);
    Object.assign(report, { instanceId: settings.instanceId, endpoint: settings.endpoint });
    const connection = connectionFor(settings.endpoint);
    release = connection.close;
    core.info(`Credentials from ${settings.credentials.source}; endpoint ${settings.endpoint}${connection.proxy ? ` through proxy ${connection.proxy}` : ''}.`);
    await restoreFlow(settings, deps, report, redact, connection.agent);
  } catch (error) {
    report.result = error instanceof RefusalError ? 'refused' : 'failed';
    report.reason = redact(describeError(error, { endpoint: report.endpoint ?? '', instanceId: report.instanceId ?? '' }));
    core.setFailed(report.reason);
  } finally {
    release();
    report.durationMs = deps.clock.now() - started;
    await writeSummary(report, redact).catch((error: unknown) => core.warning(redact(`Could not write the job summary: ${String(error)}`)));
  }
}

async function restoreFlow(settings: Settings, deps: RunDeps, report: RunReport, redact: Redact, agent: ClientOptions['agent']): Promise<void> {
  const { limits } = deps;
  const clock = boundedClock(deps.clock, deps.clock.now() + limits.runSlackMs + (settings.wait ? settings.waitTimeoutMs : 0));
  const debug = (message: string) => core.debug(redact(message));
  const context = { endpoint: settings.endpoint, regionId: settings.regionId, instanceId: settings.instanceId };
  const describe = (error: unknown) => redact(describeError(error, context));
  const unconfirmed = checkConfirmed(settings);
  if (unconfirmed.length > 0) throw new RefusalError(unconfirmed.join(' '));

  const api = await deps.createApi({
    endpoint: settings.endpoint, credentials: settings.credentials, regionId: settings.regionId,
    readTimeoutMs: limits.readTimeoutMs, restoreTimeoutMs: limits.restoreTimeoutMs, agent,
  });
  const retrying = { limits, clock, debug, retryable: isTransient };
  const reads: Reads = {
    describeInstance: (id) => withRetry(() => api.describeInstance(id), { ...retrying, operation: 'DescribeDBInstanceAttribute' }),
    describeBackups: (query) => withRetry(() => api.describeBackups(query), { ...retrying, operation: 'DescribeBackups' }),
  };

  const plan = await runPreflight(reads, settings, clock.now(), limits.maxBackupPages);
  Object.assign(report, { instance: plan.instance, backup: plan.backup, backupId: plan.backupId });
  core.setOutput('backup-id', plan.backupId);
  core.setOutput('backup-time', plan.backup?.endTime ?? '');
  core.startGroup(settings.dryRun ? 'Plan (dry run)' : 'Plan');
  for (const line of planLines(report, settings.dryRun)) core.info(redact(line));
  core.endGroup();
  if (settings.dryRun) {
    report.result = 'would-restore';
    core.info(`Dry run: every check passed; backup ${plan.backupId} would be restored onto ${settings.instanceId}. Nothing was restored.`);
    return;
  }

  const outcome = await restoreOnce({
    api, describeInstance: reads.describeInstance, instanceId: settings.instanceId, backupId: plan.backupId,
    limits, clock, debug, describe,
  });
  report.result = 'restored';
  report.requestId = outcome.requestId;
  core.setOutput('request-id', outcome.requestId);
  if (outcome.warning) warn(report, redact(outcome.warning));
  if (outcome.instance) setStatus(report, outcome.instance.status);
  core.info(`Restore of ${settings.instanceId} from backup ${plan.backupId} accepted${outcome.requestId ? `; RequestId ${outcome.requestId}` : ''}.`);
  if (!settings.wait) {
    core.info('Not waiting (wait: false): the restore goes on in the cloud; the instance is Restoring until it is done.');
    return;
  }

  core.info(`Waiting up to ${duration(settings.waitTimeoutMs)} for ${settings.instanceId} to be Running again, polling every ${duration(settings.pollIntervalMs)}.`);
  const waited = await waitUntilRunning({
    describeInstance: reads.describeInstance, instanceId: settings.instanceId, timeoutMs: settings.waitTimeoutMs,
    intervalMs: settings.pollIntervalMs, graceMs: Math.min(limits.restoringGraceMs, settings.waitTimeoutMs), seen: outcome.instance,
    clock, describe, log: { info: (m) => core.info(redact(m)), warning: (m) => warn(report, redact(m)) },
  }).catch((error: unknown) => {
    if (error && typeof error === 'object' && 'status' in error && typeof error.status === 'string' && error.status) setStatus(report, error.status);
    throw error;
  });
  report.waitedMs = waited.waitedMs;
  if (waited.status) setStatus(report, waited.status);
  if (waited.outcome === 'timed-out') {
    throw new Error(`Timed out after ${duration(waited.waitedMs)} waiting for ${settings.instanceId} to be Running; its status is ${waited.status || 'unknown'}. The restore goes on in the cloud and was not cancelled. Raise wait-timeout-minutes, or check the instance later.`);
  }
  if (waited.outcome === 'finished-unobserved') {
    warn(report, `Instance ${settings.instanceId} is Running, but was never seen Restoring within ${duration(waited.waitedMs)}: the restore may have finished very fast, or may not have started yet. Check the instance before relying on its data.`);
  } else {
    core.info(`Restore finished: ${settings.instanceId} is Running again after ${duration(waited.waitedMs)}.`);
  }
}

function setStatus(report: RunReport, status: string): void {
  report.finalStatus = status;
  core.setOutput('status', status);
}

function warn(report: RunReport, message: string): void {
  report.warnings.push(message);
  core.warning(message);
}

/** A clock that refuses to sleep past the run's deadline, so no retry or wait can outlive it. */
function boundedClock(clock: Clock, deadline: number): Clock {
  return {
    ...clock,
    sleep: async (ms) => {
      if (clock.now() + ms > deadline) throw new Error(`The run reached its time limit (${duration(deadline - clock.now())} left, ${duration(ms)} more needed) and stopped.`);
      await clock.sleep(ms);
    },
  };
}
