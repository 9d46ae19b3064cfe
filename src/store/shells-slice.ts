// The shell workspaces' slice of the app store: what SplitLayout draws and the title and footer read (tabs,
// layouts, focus, modes, the redraw tick). ShellWorkspaces decides what changes and writes it through a port
// over this slice, so there is one store and React components select from it like any other slice.
import type {StateCreator, StoreApi} from 'zustand/vanilla';
import {INITIAL_SHELLS_STATE, type ShellsState, type ShellsStatePort} from '../workspace/workspace-state.js';

export interface ShellsSlice {
  shells: ShellsState;
  /** Merges `patch` into the shells' state (one store update). */
  patchShells(patch: Partial<ShellsState>): void;
}

export const createShellsSlice = <S extends ShellsSlice>(): StateCreator<S, [], [], ShellsSlice> => (set) => ({
  shells: INITIAL_SHELLS_STATE,
  patchShells: (patch) => set((s) => ({shells: {...s.shells, ...patch}}) as Partial<S>),
});

/** The shells slice of `store` as the port ShellWorkspaces writes through; subscribers hear only this slice's changes. */
export function shellsPort(store: StoreApi<ShellsSlice>): ShellsStatePort {
  return {
    get: () => store.getState().shells,
    set: (patch) => store.getState().patchShells(patch),
    subscribe: (listener) => store.subscribe((s, prev) => {
      if (s.shells !== prev.shells) listener(s.shells, prev.shells);
    }),
  };
}
