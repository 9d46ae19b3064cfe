// DescribeInstanceInformation answers read without the SDK's schema walk: the same output as the SDK's for every
// answer, the plain ones read directly and the others left to the SDK.
import {
  DescribeInstanceInformationCommand, paginateDescribeInstanceInformation, SSMClient,
  type DescribeInstanceInformationCommandOutput,
} from '@aws-sdk/client-ssm';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createAwsClients, type AwsClients} from '../../../src/aws/clients.js';
import {useCannedEndpoint} from '../../helpers/canned-endpoint.js';
import {parseInstanceInformation} from '../../../src/aws/instances/describe-instance-information.js';
import {readsDirectly} from '../../../src/aws/direct-answers.js';
import {startLocalFleet, type LocalFleet} from '../../../src/local/server.js';

const NODE = {
  InstanceId: 'i-0123456789abcdef0', PingStatus: 'Online', LastPingDateTime: 1764979200.1239, AgentVersion: '3.3.40.0',
  IsLatestVersion: false, PlatformType: 'Linux', PlatformName: 'Ubuntu', PlatformVersion: '22.04', IamRole: 'ssm-role',
  RegistrationDate: 1700000000, ResourceType: 'EC2Instance', Name: '', IPAddress: '10.0.1.5', ComputerName: 'ip-10-0-1-5',
  AssociationStatus: 'Success', LastAssociationExecutionDate: 1764979100.5, LastSuccessfulAssociationExecutionDate: 1764979100,
  AssociationOverview: {DetailedStatus: 'Success', InstanceAssociationStatusAggregatedCount: {Success: 2, Failed: 0}},
  SourceId: 'i-0123456789abcdef0', SourceType: 'AWS::EC2::Instance',
};
const HYBRID = {
  InstanceId: 'mi-0123456789abcdef0', PingStatus: 'ConnectionLost', ActivationId: 'act-1', ResourceType: 'ManagedInstance',
  Name: 'on-prem \u001b[2J ☃', PlatformType: 'Windows', SourceLocation: 'dc-1',
};
const page = (doc: unknown) => JSON.stringify(doc);

/** Answers this reader takes itself. */
const PLAIN: Record<string, string> = {
  'a page of nodes with a token': page({InstanceInformationList: [NODE, HYBRID], NextToken: 'AAAA/BBB=='}),
  'the last page': page({InstanceInformationList: [HYBRID]}),
  'members that are null': page({InstanceInformationList: [{...NODE, Name: null, LastPingDateTime: null, AssociationOverview: null}], NextToken: null}),
  'members the model does not have': page({InstanceInformationList: [{...NODE, SomethingNew: {a: 1}}], Later: 1}),
  'text of another type, kept as it is': page({InstanceInformationList: [{...NODE, Name: 7, PlatformVersion: {v: 1}}]}),
  'an overview without counts': page({InstanceInformationList: [{...NODE, AssociationOverview: {DetailedStatus: 'Pending'}}]}),
  'no nodes': page({InstanceInformationList: []}),
  'nothing at all': page({}),
};

/** Answers left to the SDK (it reads some of them otherwise than the plain shape suggests, or fails on them). */
const NOT_PLAIN: Record<string, string> = {
  'a timestamp as text': page({InstanceInformationList: [{...NODE, LastPingDateTime: '1764979200'}]}),
  'a timestamp out of range': page({InstanceInformationList: [NODE]}).replace('1764979200.1239', '1e999'),
  'a typed record': page({InstanceInformationList: [{...NODE, __type: 'x'}]}),
  'a list that is not one': page({InstanceInformationList: {a: NODE}}),
  'a node that is null': page({InstanceInformationList: [NODE, null]}),
  'a count as text': page({InstanceInformationList: [{...NODE, AssociationOverview: {InstanceAssociationStatusAggregatedCount: {Success: 'Infinity'}}}]}),
  'broken JSON': '{"InstanceInformationList": [',
  'an empty body': '',
};

const canned = useCannedEndpoint('application/x-amz-json-1.1');
let aws: AwsClients;
let sdk: SSMClient;

beforeAll(() => {
  const at = {region: 'us-east-1', endpoint: canned.url, credentials: canned.credentials, maxAttempts: 1};
  aws = createAwsClients({kind: 'aws', ...at});
  sdk = new SSMClient(at);
});
afterAll(() => {
  aws.destroy();
  sdk.destroy();
});

const withoutMetadata = ({$metadata: _m, ...rest}: DescribeInstanceInformationCommandOutput) => rest;

/** The answer `text` as the SDK alone reads it, and as the app's SSM client reads it (or the error reading it). */
async function bothReadings(text: string) {
  canned.body = text;
  const read = (client: SSMClient) => client.send(new DescribeInstanceInformationCommand({})).then(withoutMetadata,
    (e: unknown) => ({error: e instanceof Error ? `${e.name}: ${e.message}` : String(e)}));
  return {bySdk: await read(sdk), byApp: await read(aws.ssm)};
}

describe('DescribeInstanceInformation read directly', () => {
  it('is how the app\'s SSM client reads them', () => {
    expect(readsDirectly(aws.ssm, 'DescribeInstanceInformation')).toBe(true);
    expect(readsDirectly(sdk, 'DescribeInstanceInformation')).toBe(false);
  });

  it.each(Object.entries(PLAIN))('reads an answer exactly as the SDK does: %s', async (_what, text) => {
    const {bySdk, byApp} = await bothReadings(text);
    expect(parseInstanceInformation(text)).toStrictEqual(bySdk);
    expect(byApp).toStrictEqual(bySdk);
  });

  it.each(Object.entries(NOT_PLAIN))('leaves an answer to the SDK: %s', async (_what, text) => {
    expect(parseInstanceInformation(text)).toBeUndefined();
    const {bySdk, byApp} = await bothReadings(text);
    expect(byApp).toStrictEqual(bySdk);
  });
});

describe('DescribeInstanceInformation read directly from the local fleet', () => {
  let fleet: LocalFleet;
  let app: AwsClients;
  beforeAll(async () => {
    fleet = await startLocalFleet({nodes: 120, seed: 'describe-instance-information'});
    app = createAwsClients({kind: 'local', region: fleet.region, endpoint: fleet.endpoint, credentials: fleet.credentials, maxAttempts: 1});
  });
  afterAll(async () => {
    app.destroy();
    await fleet.close();
  });

  it('gives every page as the SDK does', async () => {
    const plain = new SSMClient({region: fleet.region, endpoint: fleet.endpoint, credentials: fleet.credentials, maxAttempts: 1});
    try {
      const pages = async (client: SSMClient) => {
        const out: unknown[] = [];
        for await (const p of paginateDescribeInstanceInformation({client, pageSize: 50}, {})) out.push(withoutMetadata(p));
        return out;
      };
      const bySdk = await pages(plain);
      expect(bySdk.length).toBeGreaterThan(1);
      expect(await pages(app.ssm)).toStrictEqual(bySdk);
    } finally {
      plain.destroy();
    }
  });
});
