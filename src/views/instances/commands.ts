// The managed instances table: run, shell, forward, detail, inventory and the side pane. Its commands as data (the keymap, help and README table read them); the handlers are the views' actions.
// Only the daily keys carry a footer hint (an 80-column footer must keep `/` filter and `q` quit); the rest are in `?`.
import type {ResourceCommands} from '../../keys/command-def.js';

export const instanceCommands = {
  scopes: {
  instances: 'Managed instances',
  },
  commands: [
    {id: 'instances.run', description: 'Run Command on the marked instances (or the one under the cursor)', hint: 'run', scope: 'instances', keys: ['r'], dangerous: true},
    {id: 'instances.detail', description: 'Details: every SSM field, tags and EC2 details', hint: 'detail', scope: 'instances', keys: ['enter']},
    {id: 'instances.sidePane', description: 'Show or hide the compliance and inventory pane beside the table (remembered in the config)', scope: 'instances', keys: ['p']},
    {id: 'instances.inventory', description: 'Inventory of the instance under the cursor: applications, network, services, details', scope: 'instances', keys: ['i']},
    {id: 'instances.shell', description: 'Shell on the instance under the cursor (or one pane per marked instance, up to 8)', scope: 'instances', keys: ['s'], dangerous: true},
    {id: 'instances.associations', description: 'State Manager associations that target the instance under the cursor', scope: 'instances', keys: ['a']},
    {id: 'instances.sessions', description: 'Who is on the instance under the cursor: its active Session Manager sessions (h: history)', scope: 'instances', keys: ['w']},
    {id: 'instances.deregister', description: 'Deregister the hybrid (mi-) node under the cursor: typed confirmation', scope: 'instances', keys: ['X'], dangerous: true},
    {id: 'instances.forward', description: 'Port forward to the instance under the cursor (a form; presets from its fleetdeck:forward tag)', scope: 'instances', keys: ['F'], dangerous: true},
    {id: 'instances.patchInstall', description: 'Install now: AWS-RunPatchBaseline Install (RebootIfNeeded) on the marked instances (or the one under the cursor)', scope: 'instances', keys: ['P'], dangerous: true},
    {id: 'instances.patchScan', description: 'Scan now: AWS-RunPatchBaseline Scan on the marked instances (or the one under the cursor)', scope: 'instances', keys: ['S'], dangerous: true},
    {id: 'instances.patchWindow', description: 'Install in the next window: pick an enabled maintenance window, then register the marked instances (or the one under the cursor) with an AWS-RunPatchBaseline Install task', scope: 'instances', keys: ['N'], dangerous: true},
  ],
} as const satisfies ResourceCommands;
