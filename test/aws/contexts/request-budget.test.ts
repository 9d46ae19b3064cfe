import {DescribeInstanceInformationCommand, GetParametersCommand} from '@aws-sdk/client-ssm';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createAwsClients, type AwsClients} from '../../../src/aws/clients.js';
import {RequestBudget} from '../../../src/aws/contexts/request-budget.js';
import {startCountingProxy, type CountingProxy} from '../../helpers/counting-proxy.js';
import {useLocalFleet} from '../../helpers/local-fleet.js';
import {until} from '../../helpers/wait.js';

const local = useLocalFleet({nodes: 3, seed: 'budget'});
let proxy: CountingProxy;
const opened: AwsClients[] = [];

beforeAll(async () => {
  proxy = await startCountingProxy(local.fleet.endpoint);
});
afterAll(async () => {
  for (const c of opened) c.destroy();
  await proxy.close();
});

/** Clients of one context behind `budget`, through the counting proxy; one attempt per call. */
function clientsWith(budget: RequestBudget): AwsClients {
  const {fleet} = local;
  const aws = createAwsClients({kind: 'local', region: fleet.region, endpoint: proxy.url, credentials: fleet.credentials, maxAttempts: 1,
    middleware: (stack) => budget.attach(stack)});
  opened.push(aws);
  return aws;
}

const describeInstances = (aws: AwsClients) => aws.ssm.send(new DescribeInstanceInformationCommand({}));
const getParameters = (aws: AwsClients) => aws.ssm.send(new GetParametersCommand({Names: ['/none']}));
const DESCRIBE = 'AmazonSSM.DescribeInstanceInformation';
const GET = 'AmazonSSM.GetParameters';

describe('request budget', () => {
  it('caps the requests a context has in flight; the rest wait in line', async () => {
    const budget = new RequestBudget({maxConcurrent: 3});
    const aws = clientsWith(budget);
    proxy.reset();
    proxy.hold();
    const calls = Array.from({length: 8}, () => describeInstances(aws));
    await until(() => proxy.inFlight() === 3 && budget.queued() === 5, 'three requests at the endpoint and five waiting');
    expect(budget.meter().inFlight).toBe(3);
    proxy.release();
    await Promise.all(calls);
    expect(proxy.arrived).toHaveLength(8);
    expect(proxy.maxInFlight()).toBe(3);
    expect(budget.meter()).toMatchObject({inFlight: 0, requestsPerSecond: 0.8, throttlesLastMinute: 0});
  });

  it('counts throttling answers in the meter', async () => {
    const budget = new RequestBudget({maxConcurrent: 8});
    const aws = clientsWith(budget);
    local.fleet.injectFault({kind: 'throttle', operation: 'DescribeInstanceInformation', count: 3});
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => describeInstances(aws)));
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(3);
    expect(budget.meter()).toMatchObject({throttlesLastMinute: 3, requestsPerSecond: 0.4, inFlight: 0});
  });

  it("serves the user's requests before background ones waiting in line", async () => {
    const budget = new RequestBudget({maxConcurrent: 1});
    const aws = clientsWith(budget);
    proxy.reset();
    proxy.hold();
    const background = [budget.background(() => describeInstances(aws))];
    await until(() => proxy.inFlight() === 1, 'the first background request at the endpoint');
    background.push(budget.background(() => describeInstances(aws)), budget.background(() => describeInstances(aws)));
    await until(() => budget.queued() === 2, 'two background requests waiting');
    const mine = getParameters(aws);
    await until(() => budget.queued() === 3, "the user's request waiting");
    proxy.release();
    await Promise.all([...background, mine]);
    expect(proxy.arrived).toEqual([DESCRIBE, GET, DESCRIBE, DESCRIBE]);
  });

  it('after throttles, background requests get a quarter of the slots while the user keeps them all', async () => {
    const budget = new RequestBudget({maxConcurrent: 12});
    local.fleet.injectFault({kind: 'throttle', operation: 'GetParameters', count: 1});
    await expect(getParameters(clientsWith(budget))).rejects.toThrow();
    expect(budget.meter().throttlesLastMinute).toBe(1);
    // Another client of the context (its EC2 client, say): the SDK's adaptive rate limit is per client, the budget per context.
    const aws = clientsWith(budget);
    proxy.reset();
    proxy.hold();
    const background = Array.from({length: 6}, () => budget.background(() => describeInstances(aws)));
    const mine = Array.from({length: 5}, () => getParameters(aws));
    await until(() => proxy.arrived.filter((op) => op === DESCRIBE).length === 3 && proxy.arrived.filter((op) => op === GET).length === 5,
      'three background and five user requests at the endpoint');
    expect(budget.queued()).toBe(3);
    proxy.release();
    await Promise.all([...background, ...mine]);
    expect(proxy.maxInFlightOf((op) => op === DESCRIBE)).toBe(3);
    expect(proxy.maxInFlightOf((op) => op === GET)).toBe(5);
  });
});
