// Shell workspaces built alone keep their state where the dashboard keeps it: the shells slice of a real app store.
import {createAppStore, type AppStore} from '../../src/store/store.js';
import {shellsPort} from '../../src/store/shells-slice.js';
import type {ShellsStatePort} from '../../src/workspace/workspace-state.js';

/** The shells slice of `store` (a fresh app store by default), as ShellWorkspaces' `state` option. */
export function appShellsPort(store: AppStore = createAppStore()): ShellsStatePort {
  return shellsPort(store);
}
