// `fleetdeck associations`: its usage, flags and verbs (light: the command itself loads when it runs).
import type {ResourceCommand} from '../resources.js';
import {ASSOCIATION_READ_ONLY} from '../../fleet/associations/association.js';

export const associationsCli: ResourceCommand = {
  name: 'associations',
  summary: 'State Manager: ls show apply executions (no UI)',
  usage: `  State Manager (fleetdeck associations VERB)
    ls                      associations with status counts; --instance ID: those that target the instance
    show ID                 one association: document, targets, schedule, parameters, rate control, status
    apply ID…               run now, whatever the schedule (StartAssociationsOnce; audited)
    executions ID           its executions; --execution EXEC-ID: each target's result and its command id
                            (exit 1 when a target failed)`,
  flags: {instance: {type: 'string'}, execution: {type: 'string'}},
  verbs: {ls: undefined, show: undefined, apply: ASSOCIATION_READ_ONLY.apply, executions: undefined},
  load: () => import('./command.js'),
};
