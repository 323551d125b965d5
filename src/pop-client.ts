// The only file that knows about @alicloud/pop-core: it signs requests (always POST, always with a timeout)
// and turns its answers and its several kinds of failure into plain data and ApiError.
// Order matters: the quirks module must run before pop-core and its dependencies are evaluated.
import './pop-core-quirks.js';
// The RPC client alone: the package's index also loads the ROA client and its XML parser, which this action never uses.
import RPCClientModule from '@alicloud/pop-core/lib/rpc.js';
import type { Agent } from 'node:http';
import type { Backup, BackupPage, BackupQuery, DdsApi, Instance } from './api.js';
import { ApiError } from './errors.js';
import type { Credentials } from './settings.js';

export const API_VERSION = '2015-12-01';

export interface ClientOptions {
  readonly endpoint: string;
  readonly credentials: Credentials;
  readonly regionId?: string;
  readonly readTimeoutMs: number;
  readonly restoreTimeoutMs: number;
  readonly agent: Agent;
}

type Json = Record<string, unknown>;
/** pop-core's entry for a call, in verbose mode: what the HTTP layer saw. */
interface Entry {
  readonly response?: { readonly statusCode?: number };
}
interface RpcClient {
  request(action: string, params: object, options: object): Promise<[Json, Entry]>;
}

const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL']);
const TIMED_OUT = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNABORTED']);

/** Text from an API field: json-bigint hands large numbers back as BigNumber objects, which must not lose digits. */
export function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object' && typeof (value as { toFixed?: unknown }).toFixed === 'function') {
    return (value as { toFixed(): string }).toFixed();
  }
  return String(value);
}

