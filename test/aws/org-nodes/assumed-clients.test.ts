// Clients in another account of the organisation: the management account's keys assume a role there through STS on
// the local fleet, and the clients made with the role's temporary credentials reach that account's partition.
import {DescribeInstanceInformationCommand} from '@aws-sdk/client-ssm';
import {describe, expect, it} from 'vitest';
import {createAwsClients} from '../../../src/aws/clients.js';
import {assumedClients, assumedCredentials} from '../../../src/aws/org-nodes/assumed-clients.js';
import {roleArn} from '../../../src/fleet/org-nodes/org-node.js';
import {useLocalFleet} from '../../helpers/local-fleet.js';

const local = useLocalFleet({accounts: 3, regions: ['us-east-1', 'eu-west-1'], nodes: 4, seed: 'assumed-clients'});

const management = () => createAwsClients({kind: 'local', region: local.fleet.region, endpoint: local.fleet.endpoint,
  credentials: local.fleet.credentials, maxAttempts: 1});

describe('assumedClients', () => {
  it('a role in account 3 gives clients whose calls reach that account in the region asked for', async () => {
    const base = management();
    const third = local.fleet.partitions.find((p) => p.accountId !== local.fleet.partitions[0]?.accountId &&
      p.accountId !== local.fleet.partitions[2]?.accountId && p.region === 'eu-west-1');
    if (!third) throw new Error('no third account');
    local.fleet.resetRequestCounts();
    const aws = await assumedClients(base, {accountId: third.accountId, region: 'eu-west-1', roleName: 'FleetdeckOperator'});
    const res = await aws.ssm.send(new DescribeInstanceInformationCommand({}));
    expect(res.InstanceInformationList?.map((i) => i.InstanceId).sort()).toEqual(third.model.managed().map((n) => n.instanceId).sort());
    const counts = local.fleet.requestCountsBy();
    expect(counts[`${third.accountId}:eu-west-1`]?.['ssm:DescribeInstanceInformation']).toBe(1);
    // The context's other clients sign with the same role credentials (no second AssumeRole).
    await aws.ssmSingleAttempt.send(new DescribeInstanceInformationCommand({}));
    expect(local.fleet.requestCounts()['sts:AssumeRole']).toBe(1);
    expect(aws.target).toMatchObject({region: 'eu-west-1', accountId: third.accountId});
    aws.destroy();
    base.destroy();
  });

  it('gives the SDK each set of role credentials with its expiration (so it refreshes them before they expire)', async () => {
    const base = management();
    const other = local.fleet.partitions.at(-1)?.accountId ?? '';
    const provider = assumedCredentials(base, {accountId: other, region: 'us-east-1', roleName: 'FleetdeckOperator'});
    const creds = await provider();
    expect(creds.sessionToken).toBeTruthy();
    expect(creds.expiration?.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    expect(creds.accountId).toBe(other);
    provider.close();
    base.destroy();
  });

  it('every client shares one set until five minutes before it expires; then the next caller gets a new one', async () => {
    const base = management();
    const other = local.fleet.partitions.at(-1)?.accountId ?? '';
    let clock = Date.now();
    const provider = assumedCredentials(base, {accountId: other, region: 'us-east-1', roleName: 'FleetdeckOperator'}, () => clock);
    local.fleet.resetRequestCounts();
    const [a, b] = await Promise.all([provider(), provider()]);
    expect(b).toBe(a);
    expect(local.fleet.requestCounts()['sts:AssumeRole']).toBe(1);
    const expiry = a.expiration?.getTime() ?? 0;
    clock = expiry - 6 * 60_000;
    expect(await provider()).toBe(a);
    clock = expiry - 4 * 60_000;
    const c = await provider();
    expect(c.accessKeyId).not.toBe(a.accessKeyId);
    expect(local.fleet.requestCounts()['sts:AssumeRole']).toBe(2);
    provider.close();
    base.destroy();
  });

  it('an account outside the organisation is refused when the clients are made, not at their first call', async () => {
    const base = management();
    const err = await assumedClients(base, {accountId: '999999999999', region: 'us-east-1', roleName: 'FleetdeckOperator'})
      .catch((e: unknown) => e);
    expect((err as Error).name).toBe('AccessDenied');
    expect((err as Error).message).toContain(roleArn('999999999999', 'FleetdeckOperator'));
    base.destroy();
  });
});
