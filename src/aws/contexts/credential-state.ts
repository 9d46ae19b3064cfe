// From what failed to the CredentialState a context shows, with the command that fixes it when there is one.
// Messages come from AWS or the credential chain: sanitized here, before anything shows them.
import type {CredentialState} from '../../fleet/contexts/context.js';
import {sanitizeText} from '../../fleet/sanitize.js';
import {classifyAwsError, describeAwsError} from '../errors.js';

interface ErrorLike {
  name?: string;
  message?: string;
}

const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnrecognizedClientException', 'InvalidClientTokenId',
  'SignatureDoesNotMatch', 'InvalidSignatureException', 'AuthFailure', 'UnauthorizedOperation', 'IncompleteSignature',
  'MissingAuthenticationTokenException', 'MissingAuthenticationToken', 'NotAuthorized', 'OptInRequired']);
/** What the SDK's SSO credential and token providers say when the sign-in is missing, expired or revoked. */
const SSO_SIGN_IN = /SSO session|SSO token|Token is expired|sso login|UnauthorizedException|could not be refreshed/i;

export interface CredentialSource {
  /** The profile as configured (undefined: the default chain). */
  profile?: string;
  /** The profile signs in through SSO (aws sso login). */
  sso: boolean;
  /** The local fleet's keys for one of its accounts. */
  local?: boolean;
}

function firstLine(e: ErrorLike): string {
  return sanitizeText((e.message ?? '').split('\n')[0] ?? '').slice(0, 300);
}

/** The command that signs the profile in, ready to paste (a profile name with spaces is quoted). */
export function ssoLoginCommand(profile: string | undefined): string {
  if (profile === undefined) return 'aws sso login';
  return `aws sso login --profile ${/^[\w@%+=:,./-]+$/.test(profile) ? profile : `'${profile.replace(/'/g, `'\\''`)}'`}`;
}

/**
 * The state an error puts a context in, or undefined when it says nothing about the credentials (throttling: the
 * request was signed and accepted).
 */
export function credentialStateFor(err: unknown, source: CredentialSource): CredentialState | undefined {
  const e: ErrorLike = typeof err === 'object' && err !== null ? (err as ErrorLike) : {message: String(err)};
  const name = e.name ?? '';
  const login = ssoLoginCommand(source.profile);
  const providerError = name === 'CredentialsProviderError' || name === 'TokenProviderError';
  if (providerError && (source.sso || SSO_SIGN_IN.test(e.message ?? ''))) {
    return {kind: 'login-needed', message: `SSO sign-in needed: ${firstLine(e)}`, command: login};
  }
  if (providerError) {
    const who = source.profile === undefined ? 'the default credential chain' : `profile ${source.profile}`;
    return {kind: 'denied', message: `no usable credentials from ${who}: ${firstLine(e)}`};
  }
  if (EXPIRED.has(name)) {
    if (source.local) return {kind: 'expired', message: "the local fleet no longer takes this account's keys (expired)"};
    return source.sso
      ? {kind: 'expired', message: 'the SSO session has expired', command: login}
      : {kind: 'expired', message: 'the session credentials have expired: refresh them where they come from (environment, ' +
          'credentials file or credential process); fleetdeck picks new ones up without a restart'};
  }
  if (DENIED.has(name)) return {kind: 'denied', message: describeAwsError(err)};
  switch (classifyAwsError(err)) {
    case 'throttle':
      return undefined;
    case 'auth':
      return {kind: 'denied', message: describeAwsError(err)};
    default:
      return {kind: 'unreachable', message: describeAwsError(err)};
  }
}

/** A failure a real call reported that the context's health should act on (the credentials, not the request). */
export function isCredentialFailure(err: unknown): boolean {
  const name = typeof err === 'object' && err !== null ? (err as ErrorLike).name ?? '' : '';
  // Denied for one operation (a missing IAM permission) is that operation's error, not the context's state.
  const perOperation = name === 'AccessDeniedException' || name === 'AccessDenied' || name === 'UnauthorizedOperation';
  return name === 'CredentialsProviderError' || name === 'TokenProviderError' || EXPIRED.has(name) || (DENIED.has(name) && !perOperation);
}
