// The Distributor adapter against the local fleet: Amazon's packages and the account's, their versions (oldest
// first, the default marked), manifests by version, errors, and sanitized package text.

import {CreateDocumentCommand} from '@aws-sdk/client-ssm';
import {describe, expect, it} from 'vitest';

import {distributorApi} from '../../../src/aws/distributor/distributor-api.js';
import {DistributorError} from '../../../src/fleet/distributor/port.js';
import {useFleetClients} from '../../helpers/local-fleet.js';

const ctx = useFleetClients({nodes: 10, seed: 'distributor-adapter'});
const api = () => distributorApi(ctx.aws);

async function rejection(call: Promise<unknown>): Promise<DistributorError> {
  const err: unknown = await call.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(DistributorError);
  return err as DistributorError;
}

describe('distributorApi', () => {
  it("lists Amazon's packages with their default version and description", async () => {
    const list = await api().list();
    expect(list.find((p) => p.name === 'AmazonCloudWatchAgent')).toMatchObject({
      owner: 'Amazon', defaultVersion: '1.300049.1', description: 'Amazon CloudWatch Agent', platformTypes: ['Windows', 'Linux'],
    });
    expect(list.find((p) => p.name === 'AWSPVDriver')?.platformTypes).toEqual(['Windows']);
    expect(list.every((p) => !p.name.startsWith('AWS-'))).toBe(true);
  });

  it('gives versions oldest first and the manifest of one version', async () => {
    const versions = await api().versions('AWSCodeDeployAgent');
    expect(versions.map((v) => [v.version, v.documentVersion, v.isDefault])).toEqual([['1.6.0', '1', false], ['1.7.0', '2', false], ['1.7.1', '3', true]]);
    const manifest = await api().manifest('AWSCodeDeployAgent', '1.7.0');
    expect(manifest.version).toBe('1.7.0');
    expect(manifest.packages['ubuntu']?.['_any']?.['x86_64']?.file).toBe('AWSCodeDeployAgent-ubuntu-x86_64.zip');
    expect((await api().manifest('AWSCodeDeployAgent')).version).toBe('1.7.1');
  });

  it('says not-found for an unknown package or version', async () => {
    expect((await rejection(api().versions('NoSuchPackage'))).kind).toBe('not-found');
    expect((await rejection(api().manifest('AWSCodeDeployAgent', '0.0.1'))).kind).toBe('not-found');
  });

  it("lists the account's packages and sanitizes what their manifest says", async () => {
    const manifest = {schemaVersion: '2.0', version: '1.0.0', publisher: 'Evil\u001b[2J Corp', packages: {_any: {_any: {_any: {file: 'x.zip'}}}}, files: {}};
    await ctx.aws.ssm.send(new CreateDocumentCommand({Name: 'MyAgent', DocumentType: 'Package', VersionName: '1.0.0', Content: JSON.stringify(manifest)}));
    const mine = (await api().list()).find((p) => p.name === 'MyAgent');
    expect(mine).toMatchObject({owner: ctx.fleet.model.accountId, defaultVersion: '1.0.0'});
    expect((await api().manifest('MyAgent')).publisher).toBe('Evil␛[2J Corp');
  });
});
