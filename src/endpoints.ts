import { isIP } from 'node:net';
import { RefusalError } from './errors.js';

/**
 * Regions that the central endpoint has always served. Newer endpoint tables give most regions a regional host
 * too, but the central one keeps working for these, so it is the safe choice. Correct this table, and only this.
 */
export const CENTRAL_ENDPOINT_REGIONS: ReadonlySet<string> = new Set([
  'cn-qingdao', 'cn-beijing', 'cn-wulanchabu', 'cn-hangzhou', 'cn-shanghai', 'cn-shenzhen',
  'cn-heyuan', 'cn-guangzhou', 'cn-hongkong', 'ap-southeast-1', 'us-west-1', 'us-east-1',
]);

export const CENTRAL_ENDPOINT = 'https://mongodb.aliyuncs.com';

/** The HTTPS endpoint that serves a region. */
export function endpointForRegion(regionId: string): string {
  return CENTRAL_ENDPOINT_REGIONS.has(regionId) ? CENTRAL_ENDPOINT : `https://mongodb.${regionId}.aliyuncs.com`;
}

/** True for loopback hosts: 127.0.0.0/8, localhost, ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/**
 * Parses the `endpoint` input into an origin (`https://host[:port]`). A bare host means https; http is allowed
 * only for loopback, which is how the emulator is reached. Paths, queries and user info are refused.
 */
export function parseEndpoint(raw: string): string {
  const allowed = 'Use https://host[:port] (or a bare host name); http:// only for 127.0.0.0/8, localhost or [::1].';
  // User info in a URL is a password more often than not: it is never echoed back.
  const shown = raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/?#@]*@/i, '$1***@');
  const refuse = (why: string): never => {
    throw new RefusalError(`Input "endpoint" is invalid: ${why} (got "${shown}"). ${allowed}`);
  };
  if (/[\s"'`$;|&<>\\]/.test(raw)) refuse('it contains spaces, quotes or shell characters');
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw);
  let url: URL;
  try {
    url = new URL(hasScheme ? raw : `https://${raw}`);
  } catch {
    return refuse('it is not a URL or host name');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') refuse(`the scheme "${url.protocol.replace(':', '')}" is not allowed`);
  if (url.username || url.password) refuse('it must not carry user info');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) refuse('it must be a host, without a path, query or fragment');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!isIP(host) && !HOST_NAME.test(host)) refuse('the host name is not valid');
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) refuse('plain http is only allowed for a loopback host');
  return url.origin;
}

const REGION_ID = /^[a-z]{2,}(-[a-z0-9]+)+$/;

/** Checks a region id such as `cn-hangzhou` or `cn-shanghai-finance-1`. */
export function parseRegionId(raw: string, source: string): string {
  if (!REGION_ID.test(raw) || raw.length > 64) {
    throw new RefusalError(
      `${source} is invalid: "${raw}" is not a region id. Use lowercase letters, digits and hyphens, such as cn-hangzhou or ap-southeast-1.`,
    );
  }
  return raw;
}
