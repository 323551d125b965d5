import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DdsApi } from '../src/api.js';
import { ApiError } from '../src/errors.js';
import { createPopCoreApi, endpointWithPort, text, toApiError } from '../src/pop-client.js';
import { connectionFor } from '../src/proxy.js';
import type { Credentials } from '../src/settings.js';
import { createEmulator } from './emulator/server.mjs';
import { TEST_KEYS } from './emulator/seed.mjs';

const emulator = createEmulator();
const plain: Credentials = { ...TEST_KEYS.plain, source: 'test' };
const sts: Credentials = { ...TEST_KEYS.sts, source: 'test' };
const agents: http.Agent[] = [];

async function client(credentials = plain, endpoint = emulator.url, readTimeoutMs = 2000): Promise<DdsApi> {
  const { agent } = connectionFor(endpoint);
  agents.push(agent);
  return createPopCoreApi({ endpoint, credentials, regionId: 'cn-hangzhou', readTimeoutMs, restoreTimeoutMs: readTimeoutMs, agent });
}

beforeAll(async () => {
  await emulator.start();
});
afterEach(() => emulator.reset());
afterAll(async () => {
  for (const a of agents) a.destroy();
  await emulator.stop();
});

describe('createPopCoreApi against the emulator', () => {
  it('signs POST requests the gateway accepts, with a fresh nonce each time', async () => {
    const api = await client();
    const first = await api.describeInstance('dds-demo0001');
    const second = await api.describeInstance('dds-demo0001');
    expect(first).toMatchObject({ id: 'dds-demo0001', type: 'replicate', status: 'Running', tags: [{ key: 'env', value: 'staging' }, { key: 'team', value: 'data' }] });
    expect(second.id).toBe('dds-demo0001');
    const [a, b] = emulator.requests;
    expect(a!.params).toMatchObject({ Action: 'DescribeDBInstanceAttribute', Version: '2015-12-01', Format: 'JSON', SignatureMethod: 'HMAC-SHA1', RegionId: 'cn-hangzhou' });
    expect(a!.params.SignatureNonce).not.toBe(b!.params.SignatureNonce);
    expect(emulator.requests.every((r) => r.status === 200)).toBe(true);
  });

  it('sends the STS token and is accepted', async () => {
    const api = await client(sts);
    await api.describeInstance('dds-demo0001');
    expect(emulator.requests[0]!.params.SecurityToken).toBe(TEST_KEYS.sts.securityToken);
  });

  it('keeps a 19-digit backup id exact all the way', async () => {
    const api = await client();
    const page = await api.describeBackups({ instanceId: 'dds-demo0001', backupId: '9223372036854775807', pageNumber: 1, pageSize: 100, startTime: '2020-01-01T00:00Z', endTime: '2099-01-01T00:00Z' });
    expect(page.backups.map((b) => b.id)).toEqual(['9223372036854775807']);
    const { requestId } = await api.restore('dds-demo0001', '9223372036854775807');
    expect(requestId).toMatch(/^E0E0E0E0-/);
    expect(emulator.restores).toEqual([expect.objectContaining({ instanceId: 'dds-demo0001', backupId: '9223372036854775807' })]);
  });

  it('maps a gateway error to ApiError with code, message, request id and status', async () => {
    const api = await client({ ...plain, accessKeySecret: 'wrong' });
    const error = await api.describeInstance('dds-demo0001').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'api', code: 'SignatureDoesNotMatch', httpStatus: 400, requestId: expect.stringMatching(/^E0E0/) });
    expect((error as Error).message).not.toContain('URL:');
  });

  it.each([
    ['html', 'malformed', 'MalformedResponse'],
    ['json-error', 'api', 'HTTP502'],
    ['reset', 'network', 'ECONNRESET'],
    ['unavailable', 'api', 'ServiceUnavailable'],
    ['throttle', 'api', 'Throttling.User'],
    ['expired-token', 'api', 'InvalidSecurityToken.Expired'],
  ] as const)('maps the %s fault', async (kind, errorKind, code) => {
    const api = await client();
    emulator.injectFault({ kind });
    await expect(api.describeInstance('dds-demo0001')).rejects.toMatchObject({ kind: errorKind, code });
  });

  it('times out a request that never answers', async () => {
    const api = await client(plain, emulator.url, 300);
    emulator.injectFault({ kind: 'hang' });
    await expect(api.describeInstance('dds-demo0001')).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('reports a refused connection as not sent, naming the endpoint', async () => {
    const server = http.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    await new Promise((r) => server.close(r));
    const api = await client(plain, `http://127.0.0.1:${port}`);
    await expect(api.describeInstance('dds-demo0001')).rejects.toMatchObject({ kind: 'not-sent', code: 'ECONNREFUSED', message: expect.stringContaining(`127.0.0.1:${port}`) });
  });
});

describe('text', () => {
  it('keeps big numbers digit for digit', () => {
    expect(text({ toFixed: () => '123456789012345678901234' })).toBe('123456789012345678901234');
    expect(text(42)).toBe('42');
    expect(text(undefined)).toBe('');
  });
});

describe('toApiError', () => {
  it('treats a thrown JSON syntax error object as a malformed body', () => {
    expect(toApiError({ name: 'SyntaxError', message: 'Unexpected token', text: '<html>502</html>' }, 'https://h')).toMatchObject({ kind: 'malformed', message: expect.stringContaining('<html>502</html>') });
  });
  it('treats DNS failure as not sent', () => {
    expect(toApiError(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }), 'https://h')).toMatchObject({ kind: 'not-sent' });
  });
});

describe('endpointWithPort', () => {
  it.each([
    ['https://mongodb.aliyuncs.com', 'https://mongodb.aliyuncs.com:443'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['http://localhost', 'http://localhost:80'],
    ['https://[::1]:9443', 'https://[::1]:9443'],
  ])('%s -> %s', (endpoint, shown) => expect(endpointWithPort(endpoint)).toBe(shown));
});
