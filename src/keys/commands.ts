// Every user command, as data: id, description, default keys, where it applies. The footer, the `?` overlay and
// the README key table are all generated from this list; handlers live with the views that own the scope. Forms,
// prompts and overlays declare theirs in mode-commands.ts.
import {MODE_COMMANDS, MODE_SCOPE_TITLES, type ModeScope} from './mode-commands.js';

export type Scope = ModeScope | 'global' | 'table' | 'instances' | 'commands' | 'results' | 'detail'
  | 'compliance' | 'nonCompliant' | 'remediate' | 'inventory' | 'inventoryMatches' | 'inventoryTabs'
  | 'pane' | 'scroll' | 'workspaces' | 'forwards';

export interface CommandDef {
  id: string;
  description: string;
  /** Short label for the footer; commands without one appear only in help. */
  hint?: string;
  scope: Scope;
  keys: readonly string[];
  /** Mutating or disruptive: shown as such in help, refused in read-only mode where it changes something. */
  dangerous?: boolean;
}

export const SCOPE_TITLES: Record<Scope, string> = {
  global: 'Everywhere',
  table: 'Tables',
  instances: 'Managed instances',
  commands: 'Command history',
  results: 'Command results',
  detail: 'Detail pane',
  compliance: 'Compliance summary',
  nonCompliant: 'Non-compliant instances',
  remediate: 'Compliance remediation',
  inventory: 'Fleet inventory (packages)',
  inventoryMatches: 'Inventory query results',
  inventoryTabs: 'Instance inventory',
  pane: 'Shell panes (after the prefix key, ctrl+g unless configured)',
  scroll: 'Shell scroll mode',
  workspaces: 'Shell workspace list',
  forwards: 'Port forwards',
  ...MODE_SCOPE_TITLES,
};

