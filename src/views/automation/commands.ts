// Automation: the executions, one execution's steps, a step, the execution's parameters and outputs, and the start
// form. Its commands as data (the keymap, help and README table read them); the handlers are the views' actions.
import type {ResourceCommands} from '../../keys/command-def.js';

export const automationCommands = {
  scopes: {
    automations: 'Automation executions',
    automationActs: 'Acting on an Automation execution',
    automationSteps: 'Automation execution steps',
    automationStep: 'Automation step',
    automationForm: 'Start a runbook form',
  },
  commands: [
    {id: 'automations.open', description: 'Steps of the execution under the cursor, live', hint: 'steps', scope: 'automations', keys: ['enter']},
    {id: 'automations.start', description: 'Start a runbook: type its name, then fill in the form', hint: 'start', scope: 'automations', keys: ['s'], dangerous: true},
    {id: 'automationActs.detail', description: 'The execution\'s parameters, outputs, targets and failure (in the detail: read it again)', hint: 'detail', scope: 'automationActs', keys: ['d']},
    {id: 'automationActs.children', description: 'Child executions of a rate-controlled run, with their statuses', hint: 'children', scope: 'automationActs', keys: ['e']},
    {id: 'automationActs.approve', description: 'Approve the aws:approve step waiting (with a comment; asks first)', hint: 'approve', scope: 'automationActs', keys: ['a'], dangerous: true},
    {id: 'automationActs.reject', description: 'Reject the aws:approve step waiting (with a comment; asks first)', hint: 'reject', scope: 'automationActs', keys: ['x'], dangerous: true},
    {id: 'automationActs.next', description: 'Interactive mode: run the next step (asks first)', hint: 'next step', scope: 'automationActs', keys: ['S'], dangerous: true},
    {id: 'automationActs.stop', description: 'Stop (cancel) the execution (asks first)', hint: 'stop', scope: 'automationActs', keys: ['c'], dangerous: true},
    {id: 'automationActs.rerun', description: 'Start the same runbook again with the same parameters (the form opens filled in)', hint: 're-run', scope: 'automationActs', keys: ['R'], dangerous: true},
    {id: 'automationSteps.open', description: 'The step under the cursor: inputs, outputs, failure message', hint: 'step', scope: 'automationSteps', keys: ['enter']},
    {id: 'automationSteps.results', description: 'Per-instance results of the aws:runCommand step under the cursor', hint: 'results', scope: 'automationSteps', keys: ['r']},
    {id: 'automationStep.results', description: 'Per-instance results of this aws:runCommand step', hint: 'results', scope: 'automationStep', keys: ['r']},
    {id: 'automationForm.parameter', description: 'Set a parameter: name=value (a list comma-separated; empty = its default)', hint: 'parameter', scope: 'automationForm', keys: ['p']},
    {id: 'automationForm.targets', description: 'Rate control targets: marked, a tag expression (tag:Env=prod) or ids; empty = one run', hint: 'targets', scope: 'automationForm', keys: ['t']},
    {id: 'automationForm.fanOut', description: 'The parameter each target goes to (TargetParameterName)', scope: 'automationForm', keys: ['f']},
    {id: 'automationForm.concurrency', description: 'Max concurrency: a count or a percentage', scope: 'automationForm', keys: ['c']},
    {id: 'automationForm.errors', description: 'Max errors: a count or a percentage', scope: 'automationForm', keys: ['x']},
    {id: 'automationForm.mode', description: 'Mode: Auto (every step) or Interactive (one step at a time)', hint: 'mode', scope: 'automationForm', keys: ['m']},
    {id: 'automationForm.copy', description: 'Copy the aws ssm start-automation-execution line', hint: 'copy cli', scope: 'automationForm', keys: ['y']},
    {id: 'automationForm.start', description: 'Start the runbook (asks first)', hint: 'start', scope: 'automationForm', keys: ['enter'], dangerous: true},
    {id: 'documents.automate', description: 'Start the Automation runbook under the cursor (the form from its parameters)', hint: 'automate', scope: 'documents', keys: ['A'], dangerous: true},
  ],
} as const satisfies ResourceCommands;
