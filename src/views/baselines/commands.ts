// Patch Manager: the baselines, one baseline's detail (rules, exceptions, the instances that use it and their patch
// states) and the create / edit-rules form. Its commands as data (the keymap, help and README table read them); the
// handlers are the views' actions.
import type {ResourceCommands} from '../../keys/command-def.js';

export const baselineCommands = {
  scopes: {
    baselines: 'Patch baselines',
    baseline: 'Patch baseline detail',
    baselineForm: 'Patch baseline form',
  },
  commands: [
    {id: 'baselines.detail', description: 'Detail of the baseline under the cursor: rules, exceptions, the instances that use it and their patch states', hint: 'detail', scope: 'baselines', keys: ['enter']},
    {id: 'baselines.create', description: 'Create a patch baseline (a form: name, operating system, an approval rule, compliance level)', hint: 'create', scope: 'baselines', keys: ['c'], dangerous: true},
    {id: 'baselines.edit', description: 'Edit the rules and exceptions of the baseline under the cursor', hint: 'edit', scope: 'baselines', keys: ['e'], dangerous: true},
    {id: 'baselines.setDefault', description: 'Make the baseline under the cursor the default for its operating system', hint: 'default', scope: 'baselines', keys: ['d'], dangerous: true},
    {id: 'baselines.register', description: 'Register a patch group (the Patch Group tag\'s value) with the baseline under the cursor', hint: 'patch group', scope: 'baselines', keys: ['p'], dangerous: true},
    {id: 'baselines.deregister', description: 'Deregister one of the patch groups of the baseline under the cursor', scope: 'baselines', keys: ['x'], dangerous: true},
    {id: 'baseline.edit', description: 'Edit this baseline\'s rules and exceptions', hint: 'edit', scope: 'baseline', keys: ['e'], dangerous: true},
    {id: 'baseline.setDefault', description: 'Make this baseline the default for its operating system', hint: 'default', scope: 'baseline', keys: ['d'], dangerous: true},
    {id: 'baseline.register', description: 'Register a patch group with this baseline', hint: 'patch group', scope: 'baseline', keys: ['p'], dangerous: true},
    {id: 'baseline.deregister', description: 'Deregister one of this baseline\'s patch groups', scope: 'baseline', keys: ['x'], dangerous: true},
    {id: 'baselineForm.name', description: 'Name the baseline (new baselines only)', hint: 'name', scope: 'baselineForm', keys: ['n']},
    {id: 'baselineForm.os', description: 'Operating system: the next one (new baselines only)', hint: 'os', scope: 'baselineForm', keys: ['o']},
    {id: 'baselineForm.classification', description: 'Approval rule: classifications, comma separated (Security, SecurityUpdates…)', scope: 'baselineForm', keys: ['c']},
    {id: 'baselineForm.severity', description: 'Approval rule: severities, comma separated (Critical, Important…)', scope: 'baselineForm', keys: ['v']},
    {id: 'baselineForm.delay', description: 'Approval rule: days after release before a patch is approved (0–360)', scope: 'baselineForm', keys: ['a']},
    {id: 'baselineForm.level', description: 'Approval rule: compliance level, the next one', scope: 'baselineForm', keys: ['l']},
    {id: 'baselineForm.approved', description: 'Exceptions: approved patches, comma separated', scope: 'baselineForm', keys: ['A']},
    {id: 'baselineForm.rejected', description: 'Exceptions: rejected patches, comma separated', scope: 'baselineForm', keys: ['R']},
    {id: 'baselineForm.rejectedAction', description: 'Exceptions: what a rejected patch may do (allow as a dependency, or block)', scope: 'baselineForm', keys: ['b']},
    {id: 'baselineForm.save', description: 'Create the baseline, or save its rules (asks first)', hint: 'save', scope: 'baselineForm', keys: ['enter'], dangerous: true},
  ],
} as const satisfies ResourceCommands;
