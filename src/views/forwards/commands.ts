// The port forwards table. Its commands as data (the keymap, help and README table read them); the handlers are the views' actions.
import type {ResourceCommands} from '../../keys/command-def.js';

export const forwardCommands = {
  scopes: {
  forwards: 'Port forwards',
  },
  commands: [
    {id: 'forwards.stop', description: 'Stop the forward under the cursor (closes its listener, terminates its session)', hint: 'stop', scope: 'forwards', keys: ['x'], dangerous: true},
    {id: 'forwards.restart', description: 'Restart the forward under the cursor on the same local port', hint: 'restart', scope: 'forwards', keys: ['r'], dangerous: true},
    {id: 'forwards.copy', description: 'Copy localhost:PORT of the forward under the cursor (OSC 52)', hint: 'copy', scope: 'forwards', keys: ['y']},
  ],
} as const satisfies ResourceCommands;
