// A loopback stand-in for the ApsaraDB for MongoDB (Dds) RPC gateway, version 2015-12-01.
// It checks requests the way the gateway does (v1 HMAC-SHA1 signature, 15-minute timestamp window, nonce reuse,
// STS token) so that a request it accepts is one the real gateway would accept too. Plain JavaScript on purpose:
// Node 20 runs it straight after `npm ci`, for the tests, the demo, the bench and a CI job alike.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { TEST_KEYS, seedInstances } from './seed.mjs';

const TIMESTAMP_WINDOW_MS = 15 * 60 * 1000;
const PAGE_SIZES = new Set([30, 50, 100]);
const WINDOW_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/;

/** RFC 3986 percent-encoding as the v1 signature defines it. */
export function percentEncode(value) {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The v1 string to sign for a parameter set (Signature excluded). */
export function stringToSign(method, params) {
  const canonical = Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k])}`)
    .join('&');
  return `${method}&${percentEncode('/')}&${percentEncode(canonical)}`;
}

/** HMAC-SHA1 of the string to sign with `secret&`, base64. */
export function sign(secret, text) {
  return createHmac('sha1', `${secret}&`).update(text).digest('base64');
}

class ApiFailure extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const fail = (status, code, message) => {
  throw new ApiFailure(status, code, message);
};

function parseForm(text) {
  const params = {};
  for (const pair of text.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
    const decode = (s) => decodeURIComponent(s.replace(/\+/g, '%20'));
    params[decode(rawKey)] = decode(rawValue);
  }
  return params;
}

function requestIdFor(counter) {
  const hex = counter.toString(16).toUpperCase().padStart(12, '0');
  return `E0E0E0E0-0000-4000-8000-${hex}`;
}

/**
 * Creates an emulator. Options: keys (id -> { secret, securityToken?, expired? }), instances (seed),
 * restoringReads (reads that still see Restoring after a restore), latencyMs, maxRequestsPerSecond,
 * tls ({ key, cert }) for HTTPS, withdrawn (RestoreDBInstance answers InvalidAction.NotFound), now().
 */
export function createEmulator(options = {}) {
  const now = options.now ?? (() => Date.now());
  const keys = new Map();
  for (const key of [TEST_KEYS.plain, TEST_KEYS.sts]) {
    keys.set(key.accessKeyId, { secret: key.accessKeySecret, securityToken: key.securityToken });
  }
  for (const [id, key] of Object.entries(options.keys ?? {})) keys.set(id, key);

  const emulator = {
    url: '',
    port: 0,
    restoringReads: options.restoringReads ?? 2,
    latencyMs: options.latencyMs ?? 0,
    maxRequestsPerSecond: options.maxRequestsPerSecond ?? 0,
    withdrawn: options.withdrawn ?? false,
    /** Every request seen, in order: { action, params, status, code, fault, at, answeredStatus }. */
    requests: [],
    /** Every restore applied: { instanceId, backupId, requestId, at }. */
    restores: [],
    instances: new Map(),
    faults: [],
    nonces: new Set(),
  };
  let counter = 0;
  let windowStart = 0;
  let windowCount = 0;
  const hanging = new Set();

  function reset() {
    emulator.requests.length = 0;
    emulator.restores.length = 0;
    emulator.faults.length = 0;
    emulator.nonces.clear();
    emulator.instances.clear();
    for (const seeded of options.instances ?? seedInstances(now())) {
      emulator.instances.set(seeded.attributes.DBInstanceId, structuredClone({ ...seeded, restoringReadsLeft: 0 }));
    }
  }
  reset();

  /**
   * Queues a fault: { action ('*' for any), kind, times (default 1), afterApply (restore only: apply first) }.
   * Kinds: throttle, unavailable (503), internal (500), html (502 page), json-error (502, JSON without Code),
   * reset, hang, expired-token.
   */
  emulator.injectFault = (fault) => {
    emulator.faults.push({ action: '*', times: 1, afterApply: false, ...fault });
  };
  emulator.reset = reset;

  function takeFault(action) {
    const fault = emulator.faults.find((f) => f.times > 0 && (f.action === '*' || f.action === action));
    if (!fault) return undefined;
    fault.times -= 1;
    return fault;
  }

  function rateLimited() {
    if (!emulator.maxRequestsPerSecond) return false;
    const t = now();
    if (t - windowStart >= 1000) {
      windowStart = t;
      windowCount = 0;
    }
    windowCount += 1;
    return windowCount > emulator.maxRequestsPerSecond;
  }

  function authenticate(method, params) {
    for (const name of ['AccessKeyId', 'Signature', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp']) {
      if (!params[name]) fail(400, 'MissingParameter', `The input parameter "${name}" that is mandatory for processing this request is not supplied.`);
    }
    if (params.SignatureMethod !== 'HMAC-SHA1') fail(400, 'InvalidSignatureMethod', 'Specified signature method is not valid.');
    if (params.SignatureVersion !== '1.0') fail(400, 'InvalidSignatureVersion', 'Specified signature version is not valid.');
    if (params.Version !== '2015-12-01') fail(400, 'InvalidVersion', 'Specified parameter Version is not valid.');
    const stamp = Date.parse(params.Timestamp);
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(params.Timestamp) || Number.isNaN(stamp)) {
      fail(400, 'InvalidTimeStamp.Format', 'Specified time stamp or date value is not well formatted.');
    }
    if (Math.abs(now() - stamp) > TIMESTAMP_WINDOW_MS) {
      fail(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
    }
    const key = keys.get(params.AccessKeyId);
    if (!key) fail(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    const text = stringToSign(method, params);
    if (sign(key.secret, text) !== params.Signature) {
      fail(400, 'SignatureDoesNotMatch', `Specified signature is not matched with our calculation. server string to sign is:${text}`);
    }
    if (emulator.nonces.has(params.SignatureNonce)) {
      fail(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    }
    emulator.nonces.add(params.SignatureNonce);
    if (key.securityToken !== undefined) {
      if (!params.SecurityToken) fail(400, 'MissingSecurityToken', 'SecurityToken is mandatory for this action.');
      if (key.expired) fail(400, 'InvalidSecurityToken.Expired', 'Specified SecurityToken is expired.');
      if (params.SecurityToken !== key.securityToken) fail(400, 'InvalidSecurityToken.Mismatch', 'Specified SecurityToken is mismatch with the AccessKey.');
    }
  }

  function findInstance(params) {
    if (!params.DBInstanceId) fail(400, 'MissingParameter', 'The input parameter "DBInstanceId" that is mandatory for processing this request is not supplied.');
    const found = emulator.instances.get(params.DBInstanceId);
    if (!found) fail(404, 'InvalidDBInstanceId.NotFound', 'Specified instance does not exist.');
    return found;
  }

  const operations = {
    DescribeDBInstanceAttribute(params, _requestId, record) {
      const found = findInstance(params);
      const view = structuredClone(found.attributes);
      record.answeredStatus = view.DBInstanceStatus;
      if (found.restoringReadsLeft > 0) {
        found.restoringReadsLeft -= 1;
        if (found.restoringReadsLeft === 0) {
          found.attributes.DBInstanceStatus = 'Running';
          found.attributes.LockMode = 'Unlock';
        }
      }
      return { DBInstances: { DBInstance: [view] } };
    },

    DescribeBackups(params) {
      const found = findInstance(params);
      const pageSize = params.PageSize === undefined ? 30 : Number(params.PageSize);
      const pageNumber = params.PageNumber === undefined ? 1 : Number(params.PageNumber);
      if (!PAGE_SIZES.has(pageSize)) fail(400, 'InvalidParameter', 'Specified parameter PageSize is not valid.');
      if (!Number.isInteger(pageNumber) || pageNumber < 1) fail(400, 'InvalidParameter', 'Specified parameter PageNumber is not valid.');
      for (const name of ['StartTime', 'EndTime']) {
        if (params[name] !== undefined && !WINDOW_TIME.test(params[name])) {
          fail(400, `InvalidParameter`, `Specified parameter ${name} is not valid.`);
        }
      }
      let list = found.backups;
      if (params.BackupId !== undefined) {
        list = list.filter((b) => b.BackupId === params.BackupId);
      } else {
        const from = params.StartTime ? Date.parse(params.StartTime) : -Infinity;
        const to = params.EndTime ? Date.parse(params.EndTime) : Infinity;
        list = list.filter((b) => Date.parse(b.BackupStartTime) >= from && Date.parse(b.BackupStartTime) <= to);
      }
      const page = list.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
      return {
        TotalCount: list.length,
        PageNumber: pageNumber,
        PageSize: pageSize,
        Backups: { Backup: structuredClone(page) },
      };
    },

    RestoreDBInstance(params, requestId) {
      if (emulator.withdrawn) fail(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
      const found = findInstance(params);
      if (!params.BackupId) fail(400, 'MissingParameter', 'The input parameter "BackupId" that is mandatory for processing this request is not supplied.');
      if (!/^\d+$/.test(params.BackupId)) fail(400, 'InvalidParameter', 'Specified parameter BackupId is not valid.');
      const a = found.attributes;
      if (a.DBInstanceType !== 'replicate' || a.ReplicationFactor === '1') {
        fail(403, 'OperationDenied.DBInstance', 'The operation is not permitted due to type of instance.');
      }
      if (a.DBInstanceStatus !== 'Running') {
        fail(403, 'OperationDenied.DBInstanceStatus', 'The operation is not permitted due to status of instance.');
      }
      const chosen = found.backups.find((b) => b.BackupId === params.BackupId);
      if (!chosen || chosen.BackupStatus !== 'Success') fail(403, 'InvalidBackupID.NotFound', 'Specified backup ID does not exist.');
      a.DBInstanceStatus = 'Restoring';
      a.LockMode = 'LockByRestoration';
      found.restoringReadsLeft = Math.max(1, emulator.restoringReads);
      emulator.restores.push({ instanceId: a.DBInstanceId, backupId: params.BackupId, requestId, at: now() });
      return {};
    },
  };

  function send(res, status, body, contentType = 'application/json;charset=utf-8') {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  function control(req, res, body) {
    if (req.url === '/__emulator/state' && req.method === 'GET') {
      return send(res, 200, { requests: emulator.requests, restores: emulator.restores });
    }
    if (req.url === '/__emulator/faults' && req.method === 'POST') {
      emulator.injectFault(JSON.parse(body || '{}'));
      return send(res, 200, { faults: emulator.faults });
    }
    if (req.url === '/__emulator/reset' && req.method === 'POST') {
      reset();
      return send(res, 200, {});
    }
    return send(res, 404, { Code: 'NotFound', Message: 'No such control endpoint.' });
  }

  async function handle(req, res, body) {
    if (req.url.startsWith('/__emulator/')) return control(req, res, body);
    const query = req.url.includes('?') ? parseForm(req.url.slice(req.url.indexOf('?') + 1)) : {};
    const params = { ...query, ...(req.method === 'POST' ? parseForm(body) : {}) };
    counter += 1;
    const requestId = requestIdFor(counter);
    const record = { action: params.Action, params, status: 200, code: undefined, fault: undefined, at: now(), answeredStatus: undefined };
    emulator.requests.push(record);
    if (emulator.latencyMs > 0) await new Promise((r) => setTimeout(r, emulator.latencyMs));

    const answerError = (status, code, message) => {
      record.status = status;
      record.code = code;
      send(res, status, { RequestId: requestId, HostId: req.headers.host ?? 'localhost', Code: code, Message: message, Recommend: `https://api.aliyun.com/troubleshoot?q=${code}` });
    };
    const answerFault = (fault) => {
      record.fault = fault.kind;
      switch (fault.kind) {
        case 'throttle': return answerError(400, 'Throttling.User', 'Request was denied due to user flow control.');
        case 'unavailable': return answerError(503, 'ServiceUnavailable', 'The request has failed due to a temporary failure of the server.');
        case 'internal': return answerError(500, 'InternalError', 'The request processing has failed due to some unknown error.');
        case 'expired-token': return answerError(400, 'InvalidSecurityToken.Expired', 'Specified SecurityToken is expired.');
        case 'json-error':
          record.status = 502;
          return send(res, 502, { message: 'upstream connect error or disconnect/reset before headers' });
        case 'html':
          record.status = 502;
          return send(res, 502, '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>', 'text/html');
        case 'reset': return req.socket.destroy();
        case 'hang': hanging.add(res); return undefined;
        default: return answerError(500, 'InternalError', `unknown fault ${fault.kind}`);
      }
    };

    try {
      if (!['POST', 'GET'].includes(req.method)) fail(405, 'UnsupportedHTTPMethod', 'This http method is not supported.');
      if (rateLimited()) fail(400, 'Throttling.User', 'Request was denied due to user flow control.');
      const operation = operations[params.Action];
      const fault = takeFault(params.Action);
      if (fault && !fault.afterApply) return answerFault(fault);
      authenticate(req.method, params);
      if (!operation) fail(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
      const result = operation(params, requestId, record);
      if (fault) return answerFault(fault);
      return send(res, 200, { RequestId: requestId, ...result });
    } catch (error) {
      if (error instanceof ApiFailure) return answerError(error.status, error.code, error.message);
      return answerError(500, 'InternalError', String(error));
    }
  }

  const listener = (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8')).catch(() => res.destroy());
    });
  };
  const server = options.tls ? https.createServer(options.tls, listener) : http.createServer(listener);

  /** Starts listening on loopback; resolves to the base URL. */
  emulator.start = (port = 0, host = '127.0.0.1') => new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      emulator.port = server.address().port;
      const shownHost = options.hostName ?? host;
      emulator.url = `${options.tls ? 'https' : 'http'}://${shownHost}:${emulator.port}`;
      resolve(emulator.url);
    });
  });

  /** Stops the server, dropping hung and idle connections. */
  emulator.stop = () => new Promise((resolve) => {
    for (const res of hanging) res.destroy();
    hanging.clear();
    server.close(() => resolve());
    server.closeAllConnections();
  });

  return emulator;
}
