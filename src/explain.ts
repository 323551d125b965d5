// What an API error means to the person reading the log, and what to do about it.
import { ApiError } from './errors.js';
import type { Settings } from './settings.js';

export const RAM_ACTIONS = 'dds:RestoreDBInstance, dds:DescribeBackups and dds:DescribeDBInstanceAttribute';
const NEW_INSTANCE_ADVICE = 'create a new instance from the backup instead (CreateDBInstance with BackupId and SrcDBInstanceId, or restore to a point in time)';

export interface ErrorContext {
  readonly endpoint: string;
  readonly regionId?: string;
  readonly instanceId: string;
}

/** The context of a run's errors: where it looked and for what. */
export function errorContext(settings: Pick<Settings, 'endpoint' | 'regionId' | 'instanceId'>): ErrorContext {
  return { endpoint: settings.endpoint, regionId: settings.regionId, instanceId: settings.instanceId };
}

/** A hint for the codes a user will meet; undefined for the rest. */
export function hintFor(code: string, context: ErrorContext): string | undefined {
  const where = context.regionId ? `region ${context.regionId} (${context.endpoint})` : `endpoint ${context.endpoint}`;
  // Hints say what a code means, not what became of the database: main adds that, as it knows the stage.
  if (code.startsWith('Throttling')) return 'The API kept throttling the calls for the whole retry budget (two minutes). Run again later, or restore fewer instances at once (max-parallel in the matrix).';
  if (code.startsWith('InvalidAction')) {
    return `Alibaba Cloud appears to have withdrawn this operation (its documentation marks RestoreDBInstance as no longer maintained). To get the backup's data back, ${NEW_INSTANCE_ADVICE}.`;
  }
  if (code.startsWith('Forbidden') || code === 'NoPermission') {
    return `The credentials lack a permission. Grant the RAM actions ${RAM_ACTIONS} on acs:dds:<region>:<account>:dbinstance/${context.instanceId}.`;
  }
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return 'The host name does not resolve: check region-id or endpoint, and the runner\'s DNS (or HTTPS_PROXY, if the runner may only reach the internet through a proxy).';
    case 'ECONNREFUSED':
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return 'Nothing answers there: check the endpoint\'s host and port, firewalls, and HTTPS_PROXY / NO_PROXY.';
    case 'Timeout':
    case 'ETIMEDOUT':
      return 'Check the network path to the endpoint (firewall, proxy, VPC endpoint reachability).';
    case 'SignatureDoesNotMatch':
      return 'The request signature was rejected: check that access-key-secret (or ALIBABA_CLOUD_ACCESS_KEY_SECRET) belongs to the access key id and has no stray spaces or line breaks.';
    case 'InvalidAccessKeyId.NotFound':
    case 'InvalidAccessKeyId':
      return 'The access key id is unknown or was deleted: check the access-key-id input or secret, or configure-aliyun-credentials-action.';
    case 'InvalidAccessKeyId.Inactive':
      return 'The access key is disabled: enable it or use another one.';
    case 'InvalidSecurityToken.Expired':
      return 'The STS security token has expired: get fresh credentials (configure-aliyun-credentials-action) in the same job, right before this step.';
    case 'InvalidSecurityToken.Mismatch':
    case 'InvalidSecurityToken.Malformed':
      return 'The security token does not belong to the access key: pass the token together with the key pair it was issued with.';
    case 'InvalidTimeStamp.Expired':
      return 'The runner\'s clock is more than 15 minutes off: fix the clock (NTP) on the runner.';
    case 'SignatureNonceUsed':
      return 'The gateway saw this request\'s nonce before; run again.';
    case 'InvalidDBInstanceId.NotFound':
      return `No instance ${context.instanceId} in ${where}. Check the instance id, and that region-id is the instance's region: a wrong region is the usual cause.`;
    case 'InvalidBackupID.NotFound':
      return `The backup is not one of instance ${context.instanceId}'s successful backups. Check the id with DescribeBackups, or use backup-id: latest.`;
    case 'OperationDenied.DBInstance':
      return `RestoreDBInstance works on replica sets only. For a standalone or sharded instance, ${NEW_INSTANCE_ADVICE}.`;
    case 'OperationDenied.DBInstanceStatus':
      return 'The instance is busy (not Running). Run the workflow again when it is Running.';
    case 'OperationDenied.InsufficientResourceCapacity':
      return 'The zone lacks the capacity for the restore right now. Try again later, or contact Alibaba Cloud support.';
    default:
      return undefined;
  }
}

/** One line for an error: code, message, request id and, where known, what to do. */
export function describeError(error: unknown, context: ErrorContext): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const requestId = error.requestId ? ` (RequestId: ${error.requestId})` : '';
  const hint = hintFor(error.code, context);
  if (error.kind !== 'api') return `${error.message}${hint ? `. ${hint}` : ''}`;
  return `${error.code}: ${error.message}${requestId}${hint ? `. ${hint}` : ''}`;
}
