// STS on the local fleet's endpoint, through the real @aws-sdk/client-sts and the real AWS CLI: who signed
// (account, ARN, user id) and roles assumed across the fleet's accounts.
import {execFile} from 'node:child_process';
import os from 'node:os';
import {promisify} from 'node:util';
import {AssumeRoleCommand, GetCallerIdentityCommand, STSClient} from '@aws-sdk/client-sts';
import {DescribeInstanceInformationCommand} from '@aws-sdk/client-ssm';
import {describe, expect, it, vi} from 'vitest';
import type {FleetCredentials} from '../../../src/local/index.js';
import {fleetControlClient} from '../../../src/local/control-client.js';
import {startLocalFleet} from '../../../src/local/server.js';
import {useLocalFleet} from '../../helpers/local-fleet.js';
import {expectSdkError, fleetClients} from '../../helpers/fleet-clients.js';

const run = promisify(execFile);
const local = useLocalFleet({nodes: 6, seed: 'sts', accounts: 2, regions: ['us-east-1', 'eu-west-1']});

function sts(credentials: FleetCredentials, region = 'eu-west-1'): STSClient {
  return new STSClient({endpoint: local.fleet.endpoint, region, credentials, maxAttempts: 1});
}

describe('STS', () => {
  it('GetCallerIdentity names the account and the IAM user of the signing key, in any region the fleet serves', async () => {
    const [first, , second] = local.fleet.partitions;
    if (first === undefined || second === undefined) throw new Error('partitions missing');
    for (const [p, region] of [[first, 'us-east-1'], [second, 'eu-west-1']] as const) {
      const out = await sts(p.credentials, region).send(new GetCallerIdentityCommand({}));
      expect(out.Account).toBe(p.accountId);
      expect(out.Arn).toBe(`arn:aws:iam::${p.accountId}:user/fleetdeck`);
      expect(out.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    }
    expect(local.fleet.requestCountsBy()[`${second.accountId}:eu-west-1`]).toMatchObject({'sts:GetCallerIdentity': 1});
  });

  it('answers the global endpoint\'s us-east-1 scope even when the fleet does not serve us-east-1', async () => {
    const euOnly = await startLocalFleet({nodes: 2, seed: 'sts-eu', regions: ['eu-west-1']});
    try {
      const client = new STSClient({endpoint: euOnly.endpoint, region: 'us-east-1', credentials: euOnly.credentials, maxAttempts: 1});
      expect((await client.send(new GetCallerIdentityCommand({}))).Account).toBe(euOnly.model.accountId);
      expect(euOnly.requestCountsBy()[`${euOnly.model.accountId}:us-east-1`]).toEqual({'sts:GetCallerIdentity': 1});
      // SSM in that region is still refused: the fleet has no nodes there.
      await expectSdkError(fleetClients(euOnly, {region: 'us-east-1'}).ssm.send(new DescribeInstanceInformationCommand({})), 'InvalidSignatureException');
    } finally {
      await euOnly.close();
    }
  });

  it('temporary credentials of an assumed role expire after DurationSeconds', async () => {
    const first = local.fleet.partitions[0];
    if (first === undefined) throw new Error('partition missing');
    const out = await sts(first.credentials).send(new AssumeRoleCommand({RoleArn: `arn:aws:iam::${first.accountId}:role/Short`, RoleSessionName: 'brief', DurationSeconds: 900}));
    const c = out.Credentials;
    const assumed = {accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: c?.SecretAccessKey ?? '', sessionToken: c?.SessionToken ?? ''};
    await sts(assumed).send(new GetCallerIdentityCommand({}));
    vi.useFakeTimers({toFake: ['Date'], now: Date.now() + 901_000});
    try {
      await expectSdkError(sts(assumed).send(new GetCallerIdentityCommand({})), 'ExpiredToken');
      await expectSdkError(fleetClients(local.fleet, {credentials: assumed}).ssm.send(new DescribeInstanceInformationCommand({})), 'ExpiredTokenException');
      // The account's own keys are not temporary.
      await sts(first.credentials).send(new GetCallerIdentityCommand({}));
    } finally {
      vi.useRealTimers();
    }
  });

  it('AssumeRole into another account of the fleet gives that account\'s temporary credentials, valid for signing', async () => {
    const [first, , second] = local.fleet.partitions;
    if (first === undefined || second === undefined) throw new Error('partitions missing');
    const roleArn = `arn:aws:iam::${second.accountId}:role/FleetdeckReadOnly`;
    const out = await sts(first.credentials).send(new AssumeRoleCommand({RoleArn: roleArn, RoleSessionName: 'oncall', DurationSeconds: 900}));
    const c = out.Credentials;
    expect(c?.AccessKeyId).toMatch(/^ASIA/);
    expect(c?.Expiration?.getTime()).toBeGreaterThan(Date.now());
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${second.accountId}:assumed-role/FleetdeckReadOnly/oncall`);
    const assumed = {accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: c?.SecretAccessKey ?? '', sessionToken: c?.SessionToken ?? ''};
    const who = await sts(assumed).send(new GetCallerIdentityCommand({}));
    expect(who).toMatchObject({Account: second.accountId, Arn: out.AssumedRoleUser?.Arn, UserId: expect.stringMatching(/^AROA[A-Z2-7]{17}:oncall$/)});
    // The role's keys reach the nodes of its account in the region of the scope.
    const {ssm} = fleetClients(local.fleet, {credentials: assumed, region: 'eu-west-1'});
    const nodes = await ssm.send(new DescribeInstanceInformationCommand({MaxResults: 50}));
    const euWest = local.fleet.partitions.find((p) => p.accountId === second.accountId && p.region === 'eu-west-1');
    expect((nodes.InstanceInformationList ?? []).map((i) => i.InstanceId)).toEqual(euWest?.model.managed().map((n) => n.instanceId));
  });

  it('AssumeRole into an account outside the fleet is AccessDenied; a bad session name is a ValidationError', async () => {
    const first = local.fleet.partitions[0];
    if (first === undefined) throw new Error('partition missing');
    const denied = await expectSdkError(
      sts(first.credentials).send(new AssumeRoleCommand({RoleArn: 'arn:aws:iam::999999999999:role/Admin', RoleSessionName: 'x1'})), 'AccessDenied');
    expect(denied.message).toBe(`User: arn:aws:iam::${first.accountId}:user/fleetdeck is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::999999999999:role/Admin`);
    expect(denied.$metadata?.httpStatusCode).toBe(403);
    await expectSdkError(
      sts(first.credentials).send(new AssumeRoleCommand({RoleArn: `arn:aws:iam::${first.accountId}:role/A`, RoleSessionName: 'bad name'})), 'ValidationError');
  });

  it('refuses an unknown key as InvalidClientTokenId', async () => {
    const bogus = {accessKeyId: 'ASIAUNKNOWNKEY000000', secretAccessKey: 'x'.repeat(40), sessionToken: 'y'.repeat(40)};
    await expectSdkError(sts(bogus).send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId');
  });

  it('the AWS CLI reads the caller identity from the same endpoint', async () => {
    const p = local.fleet.partitions[2];
    if (p === undefined) throw new Error('partition missing');
    const env = {
      PATH: process.env['PATH'] ?? '', HOME: os.tmpdir(),
      AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_ACCESS_KEY_ID: p.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: p.credentials.secretAccessKey,
      AWS_SESSION_TOKEN: p.credentials.sessionToken, AWS_DEFAULT_REGION: 'eu-west-1', AWS_REGION: 'eu-west-1',
    };
    const {stdout} = await run('aws', ['sts', 'get-caller-identity', '--endpoint-url', local.fleet.endpoint, '--output', 'json'], {env, timeout: 60_000});
    expect(JSON.parse(stdout)).toMatchObject({Account: p.accountId, Arn: `arn:aws:iam::${p.accountId}:user/fleetdeck`});
  });

  it('the control target still answers with the first account\'s keys', async () => {
    const counts = await fleetControlClient(local.fleet).getRequestCounts();
    expect(typeof counts).toBe('object');
  });
});
