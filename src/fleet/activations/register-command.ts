// The commands an operator runs on an on-premises server to register it with an activation, in the forms the
// Systems Manager User Guide gives: Linux (sysman-install-managed-linux) and Windows PowerShell, with the agent
// already installed (sysman-install-managed-win, "reregister").
//
// The code, id and region come from the service and end up pasted into a root shell, so anything outside their
// known alphabets is refused rather than quoted.

const CODE = /^[A-Za-z0-9+/=]{1,250}$/;
const ACTIVATION_ID = /^[A-Za-z0-9-]{1,64}$/;
const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/;

export const WINDOWS_AGENT_PATH = 'C:\\Program Files\\Amazon\\SSM\\amazon-ssm-agent.exe';

export class RegisterCommandError extends Error {
  override name = 'RegisterCommandError';
}

export interface RegisterCommands {
  /** One line for a root-capable shell on Linux. */
  linux: string;
  /** PowerShell lines (elevated) for Windows Server: register, then restart the agent service. */
  windows: readonly string[];
}

function check(what: string, value: string, pattern: RegExp): string {
  if (!pattern.test(value)) throw new RegisterCommandError(`the ${what} has characters a register command cannot hold`);
  return value;
}

export function registerCommands(activationCode: string, activationId: string, region: string): RegisterCommands {
  const code = check('activation code', activationCode, CODE);
  const id = check('activation id', activationId, ACTIVATION_ID);
  const r = check('region', region, REGION);
  const args = `-register -code "${code}" -id "${id}" -region "${r}"`;
  return {
    linux: `sudo -E amazon-ssm-agent ${args}`,
    // Piping 'yes' answers the agent's prompt to overwrite an earlier registration.
    windows: [`'yes' | & '${WINDOWS_AGENT_PATH}' ${args}`, 'Restart-Service AmazonSSMAgent'],
  };
}
