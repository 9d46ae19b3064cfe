// The 'error' fault: any error code, message and status a service could answer with, sent as given — over the
// control API too, so tests in other processes can make the endpoint say something hostile.
import {DescribeInstancesCommand} from '@aws-sdk/client-ec2';
import {DescribeInstanceInformationCommand} from '@aws-sdk/client-ssm';
import {afterEach, describe, expect, it} from 'vitest';
import {fleetControlClient} from '../../src/local/index.js';
import {useFleetClients} from '../helpers/local-fleet.js';

const t = useFleetClients({nodes: 10, seed: 'error-fault'});
afterEach(() => t.fleet.clearFaults());

describe("the 'error' fault", () => {
  it('answers SSM with the given code, message and status, for count requests', async () => {
    const message = 'no \x1b]0;title\x07 for you';
    await fleetControlClient(t.fleet).injectFault({kind: 'error', operation: 'DescribeInstanceInformation',
      errorCode: 'AccessDeniedException', message, status: 403, count: 1});
    const err = await t.aws.ssm.send(new DescribeInstanceInformationCommand({})).then(() => undefined, (e: unknown) => e);
    expect(err).toMatchObject({name: 'AccessDeniedException', message, $metadata: {httpStatusCode: 403}});
    await expect(t.aws.ssm.send(new DescribeInstanceInformationCommand({}))).resolves.toBeTruthy();
  });

  it('answers EC2 as a Query error', async () => {
    t.fleet.injectFault({kind: 'error', operation: 'ec2:DescribeInstances', errorCode: 'UnauthorizedOperation', message: 'You are not authorized', count: 1});
    const err = await (await t.aws.ec2()).send(new DescribeInstancesCommand({})).then(() => undefined, (e: unknown) => e);
    expect(err).toMatchObject({name: 'UnauthorizedOperation', message: 'You are not authorized', $metadata: {httpStatusCode: 400}});
  });

  it('is validated', () => {
    expect(() => t.fleet.injectFault({kind: 'error'})).toThrow(/needs errorCode/);
    expect(() => t.fleet.injectFault({kind: 'error', errorCode: 'X', status: 200})).toThrow(/status must be 400 to 599/);
    expect(() => t.fleet.injectFault({kind: 'error', errorCode: 'X', message: 'x'.repeat(5000)})).toThrow(/message/);
  });
});
