// The active shell workspace: its split layout as nested boxes whose sizes come from workspace/layout.ts (the same
// sizes the remote shells were given), or the workspace list.
import React from 'react';
import {Box, Text} from 'ink';
import {useStore} from 'zustand';
import {useShallow} from 'zustand/react/shallow';
import type {AppState, AppStore} from '../store/store.js';
import {paneIds, type Arranged} from '../workspace/layout.js';
import type {ForwardsFrame, ShellWorkspaces} from '../workspace/workspaces.js';
import {truncate} from '../fleet/format.js';
import {TerminalPane} from './TerminalPane.js';
import {footerHints} from './Footer.js';
import {keysFor, type Keymap} from '../keys/keymap.js';
import {bold, inverse, tone} from './style.js';

export interface SplitLayoutProps {
  /** The app store, whose shells slice `shells` writes. */
  store: AppStore;
  shells: ShellWorkspaces;
  width: number;
  height: number;
}

function Separator({height}: {height: number}) {
  return (
    <Box flexDirection="column" width={1} height={height}>
      {Array.from({length: height}, (_, i) => (
        <Text key={i}>{tone('│', 'muted')}</Text>
      ))}
    </Box>
  );
}

/** The port forwards beside the shells: a title row like a shell pane's, then the table's lines. */
function ForwardsPane({frame, width, height}: {frame: ForwardsFrame; width: number; height: number}) {
  const title = truncate(`${frame.focused ? '▶' : ' '} Port forwards (:pf to stop or restart)`, width).padEnd(width);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text wrap="truncate-end">{frame.focused ? tone(inverse(bold(title)), 'accent') : inverse(title)}</Text>
      {frame.rows.map((row, i) => (
        <Text key={i} wrap="truncate-end">{row}</Text>
      ))}
    </Box>
  );
}

function Node({node, shells, broadcast, scrollNote}: {node: Arranged; shells: ShellWorkspaces; broadcast: boolean; scrollNote: string}) {
  if (node.kind === 'pane') {
    const forwards = shells.forwardsFrame(node.id, node.rect.width, Math.max(0, node.rect.height - 1));
    if (forwards) return <ForwardsPane frame={forwards} width={node.rect.width} height={node.rect.height} />;
    const frame = shells.paneFrame(node.id);
    if (!frame) return <Box width={node.rect.width} height={node.rect.height} />;
    return <TerminalPane frame={frame} width={node.rect.width} height={node.rect.height} broadcast={broadcast}
      scrollNote={frame.focused ? scrollNote : ''} />;
  }
  const children: React.ReactNode[] = [];
  node.children.forEach((c, i) => {
    if (i > 0 && node.dir === 'row') children.push(<Separator key={`sep${i}`} height={node.rect.height} />);
    children.push(<Node key={i} node={c} shells={shells} broadcast={broadcast} scrollNote={scrollNote} />);
  });
  return (
    <Box flexDirection={node.dir} width={node.rect.width} height={node.rect.height}>
      {children}
    </Box>
  );
}

/** The scroll-mode note in the focused pane's title. */
function scrollNote(shells: ShellWorkspaces): string {
  const s = shells.state;
  if (s.mode === 'search') return `search: ${s.scroll.typing}▏`;
  if (s.mode !== 'scroll') return '';
  const total = shells.focusedPane()?.screen.scrollbackLength ?? 0;
  return `SCROLL ${s.scroll.back}/${total}${s.scroll.query ? ` /${s.scroll.query}` : ''}`;
}

export function WorkspaceList({shells, width, height}: SplitLayoutProps) {
  const s = shells.state;
  const lines = s.workspaces.map((ws, i) => {
    const count = paneIds(ws.layout).length;
    const text = truncate(`${i + 1}  ${ws.name}  (${count} pane${count === 1 ? '' : 's'})${ws.broadcast ? '  BROADCAST' : ''}${i === s.active ? '  ← current' : ''}`, width);
    return i === s.listCursor ? inverse(text.padEnd(width)) : text;
  });
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text>{bold('Workspaces')} {tone('enter switch · 1–9 · esc back', 'muted')}</Text>
      {lines.slice(0, Math.max(0, height - 1)).map((l, i) => (
        <Text key={i} wrap="truncate-end">{l}</Text>
      ))}
    </Box>
  );
}

export function SplitLayout({store, shells, width, height}: SplitLayoutProps) {
  // Only this part of the screen re-renders on every change of the shells (batched pane output ticks included).
  const mode = useStore(store, (s) => s.shells).mode;
  if (mode === 'list') return <WorkspaceList store={store} shells={shells} width={width} height={height} />;
  const arranged = shells.arranged();
  const ws = shells.activeWorkspace();
  if (!arranged || !ws) return <Text>{tone('no shells open', 'muted')}</Text>;
  return <Node node={arranged} shells={shells} broadcast={ws.broadcast} scrollNote={scrollNote(shells)} />;
}

/** The title line above the workspace: its tabs. */
export function workspaceTabs(shells: ShellWorkspaces): string {
  const s = shells.state;
  return s.workspaces.map((ws, i) => {
    const label = `${i + 1}:${ws.name}${ws.zoom ? ' (zoom)' : ''}${ws.broadcast ? ' ◉' : ''}`;
    return i === s.active ? bold(tone(label, 'accent')) : tone(label, 'muted');
  }).join('  ');
}

/**
 * What the App draws from the shells around SplitLayout (header count, tabs in the title, the footer), compared
 * field by field: the tick of pane output is not among them, so streaming output redraws the panes, not the App.
 */
export function shellsChrome(s: AppState) {
  const {visible, shells, workspaces, active, mode, message, listCursor, scroll: {typing}} = s.shells;
  return {visible, shells, workspaces, active, mode, message, listCursor, typing};
}

/** The shells' state for the App: whether they are shown, how many are open, and what its title and footer show. */
export function useShells(store: AppStore): {visible: boolean; shells: number} {
  return useStore(store, useShallow(shellsChrome));
}

/** What an ended pane offers without the prefix key, from the keymap. */
function endedPaneHints(keymap: Keymap): string {
  const key = (id: string) => keysFor(keymap, id)[0] ?? '?';
  return tone(`${key('pane.reconnect')} reconnect · ${key('pane.close')} close`, 'accent');
}

/** The footer while the shells are shown: the prefix key, or the keys of the mode in force. */
export function shellFooter(shells: ShellWorkspaces, keymap: Keymap): string {
  const s = shells.state;
  const ws = shells.activeWorkspace();
  const message = s.message ? `${tone(s.message, 'warn')}  ` : '';
  const prefix = tone(`<${shells.prefixKey}>`, 'accent');
  switch (s.mode) {
    case 'prefix':
      return `${message}${prefix} ${footerHints(keymap, ['pane'])}`;
    case 'scroll':
      return `${message}${footerHints(keymap, ['scroll'])}`;
    case 'search':
      return `${message}search: ${s.scroll.typing}▏ ${footerHints(keymap, ['scrollSearch'])}`;
    case 'list':
      return `${message}${footerHints(keymap, ['workspaces'])}`;
    default: {
      const broadcast = ws?.broadcast ? `${tone(bold(`◉ BROADCAST to ${paneIds(ws.layout).length} panes`), 'bad')}  ` : '';
      const pane = shells.focusedPane();
      const ended = pane && !pane.live ? `${endedPaneHints(keymap)}  ` : '';
      return `${message}${broadcast}${ended}${prefix} pane commands (${prefix} twice sends it)`;
    }
  }
}
