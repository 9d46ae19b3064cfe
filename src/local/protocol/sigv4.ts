// SigV4 verification for the local fleet. The signature is recomputed with @smithy/signature-v4 over
// exactly the headers the client signed and the received body, then compared in constant time.
// Failures map to the errors AWS answers with, per protocol (AWS JSON services vs EC2 Query).
// Nothing here logs; secrets never leave this module except inside the signer.

import {createHash, timingSafeEqual} from 'node:crypto';
import type {IncomingHttpHeaders} from 'node:http';
import {Sha256} from '@aws-crypto/sha256-js';
import {HttpRequest} from '@smithy/protocol-http';
import {SignatureV4} from '@smithy/signature-v4';
import {ServiceError} from './service-error.js';

export interface FleetCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

export interface SignedRequest {
  method: string;
  /** The URL path as received (clients sign the path they send). */
  path: string;
  query: Record<string, string | string[]>;
  headers: IncomingHttpHeaders;
  body: Uint8Array;
}

export type AuthFailure =
  | {kind: 'missing'}
  | {kind: 'incomplete'; message: string}
  | {kind: 'unknown-key'}
  | {kind: 'invalid-token'}
  /** The credentials are valid but have expired (an STS session or SSO login that ran out). */
  | {kind: 'expired-token'}
  | {kind: 'expired'; requestTime: Date; now: Date; future: boolean}
  | {kind: 'scope'; message: string}
  | {kind: 'signature'};

export type AuthResult = {ok: true; region: string; service: string; accessKeyId: string} | {ok: false; failure: AuthFailure};

/** The credentials an access key id belongs to, or undefined for a key the endpoint does not know. */
export type CredentialLookup = (accessKeyId: string) => FleetCredentials | undefined;

export interface VerifyOptions {
  /** One caller's credentials, or a lookup over several callers'. */
  credentials: FleetCredentials | CredentialLookup;
  /** The endpoint's region (or a test of the regions it serves): the credential scope must name it. */
  region: string | ((region: string) => boolean);
  /** The signing name the target service expects (ssm, tagging, ec2); undefined = accept any. */
  service: string | undefined;
  now?: Date;
  /** True when the (valid) credentials of this access key have expired. */
  expired?: (accessKeyId: string) => boolean;
}

export const ALGORITHM = 'AWS4-HMAC-SHA256';
export const MAX_SKEW_MS = 15 * 60 * 1000;
const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

export const EXPIRED_TOKEN_MESSAGE = 'The security token included in the request is expired';

/** 20240102T030405Z */
export function amzDate(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function parseAmzDate(s: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, se] = m.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, se));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface ParsedAuthorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

function parseAuthorization(value: string): ParsedAuthorization | {incomplete: string} {
  if (!value.startsWith(`${ALGORITHM} `)) {
    const algorithm = value.split(/\s/, 1)[0] ?? '';
    return {incomplete: `Unsupported AWS 'algorithm': '${algorithm}'.`};
  }
  const parts = new Map<string, string>();
  for (const piece of value.slice(ALGORITHM.length + 1).split(',')) {
    const eq = piece.indexOf('=');
    if (eq > 0) parts.set(piece.slice(0, eq).trim(), piece.slice(eq + 1).trim());
  }
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((p) => !parts.get(p));
  if (missing.length > 0) return {incomplete: missing.map((p) => `Authorization header requires '${p}' parameter.`).join(' ')};
  const scope = (parts.get('Credential') ?? '').split('/');
  if (scope.length !== 5 || scope.some((s) => s === '')) {
    return {incomplete: `Credential should be scoped to a valid region, not '${scope[2] ?? ''}'.`};
  }
  const [accessKeyId, date, region, service, terminator] = scope as [string, string, string, string, string];
  if (terminator !== 'aws4_request') {
    return {incomplete: `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'.`};
  }
  return {
    accessKeyId,
    date,
    region,
    service,
    signedHeaders: (parts.get('SignedHeaders') ?? '').split(';').map((h) => h.trim().toLowerCase()),
    signature: parts.get('Signature') ?? '',
  };
}

