// Ages in the history views (`:commands`, `:audit`) and the header's "refreshed" move on while the instances view is
// not shown: they count on the App's ticking clock (injected here), not on when the fleet was last loaded.
import {describe, expect, it} from 'vitest';
import {SendCommandCommand} from '@aws-sdk/client-ssm';
import {createAppStore} from '../../src/store/store.js';
import type {Services} from '../../src/views/view.js';
import {FleetLoader} from '../../src/aws/instances/fleet-loader.js';
import {runCommandApi} from '../../src/aws/run-command/run-command-api.js';
import {clock as clockText} from '../../src/components/Header.js';
import {useFleetClients} from '../helpers/local-fleet.js';
import {useAppRenderer} from '../helpers/app.js';

const local = useFleetClients({nodes: 20, seed: 4});
const renderApp = useAppRenderer();

describe('ages off the instances view (Ink, local fleet)', () => {
  it('counts on the ticking clock in :commands and :audit, and the header says when the shown view refreshed', async () => {
    let now = Date.now();
    const store = createAppStore({size: {cols: 140, rows: 30}});
    const loader = new FleetLoader(local.aws);
    const audit = [{time: new Date(now - 5_000).toISOString(), action: 'SendCommand', identity: 'local',
      document: 'AWS-RunShellScript', targets: 'i-0123456789abcdef0'}];
    const services: Services = {loadFleet: (o) => loader.load(o), runCommand: runCommandApi(local.aws), identity: 'local',
      readAudit: () => audit};
    const t = renderApp({store, services, clock: () => now,
      target: {kind: 'local', region: local.fleet.region, label: 'LOCAL FLEET', endpoint: local.fleet.endpoint}});
    await t.frame((s) => /Managed instances [1-9]\d*\//.test(s) && store.getState().sync.lastSuccessAt !== undefined, 'the fleet');
    const online = store.getState().instances.find((i) => i.pingStatus === 'Online' && i.platformType === 'Linux');
    const sent = await local.aws.ssm.send(new SendCommandCommand({DocumentName: 'AWS-RunShellScript',
      InstanceIds: [online?.instanceId ?? ''], Parameters: {commands: ['true']}}));
    const commandId = sent.Command?.CommandId ?? '';

    await t.press(':', ...'commands', 'enter');
    await t.frame((s) => s.includes(commandId.slice(0, 30)), 'the new command in the history');
    // The fleet was loaded a minute ago: a command sent since is young, not "‹invalid›" (in the future of that load).
    store.setState({fleetLoadedAt: Date.now() - 60_000});
    const row = (s: string) => s.split('\n').find((l) => l.includes(commandId.slice(0, 30))) ?? '';
    const f = await t.frame((s) => /^\s*\ds /.test(row(s)), 'an age of a few seconds');
    expect(f).not.toMatch(/invalid/);
    const refreshed = store.getState().sync.lastSuccessAt;
    expect(f).toContain(`refreshed ${clockText(refreshed)}`);
    expect(clockText(refreshed)).not.toBe(clockText(Date.now() - 60_000));

    now += 210_000;
    await t.frame((s) => /^\s*3m[23]\ds /.test(row(s)), 'the age 3.5 minutes later, with no refresh');

    await t.press(':', ...'audit', 'enter');
    await t.frame((s) => /^\s*3m[23]\ds\s+SendCommand/m.test(s), 'the audit record aged on the same clock');
    now += 60_000;
    await t.frame((s) => /^\s*4m[23]\ds\s+SendCommand/m.test(s), 'a minute later');
  }, 30_000);
});
