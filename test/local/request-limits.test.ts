// The endpoint under hostile requests: an unsigned request is answered from its headers before its body is read
// (many such connections with large bodies cost nothing), an oversized body gets the coded 413 as an answer rather
// than a reset, and an odd path such as `//` gets the missing-authentication error, not a 500.

import {request, type IncomingMessage} from 'node:http';
import {Sha256} from '@aws-crypto/sha256-js';
import {DescribeInstanceInformationCommand, SendCommandCommand} from '@aws-sdk/client-ssm';
import {HttpRequest} from '@smithy/protocol-http';
import {SignatureV4} from '@smithy/signature-v4';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';

import {startLocalFleet, type LocalFleet} from '../../src/local/index.js';
import {expectSdkError, fleetClients, type FleetClients} from '../helpers/fleet-clients.js';

let fleet: LocalFleet;
let c: FleetClients;

beforeAll(async () => {
  fleet = await startLocalFleet({nodes: 4, seed: 'limits'});
  c = fleetClients(fleet);
});

afterAll(async () => {
  await fleet.close();
});

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  text: string;
  /** Resolves when the server closes the connection. */
  closed: Promise<void>;
}

/** Sends headers (declaring `declaredBytes`) and `sendBytes` of body, never the rest; resolves with the answer. */
function partialRequest(opts: {path?: string; headers: Record<string, string>; declaredBytes: number; sendBytes: number}): Promise<Answer> {
  const url = new URL(fleet.endpoint);
  return new Promise((resolve, reject) => {
    const req = request({host: url.hostname, port: url.port, method: 'POST', path: opts.path ?? '/', agent: false,
      headers: {...opts.headers, 'content-length': String(opts.declaredBytes)}});
    const closed = new Promise<void>((done) => req.on('close', () => done()));
    req.on('error', () => undefined);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8'), closed}));
      res.on('error', reject);
    });
    req.write(Buffer.alloc(opts.sendBytes, 0x7b));
  });
}

const SSM_JSON = {'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonSSM.DescribeInstanceInformation'};

describe('unauthenticated requests', () => {
  it('are answered from their headers without waiting for their bodies, and their connections closed', async () => {
    const MB = 1024 * 1024;
    // 60 connections each declaring a 10 MB body and sending only its first 64 KB: the answers come anyway.
    const answers = await Promise.all(Array.from({length: 60}, () => partialRequest({headers: SSM_JSON, declaredBytes: 10 * MB, sendBytes: 64 * 1024})));
    for (const a of answers) {
      expect(a.status).toBe(400);
      expect(JSON.parse(a.text)).toEqual({__type: 'MissingAuthenticationTokenException', message: 'Request is missing Authentication Token'});
      expect(a.headers['connection']).toBe('close');
    }
    // The server hangs up on them rather than waiting for the 10 MB each promised.
    await Promise.all(answers.map((a) => a.closed));
  });

  it('with a bad signature are refused before the body as well', async () => {
    const answer = await partialRequest({
      headers: {...SSM_JSON, authorization: `AWS4-HMAC-SHA256 Credential=${fleet.credentials.accessKeyId}/20260101/${fleet.region}/ssm/aws4_request, SignedHeaders=host, Signature=00`,
        'x-amz-date': '20260101T000000Z', 'x-amz-security-token': 'not-the-token'},
      declaredBytes: 5 * 1024 * 1024, sendBytes: 1024,
    });
    expect(JSON.parse(answer.text)).toMatchObject({__type: 'UnrecognizedClientException'});
  });
});

describe('an unsigned POST //', () => {
  it('gets the missing-authentication error, JSON or EC2 Query, not a 500', async () => {
    const json = await partialRequest({path: '//', headers: SSM_JSON, declaredBytes: 2, sendBytes: 2});
    expect(json.status).toBe(400);
    expect(JSON.parse(json.text)).toMatchObject({__type: 'MissingAuthenticationTokenException'});
    const query = await partialRequest({path: '//', headers: {}, declaredBytes: 0, sendBytes: 0});
    expect(query.status).toBe(403);
    expect(query.text).toContain('<Code>MissingAuthenticationToken</Code>');
  });
});

/** SigV4 headers for a small JSON request (the signature covers `body`, which is not what will be sent). */
async function signedHeaders(body: string): Promise<Record<string, string>> {
  const url = new URL(fleet.endpoint);
  const signer = new SignatureV4({credentials: fleet.credentials, region: fleet.region, service: 'ssm', sha256: Sha256});
  const req = new HttpRequest({method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/',
    headers: {host: url.host, ...SSM_JSON}, body});
  return (await signer.sign(req)).headers as Record<string, string>;
}

describe('an oversized body', () => {
  it('sent chunked (no Content-Length) gets the coded 413 once it passes the limit, as an answer', async () => {
    const url = new URL(fleet.endpoint);
    const headers = await signedHeaders('{}');
    const answer = await new Promise<{status: number; text: string}>((resolve, reject) => {
      const req = request({host: url.hostname, port: url.port, method: 'POST', path: '/', agent: false, headers: {...headers, 'transfer-encoding': 'chunked'}});
      req.on('error', () => undefined);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8')}));
        res.on('error', reject);
      });
      // 12 MB in 1 MB chunks, then the request is left open: the answer must not wait for its end.
      const mb = Buffer.alloc(1024 * 1024, 0x20);
      for (let i = 0; i < 12; i++) req.write(mb);
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toMatchObject({__type: 'RequestEntityTooLargeException'});
  });

  it('gets the coded 413 through the SDK (not a connection reset), and the endpoint keeps serving', async () => {
    const huge = 'x'.repeat(100 * 1024 * 1024);
    const err = await expectSdkError(
      c.ssm.send(new SendCommandCommand({DocumentName: 'AWS-RunShellScript', InstanceIds: [fleet.model.managed()[0]?.instanceId ?? ''], Parameters: {commands: [huge]}})),
      'RequestEntityTooLargeException',
    );
    expect(err.$metadata?.httpStatusCode).toBe(413);
    const next = await c.ssm.send(new DescribeInstanceInformationCommand({}));
    expect(next.InstanceInformationList?.length).toBe(fleet.model.managed().length);
  });
});
