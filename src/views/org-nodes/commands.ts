// The organisation's nodes (`:org`). Its commands as data (the keymap, help and README table read them); the
// handlers are the view's actions.
import type {ResourceCommands} from '../../keys/command-def.js';

export const orgNodeCommands = {
  scopes: {
    orgNodes: 'Organisation nodes',
  },
  commands: [
    {id: 'orgNodes.shell', description: 'Shell on the node under the cursor (or one pane per marked node) in its own account and region (org.roleName)', hint: 'shell', scope: 'orgNodes', keys: ['s'], dangerous: true},
    {id: 'orgNodes.run', description: 'Run Command on the marked nodes (or the one under the cursor), each in its own account and region (org.roleName)', hint: 'run', scope: 'orgNodes', keys: ['r'], dangerous: true},
  ],
} as const satisfies ResourceCommands;
