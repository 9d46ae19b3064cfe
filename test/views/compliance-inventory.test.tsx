// The compliance and inventory views in the real App (Ink), with the real adapters over the local fleet: from the
// fleet summary to a non-compliant instance's items and the prefilled Run Command form; from a package version to
// the instances below it; an instance's inventory tabs.
import {describe, expect, it} from 'vitest';
import {createAppStore, type AppStore} from '../../src/store/store.js';
import type {Services} from '../../src/views/view.js';
import {useFleetClients} from '../helpers/local-fleet.js';
import {useAppRenderer} from '../helpers/app.js';
import {FleetLoader} from '../../src/aws/instances/fleet-loader.js';
import {complianceApi} from '../../src/aws/compliance/compliance-api.js';
import {inventoryApi} from '../../src/aws/inventory/inventory-api.js';
import {runCommandApi} from '../../src/aws/run-command/run-command-api.js';
import {typeRows} from '../../src/local/ssm/inventory/inventory-data.js';
import {compareVersions} from '../../src/local/protocol/list-paging.js';
import {severityRank, type Severity} from '../../src/fleet/compliance/compliance.js';

const local = useFleetClients({nodes: 80, seed: 31});
const renderApp = useAppRenderer();

async function setup(readOnly = false, extra: {sidePane?: boolean; remember?: (on: boolean) => void} = {}) {
  const store: AppStore = createAppStore({size: {cols: 160, rows: 40}, sidePane: extra.sidePane ?? false});
  const aws = local.aws;
  const loader = new FleetLoader(aws);
  const services: Services = {
    loadFleet: (o) => loader.load(o),
    compliance: complianceApi(aws),
    inventory: inventoryApi(aws),
    runCommand: runCommandApi(aws),
    ...(extra.remember ? {rememberSidePane: extra.remember} : {}),
  };
  const app = renderApp({store, services, readOnly, viewOptions: {tagColumns: [], insightColumns: true},
    target: {kind: 'local', region: local.fleet.region, label: 'LOCAL FLEET'}});
  const {ui, press} = app;
  const frame = (pred: (s: string) => boolean, what: string) => app.frame(pred, what, 10_000);
  // The whole fleet: the names the other views show come with its tags, after the first page.
  await frame((s) => /Managed instances [1-9]\d*\//.test(s) && !s.includes('loading the fleet'), 'instances loaded');
  const go = async (view: string) => {
    await press(':', ...view, '\r');
  };
  return {store, ui, press, frame, go};
}

const SEVERITY_RE = /\b(CRITICAL|HIGH|MEDIUM|LOW|INFORMATIONAL|UNSPECIFIED)\b/;

describe('compliance views', () => {
  it('summarizes per type, lists non-compliant instances most severe first, drills into items and opens the patch form', async () => {
    const {store, press, frame, go} = await setup();
    const summaries = await complianceApi(local.aws).summaries();
    const patch = summaries.find((s) => s.type === 'Patch');
    await go('comp');
    const f = await frame((s) => /Compliance\b.*non-compliant/.test(s) && s.includes('Patch'), 'summary');
    expect(f).toMatch(new RegExp(`Patch\\s+${patch?.compliant}\\s+${patch?.nonCompliant}\\s+${patch?.nonCompliantBySeverity.CRITICAL}\\s+${patch?.nonCompliantBySeverity.HIGH}`));
    expect(f).toMatch(/Association/);
    expect(f).toMatch(/Custom:/);
    expect(f).toMatch(/[█▓▒░]+/);
    expect(f).toMatch(/as of \d+s ago/);
    // Patch, then its non-compliant instances.
    await press('/', ...'Patch', '\r');
    await press('\r');
    const list = await frame((s) => /Non-compliant Patch \d+\/\d+/.test(s) && SEVERITY_RE.test(s), 'non-compliant instances');
    expect(list).toMatch(new RegExp(`Non-compliant Patch ${patch?.nonCompliant}/${patch?.nonCompliant}`));
    const severities = list.split('\n').map((l) => /(?:i|mi)-[0-9a-f]{17}\s.*?\b(CRITICAL|HIGH|MEDIUM|LOW|INFORMATIONAL|UNSPECIFIED)\b/.exec(l)?.[1])
      .filter(Boolean) as Severity[];
    // Names come from the fleet the instances view loaded.
    const named = store.getState().instances.find((i) => list.includes(i.instanceId) && i.name);
    expect(list).toMatch(new RegExp(`${named?.instanceId}\\s+${named?.name.slice(0, 8)}`));
    expect(severities.length).toBeGreaterThan(1);
    const ranks = severities.map(severityRank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    // Drill into the first (most severe) instance: its failing items first, with states and CVEs.
    const st = store.getState().tables['compliance-instances'];
    const first = (st?.visible[0] as {instanceId: string}).instanceId;
    await press('\r');
    const items = await frame((s) => s.includes(`Compliance items ${first}`) && /\d+ failing/.test(s), 'items');
    expect(items).toMatch(/Missing|Failed|InstalledPendingReboot/);
    expect(items).toMatch(/CVE-\d{4}-\d+/);
    // Back, mark two instances (among those the fleet lists), open the Run Command form prefilled to patch them.
    await press('\x1b');
    await frame((s) => /Non-compliant Patch/.test(s), 'back to the list');
    await press(' ', ' ', 'r');
    const form = store.getState().runForm;
    expect(form?.targets.map((t) => t.instanceId).sort()).toEqual([...(store.getState().tables['compliance-instances']?.marks ?? [])].sort());
    const screen = await frame((s) => /AWS-RunPatchBaseline/.test(s), 'the prefilled form');
    expect(screen).toMatch(/Install/);
  });

  it('refuses to open the patch form in read-only mode and says why', async () => {
    const {store, press, frame, go} = await setup(true);
    await go('comp');
    await frame((s) => s.includes('Patch'), 'summary');
    await press('/', ...'Patch', '\r', '\r');
    await frame((s) => /Non-compliant Patch \d+\//.test(s) && SEVERITY_RE.test(s), 'non-compliant instances');
    await frame((s) => s.includes('read-only mode: Run Command is off'), 'the footer says why');
    await press('r');
    expect(store.getState().runForm).toBeUndefined();
  });
});

describe('inventory views', () => {
  it('answers "which instances have openssl below this version" from the package list, then marks and runs', async () => {
    const {store, press, frame, go} = await setup();
    await go('inv');
    const f = await frame((s) => /Inventory \d+\/\d+/.test(s) && s.includes('platforms:'), 'packages');
    expect(f).toMatch(/platforms: Linux \d+/);
    expect(f).toMatch(/agents: \d+\.\d+/);
    await press('/', ...'name:openssl', '\r');
    await frame((s) => /openssl\s+\S+\s+\d+/.test(s), 'openssl versions');
    // The newest openssl version in the fleet: the cursor goes to its row, then `<`.
    type Row = {name: string; version: string};
    const table = () => store.getState().tables.inventory;
    const versions = (table()?.visible as Row[]).filter((r) => r.name === 'openssl').map((r) => r.version);
    const newest = [...versions].sort(compareVersions).at(-1) ?? '';
    const onTarget = () => {
      const t = table();
      const row = t?.visible[t.cursor] as Row | undefined;
      return row?.name === 'openssl' && row.version === newest;
    };
    await press('g');
    await frame(() => table()?.cursor === 0, 'the cursor on the first row');
    for (let n = 0; n < 50 && !onTarget(); n++) {
      const before = table()?.cursor;
      await press('j');
      await frame(() => table()?.cursor !== before, 'the cursor moved');
    }
    expect(onTarget()).toBe(true);
    await press('<');
    const expected = local.fleet.model.managed().filter((n) =>
      typeRows(local.fleet.model, n, 'AWS:Application')?.rows.some((r) => r.Name === 'openssl' && compareVersions(r.Version ?? '', newest) < 0));
    expect(expected.length).toBeGreaterThan(0);
    const list = await frame((s) => new RegExp(`Instances with AWS:Application Name=openssl Version<\\S+ ${expected.length}/${expected.length}`).test(s),
      'the matching instances');
    expect(list).toContain(`Version<${newest}`);
    await press('\x01', 'r'); // mark all, run
    const managed = new Set(store.getState().instances.map((i) => i.instanceId));
    expect(store.getState().runForm?.targets.length).toBe(expected.filter((n) => managed.has(n.instanceId)).length);
  });

  it('takes a typed version bound: filter to openssl below a version, then list the instances with those versions', async () => {
    const {store, press, frame, go} = await setup();
    await go('inv');
    await frame((s) => /Inventory \d+\/\d+/.test(s) && s.includes('platforms:'), 'packages');
    const versions = new Set(local.fleet.model.managed().flatMap((n) =>
      (typeRows(local.fleet.model, n, 'AWS:Application')?.rows ?? []).filter((r) => r.Name === 'openssl').map((r) => r.Version ?? '')));
    const bound = [...versions].sort(compareVersions).at(-1) ?? '';
    const below = [...versions].filter((v) => compareVersions(v, bound) < 0);
    expect(below.length).toBeGreaterThan(1);
    await press('/', ...`name:openssl version:<${bound}`, '\r');
    await frame((s) => new RegExp(`Inventory ${below.length}/\\d+`).test(s), 'the openssl versions below the bound');
    const rows = store.getState().tables.inventory?.visible as {name: string; version: string}[];
    expect(rows.every((r) => r.name === 'openssl' && below.includes(r.version))).toBe(true);
    await press('m');
    const expected = local.fleet.model.managed().filter((n) =>
      typeRows(local.fleet.model, n, 'AWS:Application')?.rows.some((r) => r.Name === 'openssl' && below.includes(r.Version ?? ''))).length;
    await frame((s) => new RegExp(`Instances with AWS:Application Name=openssl Version=\\S+ ${expected}/${expected}`).test(s), 'the matches');
    // More than one package listed: says how to narrow instead of answering a wrong question.
    await press('\x1b', '/', '\x15', ...'name:*ssl*', '\r', 'm');
    await frame((s) => /packages listed: narrow to one first/.test(s), 'the hint');
  });

  it('answers a query typed in the command bar, and explains a bad one inline', async () => {
    const {press, frame, go} = await setup();
    const versions = new Set(local.fleet.model.managed().flatMap((n) =>
      (typeRows(local.fleet.model, n, 'AWS:Application')?.rows ?? []).filter((r) => r.Name === 'openssl').map((r) => r.Version ?? '')));
    const bound = [...versions].sort(compareVersions).at(-1) ?? '';
    const expected = local.fleet.model.managed().filter((n) =>
      typeRows(local.fleet.model, n, 'AWS:Application')?.rows.some((r) => r.Name === 'openssl' && compareVersions(r.Version ?? '', bound) < 0)).length;
    expect(expected).toBeGreaterThan(0);
    await go(`inv Name=openssl Version<${bound}`);
    await frame((s) => new RegExp(`Instances with AWS:Application Name=openssl Version<\\S+ ${expected}/${expected}`).test(s), 'the matches');
    await press('\x1b');
    await frame((s) => /Inventory \d+\/\d+/.test(s), 'esc goes back to the package list');
    await go('inv Name=openssl Version<newest');
    await frame((s) => s.includes('"newest" is not a version: < compares versions such as 3.0.8'), 'the inline error');
  });

  it('shows an instance\'s applications, network, services and details as tabs, each filterable', async () => {
    const {store, press, frame} = await setup();
    const st = store.getState().tables.instances;
    const id = (st?.visible[0] as {instanceId: string}).instanceId;
    const node = local.fleet.model.get(id);
    if (!node) throw new Error('fixture: first row is not a fleet node');
    const apps = typeRows(local.fleet.model, node, 'AWS:Application')?.rows ?? [];
    await press('i');
    await frame((s) => s.includes(`Inventory ${id} ${apps.length}/${apps.length}`) && /\[Applications\]/.test(s) && /captured \w+ ago/.test(s),
      'applications tab');
    const name = apps[0]?.Name ?? '';
    await press('/', ...`name:${name}`, '\r');
    await frame((s) => new RegExp(`Inventory ${id} [1-9]\\d*/${apps.length}`).test(s), 'filtered applications');
    await press('\t');
    const net = typeRows(local.fleet.model, node, 'AWS:Network')?.rows ?? [];
    const nf = await frame((s) => /\[Network\]/.test(s) && s.includes(`${net.length}/${net.length}`), 'network tab');
    expect(nf).toContain(net[0]?.IPV4 ?? 'no address');
    await press('\t');
    await frame((s) => /\[Services\]/.test(s) && /running|stopped/i.test(s), 'services tab');
    await press('\t');
    const df = await frame((s) => /\[Details\]/.test(s) && s.includes('AgentVersion'), 'details tab');
    expect(df).toContain(node.agentVersion);
    await press('\x1b[Z'); // shift+tab
    await frame((s) => /\[Services\]/.test(s), 'back to services');
  });
});

describe('the instances table\'s compliance columns and side pane', () => {
  it('fills non-compliant, missing and pending-reboot counts for the rows on screen, in batches', async () => {
    local.fleet.resetRequestCounts();
    const {store, frame} = await setup();
    const st = () => store.getState().tables.instances;
    const top = () => (st()?.visible ?? []).slice(0, 30).map((r) => (r as {instanceId: string}).instanceId);
    await frame(() => (st()?.rows.length ?? 0) === local.fleet.model.managed().length, 'every row');
    await frame(() => top().every((id) => store.getState().insights[id] !== undefined), 'facts for the rows on screen');
    const onScreen = top();
    const counts = local.fleet.requestCounts();
    const loaded = Object.keys(store.getState().insights).length;
    expect(loaded).toBeLessThan(st()?.visible.length ?? 0); // only what is on screen (80 nodes, 40 rows)
    expect(counts['ssm:ListResourceComplianceSummaries']).toBeLessThanOrEqual(Math.ceil(loaded / 20) + 1);
    expect(counts['ssm:DescribeInstancePatchStates']).toBeLessThanOrEqual(Math.ceil(loaded / 50) + 1);
    // The counts on screen are the API's.
    const api = complianceApi(local.aws);
    const withMissing = (await api.patchStates(onScreen)).find((p) => p.missing > 0 && p.pendingReboot > 0);
    if (!withMissing) throw new Error('fixture: no instance on screen with missing patches and a pending reboot');
    const failing = (await api.resources([{Key: 'ResourceId', Values: [withMissing.instanceId], Type: 'EQUAL'}]))
      .reduce((n, r) => n + r.nonCompliant, 0);
    const f = await frame((s) => /NON-C\s+MISS\s+REBOOT/.test(s), 'the compliance columns');
    const line = f.split('\n').find((l) => l.includes(withMissing.instanceId)) ?? '';
    expect(line).toMatch(new RegExp(`\\s${failing}\\s+${withMissing.missing}\\s+${withMissing.pendingReboot}\\s*$`));
  });

  it('shows the cursor instance\'s compliance and inventory beside the table, follows the cursor, and saves the toggle', async () => {
    const saved: boolean[] = [];
    const {store, press, frame} = await setup(false, {remember: (on) => saved.push(on)});
    const row = (n: number) => (store.getState().tables.instances?.visible[n] as {instanceId: string}).instanceId;
    await press('p');
    expect(store.getState().sidePane).toBe(true);
    expect(saved).toEqual([true]);
    const first = row(0);
    const node = local.fleet.model.get(first);
    const apps = node ? typeRows(local.fleet.model, node, 'AWS:Application')?.rows.length : undefined;
    const f = await frame((s) => s.includes(`│ ${first}`) && /│ Compliance as of/.test(s) && s.includes(`│   ${apps} applications`),
      'the pane for the first row');
    expect(f).toMatch(/│ Inventory captured \w+ ago/);
    expect(f).toMatch(/│ +patches: \d+ missing, \d+ failed/);
    await press('j');
    const second = row(1);
    await frame((s) => s.includes(`│ ${second}`) && !s.includes(`│ ${first}`), 'the pane follows the cursor');
    await press('p');
    await frame((s) => !s.includes('│ Compliance'), 'the pane closed');
    expect(saved).toEqual([true, false]);
  });
});
