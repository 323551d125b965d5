// Helpers for the integration tests: run the bundled action against an emulator and look for leaked secrets.
import { expect } from '@jest/globals';
import { secretForms } from '../../src/redact.js';
import type { Emulator } from '../emulator/server.mjs';
import { TEST_KEYS } from '../emulator/seed.mjs';
import { runAction, type ActionRun } from '../emulator/runner.mjs';

export const SECRETS = [TEST_KEYS.plain.accessKeySecret, TEST_KEYS.sts.accessKeySecret, TEST_KEYS.sts.securityToken];

/** What a reader can see: the log minus the runner's own ::add-mask:: commands, the outputs and the summary. */
export function visible(run: ActionRun): string {
  const log = `${run.stdout}\n${run.stderr}`.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');
  return `${log}\n${JSON.stringify(run.outputs)}\n${run.summary}`;
}

export function expectNoSecrets(run: ActionRun): void {
  const text = visible(run);
  for (const secret of SECRETS) {
    for (const form of secretForms(secret)) expect(text).not.toContain(form);
  }
}

/** The failure line the action printed (::error::…), unescaped. */
export function errorLine(run: ActionRun): string {
  const line = run.stdout.split('\n').find((l) => l.startsWith('::error::')) ?? '';
  return line.slice('::error::'.length).replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
}

export interface RunOptions {
  readonly inputs?: Record<string, string | undefined>;
  readonly env?: Record<string, string | undefined>;
  readonly credentials?: 'plain' | 'sts' | 'none';
  readonly timeoutMs?: number;
}

/** Runs dist/index.js with debug logging on, against the emulator, with test credentials as inputs. */
export async function runAgainst(emulator: Emulator, options: RunOptions = {}): Promise<ActionRun> {
  const which = options.credentials ?? 'plain';
  const credentials = which === 'none' ? {} : which === 'plain'
    ? { 'access-key-id': TEST_KEYS.plain.accessKeyId, 'access-key-secret': TEST_KEYS.plain.accessKeySecret }
    : { 'access-key-id': TEST_KEYS.sts.accessKeyId, 'access-key-secret': TEST_KEYS.sts.accessKeySecret, 'security-token': TEST_KEYS.sts.securityToken };
  const run = await runAction({
    inputs: { endpoint: emulator.url, confirm: 'true', ...credentials, ...options.inputs },
    env: { RUNNER_DEBUG: '1', ...options.env },
    timeoutMs: options.timeoutMs ?? 120_000,
  });
  expectNoSecrets(run);
  return run;
}
