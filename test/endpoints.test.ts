import { describe, expect, it } from '@jest/globals';
import { CENTRAL_ENDPOINT_REGIONS, endpointForRegion, isLoopbackHost, parseEndpoint, parseRegionId } from '../src/endpoints.js';

describe('endpointForRegion', () => {
  it.each([...CENTRAL_ENDPOINT_REGIONS])('uses the central endpoint for %s', (region) => {
    expect(endpointForRegion(region)).toBe('https://mongodb.aliyuncs.com');
  });

  it.each(['eu-central-1', 'ap-northeast-1', 'cn-zhangjiakou', 'cn-shanghai-finance-1', 'cn-wuhan-lr'])('uses the regional endpoint for %s', (region) => {
    expect(endpointForRegion(region)).toBe(`https://mongodb.${region}.aliyuncs.com`);
  });
});

describe('parseEndpoint', () => {
  it.each([
    ['mongodb-vpc.cn-hangzhou.aliyuncs.com', 'https://mongodb-vpc.cn-hangzhou.aliyuncs.com'],
    ['https://mongodb.aliyuncs.com/', 'https://mongodb.aliyuncs.com'],
    ['HTTPS://Mongodb.Aliyuncs.com:8443', 'https://mongodb.aliyuncs.com:8443'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['http://127.1.2.3:9', 'http://127.1.2.3:9'],
    ['http://localhost:3000', 'http://localhost:3000'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
    ['https://10.0.0.5', 'https://10.0.0.5'],
  ])('accepts %s', (raw, origin) => {
    expect(parseEndpoint(raw)).toBe(origin);
  });

  it.each([
    ['http://example.com', /plain http is only allowed for a loopback host/],
    ['http://128.0.0.1', /plain http/],
    ['http://localhost.example.com', /plain http/],
    ['file:///etc/passwd', /scheme "file"/],
    ['https://example.com/api', /without a path/],
    ['https://example.com/#x', /without a path/],
    ['https://a@example.com', /user info/],
    ['https://user:hunter2@example.com', /user info/],
    ['user:hunter2@example.com', /user info/],
    ['https://exa mple.com', /spaces/],
    ['https://example.com&x', /shell characters/],
    ['https://bad_host.com', /host name is not valid/],
    ['https://', /not a URL/],
  ])('refuses %s', (raw, why) => {
    expect(() => parseEndpoint(raw)).toThrow(why);
    const shown = raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/?#@]*@/i, '$1***@');
    expect(() => parseEndpoint(raw)).toThrow(new RegExp(`got "${shown.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`));
  });

  it('never echoes the user info of a refused endpoint', () => {
    expect(() => parseEndpoint('https://user:hunter2@example.com')).toThrow('(got "https://***@example.com")');
    expect(() => parseEndpoint('https://user:hunter2@example.com')).not.toThrow(/hunter2/);
    expect(() => parseEndpoint('user:hunter2@example.com')).toThrow('(got "***@example.com")');
  });
});

describe('isLoopbackHost', () => {
  it.each([['127.0.0.1', true], ['127.255.0.9', true], ['localhost', true], ['[::1]', true], ['::1', true], ['128.0.0.1', false], ['127.example.com', false], ['10.0.0.1', false]])('%s -> %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});

describe('parseRegionId', () => {
  it.each(['cn-hangzhou', 'ap-southeast-1', 'us-west-1', 'cn-shanghai-finance-1', 'cn-wuhan-lr'])('accepts %s', (region) => {
    expect(parseRegionId(region, 'Input "region-id"')).toBe(region);
  });
  it.each(['hangzhou', 'cn hangzhou', 'cn/hangzhou', 'cn-hangzhou&x=1', '../etc', 'cn-'])('refuses %p', (region) => {
    expect(() => parseRegionId(region, 'Input "region-id"')).toThrow(`Input "region-id" is invalid: "${region}"`);
  });
});
