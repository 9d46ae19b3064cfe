// Turns SDK and network errors into one classification the poller can act on and one sentence a user can read.
import {sanitizeText} from '../fleet/sanitize.js';

export type ErrorClass = 'throttle' | 'transient' | 'auth' | 'fatal';

const THROTTLE = new Set([
  'ThrottlingException', 'Throttling', 'RequestLimitExceeded', 'TooManyRequestsException',
  'RequestThrottled', 'RequestThrottledException', 'SlowDown', 'EC2ThrottledException',
]);
const AUTH = new Set([
  'ExpiredToken', 'ExpiredTokenException', 'UnrecognizedClientException', 'InvalidSignatureException',
  'AuthFailure', 'MissingAuthenticationTokenException', 'InvalidClientTokenId', 'CredentialsProviderError',
  'AccessDeniedException', 'UnauthorizedOperation', 'SignatureDoesNotMatch',
]);
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);

interface SdkLikeError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: {httpStatusCode?: number};
  cause?: unknown;
}

function asSdk(e: unknown): SdkLikeError {
  return typeof e === 'object' && e !== null ? (e as SdkLikeError) : {message: String(e)};
}

function networkCode(e: SdkLikeError): string | undefined {
  if (e.code && NETWORK.has(e.code)) return e.code;
  const cause = e.cause ? asSdk(e.cause) : undefined;
  if (cause?.code && NETWORK.has(cause.code)) return cause.code;
  return undefined;
}

export function classifyAwsError(err: unknown): ErrorClass {
  const e = asSdk(err);
  const name = e.name ?? '';
  const status = e.$metadata?.httpStatusCode;
  if (THROTTLE.has(name) || (e.code !== undefined && THROTTLE.has(e.code)) || status === 429) return 'throttle';
  if (AUTH.has(name) || status === 401 || status === 403) return 'auth';
  if (networkCode(e) || (status !== undefined && status >= 500) || name === 'TimeoutError') return 'transient';
  return 'fatal';
}

/** The poller's view: credential and access problems are fatal (retrying cannot fix them), the rest as classified. */
export function pollerErrorClass(err: unknown): 'throttle' | 'transient' | 'fatal' {
  const c = classifyAwsError(err);
  return c === 'auth' ? 'fatal' : c === 'fatal' ? 'transient' : c;
}

/**
 * One line for the status bar or stderr: what happened, in the user's terms. The error's name and message come from
 * the endpoint (untrusted), so the sentence is sanitized.
 */
export function describeAwsError(err: unknown): string {
  return sanitizeText(describe(err));
}

function describe(err: unknown): string {
  const e = asSdk(err);
  if (e.name === 'TimeoutError' && e.message?.startsWith('the endpoint did not answer')) return e.message;
  const net = networkCode(e);
  if (net) return `endpoint unreachable (${net})`;
  const name = e.name ?? 'Error';
  const msg = (e.message ?? '').split('\n')[0] ?? '';
  switch (classifyAwsError(err)) {
    case 'throttle':
      return `throttled by AWS (${name}: ${msg || 'Rate exceeded'})`;
    case 'auth':
      return name.startsWith('Expired')
        ? 'credentials expired — sign in again (aws sso login) and press ctrl+r'
        : `not authorized (${name}: ${msg})`;
    case 'transient':
      return `service error (${name}${e.$metadata?.httpStatusCode ? ` ${e.$metadata.httpStatusCode}` : ''})`;
    case 'fatal':
      return `${name}: ${msg}`;
  }
}