/** The service a request's credential scope names (its signing name), before anything is verified. */
export function scopedService(headers: IncomingHttpHeaders): string | undefined {
  const authorization = header(headers, 'authorization');
  if (authorization === undefined) return undefined;
  const auth = parseAuthorization(authorization.trim());
  return 'incomplete' in auth ? undefined : auth.service;
}

/** What the headers alone establish: everything but the signature over the body. */
export type HeaderCheck = {ok: true; auth: ParsedAuthorization; requestTime: Date; credentials: FleetCredentials} | {ok: false; failure: AuthFailure};

function credentialsFor(opts: VerifyOptions, accessKeyId: string): FleetCredentials | undefined {
  if (typeof opts.credentials === 'function') return opts.credentials(accessKeyId);
  return sameSecret(accessKeyId, opts.credentials.accessKeyId) ? opts.credentials : undefined;
}

/**
 * The checks that need no body (presence and form of the signature, key, token, clock skew, scope), so a request
 * that fails them is answered before its body is read.
 */
export function checkSigV4Headers(headers: IncomingHttpHeaders, opts: VerifyOptions): HeaderCheck {
  const fail = (failure: AuthFailure): HeaderCheck => ({ok: false, failure});
  const authorization = header(headers, 'authorization');
  if (authorization === undefined || authorization.trim() === '') return fail({kind: 'missing'});
  const auth = parseAuthorization(authorization.trim());
  if ('incomplete' in auth) return fail({kind: 'incomplete', message: auth.incomplete});
  const dateHeader = header(headers, 'x-amz-date');
  if (dateHeader === undefined) {
    return fail({kind: 'incomplete', message: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."});
  }
  const requestTime = parseAmzDate(dateHeader);
  if (requestTime === undefined) {
    return fail({kind: 'incomplete', message: `Date must be in ISO-8601 'basic format'. Got '${dateHeader}'. See http://en.wikipedia.org/wiki/ISO_8601`});
  }
  const credentials = credentialsFor(opts, auth.accessKeyId);
  if (credentials === undefined) return fail({kind: 'unknown-key'});
  const token = header(headers, 'x-amz-security-token');
  if (token === undefined || !sameSecret(token, credentials.sessionToken)) return fail({kind: 'invalid-token'});
  if (opts.expired?.(auth.accessKeyId) === true) return fail({kind: 'expired-token'});
  const now = opts.now ?? new Date();
  const skew = requestTime.getTime() - now.getTime();
  if (Math.abs(skew) > MAX_SKEW_MS) return fail({kind: 'expired', requestTime, now, future: skew > 0});
  if (auth.date !== dateHeader.slice(0, 8)) {
    return fail({kind: 'scope', message: `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date}' != '${dateHeader.slice(0, 8)}', from '${dateHeader}'.`});
  }
  if (typeof opts.region === 'string' ? auth.region !== opts.region : !opts.region(auth.region)) {
    return fail({kind: 'scope', message: `Credential should be scoped to a valid region, not '${auth.region}'.`});
  }
  if (opts.service !== undefined && auth.service !== opts.service) {
    return fail({kind: 'scope', message: `Credential should be scoped to correct service: '${opts.service}'.`});
  }
  return {ok: true, auth, requestTime, credentials};
}

export async function verifySigV4(req: SignedRequest, opts: VerifyOptions): Promise<AuthResult> {
  const fail = (failure: AuthFailure): AuthResult => ({ok: false, failure});
  const checked = checkSigV4Headers(req.headers, opts);
  if (!checked.ok) return checked;
  const {auth, requestTime, credentials} = checked;
  // The payload hash in the canonical request is always computed from the received body. The signer would
  // take a declared x-amz-content-sha256 at its word, so a declared hash must match the body.
  const declaredHash = header(req.headers, 'x-amz-content-sha256');
  if (declaredHash !== undefined && !sameSecret(declaredHash, createHash('sha256').update(req.body).digest('hex'))) {
    return fail({kind: 'signature'});
  }
  const signed: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const value = header(req.headers, name);
    if (value === undefined) return fail({kind: 'signature'});
    signed[name] = value;
  }
  // The session token is verified above; leaving it out of the signer's credentials keeps the signer from
  // adding the header when the client did not sign it (its signed value, if any, is in `signed`).
  const signer = new SignatureV4({
    credentials: {accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey},
    region: auth.region,
    service: auth.service,
    sha256: Sha256,
    applyChecksum: false,
    uriEscapePath: true,
  });
  const request = new HttpRequest({
    method: req.method,
    protocol: 'http:',
    hostname: '127.0.0.1',
    path: req.path,
    query: req.query,
    headers: signed,
    body: req.body,
  });
  const recomputed = await signer.sign(request, {signingDate: requestTime, signableHeaders: new Set(auth.signedHeaders)});
  const expected = /Signature=([0-9a-f]+)/.exec(String(recomputed.headers['authorization'] ?? ''))?.[1] ?? '';
  if (!sameSecret(auth.signature, expected)) return fail({kind: 'signature'});
  return {ok: true, region: auth.region, service: auth.service, accessKeyId: auth.accessKeyId};
}

/** The error AWS JSON services (SSM, tagging) answer with for an authentication failure. */
/** What AWS says of a request signed too long ago (or too far ahead): outside the 15 minutes allowed either way. */
export function skewMessage(f: Extract<AuthFailure, {kind: 'expired'}>): string {
  const bound = new Date(f.now.getTime() + (f.future ? MAX_SKEW_MS : -MAX_SKEW_MS));
  return f.future
    ? `Signature not yet current: ${amzDate(f.requestTime)} is still later than ${amzDate(bound)} (${amzDate(f.now)} + 15 min.)`
    : `Signature expired: ${amzDate(f.requestTime)} is now earlier than ${amzDate(bound)} (${amzDate(f.now)} - 15 min.)`;
}

export function jsonAuthError(f: AuthFailure): ServiceError {
  const lower = {messageMember: 'message' as const};
  switch (f.kind) {
    case 'missing':
      return new ServiceError('MissingAuthenticationTokenException', 'Request is missing Authentication Token', lower);
    case 'incomplete':
      return new ServiceError('IncompleteSignatureException', f.message, lower);
    case 'unknown-key':
    case 'invalid-token':
      return new ServiceError('UnrecognizedClientException', 'The security token included in the request is invalid.', lower);
    case 'expired-token':
      return new ServiceError('ExpiredTokenException', EXPIRED_TOKEN_MESSAGE, lower);
    case 'expired':
      return new ServiceError('InvalidSignatureException', skewMessage(f), lower);
    case 'scope':
      return new ServiceError('InvalidSignatureException', f.message, lower);
    case 'signature':
      return new ServiceError('InvalidSignatureException', SIGNATURE_MISMATCH, lower);
  }
}

/** The error EC2 answers with for an authentication failure. */
export function ec2AuthError(f: AuthFailure): ServiceError {
  switch (f.kind) {
    case 'missing':
      return new ServiceError('MissingAuthenticationToken', 'Request is missing Authentication Token', {status: 403});
    case 'incomplete':
      return new ServiceError('IncompleteSignature', f.message);
    case 'unknown-key':
    case 'invalid-token':
      return new ServiceError('AuthFailure', 'AWS was not able to validate the provided access credentials', {status: 401});
    case 'expired-token':
    case 'expired':
      return new ServiceError('RequestExpired', 'Request has expired.');
    case 'scope':
      return new ServiceError('SignatureDoesNotMatch', f.message, {status: 403});
    case 'signature':
      return new ServiceError('SignatureDoesNotMatch', SIGNATURE_MISMATCH, {status: 403});
  }
}
