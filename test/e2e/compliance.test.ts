// Compliance and inventory in the built CLI under a real pty: open compliance, drill into the most severe
// non-compliant instance, mark instances and open the Run Command form prefilled to patch them; find the instances
// with a package below a version.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {CLI_PATH, useTuis} from '../helpers/pty-harness.js';
import {filterTable} from '../helpers/table-filter.js';
import {useLocalFleet} from '../helpers/local-fleet.js';
import {typeRows} from '../../src/local/ssm/inventory/inventory-data.js';
import {compareVersions} from '../../src/local/protocol/list-paging.js';

const spawn = useTuis();
const t = useLocalFleet({nodes: 60, seed: 12});

const ID = /(?:i|mi)-[0-9a-f]{17}/;

async function start() {
  const tui = await spawn({args: [CLI_PATH, '--endpoint-url', t.fleet.endpoint], cols: 140, rows: 36, env: t.env()});
  await tui.waitForText(/Managed instances [1-9]\d*\//, {description: 'rows loaded'});
  const filter = (text: string) => filterTable(tui, text);
  return {tui, filter};
}

describe('compliance', () => {
  it('drills from the fleet summary to a non-compliant instance\'s items, then marks and opens the patch form', async () => {
    const {tui, filter} = await start();
    await tui.press(':');
    await tui.type('compliance');
    await tui.press('enter');
    await tui.waitForText(/Compliance [1-9]\d*\/\d+ \d+ non-compliant/, {description: 'the fleet summary'});
    expect(tui.screen()).toMatch(/Patch\s+\d+\s+[1-9]\d*/);
    expect(tui.screen()).toMatch(/Association/);
    await filter('Patch');
    await tui.press('enter');
    await tui.waitForText(/Non-compliant Patch [1-9]\d*\//, {description: 'non-compliant instances'});
    await tui.waitForText(/CRITICAL|HIGH|MEDIUM/, {description: 'severities'});
    const first = tui.screen().split('\n').find((l) => ID.test(l) && /CRITICAL|HIGH|MEDIUM|LOW/.test(l));
    const id = ID.exec(first ?? '')?.[0];
    expect(id).toBeDefined();
    // The most severe instance's items: failing first, with the patch state and CVEs.
    await tui.press('enter');
    await tui.waitForText(new RegExp(`Compliance items ${id} \\d+/\\d+ [1-9]\\d* failing`), {description: 'its items'});
    expect(tui.screen()).toMatch(/Missing|Failed|InstalledPendingReboot/);
    // Back to the list: mark two, and open Run Command prefilled with AWS-RunPatchBaseline Install.
    await tui.press('esc');
    await tui.waitForText(/Non-compliant Patch/);
    await tui.press('g', 'space', 'space');
    await tui.waitFor((s) => s.split('\n').filter((l) => /^● /.test(l)).length >= 1, {description: 'marks shown'});
    await tui.press('r');
    await tui.waitForText(/Run Command on 2 instances/, {description: 'the form on the two marked instances'});
    await tui.waitForText('AWS-RunPatchBaseline');
    await tui.waitForText('Install', {description: 'Operation=Install prefilled'});
    await tui.press('esc');
  });
});

describe('inventory', () => {
  it('lists the instances with openssl below a version, which can then be marked and run on', async () => {
    const {tui, filter} = await start();
    await tui.press(':');
    await tui.type('inventory');
    await tui.press('enter');
    await tui.waitForText(/Inventory \d+\/\d+ platforms: Linux \d+/, {description: 'the fleet packages'});
    const model = t.fleet.model;
    const versions = new Set(model.managed().flatMap((n) =>
      (typeRows(model, n, 'AWS:Application')?.rows ?? []).filter((r) => r.Name === 'openssl').map((r) => r.Version ?? '')));
    const newest = [...versions].sort(compareVersions).at(-1) ?? '';
    const expected = model.managed().filter((n) =>
      typeRows(model, n, 'AWS:Application')?.rows.some((r) => r.Name === 'openssl' && compareVersions(r.Version ?? '', newest) < 0)).length;
    expect(expected).toBeGreaterThan(0);
    await filter(`name:openssl version:${newest}`);
    await tui.waitForText(new RegExp(`openssl\\s+${newest.replace(/\./g, '\\.')}\\s+\\d+`), {description: 'the newest openssl row'});
    await tui.press('g', '<');
    await tui.waitForText(new RegExp(`Instances with AWS:Application Name=openssl Version<\\S+ ${expected}/${expected}`),
      {description: 'the instances below that version'});
    await tui.press('ctrl-a', 'r');
    await tui.waitForText(/Run Command on \d+ instances?/, {description: 'the run form on the matches'});
    await tui.press('esc');
  });
});

describe('inventory query with a typed version', () => {
  it('lists the instances with openssl below a version typed in the filter', async () => {
    const {tui, filter} = await start();
    await tui.press(':');
    await tui.type('inv');
    await tui.press('enter');
    await tui.waitForText(/Inventory \d+\/\d+ platforms:/, {description: 'the fleet packages'});
    const model = t.fleet.model;
    const rows = model.managed().flatMap((n) => (typeRows(model, n, 'AWS:Application')?.rows ?? []).filter((r) => r.Name === 'openssl')
      .map((r) => ({id: n.instanceId, version: r.Version ?? ''})));
    const bound = [...new Set(rows.map((r) => r.version))].sort(compareVersions).at(-1) ?? '';
    const expected = new Set(rows.filter((r) => compareVersions(r.version, bound) < 0).map((r) => r.id)).size;
    expect(expected).toBeGreaterThan(0);
    await filter(`name:openssl version:<${bound}`);
    await tui.press('m');
    await tui.waitForText(new RegExp(`Instances with AWS:Application Name=openssl Version=\\S+ ${expected}/${expected}`),
      {description: 'the instances with a version below the bound'});
  });
});

describe('the side pane', () => {
  it('shows the cursor instance\'s compliance and inventory beside the table, and opens the same way next time', async () => {
    const config = path.join(t.stateDir, 'side-pane-config.json');
    fs.writeFileSync(config, JSON.stringify({refreshSeconds: 30}));
    const args = [CLI_PATH, '--endpoint-url', t.fleet.endpoint, '--config', config];
    let tui = await spawn({args, cols: 160, rows: 36, env: t.env()});
    await tui.waitForText(/Managed instances [1-9]\d*\//, {description: 'rows loaded'});
    await tui.waitForText(/NON-C\s+MISS\s+REBOOT/, {description: 'the compliance columns'});
    await tui.press('p');
    await tui.waitForText(/│ Compliance as of/, {description: 'the pane'});
    await tui.waitForText(/│ Inventory captured/, {description: 'the inventory summary'});
    expect(JSON.parse(fs.readFileSync(config, 'utf8'))).toEqual({refreshSeconds: 30, sidePane: true});
    await tui.press('q');
    await tui.exited;
    tui = await spawn({args, cols: 160, rows: 36, env: t.env()});
    await tui.waitForText(/│ Compliance as of/, {description: 'the pane, open from the start'});
  });
});
