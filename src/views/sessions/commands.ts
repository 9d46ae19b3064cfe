// Session Manager: who is connected (and who was), and the account's session preferences. Its commands as data (the
// keymap, help and README table read them); the handlers are the views' actions.
import type {ResourceCommands} from '../../keys/command-def.js';

export const sessionCommands = {
  scopes: {
    sessions: 'Sessions',
    sessionPrefs: 'Session preferences',
  },
  commands: [
    {id: 'sessions.history', description: 'Switch between active sessions and the history (30 days)', hint: 'active/history', scope: 'sessions', keys: ['h']},
    {id: 'sessions.terminate', description: 'Terminate the session under the cursor (asks first)', hint: 'terminate', scope: 'sessions', keys: ['K'], dangerous: true},
    {id: 'sessionPrefs.edit', description: 'Edit the preferences as JSON in $EDITOR: checked, the change shown field by field, asked', hint: 'edit', scope: 'sessionPrefs', keys: ['e'], dangerous: true},
  ],
} as const satisfies ResourceCommands;
