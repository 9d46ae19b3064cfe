// Every user command, as data: id, description, default keys, where it applies. The footer, the `?` overlay and
// the README key table are all generated from this list; handlers live with the views that own the scope.

export type Scope = 'global' | 'table' | 'instances' | 'commands' | 'results' | 'detail';

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
};

export const COMMANDS = [
  {id: 'app.help', description: 'Show or hide this help', hint: 'help', scope: 'global', keys: ['?']},
  {id: 'app.command', description: 'Command bar: switch view by name or alias (tab completes)', hint: 'cmd', scope: 'global', keys: [':']},
  {id: 'app.back', description: 'Back: close the prompt, overlay or pane', scope: 'global', keys: ['esc']},
  {id: 'app.refresh', description: 'Refresh now', scope: 'global', keys: ['ctrl+r']},
  {id: 'app.quit', description: 'Quit fleetdeck', hint: 'quit', scope: 'global', keys: ['q', 'ctrl+c']},

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

  {id: 'commands.open', description: 'Open the results of the command under the cursor', hint: 'results', scope: 'commands', keys: ['enter']},
  {id: 'results.cancel', description: 'Cancel the command (asks first)', hint: 'cancel', scope: 'results', keys: ['c'], dangerous: true},
  {id: 'results.rerun', description: 'Run again on the failed and timed-out instances only', hint: 're-run failed', scope: 'results', keys: ['R'], dangerous: true},
  {id: 'results.output', description: 'Full output of the invocation under the cursor', hint: 'output', scope: 'results', keys: ['enter']},

  {id: 'detail.down', description: 'Scroll down', hint: 'scroll', scope: 'detail', keys: ['down', 'j']},
  {id: 'detail.up', description: 'Scroll up', scope: 'detail', keys: ['up', 'k']},
  {id: 'detail.pageDown', description: 'Page down', scope: 'detail', keys: ['pgdn', 'space']},
  {id: 'detail.pageUp', description: 'Page up', scope: 'detail', keys: ['pgup']},
] as const satisfies readonly CommandDef[];

export type CommandId = (typeof COMMANDS)[number]['id'];

export const COMMAND_BY_ID: ReadonlyMap<string, CommandDef> = new Map(COMMANDS.map((c) => [c.id, c]));
