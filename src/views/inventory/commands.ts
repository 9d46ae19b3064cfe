// Fleet inventory: packages, query results and one instance's tabs. Its commands as data (the keymap, help and README table read them); the handlers are the views' actions.
import type {ResourceCommands} from '../../keys/command-def.js';

export const inventoryCommands = {
  scopes: {
  inventory: 'Fleet inventory (packages)',
  inventoryMatches: 'Inventory query results',
  inventoryTabs: 'Instance inventory',
  },
  commands: [
    {id: 'inventory.exact', description: 'Instances with the package under the cursor at exactly this version', hint: 'this version', scope: 'inventory', keys: ['enter']},
    {id: 'inventory.below', description: 'Instances with the package under the cursor below this version', hint: 'older', scope: 'inventory', keys: ['<']},
    {id: 'inventory.any', description: 'Instances with the package under the cursor at any version', hint: 'any version', scope: 'inventory', keys: ['a']},
    {id: 'inventory.visible', description: 'Instances with any version listed (filter first: /name:openssl version:<3.0.8)', hint: 'listed', scope: 'inventory', keys: ['m']},
    {id: 'inventoryMatches.run', description: 'Run Command on the marked instances (or the one under the cursor)', hint: 'run', scope: 'inventoryMatches', keys: ['r'], dangerous: true},
    {id: 'inventoryTabs.next', description: 'Next inventory tab (Applications, Network, Services, Details)', hint: 'tab', scope: 'inventoryTabs', keys: ['tab', 'right']},
    {id: 'inventoryTabs.prev', description: 'Previous inventory tab', scope: 'inventoryTabs', keys: ['shift+tab', 'left']},
  ],
} as const satisfies ResourceCommands;
