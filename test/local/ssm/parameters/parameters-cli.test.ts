// The real AWS CLI against the local fleet's Parameter Store: put-parameter, then get-parameters-by-path following
// NextToken through pages of 10, with and without decryption.
import {PutParameterCommand} from '@aws-sdk/client-ssm';
import {expect, it} from 'vitest';
import {fleetClients} from '../../../helpers/fleet-clients.js';
import {awsCli} from '../../../helpers/aws-cli.js';
import {useLocalFleet} from '../../../helpers/local-fleet.js';

const local = useLocalFleet({nodes: 2, seed: 'parameters-cli'});
const aws = (args: string[]): Promise<unknown> => awsCli(local.fleet, args);

interface ByPath {
  Parameters: {Name: string; Value: string; Type: string; Version: number}[];
}

it('aws ssm put-parameter and get-parameters-by-path --recursive (all pages, secrets decrypted only on request)', async () => {
  expect(await aws(['ssm', 'put-parameter', '--name', '/cli/app/url', '--value', 'db.internal:5432', '--type', 'String'])).toMatchObject({Version: 1, Tier: 'Standard'});
  expect(await aws(['ssm', 'put-parameter', '--name', '/cli/app/token', '--value', 'cli-secret-token', '--type', 'SecureString'])).toMatchObject({Version: 1});
  const ssm = fleetClients(local.fleet).ssm;
  for (let i = 0; i < 10; i++) await ssm.send(new PutParameterCommand({Name: `/cli/app/deep/k${String(i).padStart(2, '0')}`, Value: `v${i}`, Type: 'String'}));
  local.fleet.resetRequestCounts();

  const all = (await aws(['ssm', 'get-parameters-by-path', '--path', '/cli', '--recursive'])) as ByPath;
  expect(all.Parameters).toHaveLength(12);
  expect(local.fleet.requestCounts()['ssm:GetParametersByPath']).toBe(2);
  const token = all.Parameters.find((p) => p.Name === '/cli/app/token');
  expect(token?.Type).toBe('SecureString');
  expect(token?.Value).not.toContain('cli-secret-token');

  const level = (await aws(['ssm', 'get-parameters-by-path', '--path', '/cli/app', '--with-decryption'])) as ByPath;
  expect(level.Parameters.map((p) => [p.Name, p.Value])).toEqual([['/cli/app/token', 'cli-secret-token'], ['/cli/app/url', 'db.internal:5432']]);
});
