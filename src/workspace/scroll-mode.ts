// Scroll mode and search over the focused pane's scrollback, and what gets copied from a pane: the keys of the
// 'scroll' and 'search' modes as functions over a small host (the workspaces' state and the focused pane).
import {resolveKey, type Keymap} from '../keys/keymap.js';
import {typedText} from '../keys/key-name.js';
import type {ShellPane} from './pane.js';
import type {ShellsState} from './workspace-state.js';

/** What scroll mode asks of the workspaces. */
export interface ScrollHost {
  readonly state: ShellsState;
  readonly keymap: Keymap;
  focusedPane(): ShellPane | undefined;
  set(patch: Partial<ShellsState>): void;
  redraw(): void;
  /** Copies `text` to the clipboard, telling the user `what` was copied. */
  copy(text: string, what: string): void;
}

/** A key in scroll mode. */
export function scrollKey(host: ScrollHost, name: string): void {
  const pane = host.focusedPane();
  if (!pane) return host.set({mode: 'normal'});
  const {back} = host.state.scroll;
  const page = Math.max(1, pane.screen.rows - 1);
  switch (resolveKey(host.keymap, ['scroll'], name)) {
    case 'scroll.up':
      return setBack(host, back + 1);
    case 'scroll.down':
      return setBack(host, back - 1);
    case 'scroll.pageUp':
      return setBack(host, back + page);
    case 'scroll.pageDown':
      return setBack(host, back - page);
    case 'scroll.top':
      return setBack(host, pane.screen.scrollbackLength);
    case 'scroll.bottom':
      return setBack(host, 0);
    case 'scroll.search':
      host.set({mode: 'search', scroll: {...host.state.scroll, typing: ''}});
      return host.redraw();
    case 'scroll.nextMatch':
      return findMatch(host, -1);
    case 'scroll.prevMatch':
      return findMatch(host, 1);
    case 'scroll.copy': {
      const top = pane.screen.baseY - back;
      return host.copy(pane.screen.text(top, top + pane.screen.rows).replace(/\n+$/, ''), 'the lines in view');
    }
    case 'scroll.exit':
      host.set({mode: 'normal', scroll: {...host.state.scroll, back: 0}});
      return host.redraw();
    default:
      return;
  }
}

/** A key while the search query is typed: its commands (keymap scope "scrollSearch"), else text for the query. */
export function searchKey(host: ScrollHost, name: string, text: string): void {
  const sc = host.state.scroll;
  switch (resolveKey(host.keymap, ['scrollSearch'], name)) {
    case 'scrollSearch.find': {
      host.set({mode: 'scroll', scroll: {...sc, query: sc.typing || sc.query, typing: ''}});
      // Search from the bottom of the view: a match already on screen counts.
      const pane = host.focusedPane();
      if (pane && (sc.typing || sc.query)) {
        const bottom = pane.screen.baseY - sc.back + pane.screen.rows;
        const line = pane.screen.searchBackward(sc.typing || sc.query, bottom);
        if (line === undefined) host.set({message: `no match for "${sc.typing || sc.query}"`});
        else setBack(host, Math.max(0, pane.screen.baseY - line));
      }
      return host.redraw();
    }
    case 'scrollSearch.cancel':
      host.set({mode: 'scroll', scroll: {...sc, typing: ''}});
      return host.redraw();
    case 'scrollSearch.deleteChar':
      host.set({scroll: {...sc, typing: sc.typing.slice(0, -1)}});
      return host.redraw();
    default: {
      const typed = typedText(name, text);
      if (!typed || /[\x00-\x1f\x7f]/.test(typed)) return;
      host.set({scroll: {...sc, typing: sc.typing + typed}});
      host.redraw();
    }
  }
}

/** Scrolls the focused pane `back` lines up from the bottom (clamped to its scrollback). */
function setBack(host: ScrollHost, back: number): void {
  const pane = host.focusedPane();
  const max = pane?.screen.scrollbackLength ?? 0;
  host.set({scroll: {...host.state.scroll, back: Math.max(0, Math.min(max, back))}});
  host.redraw();
}

/** Moves the view so the next match (older: -1, newer: +1) is the top line. */
function findMatch(host: ScrollHost, direction: -1 | 1): void {
  const pane = host.focusedPane();
  const query = host.state.scroll.query;
  if (!pane || !query) return;
  const top = pane.screen.baseY - host.state.scroll.back;
  const line = direction < 0 ? pane.screen.searchBackward(query, top) : pane.screen.searchForward(query, top);
  if (line === undefined) {
    host.set({message: `no ${direction < 0 ? 'older' : 'newer'} match for "${query}"`});
    return;
  }
  setBack(host, pane.screen.baseY - line);
}

/** The output of the last command (see PaneScreen.lastOutput). */
export function lastOutput(pane: ShellPane): string {
  return pane.screen.lastOutput();
}
