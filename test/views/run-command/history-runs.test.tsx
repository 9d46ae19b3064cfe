// Names where ids appear and runs grouped in `:commands` (Ink, local fleet): a run over more than 50 instances is
// one history row with its counts, expanded to its commands and folded again; a command to one instance names it,
// and its results name every instance.
import {describe, expect, it} from 'vitest';
import {SendCommandCommand} from '@aws-sdk/client-ssm';
import {createAppStore} from '../../../src/store/store.js';
import type {Services} from '../../../src/views/view.js';
import {FleetLoader} from '../../../src/aws/instances/fleet-loader.js';
import {runCommandApi} from '../../../src/aws/run-command/run-command-api.js';
import {executeRun} from '../../../src/fleet/run-command/run-orchestrator.js';
import {useFleetClients} from '../../helpers/local-fleet.js';
import {useAppRenderer} from '../../helpers/app.js';

const local = useFleetClients({nodes: 90, seed: 'history-runs'});
const renderApp = useAppRenderer();

function start() {
  const store = createAppStore({size: {cols: 260, rows: 40}});
  const loader = new FleetLoader(local.aws);
  const services: Services = {loadFleet: (o) => loader.load(o), runCommand: runCommandApi(local.aws), identity: 'local'};
  const t = renderApp({store, services,
    target: {kind: 'local', region: local.fleet.region, label: 'LOCAL FLEET', endpoint: local.fleet.endpoint}});
  return {store, t, api: services.runCommand};
}

const linux = () => local.fleet.model.managed().filter((n) => n.platformType === 'Linux' && n.pingStatus === 'Online');

describe(':commands groups runs and names instances', () => {
  it('a run of several SendCommands is one row with its totals; right expands it to its commands, left folds it', async () => {
    const {store, t, api} = start();
    await t.frame((s) => /Managed instances [1-9]\d*\//.test(s) && store.getState().sync.lastSuccessAt !== undefined, 'the fleet');
    const ids = linux().slice(0, 55).map((n) => n.instanceId);
    expect(ids).toHaveLength(55);
    if (!api) throw new Error('no Run Command');
    const st = await executeRun(api, {documentName: 'AWS-RunShellScript', parameters: {commands: ['true']},
      targets: {kind: 'ids', ids}, maxConcurrency: {kind: 'percent', pct: 100}, maxErrors: {kind: 'count', n: 0},
      comment: 'nightly check'}, {pollMs: 20});
    expect(st.commandIds.length).toBeGreaterThan(1);

    await t.press(':', ...'commands', 'enter');
    const runRow = (s: string) => s.split('\n').find((l) => l.includes(`run of ${st.commandIds.length} commands`)) ?? '';
    const f = await t.frame((s) => /Success/.test(runRow(s)), 'the run as one row');
    expect(runRow(f)).toMatch(/55\/55/);
    expect(runRow(f)).toContain('nightly check');
    expect(runRow(f)).not.toContain('[fd:');
    for (const id of st.commandIds) expect(f).not.toContain(id);

    await t.press('right');
    const open = await t.frame((s) => st.commandIds.every((id) => s.includes(id)), 'the run expanded to its commands');
    const lines = open.split('\n');
    const at = lines.findIndex((l) => l.includes('▾ run of'));
    // Its commands right under it, indented.
    for (const [n, id] of st.commandIds.entries()) expect(lines.some((l, i) => i > at && i <= at + st.commandIds.length && l.includes(`└ ${id}`)), `${n}`).toBe(true);

    await t.press('down', 'left');
    await t.frame((s) => /▸ run of/.test(s) && st.commandIds.every((id) => !s.includes(id)), 'folded again');
  }, 60_000);

  it('names the one instance a command went to in the history, and every instance in its results', async () => {
    const {store, t} = start();
    await t.frame((s) => /Managed instances [1-9]\d*\//.test(s) && store.getState().sync.lastSuccessAt !== undefined, 'the fleet');
    const [a, b] = linux().slice(60, 62);
    if (!a || !b) throw new Error('fleet too small');
    const one = await local.aws.ssm.send(new SendCommandCommand({DocumentName: 'AWS-RunShellScript',
      InstanceIds: [a.instanceId], Parameters: {commands: ['true']}}));
    const two = await local.aws.ssm.send(new SendCommandCommand({DocumentName: 'AWS-RunShellScript',
      InstanceIds: [a.instanceId, b.instanceId], Parameters: {commands: ['echo hi']}}));
    const [oneId, twoId] = [one.Command?.CommandId ?? '', two.Command?.CommandId ?? ''];

    await t.press(':', ...'commands', 'enter');
    const row = (s: string, id: string) => s.split('\n').find((l) => l.includes(id)) ?? '';
    const f = await t.frame((s) => row(s, oneId) !== '' && row(s, twoId) !== '', 'both commands');
    expect(row(f, oneId)).toContain(a.name);
    expect(row(f, twoId)).toContain(`${a.name}, ${b.name}`);

    while (!(store.getState().tables.commands?.visible[store.getState().tables.commands?.cursor ?? 0] as {commandId: string} | undefined)
      ?.commandId.startsWith(twoId)) await t.press('down');
    await t.press('enter');
    const results = await t.frame((s) => /NAME/.test(s) && s.includes(b.instanceId), 'the results');
    expect(row(results, a.instanceId)).toContain(a.name);
    expect(row(results, b.instanceId)).toContain(b.name);
    // The outputs grouped pssh-style list the instances by name and id.
    await t.press('=');
    const grouped = await t.frame((s) => /2 instances — identical output/.test(s), 'the grouped outputs');
    expect(grouped).toContain(`${a.name} (${a.instanceId})`);
    expect(grouped).toContain(`${b.name} (${b.instanceId})`);
  }, 60_000);
});
