// A local fleet endpoint for a test file (started once, closed after), and the environment a child CLI needs to
// reach it: its credentials, no shared AWS config, and a private state directory for logs and the audit log.
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {afterAll, beforeAll} from 'vitest';
import {startLocalFleet, type LocalFleet, type LocalFleetOptions} from '../../src/local/server.js';
import {createAwsClients, type AwsClients} from '../../src/aws/clients.js';
import {fleetEnv} from '../../bench/lib/fleet-env.mjs';

const exec = promisify(execFile);
/** The built CLI (bench/lib/pty.mjs's CLI_PATH, without loading the pty driver into tests that need none). */
const CLI_PATH = fileURLToPath(new URL('../../dist/bin/fleetdeck.mjs', import.meta.url));

export {fleetEnv};

export interface TestFleet {
  readonly fleet: LocalFleet;
  /** Where the CLI under test writes its log and audit log. */
  readonly stateDir: string;
  env(): Record<string, string>;
}


export function useLocalFleet(opts: LocalFleetOptions): TestFleet {
  let fleet: LocalFleet | undefined;
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-test-'));
  beforeAll(async () => {
    fleet = await startLocalFleet(opts);
  });
  afterAll(async () => {
    await fleet?.close();
  });
  const get = () => {
    if (!fleet) throw new Error('the local fleet is not started yet (use it inside a test)');
    return fleet;
  };
  return {
    get fleet() {
      return get();
    },
    stateDir,
    env: () => fleetEnv(get(), stateDir),
  };
}

/** A local fleet in this process with SDK clients for it, for tests that call the adapters or render the App. */
export function useFleetClients(opts: LocalFleetOptions): {readonly fleet: LocalFleet; readonly aws: AwsClients} {
  let state: {fleet: LocalFleet; aws: AwsClients} | undefined;
  beforeAll(async () => {
    const fleet = await startLocalFleet(opts);
    const aws = createAwsClients({kind: 'local', region: fleet.region, endpoint: fleet.endpoint, credentials: fleet.credentials,
      maxAttempts: 1});
    state = {fleet, aws};
  });
  afterAll(async () => {
    state?.aws.destroy();
    await state?.fleet.close();
  });
  const get = () => {
    if (!state) throw new Error('the local fleet is not started yet (use it inside a test)');
    return state;
  };
  return {
    get fleet() {
      return get().fleet;
    },
    get aws() {
      return get().aws;
    },
  };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The built CLI against `t`'s fleet (`--endpoint-url` added), its exit code and output, whatever the code. */
export function fleetCli(t: TestFleet): (...args: string[]) => Promise<CliResult> {
  return async (...args) => {
    try {
      const {stdout, stderr} = await exec(process.execPath, [CLI_PATH, ...args, '--endpoint-url', t.fleet.endpoint],
        {env: {...process.env, ...t.env()}});
      return {code: 0, stdout, stderr};
    } catch (e) {
      const err = e as CliResult;
      return {code: err.code, stdout: err.stdout, stderr: err.stderr};
    }
  };
}
