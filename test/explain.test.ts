import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../src/errors.js';
import { describeError, hintFor } from '../src/explain.js';

const context = { endpoint: 'https://mongodb.aliyuncs.com', regionId: 'cn-hangzhou', instanceId: 'dds-x1' };

describe('hintFor', () => {
  it.each([
    ['SignatureDoesNotMatch', /access-key-secret/],
    ['InvalidAccessKeyId.NotFound', /access key id is unknown/],
    ['Forbidden.RAM', /dds:RestoreDBInstance, dds:DescribeBackups and dds:DescribeDBInstanceAttribute.*dbinstance\/dds-x1/],
    ['NoPermission', /RAM actions/],
    ['InvalidDBInstanceId.NotFound', /No instance dds-x1 in region cn-hangzhou \(https:\/\/mongodb.aliyuncs.com\).*wrong region/],
    ['InvalidBackupID.NotFound', /DescribeBackups.*latest/],
    ['OperationDenied.DBInstance', /replica sets only.*new instance from the backup/],
    ['OperationDenied.DBInstanceStatus', /busy.*Running/],
    ['InvalidAction.NotFound', /withdrawn.*CreateDBInstance with BackupId and SrcDBInstanceId/],
    ['InvalidAction', /withdrawn/],
    ['InvalidSecurityToken.Expired', /expired.*fresh credentials/],
    ['Throttling.User', /whole retry budget.*max-parallel/],
  ])('%s', (code, pattern) => {
    expect(hintFor(code, context)).toMatch(pattern);
  });

  it('has nothing to add for unknown codes', () => {
    expect(hintFor('Whatever', context)).toBeUndefined();
  });
});

describe('describeError', () => {
  it('gives code, message, request id and hint', () => {
    const error = new ApiError('api', 'OperationDenied.DBInstanceStatus', 'busy now', 'RID-9', 403);
    expect(describeError(error, context)).toBe('OperationDenied.DBInstanceStatus: busy now (RequestId: RID-9). The instance is busy (not Running). Run the workflow again when it is Running.');
  });

  it('gives transport failures their own words', () => {
    expect(describeError(new ApiError('not-sent', 'ECONNREFUSED', 'could not connect to the endpoint http://127.0.0.1:9 (ECONNREFUSED)'), context))
      .toBe("could not connect to the endpoint http://127.0.0.1:9 (ECONNREFUSED). Nothing answers there: check the endpoint's host and port, firewalls, and HTTPS_PROXY / NO_PROXY.");
  });

  it('passes other errors through', () => {
    expect(describeError(new Error('boom'), context)).toBe('boom');
    expect(describeError('text', context)).toBe('text');
  });
});

describe('hints for transport failures', () => {
  it.each([
    ['ENOTFOUND', /does not resolve: check region-id or endpoint/],
    ['ECONNREFUSED', /host and port.*HTTPS_PROXY \/ NO_PROXY/],
    ['Timeout', /network path/],
  ])('%s', (code, pattern) => {
    expect(hintFor(code, context)).toMatch(pattern);
  });
});
