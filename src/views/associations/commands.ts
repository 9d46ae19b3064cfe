// State Manager: the associations, one association's detail, its executions and their targets, the instances it
// targets, and the create form. Its commands as data (the keymap, help and README table read them); the handlers
// are the views' actions.
import type {ResourceCommands} from '../../keys/command-def.js';

export const associationCommands = {
  scopes: {
    associations: 'Associations',
    association: 'Association detail',
    associationExecutions: 'Association executions',
    associationTargets: 'Association execution targets',
    associationForm: 'Create or edit association form',
  },
  commands: [
    {id: 'associations.detail', description: 'Detail of the association under the cursor: parameters, targets, schedule, output location', hint: 'detail', scope: 'associations', keys: ['enter']},
    {id: 'associations.executions', description: 'Execution history of the association under the cursor', hint: 'executions', scope: 'associations', keys: ['e']},
    {id: 'associations.instances', description: 'Instances the association under the cursor targets, each with its status for it', hint: 'instances', scope: 'associations', keys: ['t']},
    {id: 'associations.apply', description: 'Apply now: run the marked associations (or the one under the cursor) on their targets, whatever their schedule', hint: 'apply now', scope: 'associations', keys: ['r'], dangerous: true},
    {id: 'associations.edit', description: 'Edit the association under the cursor: the create form, prefilled (asks first, showing what changes)', hint: 'edit', scope: 'associations', keys: ['E'], dangerous: true},
    {id: 'associations.delete', description: 'Delete the association under the cursor (type its name or id to confirm)', hint: 'delete', scope: 'associations', keys: ['D'], dangerous: true},
    {id: 'association.executions', description: 'Execution history of this association', hint: 'executions', scope: 'association', keys: ['e']},
    {id: 'association.instances', description: 'Instances this association targets, each with its status for it', hint: 'instances', scope: 'association', keys: ['t']},
    {id: 'association.apply', description: 'Apply this association now', hint: 'apply now', scope: 'association', keys: ['r'], dangerous: true},
    {id: 'association.edit', description: 'Edit this association (asks first, showing what changes)', hint: 'edit', scope: 'association', keys: ['E'], dangerous: true},
    {id: 'association.delete', description: 'Delete this association (type its name or id to confirm)', scope: 'association', keys: ['D'], dangerous: true},
    {id: 'associationExecutions.open', description: 'Per-target results of the execution under the cursor', hint: 'targets', scope: 'associationExecutions', keys: ['enter']},
    {id: 'associationTargets.output', description: 'Output of the target under the cursor (its Run Command invocation)', hint: 'output', scope: 'associationTargets', keys: ['enter']},
    {id: 'associationForm.name', description: 'Name the association', hint: 'name', scope: 'associationForm', keys: ['n']},
    {id: 'associationForm.targets', description: 'Targets: a tag expression (tag:Env=prod tag-key:Team) or instance ids; empty uses the marked instances', hint: 'targets', scope: 'associationForm', keys: ['t']},
    {id: 'associationForm.schedule', description: 'Schedule: cron(…) or rate(…), the next runs shown as you type; empty runs once', hint: 'schedule', scope: 'associationForm', keys: ['s']},
    {id: 'associationForm.parameter', description: 'Set a parameter: name=value (an empty value removes it)', hint: 'parameter', scope: 'associationForm', keys: ['p']},
    {id: 'associationForm.concurrency', description: 'Max concurrency: a count or a percentage', scope: 'associationForm', keys: ['c']},
    {id: 'associationForm.errors', description: 'Max errors: a count or a percentage', scope: 'associationForm', keys: ['x']},
    {id: 'associationForm.severity', description: 'Compliance severity: the next one', hint: 'severity', scope: 'associationForm', keys: ['v']},
    {id: 'associationForm.cronOnly', description: 'Apply only at the cron interval (not when created)', scope: 'associationForm', keys: ['i']},
    {id: 'associationForm.create', description: 'Create the association, or save the edit (asks first)', hint: 'create', scope: 'associationForm', keys: ['enter'], dangerous: true},
  ],
} as const satisfies ResourceCommands;
