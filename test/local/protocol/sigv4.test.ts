import {Sha256} from '@aws-crypto/sha256-js';
import {DescribeInstancesCommand} from '@aws-sdk/client-ec2';
import {GetResourcesCommand} from '@aws-sdk/client-resource-groups-tagging-api';
import {DescribeInstanceInformationCommand} from '@aws-sdk/client-ssm';
import {HttpRequest} from '@smithy/protocol-http';
import {SignatureV4} from '@smithy/signature-v4';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLocalFleet, type LocalFleet} from '../../../src/local/index.js';
import {expectSdkError, fleetClients, rawRequest, type ClientOptions} from '../../helpers/fleet-clients.js';

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const TWENTY_MINUTES = 20 * 60 * 1000;

let fleet: LocalFleet;

beforeAll(async () => {
  fleet = await startLocalFleet({nodes: 12, seed: 'auth-tests'});
});
afterAll(async () => {
  await fleet.close();
});

const ssmCall = (opts: ClientOptions): Promise<unknown> => fleetClients(fleet, opts).ssm.send(new DescribeInstanceInformationCommand({}));
const ec2Call = (opts: ClientOptions): Promise<unknown> => fleetClients(fleet, opts).ec2.send(new DescribeInstancesCommand({}));
const creds = (patch: Partial<LocalFleet['credentials']>): ClientOptions['credentials'] => ({...fleet.credentials, ...patch});

describe('SigV4 verification on SSM (AWS JSON errors)', () => {
  it('accepts the generated credentials', async () => {
    await expect(ssmCall({})).resolves.toBeTruthy();
  });

  it('rejects a wrong secret with InvalidSignatureException', async () => {
    const err = await expectSdkError(ssmCall({credentials: creds({secretAccessKey: 'x'.repeat(40)})}), 'InvalidSignatureException');
    expect(err.message).toBe(SIGNATURE_MISMATCH);
    expect(err.$metadata?.httpStatusCode).toBe(400);
  });

  it('rejects an unknown access key, a wrong or missing session token with UnrecognizedClientException', async () => {
    const message = 'The security token included in the request is invalid.';
    const unknownKey = await expectSdkError(ssmCall({credentials: creds({accessKeyId: 'ASIAAAAAAAAAAAAAAAAA'})}), 'UnrecognizedClientException');
    expect(unknownKey.message).toBe(message);
    const wrongToken = await expectSdkError(ssmCall({credentials: creds({sessionToken: `${fleet.credentials.sessionToken}x`})}), 'UnrecognizedClientException');
    expect(wrongToken.message).toBe(message);
    const noToken = {accessKeyId: fleet.credentials.accessKeyId, secretAccessKey: fleet.credentials.secretAccessKey};
    await expectSdkError(ssmCall({credentials: noToken}), 'UnrecognizedClientException');
  });

  it('rejects a missing Authorization header with MissingAuthenticationTokenException', async () => {
    const res = await rawRequest(fleet, {target: 'AmazonSSM.DescribeInstanceInformation', body: '{}', sign: false});
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toEqual({__type: 'MissingAuthenticationTokenException', message: 'Request is missing Authentication Token'});
  });

  it('rejects a signing date more than 15 minutes off, either way', async () => {
    const past = await expectSdkError(ssmCall({systemClockOffset: -TWENTY_MINUTES}), 'InvalidSignatureException');
    expect(past.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/);
    const future = await expectSdkError(ssmCall({systemClockOffset: TWENTY_MINUTES}), 'InvalidSignatureException');
    expect(future.message).toMatch(/^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 15 min\.\)$/);
  });

  it('lets the SDK correct its clock from the Date header and retry', async () => {
    fleet.resetRequestCounts();
    await expect(ssmCall({systemClockOffset: -TWENTY_MINUTES, maxAttempts: 3})).resolves.toBeTruthy();
    expect(fleet.requestCounts()['ssm:DescribeInstanceInformation']).toBe(1); // the rejected attempt is not counted
  });

  it('rejects a credential scoped to another region or service', async () => {
    const region = await expectSdkError(ssmCall({region: 'eu-west-1'}), 'InvalidSignatureException');
    expect(region.message).toBe("Credential should be scoped to a valid region, not 'eu-west-1'.");
    const service = await rawRequest(fleet, {target: 'AmazonSSM.DescribeInstanceInformation', body: '{}', service: 'ec2'});
    expect(JSON.parse(service.text)).toEqual({__type: 'InvalidSignatureException', message: "Credential should be scoped to correct service: 'ssm'."});
  });

  it.each([true, false])('verifies the body: a body changed after signing is rejected (declared payload hash: %s)', async (applyChecksum) => {
    const url = new URL(fleet.endpoint);
    const signer = new SignatureV4({credentials: fleet.credentials, region: fleet.region, service: 'ssm', sha256: Sha256, applyChecksum});
    const headers = {host: url.host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonSSM.DescribeInstanceInformation'};
    const signed = await signer.sign(new HttpRequest({method: 'POST', hostname: url.hostname, port: Number(url.port), path: '/', headers, body: '{"MaxResults":5}'}));
    expect('x-amz-content-sha256' in signed.headers).toBe(applyChecksum);
    const send = (body: string): Promise<Response> => fetch(fleet.endpoint, {method: 'POST', headers: signed.headers as Record<string, string>, body});
    expect((await send('{"MaxResults":5}')).status).toBe(200);
    const res = await send('{"MaxResults":50}');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({__type: 'InvalidSignatureException', message: SIGNATURE_MISMATCH});
  });

  it('applies to the tagging API and the control target as well', async () => {
    const tagging = fleetClients(fleet, {credentials: creds({accessKeyId: 'ASIABBBBBBBBBBBBBBBB'})}).tagging;
    await expectSdkError(tagging.send(new GetResourcesCommand({})), 'UnrecognizedClientException');
    const control = await rawRequest(fleet, {target: 'FleetdeckLocal.GetRequestCounts', body: '{}', sign: false});
    expect(JSON.parse(control.text)).toMatchObject({__type: 'MissingAuthenticationTokenException'});
  });

  it('answers an unknown operation or target with UnknownOperationException', async () => {
    for (const target of ['AmazonSSM.LaunchRockets', 'AmazonFoo.DescribeThings', '']) {
      const res = await rawRequest(fleet, {target, body: '{}'});
      expect(res.status).toBe(400);
      expect(JSON.parse(res.text)).toEqual({__type: 'UnknownOperationException'});
    }
  });
});

