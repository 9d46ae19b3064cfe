// The environment a child process (the CLI under test, the AWS CLI) needs to reach a local fleet: its credentials
// and region, and nothing from the machine's own AWS setup (no config files, no instance metadata). Types: fleet-env.d.mts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * @param {{region: string; credentials: {accessKeyId: string; secretAccessKey: string; sessionToken: string}}} fleet
 * @param {string} stateDir where the CLI writes its log and audit log
 */
export function fleetEnv(fleet, stateDir) {
  return {
    AWS_ACCESS_KEY_ID: fleet.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: fleet.credentials.secretAccessKey,
    AWS_SESSION_TOKEN: fleet.credentials.sessionToken,
    AWS_REGION: fleet.region,
    AWS_DEFAULT_REGION: fleet.region,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    XDG_STATE_HOME: stateDir,
  };
}

/**
 * A fresh home with none of this machine's AWS setup, for the CLI with `--local` (which finds its own fleet):
 * private state and config directories, no credentials, no profile, no region, no instance metadata.
 * Keys set to undefined are removed from the child's environment.
 * @param {string} prefix for the temporary directory's name
 */
export function isolatedEnv(prefix) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    HOME: home,
    XDG_STATE_HOME: path.join(home, 'state'),
    XDG_CONFIG_HOME: path.join(home, 'config'),
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_REGION: undefined,
    AWS_DEFAULT_REGION: undefined,
    AWS_ENDPOINT_URL: undefined,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}
