// Run Command history and one command's results. Its commands as data (the keymap, help and README table read them); the handlers are the views' actions.
import type {ResourceCommands} from '../../keys/command-def.js';

export const commandHistoryCommands = {
  scopes: {
  commands: 'Command history',
  results: 'Command results',
  },
  commands: [
    {id: 'commands.open', description: 'Open the results of the command under the cursor, or expand or fold the run under it', hint: 'results', scope: 'commands', keys: ['enter']},
    {id: 'commands.expand', description: 'Expand the run under the cursor to its commands', hint: 'expand', scope: 'commands', keys: ['right', 'l']},
    {id: 'commands.collapse', description: 'Fold the run under the cursor (or the run of the command under it)', scope: 'commands', keys: ['left', 'h']},
    {id: 'results.cancel', description: 'Cancel the command (asks first)', hint: 'cancel', scope: 'results', keys: ['c'], dangerous: true},
    {id: 'results.rerun', description: 'Run again on the failed and timed-out instances only', hint: 're-run failed', scope: 'results', keys: ['R'], dangerous: true},
    {id: 'results.output', description: 'Full output of the invocation under the cursor', hint: 'output', scope: 'results', keys: ['enter']},
    {id: 'results.grouped', description: 'Outputs grouped: identical ones shown once, with their instances', hint: 'grouped', scope: 'results', keys: ['=']},
  ],
} as const satisfies ResourceCommands;