describe('SigV4 verification on EC2 (Query XML errors)', () => {
  it('rejects a wrong secret with SignatureDoesNotMatch (403)', async () => {
    const err = await expectSdkError(ec2Call({credentials: creds({secretAccessKey: 'y'.repeat(40)})}), 'SignatureDoesNotMatch');
    expect(err.message).toBe(SIGNATURE_MISMATCH);
    expect(err.$metadata?.httpStatusCode).toBe(403);
  });

  it('rejects an unknown key and a wrong or missing token with AuthFailure (401)', async () => {
    const message = 'AWS was not able to validate the provided access credentials';
    const key = await expectSdkError(ec2Call({credentials: creds({accessKeyId: 'ASIACCCCCCCCCCCCCCCC'})}), 'AuthFailure');
    expect(key.message).toBe(message);
    expect(key.$metadata?.httpStatusCode).toBe(401);
    await expectSdkError(ec2Call({credentials: creds({sessionToken: 'nope'})}), 'AuthFailure');
    await expectSdkError(ec2Call({credentials: {accessKeyId: fleet.credentials.accessKeyId, secretAccessKey: fleet.credentials.secretAccessKey}}), 'AuthFailure');
  });

  it('rejects a stale request with RequestExpired and an unsigned one with MissingAuthenticationToken', async () => {
    const stale = await expectSdkError(ec2Call({systemClockOffset: -TWENTY_MINUTES}), 'RequestExpired');
    expect(stale.message).toBe('Request has expired.');
    const unsigned = await rawRequest(fleet, {body: 'Action=DescribeInstances&Version=2016-11-15', sign: false});
    expect(unsigned.status).toBe(403);
    expect(unsigned.text).toContain('<Code>MissingAuthenticationToken</Code>');
  });
});

describe('secrets', () => {
  it('never appear in any response, even on failures', async () => {
    const {secretAccessKey, sessionToken} = fleet.credentials;
    const responses = [
      await rawRequest(fleet, {target: 'AmazonSSM.DescribeInstanceInformation', body: '{"MaxResults":1000}'}),
      await rawRequest(fleet, {target: 'AmazonSSM.DescribeInstanceInformation', body: '{}', service: 'ec2'}),
      await rawRequest(fleet, {body: 'Action=DescribeInstances&Version=2016-11-15&MaxResults=5'}),
      await rawRequest(fleet, {target: 'AmazonSSM.Nope', body: 'not json'}),
    ];
    expect(responses.map((r) => r.status)).toEqual([400, 400, 200, 400]);
    for (const r of responses) {
      expect(r.text).not.toContain(secretAccessKey);
      expect(r.text).not.toContain(sessionToken);
    }
  });
});
