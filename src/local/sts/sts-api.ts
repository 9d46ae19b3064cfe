// AWS STS on the local fleet's endpoint (Query protocol, signing name sts): GetCallerIdentity says which account and
// identity signed the request; AssumeRole gives temporary credentials of a role in any account of the fleet (the
// fleet does not model IAM policies: every role in its accounts may be assumed; an account outside it is denied).

import type {CallerIdentity} from '../callers.js';
import type {FleetAccount, FleetAccounts} from '../accounts.js';
import {EXPIRED_TOKEN_MESSAGE, skewMessage, type AuthFailure} from '../protocol/sigv4.js';
import {ServiceError} from '../protocol/service-error.js';
import type {QueryParams, XmlObject} from '../protocol/wire-query.js';

export const STS_SIGNING_NAME = 'sts';
export const STS_XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';
/** The global endpoint's signing region: accepted whatever regions the fleet serves. */
export const STS_GLOBAL_REGION = 'us-east-1';

export interface StsContext {
  accounts: FleetAccounts;
  account: FleetAccount;
  caller: CallerIdentity;
  /** The endpoint's clock (epoch ms). */
  now: number;
}

export type StsOperation = (params: QueryParams, ctx: StsContext) => XmlObject;

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/((?:[\x21-\x7e]+\/)*)([\w+=,.@-]{1,64})$/;
const SESSION_NAME = /^[\w+=,.@-]*$/;
const DEFAULT_DURATION_S = 3600;

function validation(value: string, member: string, constraint: string): ServiceError {
  return new ServiceError('ValidationError', `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${constraint}`);
}

const getCallerIdentity: StsOperation = (_params, ctx) => ({
  UserId: ctx.caller.userId,
  Account: ctx.account.accountId,
  Arn: ctx.caller.arn,
});

const assumeRole: StsOperation = (params, ctx) => {
  const roleArn = params.get('RoleArn') ?? '';
  const sessionName = params.get('RoleSessionName') ?? '';
  const rawDuration = params.get('DurationSeconds');
  if (roleArn === '') throw validation('null', 'roleArn', 'Member must not be null');
  if (sessionName === '') throw validation('null', 'roleSessionName', 'Member must not be null');
  if (sessionName.length < 2 || sessionName.length > 64) {
    throw validation(sessionName, 'roleSessionName', `Member must have length ${sessionName.length < 2 ? 'greater than or equal to 2' : 'less than or equal to 64'}`);
  }
  if (!SESSION_NAME.test(sessionName)) throw validation(sessionName, 'roleSessionName', 'Member must satisfy regular expression pattern: [\\w+=,.@-]*');
  let duration = DEFAULT_DURATION_S;
  if (rawDuration !== undefined) {
    duration = /^\d+$/.test(rawDuration) ? Number(rawDuration) : Number.NaN;
    if (!(duration >= 900)) throw validation(rawDuration, 'durationSeconds', 'Member must have value greater than or equal to 900');
    if (duration > 43_200) throw validation(rawDuration, 'durationSeconds', 'Member must have value less than or equal to 43200');
  }
  const m = ROLE_ARN.exec(roleArn);
  if (m === null) throw new ServiceError('ValidationError', `${roleArn} is invalid`);
  const target = ctx.accounts.byId(m[1] ?? '');
  if (target === undefined) {
    throw new ServiceError('AccessDenied', `User: ${ctx.caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, {status: 403});
  }
  const expiresAt = ctx.now + duration * 1000;
  const {credentials, identity} = target.callers.assumeRole(m[3] ?? '', sessionName, expiresAt);
  return {
    Credentials: {
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      SessionToken: credentials.sessionToken,
      Expiration: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    },
    AssumedRoleUser: {AssumedRoleId: identity.userId, Arn: identity.arn},
  };
};

export const stsOperations: Readonly<Record<string, StsOperation>> = {
  GetCallerIdentity: getCallerIdentity,
  AssumeRole: assumeRole,
};

export function resolveStsOperation(action: string | undefined): StsOperation {
  const op = action !== undefined && Object.hasOwn(stsOperations, action) ? stsOperations[action] : undefined;
  if (op === undefined) throw new ServiceError('InvalidAction', `Could not find operation ${action ?? ''} for version 2011-06-15`);
  return op;
}

export const stsThrottle = (): ServiceError => new ServiceError('Throttling', 'Rate exceeded');
export const stsInternal = (): ServiceError => new ServiceError('InternalFailure', 'An internal error occurred.', {status: 500});

/** The error STS answers with for an authentication failure. */
export function stsAuthError(f: AuthFailure): ServiceError {
  switch (f.kind) {
    case 'missing':
      return new ServiceError('MissingAuthenticationToken', 'Request is missing Authentication Token', {status: 403});
    case 'incomplete':
      return new ServiceError('IncompleteSignature', f.message);
    case 'unknown-key':
    case 'invalid-token':
      return new ServiceError('InvalidClientTokenId', 'The security token included in the request is invalid.', {status: 403});
    case 'expired-token':
      return new ServiceError('ExpiredToken', EXPIRED_TOKEN_MESSAGE, {status: 403});
    case 'expired':
      return new ServiceError('SignatureDoesNotMatch', skewMessage(f), {status: 403});
    case 'scope':
      return new ServiceError('SignatureDoesNotMatch', f.message, {status: 403});
    case 'signature':
      return new ServiceError('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.', {status: 403});
  }
}
