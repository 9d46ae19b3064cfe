// The contexts table (`:ctx`). Its commands as data (the keymap, help and README table read them); the handlers are
// the view's actions.
import type {ResourceCommands} from '../../keys/command-def.js';

export const contextCommands = {
  scopes: {
    contexts: 'Contexts (:ctx)',
  },
  commands: [
    {id: 'contexts.toggle', description: 'Put the context under the cursor in or out of view (the last one stays)', hint: 'in/out of view', scope: 'contexts', keys: ['space']},
    {id: 'contexts.only', description: 'Show only the context under the cursor', hint: 'only this', scope: 'contexts', keys: ['enter']},
    {id: 'contexts.all', description: 'Show every context', hint: 'all', scope: 'contexts', keys: ['a']},
    {id: 'contexts.recheck', description: 'Check the context\'s credentials again now (after aws sso login)', hint: 'recheck', scope: 'contexts', keys: ['r']},
    {id: 'contexts.detail', description: 'The context\'s spec, account, credentials with the command that fixes them, and its request budget', hint: 'detail', scope: 'contexts', keys: ['d']},
  ],
} as const satisfies ResourceCommands;
