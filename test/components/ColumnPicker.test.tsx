// The column picker in the real App (Ink) over the local fleet: `C` lists the table's columns, space hides one, J
// moves one, ← caps a width, enter applies and saves the layout in the config file, and a new App started from that
// config shows the same columns; esc changes nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {createAppStore, type AppStore} from '../../src/store/store.js';
import type {Services} from '../../src/views/view.js';
import {FleetLoader} from '../../src/aws/instances/fleet-loader.js';
import {loadConfig, saveSetting} from '../../src/config/config.js';
import {useFleetClients} from '../helpers/local-fleet.js';
import {useAppRenderer} from '../helpers/app.js';
import {stripAnsi} from '../helpers/ink.js';

const local = useFleetClients({nodes: 12, seed: 5});
const renderApp = useAppRenderer();

let dir: string;
let configFile: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetdeck-columns-'));
  configFile = path.join(dir, 'config.json');
  fs.writeFileSync(configFile, JSON.stringify({confirmAbove: 3}));
});
afterEach(() => fs.rmSync(dir, {recursive: true, force: true}));

/** The table's header line. */
const header = (frame: string) => frame.split('\n').find((l) => /^\s*\S*\s*(ID|NAME)\s+\S/.test(l) && l.includes('PING')) ?? '';

async function start() {
  const config = loadConfig(configFile);
  const store: AppStore = createAppStore({size: {cols: 160, rows: 40}, columnLayouts: config.views});
  const loader = new FleetLoader(local.aws);
  const copied: string[] = [];
  const services: Services = {
    loadFleet: (o) => loader.load(o),
    copy: (text) => void copied.push(text),
    rememberColumns: (layouts) => saveSetting('views', {...layouts}, configFile),
  };
  const app = renderApp({store, services, target: {kind: 'local', region: local.fleet.region, label: 'LOCAL FLEET'}});
  const frame = (pred: (s: string) => boolean, what: string) => app.frame(pred, what, 10_000);
  await frame((s) => /Managed instances [1-9]\d*\//.test(s), 'instances loaded');
  return {store, press: app.press, frame, ui: app.ui, copied};
}

describe('the column picker', () => {
  it('hides, reorders and caps columns; enter saves them and a new App shows them', async () => {
    const first = await start();
    expect(header(stripAnsi(first.ui.lastFrame() ?? ''))).toMatch(/ID\s+NAME\S*\s+PING\s+PLATFORM/);
    await first.press('C');
    await first.frame((s) => /\[x\] PLATFORM/.test(s), 'the picker');
    await first.press('j', 'j', 'j', ' ');
    await first.frame((s) => /\[ \] PLATFORM/.test(s), 'PLATFORM hidden in the picker');
    await first.press('k', 'k', 'k', 'J', 'h');
    await first.frame((s) => /\[x\] NAME[\s\S]*\[x\] ID\s+max 60/.test(s), 'ID moved below NAME, capped');
    await first.press('enter');
    const after = await first.frame((s) => /NAME\S*\s+ID\s+PING/.test(header(s)), 'the table with the new columns');
    expect(header(after)).not.toContain('PLATFORM');
    const saved = loadConfig(configFile);
    expect(saved.confirmAbove).toBe(3);
    expect(saved.views.instances?.columns?.slice(0, 4)).toEqual(['NAME', 'ID', 'PING', 'AGENT']);
    expect(saved.views.instances?.widths).toEqual({ID: 60});
    // A yanked row holds the columns as shown: NAME first, no PLATFORM.
    await first.press('Y');
    await first.frame((s) => s.includes('copied row'), 'the row copied');
    const row = first.copied[0]?.split('\t') ?? [];
    const cursor = first.store.getState().tables.instances?.visible[0] as {name: string; instanceId: string} | undefined;
    expect(row.slice(0, 2)).toEqual([cursor?.name, cursor?.instanceId]);
    first.ui.unmount();

    const second = await start();
    const again = await second.frame((s) => /NAME\S*\s+ID\s+PING/.test(header(s)), 'the saved columns in a new App');
    expect(header(again)).not.toContain('PLATFORM');
  });

  it('esc closes the picker changing nothing', async () => {
    const app = await start();
    await app.press('C');
    await app.frame((s) => /\[x\] PLATFORM/.test(s), 'the picker');
    await app.press('j', 'j', 'j', ' ', 'esc');
    const frame = await app.frame((s) => !s.includes('[ ] PLATFORM') && /ID\s+NAME\S*\s+PING\s+PLATFORM/.test(header(s)), 'the table as it was');
    expect(frame).toBeDefined();
    expect(loadConfig(configFile).views).toEqual({});
  });
});
