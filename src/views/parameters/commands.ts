// Parameter Store: the hierarchy, a parameter's detail, its history, diffs and staged changes. Its commands as data
// (the keymap, help and README table read them); the handlers are the views' actions.
import type {ResourceCommands} from '../../keys/command-def.js';

export const parameterCommands = {
  scopes: {
    parameters: 'Parameter Store',
    parameterDetail: 'Parameter detail',
    parameterHistory: 'Parameter history',
    parameterCompare: 'Parameters compared across two paths',
    parameterStaged: 'Staged parameter changes',
  },
  commands: [
    {id: 'parameters.open', description: 'Open the folder under the cursor, or the detail of the parameter', hint: 'open', scope: 'parameters', keys: ['enter']},
    {id: 'parameters.expand', description: 'Open the folder under the cursor (loads its level)', scope: 'parameters', keys: ['right', 'l']},
    {id: 'parameters.collapse', description: 'Close the folder under the cursor (or the folder of the parameter)', scope: 'parameters', keys: ['left', 'h']},
    {id: 'parameters.flat', description: 'Flat list of every parameter (filter by name, path:, type:, tier:, label:, tag:) or back to the tree', hint: 'flat/tree', scope: 'parameters', keys: ['f']},
    {id: 'parameters.history', description: 'History of the parameter under the cursor: every version, who, when, labels', hint: 'history', scope: 'parameters', keys: ['H']},
    {id: 'parameters.compare', description: 'Compare the two marked folders (or the folder under the cursor with the marked one), name by name', scope: 'parameters', keys: ['=']},
    {id: 'parameters.edit', description: 'Edit the value in $EDITOR; the change is shown as a diff and written only if nobody changed it since', hint: 'edit', scope: 'parameters', keys: ['e'], dangerous: true},
    {id: 'parameters.editInline', description: 'Edit a short one-line value in place (the prompt line), then the same diff and confirmation', scope: 'parameters', keys: ['i'], dangerous: true},
    {id: 'parameters.stageEdit', description: 'Edit the value in $EDITOR into the staged changes (applied together with P)', scope: 'parameters', keys: ['E'], dangerous: true},
    {id: 'parameters.new', description: 'New parameter (in the folder under the cursor): name, type, then the value in $EDITOR', hint: 'new', scope: 'parameters', keys: ['a'], dangerous: true},
    {id: 'parameters.delete', description: 'Delete the marked parameters (or the one under the cursor): typed confirmation', scope: 'parameters', keys: ['D'], dangerous: true},
    {id: 'parameters.staged', description: 'The staged changes: review the diffs and apply them together with one confirmation', hint: 'staged', scope: 'parameters', keys: ['P'], dangerous: true},
    {id: 'parameterDetail.reveal', description: 'Reveal the SecureString value (it hides again after revealSeconds or when you leave), or hide it', hint: 'reveal', scope: 'parameterDetail', keys: ['r']},
    {id: 'parameterDetail.copyName', description: 'Copy the parameter name (OSC 52)', hint: 'copy name', scope: 'parameterDetail', keys: ['y']},
    {id: 'parameterDetail.copyArn', description: 'Copy the parameter ARN (OSC 52)', scope: 'parameterDetail', keys: ['a']},
    {id: 'parameterDetail.copyValue', description: 'Copy the value (OSC 52); a secret asks first', scope: 'parameterDetail', keys: ['c']},
    {id: 'parameterDetail.history', description: 'History of this parameter', hint: 'history', scope: 'parameterDetail', keys: ['H']},
    {id: 'parameterDetail.edit', description: 'Edit the value in $EDITOR (diff, then a confirmation; conditional on the version read)', hint: 'edit', scope: 'parameterDetail', keys: ['e'], dangerous: true},
    {id: 'parameterHistory.diff', description: 'Diff the two marked versions (or the version under the cursor with the one before)', hint: 'diff', scope: 'parameterHistory', keys: ['d']},
    {id: 'parameterHistory.reveal', description: 'Reveal the SecureString values of every version (to read or compare them), or hide them', hint: 'reveal', scope: 'parameterHistory', keys: ['r']},
    {id: 'parameterHistory.label', description: 'Label the version under the cursor (a label on another version moves here)', hint: 'label', scope: 'parameterHistory', keys: ['L'], dangerous: true},
    {id: 'parameterHistory.unlabel', description: 'Remove labels from the version under the cursor', scope: 'parameterHistory', keys: ['U'], dangerous: true},
    {id: 'parameterCompare.diff', description: 'Diff the two values of the name under the cursor', hint: 'diff', scope: 'parameterCompare', keys: ['enter', 'd']},
    {id: 'parameterCompare.reveal', description: 'Reveal SecureString values on both sides so they are compared, or hide them', hint: 'reveal', scope: 'parameterCompare', keys: ['r']},
    {id: 'parameterStaged.apply', description: 'Apply every staged change (one confirmation; each result is reported)', hint: 'apply', scope: 'parameterStaged', keys: ['enter'], dangerous: true},
    {id: 'parameterStaged.discard', description: 'Discard every staged change', hint: 'discard', scope: 'parameterStaged', keys: ['x']},
  ],
} as const satisfies ResourceCommands;
