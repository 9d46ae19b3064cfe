// A small signed client for the FleetdeckLocal.* control target, for processes that only have the
// endpoint and credentials (e2e tests, benchmarks driving `fleetdeck local-fleet`). Uses SigV4 from
// @smithy/signature-v4 and global fetch; no SDK client.

import {Sha256} from '@aws-crypto/sha256-js';
import {HttpRequest} from '@smithy/protocol-http';
import {SignatureV4} from '@smithy/signature-v4';
import {CONTROL_SIGNING_NAME, CONTROL_TARGET_PREFIX} from './control-api.js';
import type {Fault} from './faults.js';
import type {RegistrationRequest} from './ssm/activations/registration.js';
import type {FleetCredentials} from './protocol/sigv4.js';
import {JSON_CONTENT_TYPE} from './protocol/wire-json.js';

export interface FleetConnection {
  endpoint: string;
  region: string;
  credentials: FleetCredentials;
}

/** What a machine presents when it registers with an activation (the agent's `-register`). */
export type RegisterRequest = RegistrationRequest;

export interface FleetControlClient {
  injectFault(fault: Fault): Promise<void>;
  clearFaults(): Promise<void>;
  getRequestCounts(): Promise<Record<string, number>>;
  /** The same by partition: {'<accountId>:<region>': {'ssm:DescribeInstanceInformation': 3, …}}. */
  getRequestCountsByPartition(): Promise<Record<string, Record<string, number>>>;
  resetRequestCounts(): Promise<void>;
  /** Every request signed by the account's keys (STS too) answers ExpiredToken until restoreCredentials. */
  expireCredentials(accountId: string): Promise<void>;
  /** The account's keys work again, as after a new login. */
  restoreCredentials(accountId: string): Promise<void>;
  /** Cuts the data-channel sockets (of one session, or all); resolves with how many were cut. */
  dropDataChannels(sessionId?: string): Promise<number>;
  /** Registers a machine with a hybrid activation; resolves with its new `mi-` id. */
  registerManagedInstance(req: RegisterRequest): Promise<string>;
  /** Moves the fleet's clock forward (schedules fire, commands expire); resolves with the new time (epoch ms). */
  advanceClock(ms: number): Promise<number>;
  /** Credentials of another IAM user of the fleet's account (another operator), and its ARN. */
  createCaller(userName: string): Promise<{credentials: FleetCredentials; arn: string}>;
  /** Stops the local fleet (its process exits once it has closed). */
  shutdown(): Promise<void>;
}

/** Thrown when the endpoint answers a control call with an error. */
export class FleetControlError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, status: number) {
    super(`${code}: ${message}`);
    this.name = 'FleetControlError';
    this.code = code;
    this.status = status;
  }
}

export function fleetControlClient(conn: FleetConnection): FleetControlClient {
  const url = new URL(conn.endpoint);
  const signer = new SignatureV4({
    credentials: conn.credentials,
    region: conn.region,
    service: CONTROL_SIGNING_NAME,
    sha256: Sha256,
  });

  async function call(operation: string, input: object = {}): Promise<Record<string, unknown>> {
    const body = JSON.stringify(input);
    const request = new HttpRequest({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      headers: {
        host: url.host,
        'content-type': JSON_CONTENT_TYPE,
        'x-amz-target': `${CONTROL_TARGET_PREFIX}.${operation}`,
      },
      body,
    });
    const signed = await signer.sign(request);
    const res = await fetch(new URL('/', url), {
      method: 'POST',
      headers: signed.headers as Record<string, string>,
      body,
    });
    const text = await res.text();
    const parsed = (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>;
    if (!res.ok) {
      const message = parsed['message'] ?? parsed['Message'];
      throw new FleetControlError(String(parsed['__type'] ?? 'Error'), typeof message === 'string' ? message : '', res.status);
    }
    return parsed;
  }

  return {
    injectFault: async (fault) => {
      await call('InjectFault', fault);
    },
    clearFaults: async () => {
      await call('ClearFaults');
    },
    getRequestCounts: async () => {
      const out = await call('GetRequestCounts');
      return (out['RequestCounts'] ?? {}) as Record<string, number>;
    },
    getRequestCountsByPartition: async () => {
      const out = await call('GetRequestCounts');
      return (out['RequestCountsByPartition'] ?? {}) as Record<string, Record<string, number>>;
    },
    resetRequestCounts: async () => {
      await call('ResetRequestCounts');
    },
    expireCredentials: async (accountId) => {
      await call('ExpireCredentials', {AccountId: accountId});
    },
    restoreCredentials: async (accountId) => {
      await call('RestoreCredentials', {AccountId: accountId});
    },
    dropDataChannels: async (sessionId) => {
      const out = await call('DropDataChannels', sessionId === undefined ? {} : {SessionId: sessionId});
      return Number(out['Dropped'] ?? 0);
    },
    registerManagedInstance: async (req) => {
      const out = await call('RegisterManagedInstance', {
        ActivationId: req.activationId, ActivationCode: req.activationCode, Region: req.region,
        ...(req.hostname === undefined ? {} : {Hostname: req.hostname}),
        ...(req.platformType === undefined ? {} : {PlatformType: req.platformType}),
        ...(req.ipAddress === undefined ? {} : {IPAddress: req.ipAddress}),
      });
      return String(out['InstanceId'] ?? '');
    },
    advanceClock: async (ms) => Number((await call('AdvanceClock', {Milliseconds: ms}))['Now'] ?? 0),
    createCaller: async (userName) => {
      const out = await call('CreateCaller', {UserName: userName});
      const text = (key: string): string => (typeof out[key] === 'string' ? out[key] : '');
      return {credentials: {accessKeyId: text('AccessKeyId'), secretAccessKey: text('SecretAccessKey'), sessionToken: text('SessionToken')}, arn: text('Arn')};
    },
    shutdown: async () => {
      await call('Shutdown');
    },
  };
}
