// The Run Command form's keys come from the keymap: a remapped send key opens the confirmation (the default no
// longer does), the footer under the form shows the form's keys (not the table's), and in read-only mode a disabled
// command shows its reason in place of its key. Against the local fleet through the real SDK.
import {describe, expect, it} from 'vitest';
import {createAppStore} from '../../../src/store/store.js';
import type {Services} from '../../../src/views/view.js';
import {FleetLoader} from '../../../src/aws/instances/fleet-loader.js';
import {runCommandApi} from '../../../src/aws/run-command/run-command-api.js';
import {RunRegistry} from '../../../src/fleet/run-command/run-registry.js';
import {buildKeymap, defaultKeymap, type Keymap} from '../../../src/keys/keymap.js';
import {useFleetClients} from '../../helpers/local-fleet.js';
import {useAppRenderer} from '../../helpers/app.js';

const local = useFleetClients({nodes: 6, seed: 11});
const renderApp = useAppRenderer();

function setup(keymap: Keymap, readOnly = false) {
  const {fleet, aws} = local;
  const store = createAppStore({size: {cols: 140, rows: 30}});
  const loader = new FleetLoader(aws);
  const services: Services = {loadFleet: (o) => loader.load(o), runCommand: runCommandApi(aws), identity: 'local',
    runs: new RunRegistry()};
  const app = renderApp({store, services, keymap, readOnly,
    target: {kind: 'local', region: fleet.region, label: 'LOCAL FLEET', endpoint: fleet.endpoint}});
  const loaded = () => app.frame((s) => /Managed instances [1-9]\d*\//.test(s), 'the fleet');
  const footer = () => (app.ui.lastFrame() ?? '').replace(/\x1b\[[0-9;]*m/g, '').split('\n').filter((l) => l.trim()).at(-1) ?? '';
  return {store, ...app, loaded, footer};
}

describe('Run Command form keys from the keymap (Ink, local fleet)', () => {
  it('send remapped to ctrl+x: ctrl+x opens the confirmation, ctrl+s no longer does, the footer shows ctrl+x', async () => {
    const {keymap, errors} = buildKeymap({'runForm.send': ['ctrl+x']});
    expect(errors).toEqual([]);
    const {press, frame, store, loaded, footer} = setup(keymap);
    await loaded();
    await press('r');
    await frame((s) => s.includes('workingDirectory'), 'the form with its schema');
    await frame((s) => s.includes('<ctrl+x> review'), 'the form keys in the footer');
    expect(footer()).toContain('<tab> next field');
    expect(footer()).not.toMatch(/<\/> filter|<o> sort|<space> mark/);
    expect(footer()).not.toContain('ctrl+s');
    for (const ch of 'uptime') await press(ch);
    await press('\x13'); // ctrl+s
    expect(store.getState().runForm?.stage).toBe('edit');
    await press('\x18'); // ctrl+x
    await frame((s) => /Press enter to send/.test(s), 'the confirmation');
    expect(store.getState().runForm?.stage).toBe('confirm');
    expect(footer()).toMatch(/<enter> send\s+<esc> back to the form/);
    await press('esc');
    await frame((s) => s.includes('<ctrl+x> review'), 'back to the form');
  });

  it('read-only: the footer says why Run Command is off instead of offering its key', async () => {
    const {loaded, frame, footer} = setup(defaultKeymap(), true);
    await loaded();
    await frame((s) => s.includes('read-only mode: Run Command is off'), 'the reason');
    expect(footer()).not.toContain('<r> run');
    expect(footer()).toContain('<enter> detail');
  });
});
