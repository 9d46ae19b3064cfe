// The real AWS CLI (v2, on PATH) pointed at a local fleet: its credentials and endpoint, JSON output, no shared config.
import {execFile} from 'node:child_process';
import os from 'node:os';
import {promisify} from 'node:util';
import type {LocalFleet} from '../../src/local/index.js';
import {fleetEnv} from '../../bench/lib/fleet-env.mjs';

const run = promisify(execFile);

/** Runs `aws <args>` against `fleet` and returns its parsed JSON output. */
export async function awsCli(fleet: LocalFleet, args: readonly string[]): Promise<unknown> {
  const env = {PATH: process.env['PATH'], HOME: process.env['HOME'], ...fleetEnv(fleet, os.tmpdir())};
  const {stdout} = await run('aws', [...args, '--endpoint-url', fleet.endpoint, '--output', 'json'], {env, timeout: 60_000});
  return JSON.parse(stdout) as unknown;
}
