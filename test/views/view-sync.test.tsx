// A live table readies its free-text filter once its rows are in, while nobody is typing: the search index over every
// row's text is built then (the first `/` keystroke at tens of thousands of rows does not pay for it), and the rows
// keep no text of their own beside it (the index holds it once).
import {describe, expect, it} from 'vitest';
import {createAppStore} from '../../src/store/store.js';
import type {Services} from '../../src/views/view.js';
import {FleetLoader} from '../../src/aws/instances/fleet-loader.js';
import {useFleetClients} from '../helpers/local-fleet.js';
import {useAppRenderer} from '../helpers/app.js';

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
});
