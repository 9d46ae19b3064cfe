// Test helpers for the local fleet: real SDK clients pointed at it, raw signed requests for what the
// SDK cannot send (unknown operations, unsigned calls), and an error catcher.

import {Sha256} from '@aws-crypto/sha256-js';
import {EC2Client} from '@aws-sdk/client-ec2';
import {ResourceGroupsTaggingAPIClient} from '@aws-sdk/client-resource-groups-tagging-api';
import {SSMClient} from '@aws-sdk/client-ssm';
import {HttpRequest} from '@smithy/protocol-http';
import {SignatureV4} from '@smithy/signature-v4';
import {expect} from 'vitest';
import type {FleetCredentials, LocalFleet} from '../../src/local/index.js';

export interface ClientOptions {
  credentials?: Partial<FleetCredentials> & {accessKeyId: string; secretAccessKey: string};
  region?: string;
  maxAttempts?: number;
  systemClockOffset?: number;
}

export interface FleetClients {
  ssm: SSMClient;
  ec2: EC2Client;
  tagging: ResourceGroupsTaggingAPIClient;
}

export function fleetClients(fleet: LocalFleet, opts: ClientOptions = {}): FleetClients {
  const config = {
    endpoint: fleet.endpoint,
    region: opts.region ?? fleet.region,
    credentials: opts.credentials ?? fleet.credentials,
    maxAttempts: opts.maxAttempts ?? 1,
    ...(opts.systemClockOffset === undefined ? {} : {systemClockOffset: opts.systemClockOffset}),
  };
  return {ssm: new SSMClient(config), ec2: new EC2Client(config), tagging: new ResourceGroupsTaggingAPIClient(config)};
}

export interface SdkError extends Error {
  $metadata?: {httpStatusCode?: number};
  $fault?: string;
}

/** Awaits a call that must fail with the given error name; returns the error for further checks. */
export async function expectSdkError(call: Promise<unknown>, name: string): Promise<SdkError> {
  let caught: unknown;
  try {
    await call;
  } catch (err) {
    caught = err;
  }
  expect(caught, `expected ${name}`).toBeInstanceOf(Error);
  const err = caught as SdkError;
  expect(err.name).toBe(name);
  return err;
}

export interface RawRequest {
  /** JSON target (X-Amz-Target; '' = a JSON request without one); absent for EC2 Query requests. */
  target?: string;
  body: string;
  /** Signing name; default ssm for JSON, ec2 for Query. */
  service?: string;
  /** false: send without any signature. */
  sign?: boolean;
}

/** A request the SDK cannot make, signed with SigV4 like the SDK would (or not at all). */
export async function rawRequest(fleet: LocalFleet, req: RawRequest): Promise<{status: number; text: string}> {
  const url = new URL(fleet.endpoint);
  const json = req.target !== undefined;
  const headers: Record<string, string> = {
    host: url.host,
    'content-type': json ? 'application/x-amz-json-1.1' : 'application/x-www-form-urlencoded; charset=utf-8',
  };
  if (req.target !== undefined && req.target !== '') headers['x-amz-target'] = req.target;
  let sent = headers;
  if (req.sign !== false) {
    const signer = new SignatureV4({
      credentials: fleet.credentials,
      region: fleet.region,
      service: req.service ?? (json ? 'ssm' : 'ec2'),
      sha256: Sha256,
    });
    const request = new HttpRequest({method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', headers, body: req.body});
    sent = (await signer.sign(request)).headers as Record<string, string>;
  }
  const res = await fetch(new URL('/', url), {method: 'POST', headers: sent, body: req.body});
  return {status: res.status, text: await res.text()};
}