const VIEW_COMMANDS = [
  {id: 'app.help', description: 'Show or hide this help', hint: 'help', scope: 'global', keys: ['?']},
  {id: 'app.command', description: 'Command bar: switch view by name or alias (tab completes)', hint: 'cmd', scope: 'global', keys: [':']},
  {id: 'app.back', description: 'Back: close the prompt or overlay, clear the filter, then the previous view', scope: 'global', keys: ['esc']},
  {id: 'app.refresh', description: 'Refresh now', scope: 'global', keys: ['ctrl+r']},
  {id: 'app.quit', description: 'Quit fleetdeck', hint: 'quit', scope: 'global', keys: ['q']},
  {id: 'app.columns', description: 'Columns of this table: show, hide, reorder and cap widths (remembered in the config)', scope: 'global', keys: ['C']},

  {id: 'table.down', description: 'Cursor down', scope: 'table', keys: ['down', 'j']},
  {id: 'table.up', description: 'Cursor up', scope: 'table', keys: ['up', 'k']},
  {id: 'table.pageDown', description: 'Page down', scope: 'table', keys: ['pgdn', 'ctrl+f']},
  {id: 'table.pageUp', description: 'Page up', scope: 'table', keys: ['pgup', 'ctrl+b']},
  {id: 'table.top', description: 'First row', scope: 'table', keys: ['g', 'home']},
  {id: 'table.bottom', description: 'Last row', scope: 'table', keys: ['G', 'end']},
  {id: 'table.filter', description: 'Filter: text and terms like tag:Env=prod ping:online !platform:windows', hint: 'filter', scope: 'table', keys: ['/']},
  {id: 'table.sortNext', description: 'Sort by the next column', hint: 'sort', scope: 'table', keys: ['o']},
  {id: 'table.sortPrev', description: 'Sort by the previous column', scope: 'table', keys: ['O']},
  {id: 'table.sortReverse', description: 'Reverse the sort order', scope: 'table', keys: ['~']},
  {id: 'table.mark', description: 'Mark or unmark the row under the cursor', hint: 'mark', scope: 'table', keys: ['space']},
  {id: 'table.markRange', description: 'Mark every row from the last marked one to the cursor', scope: 'table', keys: ['v']},
  {id: 'table.markAll', description: 'Mark all visible rows', scope: 'table', keys: ['ctrl+a']},
  {id: 'table.clearMarks', description: 'Clear all marks', scope: 'table', keys: ['u']},

  {id: 'instances.run', description: 'Run Command on the marked instances (or the one under the cursor)', hint: 'run', scope: 'instances', keys: ['r'], dangerous: true},
  {id: 'instances.detail', description: 'Details: every SSM field, tags and EC2 details', hint: 'detail', scope: 'instances', keys: ['enter']},

  {id: 'commands.open', description: 'Open the results of the command under the cursor, or expand or fold the run under it', hint: 'results', scope: 'commands', keys: ['enter']},
  // A fleetdeck run's batches are one row in the history; these show and hide its commands.
  {id: 'commands.expand', description: 'Expand the run under the cursor to its commands', hint: 'expand', scope: 'commands', keys: ['right', 'l']},
  {id: 'commands.collapse', description: 'Fold the run under the cursor (or the run of the command under it)', scope: 'commands', keys: ['left', 'h']},
  {id: 'results.cancel', description: 'Cancel the command (asks first)', hint: 'cancel', scope: 'results', keys: ['c'], dangerous: true},
  {id: 'results.rerun', description: 'Run again on the failed and timed-out instances only', hint: 're-run failed', scope: 'results', keys: ['R'], dangerous: true},
  {id: 'results.output', description: 'Full output of the invocation under the cursor', hint: 'output', scope: 'results', keys: ['enter']},
  {id: 'results.grouped', description: 'Outputs grouped: identical ones shown once, with their instances', hint: 'grouped', scope: 'results', keys: ['=']},

  {id: 'detail.down', description: 'Scroll down', hint: 'scroll', scope: 'detail', keys: ['down', 'j']},
  {id: 'detail.up', description: 'Scroll up', scope: 'detail', keys: ['up', 'k']},
  {id: 'detail.pageDown', description: 'Page down', scope: 'detail', keys: ['pgdn', 'space', 'ctrl+f']},
  {id: 'detail.pageUp', description: 'Page up', scope: 'detail', keys: ['pgup', 'ctrl+b']},

  {id: 'instances.sidePane', description: 'Show or hide the compliance and inventory pane beside the table (remembered in the config)', scope: 'instances', keys: ['p']},
  {id: 'instances.inventory', description: 'Inventory of the instance under the cursor: applications, network, services, details', scope: 'instances', keys: ['i']},
  {id: 'compliance.open', description: 'Non-compliant instances of the compliance type under the cursor', hint: 'instances', scope: 'compliance', keys: ['enter']},
  {id: 'nonCompliant.items', description: 'Compliance items of the instance under the cursor', hint: 'items', scope: 'nonCompliant', keys: ['enter']},
  {id: 'remediate.patch', description: 'Run AWS-RunPatchBaseline (Install) on the marked instances (or the one under the cursor)', hint: 'patch', scope: 'remediate', keys: ['r'], dangerous: true},
  {id: 'inventory.exact', description: 'Instances with the package under the cursor at exactly this version', hint: 'this version', scope: 'inventory', keys: ['enter']},
  {id: 'inventory.below', description: 'Instances with the package under the cursor below this version', hint: 'older', scope: 'inventory', keys: ['<']},
  {id: 'inventory.any', description: 'Instances with the package under the cursor at any version', hint: 'any version', scope: 'inventory', keys: ['a']},
  {id: 'inventory.visible', description: 'Instances with any version listed (filter first: /name:openssl version:<3.0.8)', hint: 'listed', scope: 'inventory', keys: ['m']},
  {id: 'inventoryMatches.run', description: 'Run Command on the marked instances (or the one under the cursor)', hint: 'run', scope: 'inventoryMatches', keys: ['r'], dangerous: true},
  {id: 'inventoryTabs.next', description: 'Next inventory tab (Applications, Network, Services, Details)', hint: 'tab', scope: 'inventoryTabs', keys: ['tab', 'right']},
  {id: 'inventoryTabs.prev', description: 'Previous inventory tab', scope: 'inventoryTabs', keys: ['shift+tab', 'left']},

  {id: 'instances.shell', description: 'Shell on the instance under the cursor (or one pane per marked instance, up to 8)', scope: 'instances', keys: ['s'], dangerous: true},
  {id: 'app.shells', description: 'Back to the open shells', scope: 'global', keys: ['W']},
  {id: 'pane.next', description: 'Focus the next pane', hint: 'next', scope: 'pane', keys: ['o', 'tab', 'right', 'down']},
  {id: 'pane.prev', description: 'Focus the previous pane', scope: 'pane', keys: ['O', 'shift+tab', 'left', 'up']},
  {id: 'pane.splitStacked', description: 'Split: another shell to the same instance below', hint: 'split', scope: 'pane', keys: ['"', '-']},
  {id: 'pane.splitSide', description: 'Split: another shell to the same instance beside', scope: 'pane', keys: ['%', '|']},
  {id: 'pane.zoom', description: 'Zoom the pane to the whole workspace, or back', hint: 'zoom', scope: 'pane', keys: ['z']},
  {id: 'pane.close', description: 'Close the pane (terminates its session)', hint: 'close', scope: 'pane', keys: ['x']},
  {id: 'pane.broadcast', description: 'Broadcast: type into every pane of the workspace at once (toggle)', hint: 'broadcast', scope: 'pane', keys: ['b']},
  {id: 'pane.scroll', description: 'Scroll mode: scrollback, search, copy', hint: 'scroll', scope: 'pane', keys: ['[']},
  {id: 'pane.copy', description: 'Copy the last command output to the clipboard (OSC 52)', scope: 'pane', keys: ['y']},
  {id: 'pane.reconnect', description: 'Reconnect a pane whose session ended (a new session)', scope: 'pane', keys: ['r']},
  {id: 'pane.workspaces', description: 'List and switch workspaces', hint: 'workspaces', scope: 'pane', keys: ['w']},
  {id: 'pane.nextWorkspace', description: 'Next workspace', scope: 'pane', keys: ['n']},
  {id: 'pane.prevWorkspace', description: 'Previous workspace', scope: 'pane', keys: ['p']},
  {id: 'pane.newWorkspace', description: 'New workspace with a shell on the focused pane\'s instance', scope: 'pane', keys: ['c']},
  {id: 'pane.forwards', description: 'Port forwards: the :pf table as a live pane beside this one', hint: 'forwards', scope: 'pane', keys: ['f']},
  {id: 'pane.back', description: 'Back to the dashboard (the shells keep running; W returns)', hint: 'dashboard', scope: 'pane', keys: ['d', 'esc']},
  {id: 'scroll.up', description: 'Scroll up a line', hint: 'scroll', scope: 'scroll', keys: ['up', 'k']},
  {id: 'scroll.down', description: 'Scroll down a line', scope: 'scroll', keys: ['down', 'j']},
  {id: 'scroll.pageUp', description: 'Scroll up a page', scope: 'scroll', keys: ['pgup', 'ctrl+b']},
  {id: 'scroll.pageDown', description: 'Scroll down a page', scope: 'scroll', keys: ['pgdn', 'ctrl+f', 'space']},
  {id: 'scroll.top', description: 'Oldest line', scope: 'scroll', keys: ['g', 'home']},
  {id: 'scroll.bottom', description: 'Newest line', scope: 'scroll', keys: ['G', 'end']},
  {id: 'scroll.search', description: 'Search the scrollback (upwards)', hint: 'search', scope: 'scroll', keys: ['/']},
  {id: 'scroll.nextMatch', description: 'Next (older) match', hint: 'next match', scope: 'scroll', keys: ['n']},
  {id: 'scroll.prevMatch', description: 'Previous (newer) match', scope: 'scroll', keys: ['N']},
  {id: 'scroll.copy', description: 'Copy the lines in view to the clipboard (OSC 52)', hint: 'copy', scope: 'scroll', keys: ['y']},
  {id: 'scroll.exit', description: 'Leave scroll mode', hint: 'done', scope: 'scroll', keys: ['q', 'esc']},
  {id: 'workspaces.down', description: 'Next workspace in the list', scope: 'workspaces', keys: ['down', 'j']},
  {id: 'workspaces.up', description: 'Previous workspace in the list', scope: 'workspaces', keys: ['up', 'k']},
  {id: 'workspaces.open', description: 'Switch to the workspace under the cursor', hint: 'open', scope: 'workspaces', keys: ['enter']},
  {id: 'workspaces.close', description: 'Close the list', hint: 'back', scope: 'workspaces', keys: ['esc', 'q']},
  {id: 'instances.forward', description: 'Port forward to the instance under the cursor (a form; presets from its fleetdeck:forward tag)', scope: 'instances', keys: ['F'], dangerous: true},
  {id: 'forwards.stop', description: 'Stop the forward under the cursor (closes its listener, terminates its session)', hint: 'stop', scope: 'forwards', keys: ['x'], dangerous: true},
  {id: 'forwards.restart', description: 'Restart the forward under the cursor on the same local port', hint: 'restart', scope: 'forwards', keys: ['r'], dangerous: true},
  {id: 'forwards.copy', description: 'Copy localhost:PORT of the forward under the cursor (OSC 52)', hint: 'copy', scope: 'forwards', keys: ['y']},

  // Daily-use moves: yank from any table; search, jump and save in the output and detail panes.
  {id: 'table.yankId', description: 'Yank: copy the id of the row under the cursor (of each marked row, one a line) to the clipboard (OSC 52)', hint: 'yank', scope: 'table', keys: ['y']},
  {id: 'table.yankName', description: 'Copy the name of the row under the cursor (of each marked row) to the clipboard', scope: 'table', keys: ['n']},
  {id: 'table.yankRow', description: 'Copy the whole row as shown, tab-separated (each marked row, one a line)', scope: 'table', keys: ['Y']},
  {id: 'detail.top', description: 'First line', scope: 'detail', keys: ['g', 'home']},
  {id: 'detail.bottom', description: 'Last line', scope: 'detail', keys: ['G', 'end']},
  {id: 'detail.search', description: 'Search the text (enter jumps to the first match)', hint: 'search', scope: 'detail', keys: ['/']},
  {id: 'detail.nextMatch', description: 'Next match', scope: 'detail', keys: ['n']},
  {id: 'detail.prevMatch', description: 'Previous match', scope: 'detail', keys: ['N']},
  {id: 'detail.save', description: 'Save the full text to a file (a command\'s whole output as SSM returned it, not the screen)', hint: 'save', scope: 'detail', keys: ['ctrl+s']},
] as const satisfies readonly CommandDef[];

export const COMMANDS = [...VIEW_COMMANDS, ...MODE_COMMANDS] as const;

export type CommandId = (typeof COMMANDS)[number]['id'];

/** The ids of one scope's commands: a form's handler map is typed with it, so none is left without a handler. */
export type ScopeCommandId<S extends Scope> = Extract<(typeof COMMANDS)[number], {scope: S}>['id'];

export const COMMAND_BY_ID: ReadonlyMap<string, CommandDef> = new Map(COMMANDS.map((c) => [c.id, c]));
