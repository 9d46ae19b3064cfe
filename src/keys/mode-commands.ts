// The commands of forms, prompts and overlays, as data: they take the keys before any view while they are open.
// Their handlers sit with the form or prompt that owns them (views/run-command/run-form-keys.ts, views/forwards/form-input.ts,
// app-input.ts); the maps there are typed so that every command listed here has exactly one handler.
import type {CommandDef} from './commands.js';

export type ModeScope = 'always' | 'prompt' | 'confirm' | 'help'
  | 'runForm' | 'runFormEdit' | 'runFormPicker' | 'runFormConfirm' | 'forwardForm' | 'scrollSearch' | 'columnPicker';

export const MODE_SCOPE_TITLES: Record<ModeScope, string> = {
  always: 'Everywhere, even in a form or prompt',
  prompt: 'Filter (/) and command (:) prompt',
  confirm: 'A yes/no question (quit? cancel the command?)',
  help: 'This help',
  runForm: 'Run Command form (every stage)',
  runFormEdit: 'Run Command form: fields',
  runFormPicker: 'Run Command form: document picker',
  runFormConfirm: 'Run Command form: confirmation',
  forwardForm: 'Port forward form',
  scrollSearch: 'Shell scroll mode: typing a search',
  columnPicker: 'Column picker (C in a table)',
};

