// The raw input typed while the shells are shown, read as keys: bytes for the focused shell until the prefix key,
// then one pane command (src/keys/commands.ts 'pane.*'), and the keys of the workspace's own modes (scroll,
// search, workspace list). What each command does to the workspaces is the host's; this maps keys to it.
import {resolveKey} from '../keys/keymap.js';
import type {CommandId} from '../keys/commands.js';
import {nextKey} from './keys.js';
import type {ShellPane, ShellTarget} from './pane.js';
import {scrollKey, searchKey, lastOutput, type ScrollHost} from './scroll-mode.js';
import type {Workspace} from './workspace-state.js';

/** What the keys ask of the workspaces. */
export interface ModeKeysHost extends ScrollHost {
  /** The prefix key's name ('ctrl+g'). */
  readonly prefixKey: string;
  /** The byte it sends (keys.ts prefixChar). */
  readonly prefixByte: string;
  activeWorkspace(): Workspace | undefined;
  /** Text for the focused pane (all panes when broadcasting); r and x on an ended pane. */
  typeIntoPanes(text: string): void;
  focusBy(delta: number): void;
  split(dir: 'row' | 'column'): void;
  toggleZoom(): void;
  toggleBroadcast(): void;
  closePane(id: string): Promise<void>;
  reconnect(pane: ShellPane): void;
  switchWorkspace(index: number): void;
  open(targets: readonly ShellTarget[]): void;
  openForwardsPane(): void;
  hide(): void;
}

/**
 * Raw input typed while the shells are shown. Returns what is left for the dashboard when a key in the middle
 * of `data` hid the shells ('' when everything was used here).
 */
export function handleWorkspaceInput(host: ModeKeysHost, data: string): string {
  const prefix = host.prefixByte;
  let i = 0;
  if (host.state.message !== undefined) host.set({message: undefined});
  while (i < data.length) {
    if (!host.state.visible) return data.slice(i);
    if (host.state.mode === 'normal') {
      const p = data.indexOf(prefix, i);
      const end = p === -1 ? data.length : p;
      if (end > i) host.typeIntoPanes(data.slice(i, end));
      if (p === -1) return '';
      i = p + 1;
      host.set({mode: 'prefix'});
      continue;
    }
    const key = nextKey(data, i);
    i = key.end;
    modeKey(host, prefix, key.name, key.text);
  }
  return '';
}

function modeKey(host: ModeKeysHost, prefix: string, name: string, text: string): void {
  switch (host.state.mode) {
    case 'prefix': {
      host.set({mode: 'normal'});
      // The prefix twice sends it through.
      if (text === prefix) return host.typeIntoPanes(prefix);
      const id = resolveKey(host.keymap, ['pane'], name);
      if (id) return runPaneCommand(host, id);
      host.set({message: `${host.prefixKey} ${name || 'that key'}: no such pane command (the footer lists them after ${host.prefixKey}; ? on the dashboard has all keys)`});
      return;
    }
    case 'scroll':
      return scrollKey(host, name);
    case 'search':
      return searchKey(host, name, text);
    case 'list':
      return listKey(host, name);
    default:
      return;
  }
}

function runPaneCommand(host: ModeKeysHost, id: CommandId): void {
  const pane = host.focusedPane();
  switch (id) {
    case 'pane.next':
      return host.focusBy(1);
    case 'pane.prev':
      return host.focusBy(-1);
    case 'pane.splitStacked':
      return host.split('column');
    case 'pane.splitSide':
      return host.split('row');
    case 'pane.zoom':
      return host.toggleZoom();
    case 'pane.close': {
      // The focused pane of either kind (a forwards pane has no session).
      const focus = host.activeWorkspace()?.focus;
      if (focus) void host.closePane(focus);
      return;
    }
    case 'pane.broadcast':
      return host.toggleBroadcast();
    case 'pane.scroll':
      if (pane) host.set({mode: 'scroll', scroll: {back: 0, query: host.state.scroll.query, typing: ''}});
      return host.redraw();
    case 'pane.copy':
      if (pane) host.copy(lastOutput(pane), 'the last output');
      return;
    case 'pane.reconnect':
      if (pane) host.reconnect(pane);
      return;
    case 'pane.workspaces':
      host.set({mode: 'list', listCursor: host.state.active});
      return host.redraw();
    case 'pane.nextWorkspace':
      return host.switchWorkspace(host.state.active + 1);
    case 'pane.prevWorkspace':
      return host.switchWorkspace(host.state.active - 1);
    case 'pane.newWorkspace':
      if (pane) host.open([pane.target]);
      return;
    case 'pane.forwards':
      return host.openForwardsPane();
    case 'pane.back':
      return host.hide();
    default:
      return;
  }
}

/** A key in the workspace list. */
function listKey(host: ModeKeysHost, name: string): void {
  const s = host.state;
  const n = s.workspaces.length;
  if (/^[1-9]$/.test(name) && Number(name) <= n) return host.switchWorkspace(Number(name) - 1);
  switch (resolveKey(host.keymap, ['workspaces'], name)) {
    case 'workspaces.down':
      host.set({listCursor: Math.min(n - 1, s.listCursor + 1)});
      return host.redraw();
    case 'workspaces.up':
      host.set({listCursor: Math.max(0, s.listCursor - 1)});
      return host.redraw();
    case 'workspaces.open':
      return host.switchWorkspace(s.listCursor);
    case 'workspaces.close':
      host.set({mode: 'normal'});
      return host.redraw();
    default:
      return;
  }
}
