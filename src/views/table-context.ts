// What a table's cells are computed from and how wide its table is: one answer for drawing a table (app.tsx) and for
// copying a row as shown (yank), so a copied row is the row on screen.
import type {ColumnContext, NamedNode} from './view.js';
import type {AppState} from '../store/store.js';
import {newestAgents} from './instances/present.js';

/** The clock ages are counted from: live views tick, never behind the rows just fetched; others keep the load time. */
export function tableNow(s: Pick<AppState, 'now' | 'sync' | 'fleetLoadedAt'>, liveAges: boolean | undefined): number {
  return liveAges ? Math.max(s.now, s.sync.lastSuccessAt ?? 0) : s.fleetLoadedAt ?? Date.now();
}

export function columnContext(s: Pick<AppState, 'instances' | 'insights' | 'tables'>, now: number): ColumnContext {
  const org = s.tables['org-nodes']?.rows as readonly NamedNode[] | undefined;
  return {now, newestAgent: newestAgents(s.instances), insights: s.insights, fleet: s.instances, ...(org ? {orgNodes: org} : {})};
}

/** The compliance and inventory pane beside the instances table takes this much of the width. */
export function sidePaneWidth(viewId: string, sidePane: boolean, cols: number): number {
  return viewId === 'instances' && sidePane ? Math.min(46, Math.floor(cols * 0.4)) : 0;
}
