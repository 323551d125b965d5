/** A refusal: bad input or a failed check. Nothing was written; the message says why and what to do. */
export class RefusalError extends Error {
  override readonly name = 'RefusalError';
}

/** How a call to the API failed, as far as the client can tell. */
export type FailureKind =
  | 'api' // the gateway answered with an error body (Code, Message, RequestId)
  | 'not-sent' // the request never left: connection refused, name not resolved
  | 'network' // the connection broke after it was made (reset, closed)
  | 'timeout' // no answer in time
  | 'malformed'; // an answer that is not JSON, such as a proxy's HTML error page

/** A failed API call, normalised from whatever the HTTP client threw. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly kind: FailureKind,
    readonly code: string,
    message: string,
    readonly requestId?: string,
    readonly httpStatus?: number,
  ) {
    super(message);
  }
}

const THROTTLING = new Set(['Throttling', 'Throttling.User', 'Throttling.Api', 'Throttling.Tenant']);

/** True for the gateway's flow-control answers (or HTTP 429): expected under load, and retried for longer. */
export function isThrottling(error: unknown): boolean {
  return error instanceof ApiError && error.kind === 'api' && (THROTTLING.has(error.code) || error.httpStatus === 429);
}

/** True when the call cannot have reached the service: safe to resend even the restore. */
export function provablyNotApplied(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.kind === 'not-sent') return true;
  return error.kind === 'api' && (isThrottling(error) || error.code === 'ServiceUnavailable' || error.httpStatus === 503);
}

/** True for failures that a later attempt may not meet: throttling, 5xx, network trouble, timeouts, non-JSON bodies. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.kind !== 'api') return true;
  if (isThrottling(error) || error.code === 'ServiceUnavailable' || error.code === 'InternalError') return true;
  return error.httpStatus !== undefined && error.httpStatus >= 500;
}
