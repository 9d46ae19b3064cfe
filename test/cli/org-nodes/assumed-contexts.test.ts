// Contexts made on demand for the organisation's nodes, over a local fleet of 3 accounts × 2 regions of which only
// the management account's us-east-1 is connected: a connected place is returned as it is, the management account's
// other region needs no role, another account needs org.roleName (one AssumeRole however many ask at once), and
// without it the sentence says to set it.
import {DescribeInstanceInformationCommand} from '@aws-sdk/client-ssm';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLocalFleet, type LocalFleet} from '../../../src/local/server.js';
import {openLocalContext} from '../../../src/aws/contexts/open-contexts.js';
import {ContextSet} from '../../../src/aws/contexts/context-set.js';
import {assumedContexts} from '../../../src/cli/context-services.js';
import type {Services} from '../../../src/views/view.js';

let fleet: LocalFleet;
let set: ContextSet;
const accounts = () => [...new Set(fleet.partitions.map((p) => p.accountId))];

beforeAll(async () => {
  fleet = await startLocalFleet({accounts: 3, regions: ['us-east-1', 'eu-west-1'], nodes: 3, seed: 'assumed-contexts'});
  const p = fleet.partitions[0];
  if (!p) throw new Error('no partition');
  set = new ContextSet([openLocalContext({name: 'mgmt', region: p.region}, fleet.endpoint, p.credentials, {maxConcurrentRequests: 8})]);
  await set.recheck();
});
afterAll(async () => {
  set.close();
  await fleet.close();
});

const make = (org: Services['org']) => assumedContexts(set, {identity: 'local', org} as Services);

describe('AssumedContexts', () => {
  it('a connected place is that context; the management account elsewhere needs no role', async () => {
    const a = make({});
    const [first] = accounts();
    expect(await a.assume(first ?? '', 'us-east-1', {})).toBe('mgmt');
    fleet.resetRequestCounts();
    const name = await a.assume(first ?? '', 'eu-west-1', {});
    expect(name).toBe(`org:${first}:eu-west-1`);
    expect(fleet.requestCounts()['sts:AssumeRole']).toBeUndefined();
    const res = await a.clients(name)?.ssm.send(new DescribeInstanceInformationCommand({}));
    const west = fleet.partitions.find((p) => p.accountId === first && p.region === 'eu-west-1');
    expect(res?.InstanceInformationList?.length).toBe(west?.model.managed().length);
    expect(a.services(name)?.runCommand).toBeDefined();
    expect(a.infos().map((i) => [i.spec.name, i.accountId])).toEqual([[name, first]]);
    a.close();
  });

  it('another account: one AssumeRole of org.roleName however many ask at once', async () => {
    const a = make({roleName: 'FleetdeckOperator'});
    const third = accounts()[2] ?? '';
    fleet.resetRequestCounts();
    const names = await Promise.all([1, 2, 3].map(() => a.assume(third, 'us-east-1', {})));
    expect(new Set(names)).toEqual(new Set([`org:${third}:us-east-1`]));
    expect(fleet.requestCounts()['sts:AssumeRole']).toBe(1);
    a.close();
  });

  it('each has its own request budget and meter (the management context\'s cap), and a credential state that follows its calls', async () => {
    const a = make({roleName: 'FleetdeckOperator'});
    const third = accounts()[2] ?? '';
    const name = await a.assume(third, 'eu-west-1', {});
    const ssm = a.clients(name)?.ssm;
    if (!ssm) throw new Error('no clients');
    const info = () => a.infos().find((i) => i.spec.name === name);
    expect(info()).toMatchObject({assumed: {roleName: 'FleetdeckOperator'}, accountId: third, maxInFlight: 8, inView: false,
      credentials: {kind: 'valid'}, requestsPerSecond: 0});
    await Promise.all([1, 2, 3].map(() => ssm.send(new DescribeInstanceInformationCommand({}))));
    // Three attempts over the meter's 10 s window, counted against this context's budget alone.
    expect(info()?.requestsPerSecond).toBe(0.3);
    expect(set.info('mgmt')?.requestsPerSecond).toBe(0);
    fleet.expireCredentials(third);
    try {
      await expect(ssm.send(new DescribeInstanceInformationCommand({}))).rejects.toThrow();
      expect(info()?.credentials.kind).toBe('expired');
    } finally {
      fleet.restoreCredentials(third);
    }
    await ssm.send(new DescribeInstanceInformationCommand({}));
    expect(info()?.credentials).toEqual({kind: 'valid'});
    a.close();
  });

  it('another account without org.roleName says to set it; a role refused says which and why', async () => {
    const second = accounts()[1] ?? '';
    await expect(make({}).assume(second, 'us-east-1', {})).rejects.toThrow(/account \d{12} is not one of your contexts: set org.roleName in the config/);
    await expect(make({roleName: 'FleetdeckOperator'}).assume('999999999999', 'us-east-1', {}))
      .rejects.toThrow(/could not assume arn:aws:iam::999999999999:role\/FleetdeckOperator from mgmt \(org.roleName\): not authorized/);
  });
});
