// The shells' state is a slice of the one app store: ShellWorkspaces writes it through a port, the App selects the
// parts it draws around the panes.
import {describe, expect, it} from 'vitest';
import {shallow} from 'zustand/shallow';
import {createAppStore} from '../../src/store/store.js';
import {shellsPort} from '../../src/store/shells-slice.js';
import {shellsChrome} from '../../src/components/SplitLayout.js';
import type {ShellsState} from '../../src/workspace/workspace-state.js';

describe('the shells slice', () => {
  it('is the app store\'s: what the port writes, the store holds, and its subscribers hear only this slice', () => {
    const store = createAppStore();
    const port = shellsPort(store);
    const heard: [ShellsState, ShellsState][] = [];
    const stop = port.subscribe((s, prev) => heard.push([s, prev]));
    port.set({visible: true, mode: 'prefix'});
    expect(store.getState().shells).toMatchObject({visible: true, mode: 'prefix', tick: 0});
    expect(port.get()).toBe(store.getState().shells);
    store.getState().setFlash({text: 'elsewhere', tone: 'info'});
    expect(heard).toHaveLength(1);
    expect(heard[0]?.[1].visible).toBe(false);
    stop();
    port.set({tick: 1});
    expect(heard).toHaveLength(1);
  });

  it('a tick of pane output leaves what the App draws around the panes unchanged; a mode change does not', () => {
    const store = createAppStore();
    const port = shellsPort(store);
    port.set({visible: true, shells: 2});
    const before = shellsChrome(store.getState());
    port.set({tick: port.get().tick + 1, scroll: {...port.get().scroll, back: 3}});
    expect(shallow(before, shellsChrome(store.getState()))).toBe(true);
    port.set({mode: 'scroll'});
    expect(shallow(before, shellsChrome(store.getState()))).toBe(false);
  });
});
