// What the agent reports when a command's process ends: its status, response code and error output, as the SSM
// agent reports them (store.ts applies them to the invocation).
import type {InvocationStatusDetails} from '../../../fleet/run-command/command-status.js';
import type {ScriptResult} from './executor.js';

/**
 * Both stops (timeout, cancel) report ResponseCode 137: the Linux agent's CommandStoppedPreemptivelyExitCode ("Fatal
 * error (128) + signal for SIGKILL (9)").
 */
const KILLED_EXIT_CODE = 137;

export function invocationEnd(r: ScriptResult): {sd: InvocationStatusDetails; code: number; stderr: string} {
  let sd: InvocationStatusDetails;
  let stderr = r.stderr;
  let code = r.exitCode;
  switch (r.end) {
    case 'exited':
      sd = r.exitCode === 0 ? 'Success' : 'Failed';
      // The Linux agent marks a failed script with this line BEFORE the script's own stderr (amazon-ssm-agent
      // runscript: MarkAsFailed("failed to run commands: %v") then AppendError(stderr); its tests expect
      // "failed to run commands: <err>\n<stderr>"). Not for timeouts or cancels.
      if (r.exitCode !== 0 && !r.stderr.startsWith('Invalid workingDirectory')) {
        stderr = `failed to run commands: exit status ${r.exitCode}\n${stderr}`;
      }
      break;
    case 'timed-out':
      sd = 'ExecutionTimedOut';
      code = KILLED_EXIT_CODE;
      break;
    case 'killed':
      sd = 'Cancelled';
      code = KILLED_EXIT_CODE;
      break;
    case 'spawn-error':
      // e.g. AWS-RunPowerShellScript on a machine without pwsh.
      sd = 'Failed';
      code = -1;
      stderr = `The local fleet could not start the script: ${stderr}`;
      break;
  }
  return {sd, code, stderr};
}
