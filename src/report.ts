// What the run tells its reader: the plan before the write, and the job summary after.
import * as core from '@actions/core';
import type { Backup, Instance } from './api.js';
import { duration, humanBytes } from './format.js';
import type { Redact } from './redact.js';

export type Result = 'restored' | 'would-restore' | 'refused' | 'failed';

/** Everything the job summary shows; filled in as the run goes. */
export interface RunReport {
  instanceId?: string;
  endpoint?: string;
  instance?: Instance;
  backup?: Backup;
  backupId?: string;
  requestId?: string;
  result: Result;
  reason?: string;
  warnings: string[];
  durationMs?: number;
  waitedMs?: number;
  finalStatus?: string;
}

/** The plan's lines: the instance, the backup and what will happen. */
export function planLines(report: RunReport, dryRun: boolean): string[] {
  const i = report.instance;
  const b = report.backup;
  const lines = [
    i
      ? `Instance: ${i.id} "${i.description}", ${i.instanceClass || 'class unknown'}, MongoDB ${i.engineVersion || '?'}, ${i.regionId || 'region unknown'}, ${i.status}`
      : `Instance: ${report.instanceId} (not read: preflight is false)`,
    b
      ? `Backup: ${b.id}, ${b.startTime} to ${b.endTime}, ${humanBytes(b.sizeBytes)}, ${b.method || 'method unknown'} ${b.type}`.trimEnd()
      : `Backup: ${report.backupId} (not read: preflight is false)`,
    `Endpoint: ${report.endpoint}`,
    dryRun
      ? 'Dry run: the checks are done and nothing will be restored.'
      : `Next: RestoreDBInstance overwrites all data on ${report.instanceId} with backup ${report.backupId}. This cannot be undone.`,
  ];
  return lines;
}

const RESULT_TITLE: Record<Result, string> = {
  restored: 'Restore accepted',
  'would-restore': 'Dry run: the restore would be allowed',
  refused: 'Refused: nothing was restored',
  failed: 'Failed',
};

interface TriggerContext {
  readonly actor: string;
  readonly eventName: string;
  readonly runUrl?: string;
}

/**
 * Who triggered the run and its link, from the variables the runner sets: the same ones @actions/github's
 * context reads, without loading Octokit for them (see the README's Performance section).
 */
export function triggerContext(env: Readonly<Record<string, string | undefined>> = process.env): TriggerContext {
  const { GITHUB_SERVER_URL: server = 'https://github.com', GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: runId } = env;
  return {
    actor: env.GITHUB_ACTOR ?? '',
    eventName: env.GITHUB_EVENT_NAME ?? '',
    runUrl: repository && runId ? `${server}/${repository}/actions/runs/${runId}` : undefined,
  };
}

/** Writes the job summary when the runner provides a summary file; every cell goes through `redact`. */
export async function writeSummary(report: RunReport, redact: Redact): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const trigger = triggerContext();
  const b = report.backup;
  const finished = report.result === 'restored' && report.waitedMs !== undefined && report.finalStatus === 'Running';
  const title = finished ? 'Restore finished' : RESULT_TITLE[report.result];
  const rows: [string, string][] = [
    ['Result', title],
    ['Instance', report.instance ? `${report.instance.id} (${report.instance.description})` : report.instanceId ?? ''],
    ['Backup', report.backupId ?? ''],
    ['Backup time', b ? `${b.startTime} to ${b.endTime}` : ''],
    ['Backup size', b ? humanBytes(b.sizeBytes) : ''],
    ['Request id', report.requestId || (report.result === 'restored' ? 'unknown' : '')],
    ['Final status', report.finalStatus ?? ''],
    ['Waited', report.waitedMs !== undefined ? duration(report.waitedMs) : ''],
    ['Duration', report.durationMs !== undefined ? duration(report.durationMs) : ''],
    ['Triggered by', `${trigger.actor || 'unknown'} (${trigger.eventName || 'unknown event'})`],
  ];
  const summary = core.summary
    .addHeading(`MongoDB restore: ${title}`, 3)
    .addTable([
      [{ data: 'Item', header: true }, { data: 'Value', header: true }],
      ...rows.filter(([, v]) => v !== '').map(([k, v]) => [k, escapeHtml(redact(v))]),
    ]);
  if (report.reason) summary.addRaw(`<p><strong>Why:</strong> ${escapeHtml(redact(report.reason))}</p>`, true);
  for (const w of report.warnings) summary.addRaw(`<p>⚠️ ${escapeHtml(redact(w))}</p>`, true);
  if (trigger.runUrl) summary.addLink('This run', trigger.runUrl);
  await summary.write();
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
