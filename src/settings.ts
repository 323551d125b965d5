// Turning the action's inputs (and their environment fallbacks) into one checked, readonly settings object.
import { RefusalError } from './errors.js';
import { endpointForRegion, parseEndpoint, parseRegionId } from './endpoints.js';

/** Reads one action input, trimmed; '' when unset. */
export type InputReader = (name: string) => string;
export type Env = Readonly<Record<string, string | undefined>>;

export interface Credentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
  /** Where they came from, for the log: never the values. */
  readonly source: string;
}

export interface RequiredTag {
  readonly key: string;
  readonly value: string;
}

export type BackupSelector = { readonly kind: 'id'; readonly id: string } | { readonly kind: 'latest' };

/** Everything one run needs, parsed and checked. */
export interface Settings {
  readonly instanceId: string;
  readonly backup: BackupSelector;
  readonly confirm: boolean;
  readonly dryRun: boolean;
  readonly preflight: boolean;
  readonly requiredTags: readonly RequiredTag[];
  readonly credentials: Credentials;
  readonly regionId?: string;
  readonly endpoint: string;
  readonly wait: boolean;
  readonly waitTimeoutMs: number;
  readonly pollIntervalMs: number;
}

/** Credential sources in order of precedence; the first with any value set is used, whole. */
const CREDENTIAL_SOURCES = [
  { source: 'inputs', id: 'input:access-key-id', secret: 'input:access-key-secret', token: 'input:security-token' },
  { source: 'ALIBABA_CLOUD_* environment', id: 'ALIBABA_CLOUD_ACCESS_KEY_ID', secret: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', token: 'ALIBABA_CLOUD_SECURITY_TOKEN' },
  { source: 'ALIBABACLOUD_* environment', id: 'ALIBABACLOUD_ACCESS_KEY_ID', secret: 'ALIBABACLOUD_ACCESS_KEY_SECRET', token: 'ALIBABACLOUD_SECURITY_TOKEN' },
  { source: 'ALICLOUD_* environment', id: 'ALICLOUD_ACCESS_KEY', secret: 'ALICLOUD_SECRET_KEY', token: 'ALICLOUD_SECURITY_TOKEN' },
] as const;

function lookup(name: string, input: InputReader, env: Env): string {
  return (name.startsWith('input:') ? input(name.slice(6)) : env[name] ?? '').trim();
}

/** Every secret or token value present in the inputs or the environment, to mask before anything is logged. */
export function secretValues(input: InputReader, env: Env): string[] {
  return CREDENTIAL_SOURCES.flatMap((s) => [lookup(s.secret, input, env), lookup(s.token, input, env)]).filter((v) => v !== '');
}

const label = (name: string) => (name.startsWith('input:') ? `input "${name.slice(6)}"` : name);

/** Picks the credentials: inputs, then ALIBABA_CLOUD_*, then ALIBABACLOUD_*, then ALICLOUD_*; empty counts as unset. */
export function readCredentials(input: InputReader, env: Env): Credentials {
  for (const s of CREDENTIAL_SOURCES) {
    const accessKeyId = lookup(s.id, input, env);
    const accessKeySecret = lookup(s.secret, input, env);
    const securityToken = lookup(s.token, input, env);
    if (!accessKeyId && !accessKeySecret) {
      if (securityToken) throw new RefusalError(`${label(s.token)} is set, but ${label(s.id)} and ${label(s.secret)} are not: an STS token needs its key pair.`);
      continue;
    }
    if (!accessKeyId) throw new RefusalError(`${label(s.secret)} is set, but ${label(s.id)} is empty: give both, or neither.`);
    if (!accessKeySecret) throw new RefusalError(`${label(s.id)} is set ("${accessKeyId}"), but ${label(s.secret)} is empty: give both, or neither.`);
    if (/[\s&=]/.test(accessKeyId)) throw new RefusalError(`${label(s.id)} is invalid: "${accessKeyId}" contains spaces, "&" or "=". An AccessKey ID is letters, digits and dots.`);
    return { accessKeyId, accessKeySecret, securityToken: securityToken || undefined, source: s.source };
  }
  throw new RefusalError(
    'No credentials: set the inputs "access-key-id" and "access-key-secret" (from secrets), or run '
      + 'aliyun/configure-aliyun-credentials-action first so that ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET are set.',
  );
}

const INSTANCE_ID = /^dds-[a-z0-9]+$/;
const BACKUP_ID = /^[0-9]{1,30}$/;

function parseInstanceId(raw: string): string {
  if (!raw) throw new RefusalError('Input "instance-id" is required: the replica-set instance to restore, such as dds-bp1234567890abcd.');
  if (!INSTANCE_ID.test(raw) || raw.length > 64) {
    throw new RefusalError(`Input "instance-id" is invalid: "${raw}". Use "dds-" followed by lowercase letters and digits, such as dds-bp1234567890abcd.`);
  }
  return raw;
}

function parseBackup(raw: string): BackupSelector {
  if (!raw) throw new RefusalError('Input "backup-id" is required: a backup id (decimal digits) or "latest".');
  if (raw.toLowerCase() === 'latest') return { kind: 'latest' };
  if (!BACKUP_ID.test(raw)) {
    throw new RefusalError(`Input "backup-id" is invalid: "${raw}". Use the backup's id in decimal digits (see DescribeBackups), or "latest".`);
  }
  return { kind: 'id', id: raw };
}

/** Strict boolean like core.getBooleanInput, but with the input's name, value and the default in the error. */
export function parseBoolean(name: string, raw: string, fallback: boolean): boolean {
  if (raw === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(raw)) return true;
  if (['false', 'False', 'FALSE'].includes(raw)) return false;
  throw new RefusalError(`Input "${name}" is invalid: "${raw}". Use true or false (default ${fallback}).`);
}

function parseNumber(name: string, raw: string, fallback: number, min: { value: number; inclusive: boolean }, max: number): number {
  if (raw === '') return fallback;
  const value = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  const aboveMin = min.inclusive ? value >= min.value : value > min.value;
  if (!Number.isFinite(value) || !aboveMin || value > max) {
    const range = `${min.inclusive ? 'from' : 'more than'} ${min.value} ${min.inclusive ? 'to' : 'and at most'} ${max}`;
    throw new RefusalError(`Input "${name}" is invalid: "${raw}". Use a number ${range} (default ${fallback}).`);
  }
  return value;
}

/** Parses `require-tag`: one `key=value` a line. */
export function parseRequiredTags(raw: string): RequiredTag[] {
  const lines = raw.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  return lines.map((line) => {
    const eq = line.indexOf('=');
    const key = eq < 0 ? '' : line.slice(0, eq).trim();
    if (eq < 0 || key === '') {
      throw new RefusalError(`Input "require-tag" is invalid: the line "${line}" is not key=value. Give one tag a line, such as env=staging.`);
    }
    return { key, value: line.slice(eq + 1).trim() };
  });
}

function pickRegion(input: InputReader, env: Env): string | undefined {
  const candidates: [string, string][] = [
    ['Input "region-id"', input('region-id')],
    ['ALIBABA_CLOUD_REGION_ID', (env.ALIBABA_CLOUD_REGION_ID ?? '').trim()],
    ['ALICLOUD_REGION_ID', (env.ALICLOUD_REGION_ID ?? '').trim()],
  ];
  const found = candidates.find(([, value]) => value !== '');
  return found ? parseRegionId(found[1], found[0]) : undefined;
}

/** Reads and checks every input (and its environment fallback) into one settings object. Sends nothing. */
export function readSettings(input: InputReader, env: Env): Settings {
  const instanceId = parseInstanceId(input('instance-id'));
  const backup = parseBackup(input('backup-id'));
  const confirm = parseBoolean('confirm', input('confirm'), false);
  const dryRun = parseBoolean('dry-run', input('dry-run'), false);
  const preflight = parseBoolean('preflight', input('preflight'), true);
  const requiredTags = parseRequiredTags(input('require-tag'));
  const wait = parseBoolean('wait', input('wait'), false);
  const waitTimeoutMinutes = parseNumber('wait-timeout-minutes', input('wait-timeout-minutes'), 60, { value: 0, inclusive: false }, 360);
  const pollIntervalSeconds = parseNumber('poll-interval-seconds', input('poll-interval-seconds'), 15, { value: 1, inclusive: true }, 300);
  const regionId = pickRegion(input, env);
  const rawEndpoint = input('endpoint');
  if (!rawEndpoint && !regionId) {
    throw new RefusalError('Neither input "region-id" nor input "endpoint" is set: give the instance\'s region (such as cn-hangzhou), or an endpoint URL.');
  }
  const endpoint = rawEndpoint ? parseEndpoint(rawEndpoint) : endpointForRegion(regionId as string);
  const credentials = readCredentials(input, env);
  return {
    instanceId, backup, confirm, dryRun, preflight, requiredTags, credentials, regionId, endpoint,
    wait, waitTimeoutMs: waitTimeoutMinutes * 60_000, pollIntervalMs: pollIntervalSeconds * 1000,
  };
}
