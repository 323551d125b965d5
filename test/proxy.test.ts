import { afterEach, describe, expect, it } from '@jest/globals';
import { connectionFor } from '../src/proxy.js';

const saved = { ...process.env };
afterEach(() => {
  for (const k of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy']) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

describe('connectionFor', () => {
  it('goes direct without proxy variables', () => {
    delete process.env.HTTPS_PROXY;
    delete process.env.https_proxy;
    const c = connectionFor('https://mongodb.aliyuncs.com');
    expect(c.proxy).toBeUndefined();
    c.close();
  });

  it.each(['HTTPS_PROXY', 'https_proxy'])('uses %s for https, showing host:port but never credentials', (name) => {
    process.env[name] = 'http://user:pa55@proxy.internal:3128';
    const c = connectionFor('https://mongodb.aliyuncs.com');
    expect(c.proxy).toBe('proxy.internal:3128');
    c.close();
  });

  it.each([
    ['mongodb.aliyuncs.com', undefined],
    ['.aliyuncs.com', undefined],
    ['aliyuncs.com', undefined],
    ['*', undefined],
    ['example.com', 'proxy.internal:3128'],
  ])('NO_PROXY=%s', (noProxy, expected) => {
    process.env.HTTPS_PROXY = 'http://proxy.internal:3128';
    process.env.NO_PROXY = noProxy;
    const c = connectionFor('https://mongodb.aliyuncs.com');
    expect(c.proxy).toBe(expected);
    c.close();
  });

  it('never proxies loopback', () => {
    process.env.HTTP_PROXY = 'http://proxy.internal:3128';
    const c = connectionFor('http://127.0.0.1:8080');
    expect(c.proxy).toBeUndefined();
    c.close();
  });
});
