// A local fleet endpoint for a test file (started once, closed after), and the environment a child CLI needs to
// reach it: its credentials, no shared AWS config, and a private state directory for logs and the audit log.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll} from 'vitest';
import {startLocalFleet, type LocalFleet, type LocalFleetOptions} from '../../src/local/server.js';
import {createAwsClients, type AwsClients} from '../../src/aws/clients.js';
import {fleetEnv} from '../../bench/lib/fleet-env.mjs';

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
