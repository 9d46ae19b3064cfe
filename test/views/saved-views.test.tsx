// Saved views in the real App (Ink) over the local fleet: `:save NAME` keeps the view with its filter and sort in the
// config file, `:NAME` opens it again (in this App and in a new one started from that config), tab completes it and
// `?` lists it with the views.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {createAppStore, currentScreen, type AppStore} from '../../src/store/store.js';
import type {Services} from '../../src/views/view.js';
import {FleetLoader} from '../../src/aws/instances/fleet-loader.js';
import {loadConfig, saveSetting} from '../../src/config/config.js';
import {useFleetClients} from '../helpers/local-fleet.js';
import {useAppRenderer} from '../helpers/app.js';
import {stripAnsi} from '../helpers/ink.js';

const local = useFleetClients({nodes: 30, seed: 7});
const renderApp = useAppRenderer();

let dir: string;
let configFile: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetdeck-saved-views-'));
  configFile = path.join(dir, 'config.json');
  fs.writeFileSync(configFile, JSON.stringify({refreshSeconds: 7}));
});
afterEach(() => fs.rmSync(dir, {recursive: true, force: true}));

async function start() {
  const config = loadConfig(configFile);
  const store: AppStore = createAppStore({size: {cols: 160, rows: 40}, savedViews: config.savedViews});
  const loader = new FleetLoader(local.aws);
  const services: Services = {
    loadFleet: (o) => loader.load(o),
    rememberSavedViews: (views) => saveSetting('savedViews', {...views}, configFile),
  };
  const app = renderApp({store, services, target: {kind: 'local', region: local.fleet.region, label: 'LOCAL FLEET'}});
  const frame = (pred: (s: string) => boolean, what: string) => app.frame(pred, what, 10_000);
  await frame((s) => /Managed instances [1-9]\d*\//.test(s), 'instances loaded');
  return {store, press: app.press, frame, ui: app.ui};
}

describe('saved views', () => {
  it(':save keeps the view and its filter in the config; :NAME opens it, here and in a new App', async () => {
    const first = await start();
    await first.press('/', ...'ping:online', 'enter');
    await first.frame((s) => s.includes('/ping:online'), 'the filter in the title');
    await first.press(':', ...'save prod-web', 'enter');
    await first.frame((s) => s.includes('saved :prod-web'), 'the view saved');
    expect(loadConfig(configFile).savedViews).toEqual({'prod-web': {view: 'instances', filter: 'ping:online', sort: 'name'}});
    expect(loadConfig(configFile).refreshSeconds).toBe(7);

    // Elsewhere, the filter cleared: the name brings both back.
    await first.press(':', ...'commands', 'enter');
    await first.frame((s) => s.includes('Command history'), 'the history');
    first.store.getState().updateTable('instances', (st) => ({...st, appliedFilter: '', filterText: ''}));
    await first.press(':', ...'prod-web', 'enter');
    await first.frame((s) => /Managed instances \d+\/\d+ \/ping:online/.test(s), 'the saved view');
    expect(currentScreen(first.store.getState()).view).toBe('instances');
    first.ui.unmount();

    // A new App from the saved config knows the name: completion and `?` list it.
    const second = await start();
    await second.press(':', ...'prod-w');
    await second.frame((s) => s.includes('prod-web'), 'the saved view among the completions');
    await second.press('tab', 'enter');
    await second.frame((s) => /Managed instances \d+\/\d+ \/ping:online/.test(s), 'the saved view in a new App');
    await second.press('?');
    await second.frame((s) => s.includes('what applies here first'), 'help');
    // Scrolled down to the list of views, the saved one among them.
    for (let i = 0; i < 80 && !/prod-web\s+saved: instances \/ping:online/.test(stripAnsi(second.ui.lastFrame() ?? '')); i++) await second.press('j');
    await second.frame((s) => /prod-web\s+saved: instances \/ping:online/.test(s), 'the saved view in help');
  });

  it('refuses a name a view or an alias has, saying why', async () => {
    const app = await start();
    await app.press(':', ...'save nodes', 'enter');
    await app.frame((s) => s.includes('"nodes" is taken by :instances'), 'the refusal');
    expect(loadConfig(configFile).savedViews).toEqual({});
  });
});
