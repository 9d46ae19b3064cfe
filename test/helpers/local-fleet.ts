// A local fleet endpoint for a test file (started once, closed after), and the environment a child CLI needs to
// reach it: its credentials, no shared AWS config, and a private state directory for logs and the audit log.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll} from 'vitest';
import {startLocalFleet, type LocalFleet, type LocalFleetOptions} from '../../src/local/server.js';

export interface TestFleet {
  readonly fleet: LocalFleet;
  /** Where the CLI under test writes its log and audit log. */
  readonly stateDir: string;
  env(): Record<string, string>;
}

export function fleetEnv(fleet: LocalFleet, stateDir: string): Record<string, string> {
  return {
    XDG_STATE_HOME: stateDir,
    AWS_ACCESS_KEY_ID: fleet.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: fleet.credentials.secretAccessKey,
    AWS_SESSION_TOKEN: fleet.credentials.sessionToken,
    AWS_REGION: fleet.region,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };
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
