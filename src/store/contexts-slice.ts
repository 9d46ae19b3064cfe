// The contexts' slice of the app store: how each context's part of the live view last loaded (the header's counts
// and stale marks) and which context the user is acting in (a screen opened from a row belongs to the row's context).
import type {StateCreator} from 'zustand/vanilla';

/** One context's part of the live table: its rows, and its last error while its last good rows are kept. */
export interface ContextLoad {
  rows: number;
  /** Why its last refresh failed (sanitized); its rows are then the last good ones. */
  error?: string;
  /** When its rows were last loaded (epoch ms). */
  at?: number;
}

export interface ContextsSlice {
  contextLoads: Readonly<Record<string, ContextLoad>>;
  /** The context of the row (or screen) the last command acted on: screens it opens are pinned to it. */
  actingContext?: string;
  setContextLoads(loads: Readonly<Record<string, ContextLoad>>): void;
  setActingContext(name: string | undefined): void;
}

export const createContextsSlice = <S extends ContextsSlice>(): StateCreator<S, [], [], ContextsSlice> => (set) => ({
  contextLoads: {},
  setContextLoads: (contextLoads) => set({contextLoads} as Partial<S>),
  setActingContext: (actingContext) => set({actingContext} as Partial<S>),
});
