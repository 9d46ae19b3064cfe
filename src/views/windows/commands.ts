// Maintenance Windows: the windows, one window's detail, its runs, a run's tasks, a task's per-instance invocations,
// and the window form. Its commands as data (the keymap, help and README table read them); the handlers are the
// views' actions.
import type {ResourceCommands} from '../../keys/command-def.js';

export const windowCommands = {
  scopes: {
    windows: 'Maintenance windows',
    window: 'Maintenance window detail',
    windowExecutions: 'Maintenance window runs',
    windowTasks: 'Maintenance window run tasks',
    windowInvocations: 'Maintenance window task invocations',
    windowForm: 'Maintenance window form',
  },
  commands: [
    {id: 'windows.detail', description: 'Detail of the window under the cursor: schedule, next runs, targets and their instances, tasks', hint: 'detail', scope: 'windows', keys: ['enter']},
    {id: 'windows.executions', description: 'Run history of the window under the cursor', hint: 'runs', scope: 'windows', keys: ['e']},
    {id: 'windows.create', description: 'Create a maintenance window (a form with the next runs previewed)', hint: 'new', scope: 'windows', keys: ['c'], dangerous: true},
    {id: 'windows.edit', description: 'Edit the window under the cursor', hint: 'edit', scope: 'windows', keys: ['E'], dangerous: true},
    {id: 'windows.toggle', description: 'Enable or disable the window under the cursor (asks first)', hint: 'enable/disable', scope: 'windows', keys: ['x'], dangerous: true},
    {id: 'window.executions', description: 'Run history of this window', hint: 'runs', scope: 'window', keys: ['e']},
    {id: 'window.edit', description: 'Edit this window', hint: 'edit', scope: 'window', keys: ['E'], dangerous: true},
    {id: 'window.toggle', description: 'Enable or disable this window (asks first)', hint: 'enable/disable', scope: 'window', keys: ['x'], dangerous: true},
    {id: 'window.target', description: 'Register targets: a tag expression (tag:Env=prod) or instance ids; empty uses the marked instances', hint: 'add targets', scope: 'window', keys: ['t'], dangerous: true},
    {id: 'window.task', description: 'Register a Run Command task on every target: DOCUMENT [name=value …], e.g. AWS-RunPatchBaseline Operation=Install', hint: 'add task', scope: 'window', keys: ['a'], dangerous: true},
    {id: 'windowExecutions.open', description: 'Tasks of the run under the cursor', hint: 'tasks', scope: 'windowExecutions', keys: ['enter']},
    {id: 'windowTasks.open', description: 'Per-instance invocations of the task under the cursor', hint: 'invocations', scope: 'windowTasks', keys: ['enter']},
    {id: 'windowInvocations.output', description: 'Output of the invocation under the cursor (its Run Command output)', hint: 'output', scope: 'windowInvocations', keys: ['enter']},
    {id: 'windowForm.name', description: 'Name the window', hint: 'name', scope: 'windowForm', keys: ['n']},
    {id: 'windowForm.schedule', description: 'Schedule: cron(…), rate(…) or at(…), the next runs shown as you type', hint: 'schedule', scope: 'windowForm', keys: ['s']},
    {id: 'windowForm.timeZone', description: 'Time zone of the schedule (IANA, e.g. Europe/Paris); empty is UTC', hint: 'time zone', scope: 'windowForm', keys: ['z']},
    {id: 'windowForm.duration', description: 'Duration in hours (1-24)', hint: 'duration', scope: 'windowForm', keys: ['d']},
    {id: 'windowForm.cutoff', description: 'Cutoff in hours: no new task starts this close to the end', hint: 'cutoff', scope: 'windowForm', keys: ['c']},
    {id: 'windowForm.unassociated', description: 'Allow tasks on targets not registered with the window', scope: 'windowForm', keys: ['u']},
    {id: 'windowForm.save', description: 'Create or update the window (asks first)', hint: 'save', scope: 'windowForm', keys: ['enter'], dangerous: true},
  ],
} as const satisfies ResourceCommands;
