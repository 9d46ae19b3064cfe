import {createServer} from 'node:net';
import {DescribeInstancesCommand} from '@aws-sdk/client-ec2';
import {GetResourcesCommand} from '@aws-sdk/client-resource-groups-tagging-api';
import {DescribeInstanceInformationCommand, ListTagsForResourceCommand} from '@aws-sdk/client-ssm';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {fleetControlClient, FleetControlError, startLocalFleet, type FleetNode, type LocalFleet} from '../../src/local/index.js';
import {expectSdkError, fleetClients, type FleetClients} from '../helpers/fleet-clients.js';

let fleet: LocalFleet;
let c: FleetClients;

beforeAll(async () => {
  fleet = await startLocalFleet({nodes: 30, seed: 'fault-tests'});
  c = fleetClients(fleet);
});
afterEach(() => {
  fleet.clearFaults();
  fleet.resetRequestCounts();
});
afterAll(async () => {
  await fleet.close();
});

const describeInfo = (client = c): Promise<unknown> => client.ssm.send(new DescribeInstanceInformationCommand({}));

describe('fault injection', () => {
  it('throttles SSM with ThrottlingException "Rate exceeded" (400)', async () => {
    fleet.injectFault({kind: 'throttle', operation: 'DescribeInstanceInformation'});
    const err = await expectSdkError(describeInfo(), 'ThrottlingException');
    expect(err.message).toBe('Rate exceeded');
    expect(err.$metadata?.httpStatusCode).toBe(400);
    const hybrid = fleet.model.hybridNodes()[0] as FleetNode;
    await expect(c.ssm.send(new ListTagsForResourceCommand({ResourceType: 'ManagedInstance', ResourceId: hybrid.instanceId}))).resolves.toBeTruthy();
  });

  it('is retried by the SDK: a throttle for one request costs one retry', async () => {
    fleet.injectFault({kind: 'throttle', operation: 'ssm:DescribeInstanceInformation', count: 1});
    const retrying = fleetClients(fleet, {maxAttempts: 3});
    await expect(describeInfo(retrying)).resolves.toBeTruthy();
    expect(fleet.requestCounts()).toEqual({'ssm:DescribeInstanceInformation': 2});
  });

  it('surfaces a persistent throttle after the SDK’s retries are spent', async () => {
    fleet.injectFault({kind: 'throttle'});
    await expectSdkError(describeInfo(fleetClients(fleet, {maxAttempts: 2})), 'ThrottlingException');
    expect(fleet.requestCounts()['ssm:DescribeInstanceInformation']).toBe(2);
  });

  it('answers server errors: SSM InternalServerError 500, tagging InternalServiceException', async () => {
    fleet.injectFault({kind: 'server-error', count: 2});
    const ssm = await expectSdkError(describeInfo(), 'InternalServerError');
    expect(ssm.$metadata?.httpStatusCode).toBe(500);
    expect(ssm.$fault).toBe('server');
    await expectSdkError(c.tagging.send(new GetResourcesCommand({})), 'InternalServiceException');
    await expect(describeInfo()).resolves.toBeTruthy(); // count exhausted
  });

  it('throttles EC2 with RequestLimitExceeded (503) and fails it with InternalError (500)', async () => {
    fleet.injectFault({kind: 'throttle', operation: 'ec2:DescribeInstances', count: 1});
    const throttled = await expectSdkError(c.ec2.send(new DescribeInstancesCommand({})), 'RequestLimitExceeded');
    expect(throttled.$metadata?.httpStatusCode).toBe(503);
    fleet.injectFault({kind: 'server-error', operation: 'DescribeInstances', count: 1});
    const failed = await expectSdkError(c.ec2.send(new DescribeInstancesCommand({})), 'InternalError');
    expect(failed.$metadata?.httpStatusCode).toBe(500);
    await expect(c.ec2.send(new DescribeInstancesCommand({}))).resolves.toBeTruthy();
  });

  it('adds latency to matching requests only', async () => {
    fleet.injectFault({kind: 'latency', operation: 'DescribeInstanceInformation', latencyMs: 150, count: 1});
    const started = performance.now();
    await describeInfo();
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    await describeInfo();
    expect(fleet.requestCounts()['ssm:DescribeInstanceInformation']).toBe(2);
  });

  it('is cleared by clearFaults and validates faults', () => {
    fleet.injectFault({kind: 'throttle'});
    fleet.clearFaults();
    expect(() => fleet.injectFault({kind: 'explode' as 'throttle'})).toThrow(/kind must be one of/);
    expect(() => fleet.injectFault({kind: 'latency'})).toThrow(/latencyMs/);
    expect(() => fleet.injectFault({kind: 'throttle', count: 0})).toThrow(/count/);
  });
});

