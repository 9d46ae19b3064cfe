import {DescribeInstanceInformationCommand} from '@aws-sdk/client-ssm';
import {afterEach, describe, expect, it} from 'vitest';
import {ContextSet} from '../../../src/aws/contexts/context-set.js';
import {openLocalContext} from '../../../src/aws/contexts/open-contexts.js';
import {localContextSpecs} from '../../../src/fleet/contexts/context-selection.js';
import type {ContextInfo} from '../../../src/fleet/contexts/context.js';
import {useLocalFleet} from '../../helpers/local-fleet.js';
import {until} from '../../helpers/wait.js';

const local = useLocalFleet({nodes: 2, seed: 'contexts', accounts: 2, regions: ['us-east-1', 'eu-west-1']});
let open: ContextSet | undefined;
afterEach(() => {
  open?.close();
  open = undefined;
  local.fleet.clearFaults();
  for (const p of local.fleet.partitions) local.fleet.restoreCredentials(p.accountId);
});

/** One context per partition of the local fleet, as `--local --accounts 2 --regions …` opens them. */
function openAll(recheckMs = 60_000): ContextSet {
  const {fleet} = local;
  const accounts = [...new Set(fleet.partitions.map((p) => p.accountId))];
  const parts = fleet.partitions.map((p) => ({...p, account: accounts.indexOf(p.accountId) + 1}));
  const specs = localContextSpecs(parts);
  open = new ContextSet(parts.map((p, i) => openLocalContext(specs[i]!, fleet.endpoint, p.credentials, {maxConcurrentRequests: 4, recheckMs},
    p.accountId)),
    {first: ['local-1:us-east-1', 'local-1:eu-west-1'], gone: ['local-9:us-east-1']});
  return open;
}

const state = (set: ContextSet, name: string): ContextInfo['credentials']['kind'] | undefined => set.info(name)?.credentials.kind;
const allValid = (set: ContextSet) => set.infos().every((i) => i.credentials.kind === 'valid');
const describeIn = (set: ContextSet, name: string) => set.get(name)!.aws.ssm.send(new DescribeInstanceInformationCommand({}));

describe('ContextSet over the local fleet', () => {
  it('names each partition local-<n>:<region> and learns its account id from STS', async () => {
    const set = openAll();
    expect(set.infos().map((i) => i.spec.name)).toEqual(['local-1:us-east-1', 'local-1:eu-west-1', 'local-2:us-east-1', 'local-2:eu-west-1']);
    // The account ids the fleet listed show at once, before STS has answered.
    expect(set.infos().map((i) => i.accountId)).toEqual(local.fleet.partitions.map((p) => p.accountId));
    await until(() => allValid(set), 'every context valid');
    expect(set.infos().map((i) => i.accountId)).toEqual(local.fleet.partitions.map((p) => p.accountId));
    expect(set.infos().every((i) => i.inView === true && i.inFlight === 0)).toBe(true);
    // Each context reaches its own partition: the nodes differ by region.
    const out = await describeIn(set, 'local-2:eu-west-1');
    expect(out.InstanceInformationList?.length).toBeGreaterThan(0);
  });

  it('a context whose credentials expire says so, the others stay valid, and it recovers once they work again', async () => {
    const set = openAll(50);
    await until(() => allValid(set), 'every context valid');
    const second = local.fleet.partitions.find((p) => p.accountId !== local.fleet.partitions[0]!.accountId)!;
    local.fleet.expireCredentials(second.accountId);
    // A call of the context itself reports it: no recheck needed.
    await expect(describeIn(set, 'local-2:eu-west-1')).rejects.toThrow();
    expect(set.info('local-2:eu-west-1')?.credentials).toMatchObject({kind: 'expired'});
    await set.recheck('local-2:us-east-1');
    expect(state(set, 'local-2:us-east-1')).toBe('expired');
    expect(state(set, 'local-1:us-east-1')).toBe('valid');
    const changes: string[] = [];
    set.subscribe(() => changes.push(set.infos().map((i) => i.credentials.kind).join(',')));
    local.fleet.restoreCredentials(second.accountId);
    // Rechecked on its own, every recheckMs, with a fresh credential chain.
    await until(() => allValid(set), 'the expired contexts valid again');
    expect(changes.at(-1)).toBe('valid,valid,valid,valid');
    await describeIn(set, 'local-2:eu-west-1');
  });

  it('STS out of reach makes a context unreachable until its own calls answer', async () => {
    local.fleet.injectFault({kind: 'server-error', operation: 'sts:GetCallerIdentity'});
    const set = openAll();
    await until(() => set.infos().every((i) => i.credentials.kind === 'unreachable'), 'every context unreachable');
    await describeIn(set, 'local-1:eu-west-1');
    expect(state(set, 'local-1:eu-west-1')).toBe('valid');
    expect(state(set, 'local-1:us-east-1')).toBe('unreachable');
  });

  it('says which contexts are in view: toggle, only, a group, all', () => {
    const set = openAll();
    const inView = () => set.inView().map((c) => c.spec.name);
    let changes = 0;
    set.subscribe(() => changes++);
    expect(set.toggle('local-2:us-east-1')).toBe(true);
    expect(inView()).toEqual(['local-1:us-east-1', 'local-1:eu-west-1', 'local-2:eu-west-1']);
    expect(set.only('local-2:eu-west-1')).toBe(true);
    expect(inView()).toEqual(['local-2:eu-west-1']);
    expect(set.toggle('local-2:eu-west-1')).toBe(false); // the last one in view stays
    expect(set.groupNames()).toEqual(['first']);
    expect(set.group('first')).toBe(true);
    expect(inView()).toEqual(['local-1:us-east-1', 'local-1:eu-west-1']);
    expect(set.group('gone')).toBe(false);
    expect(set.info('local-2:us-east-1')?.inView).toBe(false);
    set.setInView(['local-2:us-east-1', 'local-1:us-east-1']);
    expect(inView()).toEqual(['local-1:us-east-1', 'local-2:us-east-1']);
    set.showAll();
    expect(inView()).toHaveLength(4);
    expect(changes).toBe(5);
    expect(() => set.toggle('nope')).toThrow(/unknown context "nope"/);
  });

  it('meters each context on its own', async () => {
    const set = openAll();
    const first = local.fleet.partitions[0]!;
    local.fleet.injectFault({kind: 'throttle', operation: 'DescribeInstanceInformation', accountId: first.accountId, region: first.region});
    await set.get('local-1:us-east-1')!.budget.background(async () => {
      await expect(describeIn(set, 'local-1:us-east-1')).rejects.toThrow(/Rate exceeded/);
    });
    await describeIn(set, 'local-1:eu-west-1');
    const [a, b] = set.infos();
    expect(a?.throttlesLastMinute).toBeGreaterThan(0);
    expect(b?.throttlesLastMinute).toBe(0);
    expect(b?.requestsPerSecond).toBeGreaterThan(0);
  });
});
