import {paginateDescribeInstances} from '@aws-sdk/client-ec2';
import {paginateDescribeInstanceInformation} from '@aws-sdk/client-ssm';
import {expect, it} from 'vitest';
import {fleetClients} from '../helpers/fleet-clients.js';
import {runCommandStore} from '../../src/local/ssm/run-command/store.js';
import {awsCli} from '../helpers/aws-cli.js';
import {useLocalFleet} from '../helpers/local-fleet.js';

const local = useLocalFleet({nodes: 40, seed: 'cli-test'});
const aws = (args: string[]): Promise<unknown> => awsCli(local.fleet, args);

it('the real AWS CLI lists the same instances as the SDK (SSM with pagination, EC2)', async () => {
  const c = fleetClients(local.fleet);
  const sdkSsm: string[] = [];
  for await (const page of paginateDescribeInstanceInformation({client: c.ssm}, {})) {
    sdkSsm.push(...(page.InstanceInformationList ?? []).map((i) => i.InstanceId ?? ''));
  }
  const sdkEc2: string[] = [];
  for await (const page of paginateDescribeInstances({client: c.ec2, pageSize: 10}, {})) {
    for (const r of page.Reservations ?? []) sdkEc2.push(...(r.Instances ?? []).map((i) => i.InstanceId ?? ''));
  }
  local.fleet.resetRequestCounts();

  const ssm = (await aws(['ssm', 'describe-instance-information'])) as {InstanceInformationList: {InstanceId: string}[]};
  const ec2 = (await aws(['ec2', 'describe-instances'])) as {Reservations: {Instances: {InstanceId: string}[]}[]};

  const cliSsm = ssm.InstanceInformationList.map((i) => i.InstanceId);
  const cliEc2 = ec2.Reservations.flatMap((r) => r.Instances.map((i) => i.InstanceId));
  expect(cliSsm).toEqual(sdkSsm);
  expect(cliSsm.length).toBe(local.fleet.model.managed().length);
  expect([...cliEc2].sort()).toEqual([...sdkEc2].sort());
  expect(cliEc2.length).toBe(local.fleet.model.ec2Nodes().length);
  // The CLI followed NextToken through the default pages of 10.
  expect(local.fleet.requestCounts()['ssm:DescribeInstanceInformation']).toBe(Math.ceil(cliSsm.length / 10));
  expect(local.fleet.requestCounts()['ec2:DescribeInstances']).toBe(1);
});

it('`aws ssm send-command --timeout-seconds 30` to a ConnectionLost node ends DeliveryTimedOut when the 30 s pass', async () => {
  const lost = local.fleet.model.managed().find((n) => n.platformType === 'Linux' && n.pingStatus === 'Online');
  if (!lost) throw new Error('no online Linux node in the seeded fleet');
  local.fleet.model.setPingStatus(lost.instanceId, 'ConnectionLost');
  try {
    const sent = (await aws(['ssm', 'send-command', '--instance-ids', lost.instanceId, '--document-name', 'AWS-RunShellScript',
      '--parameters', 'commands=["echo never"]', '--timeout-seconds', '30'])) as {Command: {CommandId: string}};
    const get = () => aws(['ssm', 'get-command-invocation', '--command-id', sent.Command.CommandId, '--instance-id', lost.instanceId]);
    expect(await get()).toMatchObject({Status: 'InProgress', StatusDetails: 'InProgress'});
    runCommandStore(local.fleet.model).advanceClock(31_000); // the delivery timeout passes (the default executionTimeout is an hour)
    expect(await get()).toMatchObject({Status: 'TimedOut', StatusDetails: 'DeliveryTimedOut', ResponseCode: -1});
  } finally {
    local.fleet.model.setPingStatus(lost.instanceId, 'Online');
  }
});
