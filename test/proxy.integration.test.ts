// Proxies end to end: an HTTPS emulator under a host name only the proxy can resolve, and a recording proxy.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createEmulator } from './emulator/server.mjs';
import { ROOT } from './emulator/runner.mjs';
import { errorLine, runAgainst } from './support/action.js';

const TLS_DIR = join(ROOT, 'test', 'fixtures', 'tls');
const TEST_HOST = 'dds.emulator.test';
const emulator = createEmulator({
  tls: { key: readFileSync(join(TLS_DIR, 'server.key')), cert: readFileSync(join(TLS_DIR, 'server.pem')) },
  hostName: TEST_HOST,
});

const tunnels: string[] = [];
const sockets = new Set<net.Socket>();
const proxy = http.createServer((_req, res) => res.writeHead(405).end());
proxy.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
  tunnels.push(req.url ?? '');
  sockets.add(client);
  const [host, port] = (req.url ?? '').split(':');
  // Only the proxy knows where the test host lives.
  const target = net.connect(Number(port), host === TEST_HOST ? '127.0.0.1' : host!, () => {
    sockets.add(target);
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    target.write(head);
    target.pipe(client);
    client.pipe(target);
  });
  target.on('error', () => client.destroy());
  client.on('error', () => target.destroy());
});
let proxyUrl = '';

beforeAll(async () => {
  await emulator.start();
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
beforeEach(() => {
  tunnels.length = 0;
  emulator.reset();
});
afterAll(async () => {
  // Tunnels are detached from the HTTP server, so close() would wait for them forever.
  for (const socket of sockets) socket.destroy();
  proxy.closeAllConnections();
  await new Promise((r) => proxy.close(r));
  await emulator.stop();
});

const inputs = { 'instance-id': 'dds-demo0001', 'backup-id': '5021000001' };
const tlsEnv = { NODE_EXTRA_CA_CERTS: join(TLS_DIR, 'ca.pem') };

describe('proxies', () => {
  it('tunnels every request through HTTPS_PROXY', async () => {
    const run = await runAgainst(emulator, { inputs, env: { ...tlsEnv, HTTPS_PROXY: proxyUrl } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`through proxy 127.0.0.1:${(proxy.address() as AddressInfo).port}`);
    expect(emulator.restores).toHaveLength(1);
    expect(tunnels.length).toBeGreaterThanOrEqual(1);
    expect(new Set(tunnels)).toEqual(new Set([`${TEST_HOST}:${emulator.port}`]));
    expect(emulator.requests).toHaveLength(3);
  });

  it('honours lower-case https_proxy too', async () => {
    const run = await runAgainst(emulator, { inputs, env: { ...tlsEnv, https_proxy: proxyUrl } });
    expect(run.code).toBe(0);
    expect(tunnels.length).toBeGreaterThanOrEqual(1);
  });

  it.each([TEST_HOST, '.emulator.test', '*'])('sends nothing through the proxy when NO_PROXY=%s', async (noProxy) => {
    const run = await runAgainst(emulator, { inputs, env: { ...tlsEnv, HTTPS_PROXY: proxyUrl, NO_PROXY: noProxy } });
    expect(tunnels).toEqual([]);
    // Without the proxy the test host does not resolve: the run fails fast, naming the endpoint, and restores nothing.
    expect(run.code).toBe(1);
    expect(errorLine(run)).toContain(`could not connect to the endpoint https://${TEST_HOST}:${emulator.port}`);
    expect(emulator.requests).toEqual([]);
  });
});
