// Every user command, as data: id, description, default keys, where it applies. The footer, the `?` overlay and
// the README key table are all generated from this list; handlers live with the views that own the scope. Forms,
// prompts and overlays declare theirs in mode-commands.ts.
import {MODE_COMMANDS, MODE_SCOPE_TITLES, type ModeScope} from './mode-commands.js';
import type {CommandDef} from './command-def.js';
import {RESOURCE_COMMANDS} from '../views/resource-commands.js';

type CoreScope = ModeScope | 'global' | 'table' | 'detail' | 'pane' | 'scroll' | 'workspaces';

type ResourceCommandList = (typeof RESOURCE_COMMANDS)[number];
/** Where a command applies: a core scope, or one a view folder declares with its commands. */
export type Scope = CoreScope | ScopesOf<ResourceCommandList>;
type ScopesOf<R> = R extends {scopes: infer S} ? keyof S & string : never;
export type {CommandDef};

const CORE_SCOPE_TITLES: Record<CoreScope, string> = {
  global: 'Everywhere',
  table: 'Tables',
  detail: 'Detail pane',
  pane: 'Shell panes (after the prefix key, ctrl+g unless configured)',
  scroll: 'Shell scroll mode',
  workspaces: 'Shell workspace list',
  ...MODE_SCOPE_TITLES,
};

export const SCOPE_TITLES: Record<Scope, string> = Object.assign({}, CORE_SCOPE_TITLES,
  ...RESOURCE_COMMANDS.map((r) => r.scopes)) as Record<Scope, string>;

const CORE_COMMANDS = [
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



  {id: 'detail.down', description: 'Scroll down', hint: 'scroll', scope: 'detail', keys: ['down', 'j']},
  {id: 'detail.up', description: 'Scroll up', scope: 'detail', keys: ['up', 'k']},
  {id: 'detail.pageDown', description: 'Page down', scope: 'detail', keys: ['pgdn', 'space', 'ctrl+f']},
  {id: 'detail.pageUp', description: 'Page up', scope: 'detail', keys: ['pgup', 'ctrl+b']},


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
] as const satisfies readonly CommandDef<CoreScope>[];

const VIEW_FOLDER_COMMANDS: readonly ResourceCommandList['commands'][number][] =
  RESOURCE_COMMANDS.flatMap((r): readonly ResourceCommandList['commands'][number][] => r.commands);

export const COMMANDS = [...CORE_COMMANDS, ...VIEW_FOLDER_COMMANDS, ...MODE_COMMANDS] as const;

export type CommandId = (typeof COMMANDS)[number]['id'];

/** The ids of one scope's commands: a form's handler map is typed with it, so none is left without a handler. */
export type ScopeCommandId<S extends Scope> = Extract<(typeof COMMANDS)[number], {scope: S}>['id'];

export const COMMAND_BY_ID: ReadonlyMap<string, CommandDef<Scope>> = new Map(COMMANDS.map((c) => [c.id, c]));
