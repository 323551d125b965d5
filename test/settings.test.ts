import { describe, expect, it } from '@jest/globals';
import { RefusalError } from '../src/errors.js';
import { readCredentials, readSettings, secretValues, type Env } from '../src/settings.js';

const base: Record<string, string> = {
  'instance-id': 'dds-bp1234567890ab',
  'backup-id': '123456',
  confirm: 'true',
  'region-id': 'cn-hangzhou',
  'access-key-id': 'KEYID',
  'access-key-secret': 'SECRET',
};

const reader = (inputs: Record<string, string>) => (name: string) => (inputs[name] ?? '').trim();
const settingsFor = (inputs: Record<string, string | undefined>, env: Env = {}) => {
  const merged = { ...base, ...inputs };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  return readSettings(reader(merged as Record<string, string>), env);
};
const refusal = (inputs: Record<string, string | undefined>, env: Env = {}) => {
  try {
    settingsFor(inputs, env);
  } catch (error) {
    expect(error).toBeInstanceOf(RefusalError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('readSettings', () => {
  it('sets defaults', () => {
    const s = settingsFor({});
    expect(s).toMatchObject({
      instanceId: 'dds-bp1234567890ab', backup: { kind: 'id', id: '123456' }, confirm: true, dryRun: false, preflight: true,
      requiredTags: [], regionId: 'cn-hangzhou', endpoint: 'https://mongodb.aliyuncs.com', wait: false,
      waitTimeoutMs: 3_600_000, pollIntervalMs: 15_000,
    });
    expect(s.credentials).toEqual({ accessKeyId: 'KEYID', accessKeySecret: 'SECRET', securityToken: undefined, source: 'inputs' });
  });

  it('keeps a 19-digit backup id as the exact string', () => {
    expect(settingsFor({ 'backup-id': '9223372036854775807' }).backup).toEqual({ kind: 'id', id: '9223372036854775807' });
  });

  it('accepts latest in any case', () => {
    expect(settingsFor({ 'backup-id': 'LATEST' }).backup).toEqual({ kind: 'latest' });
  });

  it.each(['true', 'True', 'TRUE', '  true  '])('accepts confirm %p', (value) => {
    expect(settingsFor({ confirm: value }).confirm).toBe(true);
  });

  it.each([['false'], ['FALSE'], [''], [undefined]])('reads confirm %p as not confirmed', (value) => {
    expect(settingsFor({ confirm: value }).confirm).toBe(false);
  });

  it.each([
    ['instance-id', '', /"instance-id" is required/],
    ['instance-id', 'bp123', /"instance-id" is invalid: "bp123"/],
    ['instance-id', 'dds-ABC', /"instance-id" is invalid: "dds-ABC".*lowercase/],
    ['instance-id', 'dds-abc&x=1', /"instance-id" is invalid: "dds-abc&x=1"/],
    ['instance-id', 'dds-abc;rm -rf', /"instance-id" is invalid/],
    ['instance-id', 'dds-abc def', /"instance-id" is invalid/],
    ['backup-id', '', /"backup-id" is required/],
    ['backup-id', '12a', /"backup-id" is invalid: "12a".*decimal digits/],
    ['backup-id', '-1', /"backup-id" is invalid: "-1"/],
    ['backup-id', '1e9', /"backup-id" is invalid: "1e9"/],
    ['backup-id', '12&BackupId=9', /"backup-id" is invalid/],
    ['backup-id', '1'.repeat(31), /"backup-id" is invalid/],
    ['confirm', 'yes', /"confirm" is invalid: "yes".*true or false/],
    ['confirm', '1', /"confirm" is invalid: "1"/],
    ['confirm', 'tRue', /"confirm" is invalid: "tRue"/],
    ['dry-run', 'maybe', /"dry-run" is invalid: "maybe"/],
    ['preflight', 'no', /"preflight" is invalid: "no"/],
    ['wait', 'on', /"wait" is invalid: "on"/],
    ['wait-timeout-minutes', '0', /"wait-timeout-minutes" is invalid: "0".*more than 0 and at most 360/],
    ['wait-timeout-minutes', '361', /"wait-timeout-minutes" is invalid: "361"/],
    ['wait-timeout-minutes', '-5', /"wait-timeout-minutes" is invalid/],
    ['wait-timeout-minutes', 'ten', /"wait-timeout-minutes" is invalid: "ten"/],
    ['poll-interval-seconds', '0', /"poll-interval-seconds" is invalid: "0".*from 1 to 300/],
    ['poll-interval-seconds', '0.5', /"poll-interval-seconds" is invalid/],
    ['poll-interval-seconds', '301', /"poll-interval-seconds" is invalid/],
    ['poll-interval-seconds', '1e2', /"poll-interval-seconds" is invalid/],
    ['require-tag', 'env', /"require-tag" is invalid: the line "env" is not key=value/],
    ['require-tag', 'env=staging\n=x', /"require-tag" is invalid: the line "=x"/],
    ['region-id', 'cn hangzhou', /"region-id" is invalid: "cn hangzhou"/],
    ['region-id', 'cn/hangzhou', /"region-id" is invalid/],
    ['region-id', 'CN-HANGZHOU', /"region-id" is invalid/],
    ['endpoint', 'http://mongodb.aliyuncs.com', /"endpoint" is invalid: plain http is only allowed for a loopback host/],
    ['endpoint', 'ftp://example.com', /"endpoint" is invalid: the scheme "ftp"/],
    ['endpoint', 'https://example.com/path', /"endpoint" is invalid: it must be a host/],
    ['endpoint', 'https://user:pw@example.com', /"endpoint" is invalid: it must not carry user info/],
    ['endpoint', 'https://example.com?x=1', /"endpoint" is invalid/],
    ['endpoint', 'example.com; curl evil', /"endpoint" is invalid/],
  ])('refuses %s = %p', (name, value, message) => {
    expect(refusal({ [name]: value })).toMatch(message);
  });

  it('accepts decimals for the wait timeout and the bounds', () => {
    expect(settingsFor({ 'wait-timeout-minutes': '0.5' }).waitTimeoutMs).toBe(30_000);
    expect(settingsFor({ 'wait-timeout-minutes': '360' }).waitTimeoutMs).toBe(21_600_000);
    expect(settingsFor({ 'poll-interval-seconds': '1' }).pollIntervalMs).toBe(1000);
    expect(settingsFor({ 'poll-interval-seconds': '300' }).pollIntervalMs).toBe(300_000);
  });

  it('parses several required tags, trimming and keeping = in values', () => {
    expect(settingsFor({ 'require-tag': ' env = staging \n\n team=data\nexpr=a=b' }).requiredTags).toEqual([
      { key: 'env', value: 'staging' }, { key: 'team', value: 'data' }, { key: 'expr', value: 'a=b' },
    ]);
  });

  it('needs region-id or endpoint, naming both', () => {
    expect(refusal({ 'region-id': undefined })).toMatch(/"region-id".*"endpoint"/);
  });

  it('falls back to the region environment variables in order', () => {
    const env = { ALIBABA_CLOUD_REGION_ID: 'eu-central-1', ALICLOUD_REGION_ID: 'cn-beijing' };
    expect(settingsFor({ 'region-id': undefined }, env).endpoint).toBe('https://mongodb.eu-central-1.aliyuncs.com');
    expect(settingsFor({ 'region-id': undefined }, { ALICLOUD_REGION_ID: 'cn-beijing' }).regionId).toBe('cn-beijing');
    expect(settingsFor({ 'region-id': undefined }, { ALIBABA_CLOUD_REGION_ID: '', ALICLOUD_REGION_ID: 'cn-beijing' }).regionId).toBe('cn-beijing');
  });

  it('lets endpoint override the region and keeps the region for RegionId', () => {
    const s = settingsFor({ endpoint: 'mongodb-vpc.cn-hangzhou.aliyuncs.com' });
    expect(s.endpoint).toBe('https://mongodb-vpc.cn-hangzhou.aliyuncs.com');
    expect(s.regionId).toBe('cn-hangzhou');
  });

  it('never shows the secret in a refusal', () => {
    const message = refusal({ 'access-key-id': '', 'access-key-secret': 'TOPSECRETVALUE' });
    expect(message).not.toContain('TOPSECRETVALUE');
    expect(message).toMatch(/"access-key-secret" is set, but input "access-key-id" is empty/);
  });
});

describe('readCredentials', () => {
  const none = reader({});
  it('prefers inputs over the environment', () => {
    const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: 'ENVID', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'ENVSECRET' };
    expect(readCredentials(reader({ 'access-key-id': 'IN', 'access-key-secret': 'INS' }), env)).toMatchObject({ accessKeyId: 'IN', source: 'inputs' });
  });

  it.each([
    [{ ALIBABA_CLOUD_ACCESS_KEY_ID: 'A', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'AS', ALIBABA_CLOUD_SECURITY_TOKEN: 'AT', ALIBABACLOUD_ACCESS_KEY_ID: 'B', ALIBABACLOUD_ACCESS_KEY_SECRET: 'BS' }, 'A', 'AT'],
    [{ ALIBABACLOUD_ACCESS_KEY_ID: 'B', ALIBABACLOUD_ACCESS_KEY_SECRET: 'BS', ALIBABACLOUD_SECURITY_TOKEN: 'BT', ALICLOUD_ACCESS_KEY: 'C', ALICLOUD_SECRET_KEY: 'CS' }, 'B', 'BT'],
    [{ ALICLOUD_ACCESS_KEY: 'C', ALICLOUD_SECRET_KEY: 'CS', ALICLOUD_SECURITY_TOKEN: 'CT' }, 'C', 'CT'],
    // configure-aliyun-credentials-action's post step leaves empty strings: they count as unset.
    [{ ALIBABA_CLOUD_ACCESS_KEY_ID: '', ALIBABA_CLOUD_ACCESS_KEY_SECRET: '', ALICLOUD_ACCESS_KEY: 'C', ALICLOUD_SECRET_KEY: 'CS' }, 'C', undefined],
  ])('reads the environment in order (%#)', (env, id, token) => {
    const c = readCredentials(none, env);
    expect(c.accessKeyId).toBe(id);
    expect(c.securityToken).toBe(token);
  });

  it('does not mix a token from one source with keys from another', () => {
    const env = { ALIBABA_CLOUD_SECURITY_TOKEN: 'ENVTOKEN' };
    expect(readCredentials(reader({ 'access-key-id': 'IN', 'access-key-secret': 'INS' }), env).securityToken).toBeUndefined();
  });

  it('refuses a key id without its secret, and the reverse', () => {
    expect(() => readCredentials(reader({ 'access-key-id': 'IN' }), {})).toThrow(/input "access-key-id" is set \("IN"\), but input "access-key-secret" is empty/);
    expect(() => readCredentials(none, { ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'S' })).toThrow(/ALIBABA_CLOUD_ACCESS_KEY_SECRET is set, but ALIBABA_CLOUD_ACCESS_KEY_ID is empty/);
    expect(() => readCredentials(reader({ 'security-token': 'T' }), {})).toThrow(/an STS token needs its key pair/);
  });

  it('names the inputs and ALIBABA_CLOUD_ACCESS_KEY_ID when there are no credentials', () => {
    expect(() => readCredentials(none, {})).toThrow(/"access-key-id".*"access-key-secret".*ALIBABA_CLOUD_ACCESS_KEY_ID/);
  });

  it('refuses a key id with separators', () => {
    expect(() => readCredentials(reader({ 'access-key-id': 'A&B=1', 'access-key-secret': 'S' }), {})).toThrow(/"A&B=1"/);
  });

  it('lists every secret and token present, for masking', () => {
    const values = secretValues(reader({ 'access-key-secret': 'S1', 'security-token': 'T1' }), { ALICLOUD_SECRET_KEY: 'S2', ALIBABA_CLOUD_SECURITY_TOKEN: '' });
    expect(values.sort()).toEqual(['S1', 'S2', 'T1']);
  });
});
