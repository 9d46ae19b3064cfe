// `fleetdeck automation`: its usage, flags and verbs (light: the command itself loads when it runs).
import type {ResourceCommand} from '../resources.js';
import {AUTOMATION_READ_ONLY} from '../../fleet/automation/execution.js';

export const automationCli: ResourceCommand = {
  name: 'automation',
  summary: 'Automation runbooks: ls show start approve stop (no UI)',
  usage: `  Automation (fleetdeck automation VERB)
    ls                      executions, newest first; --status S (e.g. Waiting), --runbook NAME-PREFIX
    show ID                 one execution: status, parameters, outputs and every step (--output json: as AWS);
                            --wait follows it to its end first (exit code as for start --wait)
    start RUNBOOK           StartAutomationExecution (audited); prints the execution id
      --parameter k=v       a runbook parameter (repeat; a StringList takes several, or one comma-separated)
      --targets EXPR        rate control: tag:Env=prod, or ids; with --target-parameter NAME (default: InstanceId),
                            --max-concurrency (default 10) and --max-errors (default 1)
      --mode Interactive    one step at a time (default Auto)
      --wait                follow it to its end (--timeout SECONDS gives up); the exit code says how it ended
    approve ID              approve the aws:approve step waiting (--comment TEXT; --reject rejects it)
    stop ID                 StopAutomationExecution (Cancel)
    Exit codes: 0 success (or done), 1 failed or refused, 2 bad input, 3 cancelled, 4 timed out (the run's
    own timeout, or --timeout reached while waiting)`,
  flags: {wait: {type: 'boolean'}, targetParameter: {type: 'string'}, mode: {type: 'string'}, reject: {type: 'boolean'},
    status: {type: 'string'}, runbook: {type: 'string'}},
  verbs: {ls: undefined, show: undefined, start: AUTOMATION_READ_ONLY.start, approve: AUTOMATION_READ_ONLY.approve, stop: AUTOMATION_READ_ONLY.stop},
  load: () => import('./command.js'),
};