function firstLine(value: string, max = 120): string {
  const line = value.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/** The endpoint with its port always shown, as a user checks it against a firewall or proxy rule. */
export function endpointWithPort(endpoint: string): string {
  const url = new URL(endpoint);
  return `${url.protocol}//${url.host}${url.port ? '' : `:${url.protocol === 'https:' ? 443 : 80}`}`;
}

/** An ApiError from an error body: its Code, Message and RequestId, or the HTTP status when a body has none. */
function apiErrorFromBody(body: Json, status: number | undefined, endpoint: string, fallbackMessage?: string): ApiError {
  const message = typeof body.Message === 'string' ? body.Message : fallbackMessage ?? `HTTP ${status} from the endpoint ${endpointWithPort(endpoint)}`;
  return new ApiError('api', text(body.Code) || `HTTP${status}`, message, text(body.RequestId) || undefined, status);
}

/** Normalises anything pop-core or its HTTP layer threw. */
export function toApiError(error: unknown, endpoint: string): ApiError {
  if (error instanceof ApiError) return error;
  const e = (error ?? {}) as { code?: unknown; name?: unknown; message?: unknown; data?: Json; entry?: { response?: { statusCode?: number } }; text?: unknown };
  const where = `the endpoint ${endpointWithPort(endpoint)}`;
  if (e.data && typeof e.data === 'object' && typeof e.code === 'string') {
    return apiErrorFromBody(e.data, e.entry?.response?.statusCode, endpoint, String(e.message ?? ''));
  }
  if (e.name === 'SyntaxError' || typeof e.text === 'string') {
    const body = typeof e.text === 'string' ? firstLine(e.text) : '';
    return new ApiError('malformed', 'MalformedResponse', `${where} answered with a body that is not JSON (a proxy or load balancer page?)${body ? `: ${body}` : ''}`);
  }
  const code = typeof e.code === 'string' ? e.code : '';
  if (NOT_SENT.has(code)) return new ApiError('not-sent', code, `could not connect to ${where} (${code})`);
  if (TIMED_OUT.has(code) || String(e.name ?? '').startsWith('RequestTimeout')) {
    return new ApiError('timeout', code || 'Timeout', `no answer from ${where} in time`);
  }
  const detail = code || String(e.name ?? 'Error');
  return new ApiError('network', detail, `the connection to ${where} failed (${detail}): ${firstLine(String(e.message ?? ''))}`);
}

function instanceFrom(json: Json): Instance {
  const list = (json.DBInstances as { DBInstance?: Json[] } | undefined)?.DBInstance ?? [];
  const raw = list[0];
  if (!raw) throw new ApiError('api', 'InvalidDBInstanceId.NotFound', 'The answer lists no instance.', text(json.RequestId) || undefined);
  const tags = ((raw.Tags as { Tag?: Json[] } | undefined)?.Tag ?? []).map((t) => ({ key: text(t.Key), value: text(t.Value) }));
  return {
    id: text(raw.DBInstanceId),
    type: text(raw.DBInstanceType),
    replicationFactor: text(raw.ReplicationFactor),
    instanceClass: text(raw.DBInstanceClass),
    status: text(raw.DBInstanceStatus),
    lockMode: text(raw.LockMode),
    regionId: text(raw.RegionId),
    engineVersion: text(raw.EngineVersion),
    description: text(raw.DBInstanceDescription),
    tags,
  };
}

function backupFrom(raw: Json): Backup {
  const size = Number(text(raw.BackupSize));
  return {
    id: text(raw.BackupId),
    status: text(raw.BackupStatus),
    startTime: text(raw.BackupStartTime),
    endTime: text(raw.BackupEndTime),
    method: text(raw.BackupMethod),
    type: text(raw.BackupType),
    mode: text(raw.BackupMode),
    sizeBytes: text(raw.BackupSize) !== '' && Number.isFinite(size) ? size : undefined,
  };
}

function backupPageFrom(json: Json): BackupPage {
  const list = (json.Backups as { Backup?: Json[] } | undefined)?.Backup ?? [];
  const total = Number(text(json.TotalCount));
  return { totalCount: text(json.TotalCount) !== '' && Number.isFinite(total) ? total : undefined, backups: list.map(backupFrom) };
}

/** Creates the pop-core implementation of DdsApi. */
export async function createPopCoreApi(options: ClientOptions): Promise<DdsApi> {
  const RPCClient = RPCClientModule as unknown as new (config: object, verbose: boolean) => RpcClient;
  // Verbose, so the HTTP status comes back too: pop-core only throws for bodies with a Code, and a proxy's
  // JSON error page without one must not pass for an answer.
  const client = new RPCClient({
    endpoint: options.endpoint,
    apiVersion: API_VERSION,
    accessKeyId: options.credentials.accessKeyId,
    accessKeySecret: options.credentials.accessKeySecret,
    securityToken: options.credentials.securityToken,
  }, true);
  const region = options.regionId ? { RegionId: options.regionId } : {};

  async function call(action: string, params: Record<string, string>, timeout: number): Promise<Json> {
    let answer: [Json, Entry];
    try {
      // POST keeps the signature and token out of the URL, and so out of pop-core's error messages.
      answer = await client.request(action, { ...region, ...params }, { method: 'POST', timeout, agent: options.agent, formatParams: false });
    } catch (error) {
      throw toApiError(error, options.endpoint);
    }
    const [json, entry] = answer;
    const status = entry.response?.statusCode ?? 200;
    if (status >= 400) throw apiErrorFromBody(json, status, options.endpoint);
    return json;
  }

  return {
    async describeInstance(instanceId) {
      return instanceFrom(await call('DescribeDBInstanceAttribute', { DBInstanceId: instanceId }, options.readTimeoutMs));
    },
    async describeBackups(query: BackupQuery) {
      const params: Record<string, string> = {
        DBInstanceId: query.instanceId,
        PageNumber: String(query.pageNumber),
        PageSize: String(query.pageSize),
        StartTime: query.startTime,
        EndTime: query.endTime,
      };
      if (query.backupId !== undefined) params.BackupId = query.backupId;
      return backupPageFrom(await call('DescribeBackups', params, options.readTimeoutMs));
    },
    async restore(instanceId, backupId) {
      const json = await call('RestoreDBInstance', { DBInstanceId: instanceId, BackupId: backupId }, options.restoreTimeoutMs);
      return { requestId: text(json.RequestId) };
    },
  };
}
