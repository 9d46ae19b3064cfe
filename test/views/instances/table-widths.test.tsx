// The instances table at a laptop's 80×24 and a wide 200×50, over the local fleet's seeded names: the names are
// whole at 80 columns, and at 200 no text column grows past its longest value.
import {describe, expect, it} from 'vitest';
import {createAppStore} from '../../../src/store/store.js';
import type {Services} from '../../../src/views/view.js';
import {FleetLoader} from '../../../src/aws/instances/fleet-loader.js';
import {useFleetClients} from '../../helpers/local-fleet.js';
import {useAppRenderer} from '../../helpers/app.js';

const local = useFleetClients({nodes: 30, seed: 11});
const renderApp = useAppRenderer();

async function show(cols: number, rows: number) {
  const store = createAppStore({size: {cols, rows}});
  const loader = new FleetLoader(local.aws);
  const services: Services = {loadFleet: (o) => loader.load(o)};
  const t = renderApp({store, services,
    target: {kind: 'local', region: local.fleet.region, label: 'LOCAL FLEET', endpoint: local.fleet.endpoint}});
  const frame = await t.frame((s) => /Managed instances [1-9]\d*\//.test(s) && /node|web|api|db|worker/.test(s), 'the fleet');
  return {store, frame};
}

/** Where each title starts in the header row. */
function titleStarts(header: string, titles: readonly string[]): number[] {
  let from = 0;
  return titles.map((t) => {
    const at = header.indexOf(t, from);
    from = at + t.length;
    return at;
  });
}

describe('instances table widths (Ink, local fleet)', () => {
  it('at 80×24 every name on screen is whole', async () => {
    const {store, frame} = await show(80, 24);
    const lines = frame.split('\n');
    const shownRows = store.getState().tables.instances?.visible.slice(0, 10) ?? [];
    const names = store.getState().instances.filter((i) => shownRows.includes(i as never)).map((i) => i.name);
    expect(names.length).toBeGreaterThan(5);
    expect(Math.max(...names.map((n) => n.length))).toBeGreaterThan(13); // longer than the NAME column used to be
    for (const name of names) expect(lines.some((l) => l.includes(` ${name} `)), name).toBe(true);
  });

  it('at 200×50 no text column is wider than its longest value', async () => {
    const {store, frame} = await show(200, 50);
    const header = frame.split('\n').find((l) => /\bID\b.*\bNAME\b.*\bPING\b.*\bPLATFORM\b/.test(l)) ?? '';
    const [id, name, ping, platform, agent] = titleStarts(header, ['ID', 'NAME', 'PING', 'PLATFORM', 'AGENT']);
    const instances = store.getState().instances;
    const longest = (f: (i: (typeof instances)[number]) => string) => Math.max(...instances.map((i) => f(i).length));
    const nameWidth = (ping ?? 0) - (name ?? 0) - 1;
    const idWidth = (name ?? 0) - (id ?? 0) - 1;
    expect(nameWidth).toBeGreaterThanOrEqual(longest((i) => i.name));
    expect(nameWidth).toBeLessThanOrEqual(Math.max(longest((i) => i.name), 'NAME'.length + 1));
    expect(idWidth).toBeLessThanOrEqual(longest((i) => i.instanceId));
    // PLATFORM is a text column too: as wide as its widest cell on screen at most.
    const platformWidth = (agent ?? 0) - (platform ?? 0) - 1;
    const cells = frame.split('\n').filter((l) => /\b(i|mi)-[0-9a-f]{17}\b/.test(l))
      .map((l) => l.slice(platform, (platform ?? 0) + platformWidth).trimEnd().length);
    expect(cells.length).toBeGreaterThan(5);
    expect(platformWidth).toBeLessThanOrEqual(Math.max(...cells, 'PLATFORM'.length + 1));
  });
});
