// The story of one run: read settings, check, restore, wait, report.
import * as core from '@actions/core';
import type { DdsApi } from './api.js';
import { RefusalError } from './errors.js';
import { describeError, errorContext, type ErrorContext } from './explain.js';
import { duration } from './format.js';
import { checkConfirmed } from './guards.js';
import { DEFAULT_LIMITS, type Limits } from './limits.js';
import { createPopCoreApi, type ClientOptions } from './pop-client.js';
import { runPreflight, type Preflight } from './preflight.js';
import { connectionFor, type Connection } from './proxy.js';
import { createOutput, type Output } from './output.js';
import { createRedactor, secretForms } from './redact.js';
import { planLines, writeSummary, type RunReport } from './report.js';
import { OutcomeUnknownError, restoreOnce, type RestoreOutcome } from './restore.js';
import { deadlineClock, retryingReads, systemClock, type Clock, type Reads } from './retry.js';
import { readSettings, secretValues, type Env, type Settings } from './settings.js';
import { waitUntilRunning, WaitError } from './wait.js';

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
  const out = createOutput(redact);
  const report: RunReport = { result: 'failed', warnings: [] };
  let context: ErrorContext = { endpoint: '', instanceId: '' };
  let connection: Connection | undefined;
  try {
    const settings = readSettings(input, deps.env);
    context = errorContext(settings);
    Object.assign(report, { instanceId: settings.instanceId, endpoint: settings.endpoint });
    const unconfirmed = checkConfirmed(settings);
    if (unconfirmed.length > 0) throw new RefusalError(unconfirmed.join(' '));

    connection = connectionFor(settings.endpoint);
    out.info(`Credentials from ${settings.credentials.source}; endpoint ${settings.endpoint}${connection.proxy ? ` through proxy ${connection.proxy}` : ''}.`);
    const session = await openSession(settings, deps, connection, out, context);
    const plan = await check(session, settings, report);
    if (settings.dryRun) {
      report.result = 'would-restore';
      out.info(`Dry run: every check passed; backup ${plan.backupId} would be restored onto ${settings.instanceId}. Nothing was restored.`);
      return;
    }
    const outcome = await restore(session, settings, plan, report);
    if (settings.wait) await waitForRestore(session, settings, outcome, report);
    else out.info('Not waiting (wait: false): the restore goes on in the cloud; the instance is Restoring until it is done.');
  } catch (error) {
    report.reason = redact(`${describeError(error, context)}${whatBecameOfTheDatabase(error, report)}`);
    report.result = error instanceof RefusalError ? 'refused' : 'failed';
    out.fail(report.reason);
  } finally {
    connection?.close();
    report.durationMs = deps.clock.now() - started;
    await writeSummary(report, redact).catch((error: unknown) => out.warning(`Could not write the job summary: ${String(error)}`));
  }
}

/** What every step after the settings shares: the API, its retrying reads, the bounded clock, the log helpers. */
interface Session {
  readonly api: DdsApi;
  readonly reads: Reads;
  readonly clock: Clock;
  readonly limits: Limits;
  readonly out: Output;
  readonly describe: (error: unknown) => string;
}

async function openSession(settings: Settings, deps: RunDeps, connection: Connection, out: Output, context: ErrorContext): Promise<Session> {
  const { limits } = deps;
  const clock = deadlineClock(deps.clock, deps.clock.now() + limits.runSlackMs + (settings.wait ? settings.waitTimeoutMs : 0));
  const api = await deps.createApi({
    endpoint: settings.endpoint, credentials: settings.credentials, regionId: settings.regionId,
    readTimeoutMs: limits.readTimeoutMs, restoreTimeoutMs: limits.restoreTimeoutMs, agent: connection.agent,
  });
  return {
    api, clock, limits, out,
    reads: retryingReads(api, { limits, clock, debug: out.debug }),
    describe: (error) => describeError(error, context),
  };
}

/** Reads and checks, sets the backup outputs and logs the plan; throws RefusalError when the write is not allowed. */
async function check(session: Session, settings: Settings, report: RunReport): Promise<Preflight> {
  const plan = await runPreflight(session.reads, settings, session.clock.now(), session.limits.maxBackupPages);
  Object.assign(report, { instance: plan.instance, backup: plan.backup, backupId: plan.backupId });
  session.out.set('backup-id', plan.backupId);
  session.out.set('backup-time', plan.backup?.endTime ?? '');
  core.startGroup(settings.dryRun ? 'Plan (dry run)' : 'Plan');
  for (const line of planLines(report, settings.dryRun)) session.out.info(line);
  core.endGroup();
  return plan;
}

async function restore(session: Session, settings: Settings, plan: Preflight, report: RunReport): Promise<RestoreOutcome> {
  const outcome = await restoreOnce({
    api: session.api, describeInstance: session.reads.describeInstance, instanceId: settings.instanceId, backupId: plan.backupId,
    limits: session.limits, clock: session.clock, debug: session.out.debug, describe: session.describe,
  });
  report.result = 'restored';
  report.requestId = outcome.requestId;
  session.out.set('request-id', outcome.requestId);
  if (outcome.warning) warn(session.out, report, outcome.warning);
  if (outcome.instance) setStatus(session.out, report, outcome.instance.status);
  session.out.info(`Restore of ${settings.instanceId} from backup ${plan.backupId} accepted${outcome.requestId ? `; RequestId ${outcome.requestId}` : ''}.`);
  return outcome;
}

async function waitForRestore(session: Session, settings: Settings, outcome: RestoreOutcome, report: RunReport): Promise<void> {
  session.out.info(`Waiting up to ${duration(settings.waitTimeoutMs)} for ${settings.instanceId} to be Running again, polling every ${duration(settings.pollIntervalMs)}.`);
  try {
    const waited = await waitUntilRunning({
      describeInstance: session.reads.describeInstance, instanceId: settings.instanceId, timeoutMs: settings.waitTimeoutMs,
      intervalMs: settings.pollIntervalMs, graceMs: Math.min(session.limits.restoringGraceMs, settings.waitTimeoutMs),
      seen: outcome.instance, clock: session.clock, describe: session.describe,
      log: { info: session.out.info, warning: (m) => warn(session.out, report, m) },
    });
    report.waitedMs = waited.waitedMs;
    setStatus(session.out, report, waited.status);
    if (waited.warning) warn(session.out, report, waited.warning);
    else session.out.info(`Restore finished: ${settings.instanceId} is Running again after ${duration(waited.waitedMs)}.`);
  } catch (error) {
    if (error instanceof WaitError) {
      report.waitedMs = error.waitedMs;
      if (error.status) setStatus(session.out, report, error.status);
    }
    throw error;
  }
}

/**
 * What a failure means for the instance, where its message does not say already: before the restore was accepted
 * nothing was restored (a restore resent or failed without ambiguity was refused or never ran); after, it goes on.
 */
function whatBecameOfTheDatabase(error: unknown, report: RunReport): string {
  if (error instanceof RefusalError || error instanceof OutcomeUnknownError || error instanceof WaitError) return '';
  return report.result === 'restored' ? ' The restore itself was accepted and goes on in the cloud.' : ' Nothing was restored.';
}

function setStatus(out: Output, report: RunReport, status: string): void {
  report.finalStatus = status;
  out.set('status', status);
}

function warn(out: Output, report: RunReport, message: string): void {
  report.warnings.push(message);
  out.warning(message);
}
