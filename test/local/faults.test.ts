// Faults scoped to one account and/or region of a fleet of several, and one account's credentials expiring and
// coming back, in the fleet's API and over the control target.
import {DescribeInstancesCommand} from '@aws-sdk/client-ec2';
import {DescribeInstanceInformationCommand} from '@aws-sdk/client-ssm';
import {GetCallerIdentityCommand, STSClient} from '@aws-sdk/client-sts';
import {afterEach, describe, expect, it} from 'vitest';
import {fleetControlClient, FleetControlError, type LocalPartition} from '../../src/local/index.js';
import {useLocalFleet} from '../helpers/local-fleet.js';
import {expectSdkError, fleetClients} from '../helpers/fleet-clients.js';

const local = useLocalFleet({nodes: 6, seed: 'scoped-faults', accounts: 2, regions: ['us-east-1', 'eu-west-1']});

function part(account: 1 | 2, region: string): LocalPartition {
  const accounts = [...new Set(local.fleet.partitions.map((p) => p.accountId))];
  const p = local.fleet.partitions.find((x) => x.accountId === accounts[account - 1] && x.region === region);
  if (p === undefined) throw new Error('no such partition');
  return p;
}

const describeIn = (p: LocalPartition): Promise<unknown> =>
  fleetClients(local.fleet, {credentials: p.credentials, region: p.region}).ssm.send(new DescribeInstanceInformationCommand({}));
const ec2In = (p: LocalPartition): Promise<unknown> =>
  fleetClients(local.fleet, {credentials: p.credentials, region: p.region}).ec2.send(new DescribeInstancesCommand({}));
const whoAmI = (p: LocalPartition): Promise<unknown> =>
  new STSClient({endpoint: local.fleet.endpoint, region: p.region, credentials: p.credentials, maxAttempts: 1}).send(new GetCallerIdentityCommand({}));

afterEach(() => {
  local.fleet.clearFaults();
  for (const p of local.fleet.partitions) local.fleet.restoreCredentials(p.accountId);
});

describe('scoped faults', () => {
  it('throttles one region of every account; the other region answers', async () => {
    local.fleet.injectFault({kind: 'throttle', region: 'eu-west-1'});
    await expectSdkError(describeIn(part(1, 'eu-west-1')), 'ThrottlingException');
    await expectSdkError(describeIn(part(2, 'eu-west-1')), 'ThrottlingException');
    await describeIn(part(1, 'us-east-1'));
    await describeIn(part(2, 'us-east-1'));
  });

  it('fails one account with internal errors; the other account answers', async () => {
    local.fleet.injectFault({kind: 'server-error', accountId: part(2, 'us-east-1').accountId});
    await expectSdkError(describeIn(part(2, 'us-east-1')), 'InternalServerError');
    await expectSdkError(ec2In(part(2, 'eu-west-1')), 'InternalError');
    await describeIn(part(1, 'us-east-1'));
    await ec2In(part(1, 'eu-west-1'));
  });

  it('scopes to one account in one region over the control target', async () => {
    const control = fleetControlClient(local.fleet);
    const target = part(2, 'eu-west-1');
    await control.injectFault({kind: 'error', errorCode: 'AccessDeniedException', message: 'denied here', accountId: target.accountId, region: 'eu-west-1'});
    await expectSdkError(describeIn(target), 'AccessDeniedException');
    await describeIn(part(2, 'us-east-1'));
    await describeIn(part(1, 'eu-west-1'));
    await expect(control.injectFault({kind: 'throttle', accountId: 'not-an-account'})).rejects.toThrow(FleetControlError);
  });
});

describe('expired credentials', () => {
  it('one account\'s keys answer ExpiredToken everywhere (SSM, EC2, STS) until restored; the others keep working', async () => {
    const gone = part(2, 'eu-west-1');
    local.fleet.expireCredentials(gone.accountId);
    const ssmErr = await expectSdkError(describeIn(gone), 'ExpiredTokenException');
    expect(ssmErr.message).toBe('The security token included in the request is expired');
    await expectSdkError(describeIn(part(2, 'us-east-1')), 'ExpiredTokenException');
    await expectSdkError(ec2In(gone), 'RequestExpired');
    const stsErr = await expectSdkError(whoAmI(gone), 'ExpiredToken');
    expect(stsErr.$metadata?.httpStatusCode).toBe(403);
    await describeIn(part(1, 'eu-west-1'));
    await whoAmI(part(1, 'us-east-1'));

    local.fleet.restoreCredentials(gone.accountId);
    await describeIn(gone);
    await whoAmI(gone);
  });

  it('expires and restores over the control target, which itself keeps answering the expired account', async () => {
    const gone = part(1, 'us-east-1');
    const control = fleetControlClient(local.fleet);
    await control.expireCredentials(gone.accountId);
    await expectSdkError(describeIn(gone), 'ExpiredTokenException');
    await describeIn(part(2, 'us-east-1'));
    await control.restoreCredentials(gone.accountId);
    await describeIn(gone);
    await expect(control.expireCredentials('000000000000')).rejects.toThrow(/no account/);
  });
});

describe('request counts over the control target', () => {
  it('are given by partition', async () => {
    const control = fleetControlClient(local.fleet);
    await control.resetRequestCounts();
    await describeIn(part(2, 'eu-west-1'));
    expect(await control.getRequestCountsByPartition()).toMatchObject({[`${part(2, 'eu-west-1').accountId}:eu-west-1`]: {'ssm:DescribeInstanceInformation': 1}});
    expect(await control.getRequestCounts()).toEqual({'ssm:DescribeInstanceInformation': 1});
  });
});