describe('request counts', () => {
  it('counts authenticated API requests by operation and resets', async () => {
    await describeInfo();
    await describeInfo();
    await c.ec2.send(new DescribeInstancesCommand({}));
    await c.tagging.send(new GetResourcesCommand({}));
    expect(fleet.requestCounts()).toEqual({
      'ssm:DescribeInstanceInformation': 2,
      'ec2:DescribeInstances': 1,
      'tagging:GetResources': 1,
    });
    fleet.resetRequestCounts();
    expect(fleet.requestCounts()).toEqual({});
  });
});

describe('FleetdeckLocal control target over the wire', () => {
  it('injects and clears faults, reads and resets counts', async () => {
    const control = fleetControlClient(fleet);
    await control.injectFault({kind: 'throttle', operation: 'DescribeInstanceInformation', count: 1});
    await expectSdkError(describeInfo(), 'ThrottlingException');
    await describeInfo();
    expect(await control.getRequestCounts()).toEqual({'ssm:DescribeInstanceInformation': 2});
    await control.resetRequestCounts();
    expect(fleet.requestCounts()).toEqual({});
    await control.injectFault({kind: 'server-error'});
    await control.clearFaults();
    await expect(describeInfo()).resolves.toBeTruthy();
    expect(await control.getRequestCounts()).toEqual({'ssm:DescribeInstanceInformation': 1}); // control calls are not counted
  });

  it('rejects an invalid fault and a wrongly signed call', async () => {
    const control = fleetControlClient(fleet);
    const err = await control.injectFault({kind: 'nonsense' as 'throttle'}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FleetControlError);
    expect((err as FleetControlError).code).toBe('ValidationException');
    const impostor = fleetControlClient({...fleet, credentials: {...fleet.credentials, secretAccessKey: 'z'.repeat(40)}});
    const denied = await impostor.clearFaults().catch((e: unknown) => e);
    expect((denied as FleetControlError).code).toBe('InvalidSignatureException');
  });
});

describe('startLocalFleet', () => {
  it('binds 127.0.0.1 on an ephemeral port and generates fresh credentials per start', async () => {
    expect(fleet.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Number(new URL(fleet.endpoint).port)).toBeGreaterThan(0);
    const other = await startLocalFleet({nodes: 2});
    try {
      expect(other.endpoint).not.toBe(fleet.endpoint);
      expect(other.credentials.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
      expect(other.credentials.secretAccessKey).not.toBe(fleet.credentials.secretAccessKey);
      expect(other.credentials.sessionToken).not.toBe(fleet.credentials.sessionToken);
      // Credentials of one endpoint are worthless on another.
      await expectSdkError(describeInfo(fleetClients(other, {credentials: fleet.credentials})), 'UnrecognizedClientException');
    } finally {
      await other.close();
    }
  });

  it('names the port when it is already in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      await expect(startLocalFleet({port})).rejects.toThrow(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it('rejects bad options and closes idempotently, refusing connections afterwards', async () => {
    await expect(startLocalFleet({port: 70000})).rejects.toThrow(/Invalid port/);
    await expect(startLocalFleet({region: 'mars'})).rejects.toThrow(/Invalid region/);
    const temp = await startLocalFleet({nodes: 1, region: 'ap-southeast-2'});
    expect(temp.region).toBe('ap-southeast-2');
    await describeInfo(fleetClients(temp));
    await Promise.all([temp.close(), temp.close()]);
    await expect(fetch(temp.endpoint, {method: 'POST'})).rejects.toThrow();
  });

  it('close() does not wait for a request stuck in injected latency', async () => {
    const temp = await startLocalFleet({nodes: 1});
    temp.injectFault({kind: 'latency', latencyMs: 60_000});
    const stuck = describeInfo(fleetClients(temp)).catch((e: unknown) => e);
    await expect.poll(() => temp.requestCounts()['ssm:DescribeInstanceInformation']).toBe(1);
    const started = performance.now();
    await temp.close();
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(await stuck).toBeInstanceOf(Error);
  });
});
