// The inventory match list in the real App over the local fleet: rows sorted by what the marked column shows, a
// running but lost node shown as lost (not "Active"), and a package name with an invisible character listed
// sanitized yet queried with its real value.
import {describe, expect, it} from 'vitest';
import {createAppStore, type AppStore} from '../../../src/store/store.js';
import type {Services} from '../../../src/views/view.js';
import {useFleetClients} from '../../helpers/local-fleet.js';
import {useAppRenderer} from '../../helpers/app.js';
import {FleetLoader} from '../../../src/aws/instances/fleet-loader.js';
import {inventoryApi} from '../../../src/aws/inventory/inventory-api.js';
import {SPOOFED_PACKAGE, typeRows} from '../../../src/local/ssm/inventory/inventory-data.js';
import {matchesView, type MatchRow} from '../../../src/views/inventory/matches.js';

const local = useFleetClients({nodes: 80, seed: 31});
const renderApp = useAppRenderer();

async function setup() {
  const store: AppStore = createAppStore({size: {cols: 170, rows: 30}});
  const loader = new FleetLoader(local.aws);
  const services: Services = {loadFleet: (o) => loader.load(o), inventory: inventoryApi(local.aws)};
  const app = renderApp({store, services, viewOptions: {tagColumns: [], insightColumns: true}});
  await app.frame((s) => /Managed instances [1-9]\d*\//.test(s), 'instances loaded', 10_000);
  return {store, ...app};
}

const collator = new Intl.Collator(undefined, {numeric: true, sensitivity: 'base'});
const withOpenssl = () => local.fleet.model.managed().filter((n) =>
  typeRows(local.fleet.model, n, 'AWS:Application')?.rows.some((r) => r.Name === 'openssl'));

describe('inventory matches', () => {
  it('sorts by exactly the column the header marks, for every sort choice', async () => {
    const {store, press, frame} = await setup();
    await press(':', ...'inv Name=openssl', '\r');
    const n = withOpenssl().length;
    await frame((s) => new RegExp(`Instances with AWS:Application Name=openssl ${n}/${n}`).test(s), 'the matches');
    const columns = matchesView.columns({tagColumns: []});
    const ctx = {now: Date.now(), newestAgent: {}, fleet: store.getState().instances};
    const seen: string[] = [];
    for (let step = 0; step < 8; step++) {
      const table = store.getState().tables['inventory-instances'];
      const key = table?.sortKey ?? '';
      const column = columns.find((c) => c.id === key);
      expect(column, `sort key ${key} is a column`).toBeDefined();
      const header = await frame((s) => s.includes(`${column?.title ?? '?'}↑`), `the ${column?.title} header marked`);
      expect(header.match(/↑/g)).toHaveLength(1);
      const shown = (table?.visible as MatchRow[]).map((m) => column?.text(m, ctx) ?? '');
      // Resource ids read as text (hex), everything else as people read numbers in text (3.3.987 < 3.3.1345).
      const inOrder = [...shown].sort(key === 'instance' ? undefined : collator.compare);
      expect(shown, `rows sorted by ${column?.title}`).toEqual(inOrder);
      seen.push(key);
      await press('o');
      await frame(() => store.getState().tables['inventory-instances']?.sortKey !== key, 'the next sort column');
    }
    expect(new Set(seen)).toEqual(new Set(['instance', 'computer', 'platform', 'agent']));
  });

  it('shows a running node that lost its agent connection as ConnectionLost, not Active', async () => {
    const {press, frame} = await setup();
    const lost = withOpenssl().find((node) => node.pingStatus === 'ConnectionLost'
      && (node.ec2 === undefined || node.ec2.state === 'running'));
    expect(lost).toBeDefined();
    const id = lost?.instanceId ?? '';
    await press(':', ...'inv Name=openssl', '\r');
    await frame((s) => /Instances with AWS:Application Name=openssl [1-9]/.test(s), 'the matches');
    await press('/', ...id, '\r');
    const f = await frame((s) => s.includes(' 1/') && s.includes(`  ${id}`), 'the lost node alone');
    const line = f.split('\n').find((l) => l.includes(`  ${id}`)) ?? '';
    expect(line).toMatch(/\sConnectionLost\s/);
    expect(line).not.toMatch(/\sActive\s/);
  });

  it('lists a package whose name holds an invisible character sanitized, and its drill-down finds the instance', async () => {
    const {press, frame} = await setup();
    const holders = local.fleet.model.managed().filter((n) =>
      typeRows(local.fleet.model, n, 'AWS:Application')?.rows.some((r) => r.Name === SPOOFED_PACKAGE));
    expect(holders).toHaveLength(1);
    await press(':', ...'inv', '\r');
    await frame((s) => /Inventory \d+\/\d+/.test(s) && s.includes('platforms:'), 'packages');
    await press('/', ...'name:open\ufffdssl', '\r');
    const list = await frame((s) => /Inventory 1\/\d+/.test(s) && /open\ufffdssl\s+1\.0\.0\s+1\b/.test(s), 'the spoofed package, 1 instance');
    expect(list).not.toContain('\u200b');
    await press('\r');
    const matches = await frame((s) => /Instances with AWS:Application Name=open\ufffdssl Version=1\.0\.0 \d+\/\d+/.test(s), 'the drill-down');
    expect(matches).toMatch(/Name=open\ufffdssl Version=1\.0\.0 1\/1/);
    expect(matches).toContain(holders[0]?.instanceId ?? '?');
    expect(matches).not.toContain('\u200b');
  });
});
