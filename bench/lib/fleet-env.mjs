// The environment a child process (the CLI under test, the AWS CLI) needs to reach a local fleet: its credentials
// and region, and nothing from the machine's own AWS setup (no config files, no instance metadata). Types: fleet-env.d.mts.

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