export const MODE_COMMANDS = [
  {id: 'app.interrupt', description: 'Quit from anywhere, even a form or prompt (asks first when shells or forwards are open)', scope: 'always', keys: ['ctrl+c']},

  {id: 'prompt.accept', description: 'Keep the filter, or go to the view typed in the command bar', hint: 'go', scope: 'prompt', keys: ['enter']},
  {id: 'prompt.cancel', description: 'Close the prompt (a filter goes back to what it was)', hint: 'cancel', scope: 'prompt', keys: ['esc']},
  {id: 'prompt.complete', description: 'Complete the view name (command bar)', hint: 'complete', scope: 'prompt', keys: ['tab']},
  {id: 'prompt.deleteChar', description: 'Delete the last character', scope: 'prompt', keys: ['backspace']},
  {id: 'prompt.deleteWord', description: 'Delete the last word', scope: 'prompt', keys: ['ctrl+w']},
  {id: 'prompt.clear', description: 'Clear the prompt', scope: 'prompt', keys: ['ctrl+u']},
  {id: 'prompt.historyPrev', description: 'Filter: the previous filter of this view (the one in force first)', hint: 'previous filter', scope: 'prompt', keys: ['up']},
  {id: 'prompt.historyNext', description: 'Filter: the next newer filter, then an empty prompt', scope: 'prompt', keys: ['down']},

  {id: 'confirm.yes', description: 'Yes: do it', hint: 'yes', scope: 'confirm', keys: ['y', 'Y']},
  {id: 'confirm.no', description: 'No: cancel (any other key cancels too)', hint: 'no, any other key cancels', scope: 'confirm', keys: ['n', 'esc', 'ctrl+c']},

  {id: 'help.close', description: 'Close the help', hint: 'close', scope: 'help', keys: ['esc', '?', 'q']},
  {id: 'help.down', description: 'Scroll the help down', hint: 'scroll', scope: 'help', keys: ['down', 'j']},
  {id: 'help.up', description: 'Scroll the help up', scope: 'help', keys: ['up', 'k']},

  {id: 'runForm.copyCli', description: 'Copy the equivalent aws ssm send-command line(s) to the clipboard (OSC 52)', hint: 'copy aws CLI', scope: 'runForm', keys: ['ctrl+y']},
  {id: 'runForm.send', description: 'Review the run: check every field, then ask for confirmation', hint: 'review', scope: 'runFormEdit', keys: ['ctrl+s'], dangerous: true},
  {id: 'runForm.next', description: 'Next field', hint: 'next field', scope: 'runFormEdit', keys: ['tab']},
  {id: 'runForm.prev', description: 'Previous field', scope: 'runFormEdit', keys: ['shift+tab']},
  {id: 'runForm.down', description: 'Next field (inside a list field the arrows stay in it)', scope: 'runFormEdit', keys: ['down']},
  {id: 'runForm.up', description: 'Previous field (inside a list field the arrows stay in it)', scope: 'runFormEdit', keys: ['up']},
  {id: 'runForm.valuePrev', description: 'Previous allowed value of the field (document parameters, rate control)', scope: 'runFormEdit', keys: ['left']},
  {id: 'runForm.valueNext', description: 'Next allowed value of the field', scope: 'runFormEdit', keys: ['right']},
  {id: 'runForm.enter', description: 'Document: choose from the list · list field: a new line · else the next field', scope: 'runFormEdit', keys: ['enter']},
  {id: 'runForm.deleteChar', description: 'Delete the last character of the field', scope: 'runFormEdit', keys: ['backspace']},
  {id: 'runForm.clearField', description: 'Clear the field', scope: 'runFormEdit', keys: ['ctrl+u']},
  {id: 'runForm.cancel', description: 'Close the form without running anything', hint: 'cancel', scope: 'runFormEdit', keys: ['esc']},
  {id: 'runForm.pickerChoose', description: 'Choose the document under the cursor', hint: 'choose', scope: 'runFormPicker', keys: ['enter']},
  {id: 'runForm.pickerDown', description: 'Next document', hint: 'move', scope: 'runFormPicker', keys: ['down', 'tab']},
  {id: 'runForm.pickerUp', description: 'Previous document', scope: 'runFormPicker', keys: ['up', 'shift+tab']},
  {id: 'runForm.pickerDeleteChar', description: 'Delete the last character of the search', scope: 'runFormPicker', keys: ['backspace']},
  {id: 'runForm.pickerClear', description: 'Clear the search', scope: 'runFormPicker', keys: ['ctrl+u']},
  {id: 'runForm.pickerClose', description: 'Back to the form, keeping the document', hint: 'back', scope: 'runFormPicker', keys: ['esc']},
  {id: 'runForm.confirmSend', description: 'Send the run (after typing the confirmation word when one is asked)', hint: 'send', scope: 'runFormConfirm', keys: ['enter'], dangerous: true},
  {id: 'runForm.confirmBack', description: 'Back to the form', hint: 'back to the form', scope: 'runFormConfirm', keys: ['esc']},
  {id: 'runForm.confirmDeleteChar', description: 'Delete the last character of the confirmation word', scope: 'runFormConfirm', keys: ['backspace']},

  {id: 'forwardForm.start', description: 'Start the forward (the form stays open with the error if it cannot)', hint: 'start', scope: 'forwardForm', keys: ['enter'], dangerous: true},
  {id: 'forwardForm.next', description: 'Next field', hint: 'next field', scope: 'forwardForm', keys: ['tab', 'down']},
  {id: 'forwardForm.prev', description: 'Previous field', scope: 'forwardForm', keys: ['shift+tab', 'up']},
  {id: 'forwardForm.presetPrev', description: 'Remote port: the previous preset from the fleetdeck:forward tag', scope: 'forwardForm', keys: ['left']},
  {id: 'forwardForm.presetNext', description: 'Remote port: the next preset from the fleetdeck:forward tag', scope: 'forwardForm', keys: ['right']},
  {id: 'forwardForm.deleteChar', description: 'Delete the last character of the field', scope: 'forwardForm', keys: ['backspace']},
  {id: 'forwardForm.clearField', description: 'Clear the field', scope: 'forwardForm', keys: ['ctrl+u']},
  {id: 'forwardForm.cancel', description: 'Close the form', hint: 'cancel', scope: 'forwardForm', keys: ['esc', 'ctrl+c']},

  {id: 'scrollSearch.find', description: 'Search the scrollback upwards for what was typed', hint: 'find', scope: 'scrollSearch', keys: ['enter']},
  {id: 'scrollSearch.cancel', description: 'Back to scroll mode without searching', hint: 'cancel', scope: 'scrollSearch', keys: ['esc']},
  {id: 'scrollSearch.deleteChar', description: 'Delete the last character of the search', scope: 'scrollSearch', keys: ['backspace']},

  {id: 'columns.down', description: 'Next column', hint: 'move', scope: 'columnPicker', keys: ['down', 'j']},
  {id: 'columns.up', description: 'Previous column', scope: 'columnPicker', keys: ['up', 'k']},
  {id: 'columns.toggle', description: 'Show or hide the column under the cursor', hint: 'show/hide', scope: 'columnPicker', keys: ['space']},
  {id: 'columns.moveDown', description: 'Move the column under the cursor down (right in the table)', hint: 'reorder', scope: 'columnPicker', keys: ['J']},
  {id: 'columns.moveUp', description: 'Move the column under the cursor up (left in the table)', scope: 'columnPicker', keys: ['K']},
  {id: 'columns.wider', description: 'Let the column grow wider (past the widest step: auto)', hint: 'width', scope: 'columnPicker', keys: ['right', 'l']},
  {id: 'columns.narrower', description: 'Cap the column at a narrower width', scope: 'columnPicker', keys: ['left', 'h']},
  {id: 'columns.apply', description: 'Apply the columns and remember them in the config for this view', hint: 'apply', scope: 'columnPicker', keys: ['enter']},
  {id: 'columns.cancel', description: 'Close the picker, changing nothing', hint: 'cancel', scope: 'columnPicker', keys: ['esc']},
] as const satisfies readonly CommandDef[];
