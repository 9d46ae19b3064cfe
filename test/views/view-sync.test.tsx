// A live table readies its free-text filter once its rows are in, while nobody is typing: the search index over every
// row's text is built then (the first `/` keystroke at tens of thousands of rows does not pay for it), and the rows
// keep no text of their own beside it (the index holds it once).
import {describe, expect, it} from 'vitest';
import {createAppStore} from '../../src/store/store.js';
import type {Services} from '../../src/views/view.js';
import {FleetLoader} from '../../src/aws/instances/fleet-loader.js';
import {useFleetClients} from '../helpers/local-fleet.js';
import {useAppRenderer} from '../helpers/app.js';
import {seedRows} from '../../src/views/view-sync.js';
import {instancesView} from '../../src/views/instances/instances-view.js';
import {until} from '../helpers/wait.js';
import type {ManagedInstance} from '../../src/fleet/instances/instance.js';

const local = useFleetClients({nodes: 2600, seed: 'view-sync-index'});
const renderApp = useAppRenderer();

describe('a live table', () => {
  it('builds its filter index after loading, and its rows hold no copy of their text', async () => {
    const store = createAppStore({size: {cols: 160, rows: 30}});
    const loader = new FleetLoader(local.aws);
    const services: Services = {loadFleet: (o) => loader.load(o)};
    const t = renderApp({store, services});
    const table = () => store.getState().tables['instances'];
    await t.frame(() => (table()?.rows.length ?? 0) > 2000 && table()?.textIndex !== undefined, 'the rows and their index', 20_000);
    const st = table();
    expect(st?.textIndex?.rows).toBe(st?.sorted);
    expect(st?.rows.filter((r) => Object.getOwnPropertySymbols(r).length > 0)).toEqual([]);
    // The index answers the first keystroke: a filter narrows to what it finds.
    await t.press('/', 'w', 'e', 'b');
    await t.frame(() => (table()?.visible.length ?? 0) < (st?.rows.length ?? 0) && table()?.appliedFilter === 'web', 'the filter applied');
    expect(table()?.textIndex).toBe(st?.textIndex);
    expect(table()?.visible.every((r) => JSON.stringify(r).toLowerCase().includes('web'))).toBe(true);
  }, 40_000);

  it('shows a first page seeded before it starts in its first frame, then streams the load over it as over no rows', async () => {
    const store = createAppStore({size: {cols: 160, rows: 30}});
    const loader = new FleetLoader(local.aws);
    loader.prefetch();
    await until(() => loader.arrivedFirstPage() !== undefined, 'the first page in');
    const first = loader.arrivedFirstPage() ?? [];
    seedRows(instancesView, store, first);
    expect(store.getState().instances).toHaveLength(50);
    const reports: number[] = [];
    const services: Services = {loadFleet: (o) => loader.load({...o, onProgress: (partial, complete) => {
      reports.push(partial.length);
      o?.onProgress?.(partial, complete);
    }})};
    const t = renderApp({store, services});
    const table = () => store.getState().tables['instances'];
    // The first frame already has the page's rows.
    const firstFrame = t.ui.frames[0] ?? '';
    expect(first.filter((r: ManagedInstance) => firstFrame.includes(r.instanceId)).length).toBeGreaterThan(15);
    await t.frame(() => (table()?.rows.length ?? 0) > 2000 && table()?.seeded === false, 'the whole fleet, no longer seeded', 20_000);
    // The load published its progress over the seeded rows (its first report is that page), as a first load does.
    expect(reports[0]).toBe(50);
    expect(store.getState().instances.length).toBe(table()?.rows.length);
  }, 40_000);
});
