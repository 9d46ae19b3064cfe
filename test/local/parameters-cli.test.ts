// The real AWS CLI against the local fleet's Parameter Store: put-parameter, then get-parameters-by-path following
// NextToken through pages of 10, with and without decryption.
import {execFile} from 'node:child_process';
import os from 'node:os';
import {promisify} from 'node:util';
import {PutParameterCommand} from '@aws-sdk/client-ssm';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {startLocalFleet, type LocalFleet} from '../../src/local/index.js';
import {fleetClients} from './fleet-clients.js';
import {fleetEnv} from '../../bench/lib/fleet-env.mjs';

const run = promisify(execFile);
let fleet: LocalFleet;

beforeAll(async () => {
  fleet = await startLocalFleet({nodes: 2, seed: 'parameters-cli'});
});
afterAll(async () => {
  await fleet.close();
});

async function aws(args: string[]): Promise<unknown> {
  const env = {PATH: process.env['PATH'], HOME: process.env['HOME'], ...fleetEnv(fleet, os.tmpdir())};
  const {stdout} = await run('aws', [...args, '--endpoint-url', fleet.endpoint, '--output', 'json'], {env, timeout: 60_000});
  return JSON.parse(stdout) as unknown;
}

interface ByPath {
  Parameters: {Name: string; Value: string; Type: string; Version: number}[];
}

it('aws ssm put-parameter and get-parameters-by-path --recursive (all pages, secrets decrypted only on request)', async () => {
  expect(await aws(['ssm', 'put-parameter', '--name', '/cli/app/url', '--value', 'db.internal:5432', '--type', 'String'])).toMatchObject({Version: 1, Tier: 'Standard'});
  expect(await aws(['ssm', 'put-parameter', '--name', '/cli/app/token', '--value', 'cli-secret-token', '--type', 'SecureString'])).toMatchObject({Version: 1});
  const ssm = fleetClients(fleet).ssm;
  for (let i = 0; i < 10; i++) await ssm.send(new PutParameterCommand({Name: `/cli/app/deep/k${String(i).padStart(2, '0')}`, Value: `v${i}`, Type: 'String'}));
  fleet.resetRequestCounts();

  const all = (await aws(['ssm', 'get-parameters-by-path', '--path', '/cli', '--recursive'])) as ByPath;
  expect(all.Parameters).toHaveLength(12);
  expect(fleet.requestCounts()['ssm:GetParametersByPath']).toBe(2);
  const token = all.Parameters.find((p) => p.Name === '/cli/app/token');
  expect(token?.Type).toBe('SecureString');
  expect(token?.Value).not.toContain('cli-secret-token');

  const level = (await aws(['ssm', 'get-parameters-by-path', '--path', '/cli/app', '--with-decryption'])) as ByPath;
  expect(level.Parameters.map((p) => [p.Name, p.Value])).toEqual([['/cli/app/token', 'cli-secret-token'], ['/cli/app/url', 'db.internal:5432']]);
});
