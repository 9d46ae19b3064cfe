// The OpsCenter views in the real App (Ink), with the real adapter over the local fleet: the seeded items with status,
// severity, priority, category, source and title; `/` filters; the detail with description, related resources and
// runbooks; a related instance opens in the instances view filtered on it, a runbook in the Automation start form;
// status set and a note added (asked, audited as UpdateOpsItem); read-only refuses both.
import {GetOpsItemCommand} from '@aws-sdk/client-ssm';
import {describe, expect, it} from 'vitest';
import {createAppStore, type AppStore} from '../../../src/store/store.js';
import type {Services} from '../../../src/views/view.js';
import {useFleetClients} from '../../helpers/local-fleet.js';
import {useAppRenderer} from '../../helpers/app.js';
import {FleetLoader} from '../../../src/aws/instances/fleet-loader.js';
import {opsItemsApi} from '../../../src/aws/opsitems/opsitems-api.js';
import {automationApi} from '../../../src/aws/automation/automation-api.js';
import {opsItemStoreFor} from '../../../src/local/ssm/opsitems/index.js';
import {readAudit} from '../../../src/audit.js';
import {usePrivateStateDir} from '../../helpers/state-dir.js';

const local = useFleetClients({nodes: 40, seed: 'opsitem-views'});
const renderApp = useAppRenderer();

usePrivateStateDir('fd-opsitems-');

async function setup(readOnly = false) {
  const store: AppStore = createAppStore({size: {cols: 180, rows: 50}});
  const loader = new FleetLoader(local.aws);
  const services: Services = {loadFleet: (o) => loader.load(o), opsItems: opsItemsApi(local.aws), automation: automationApi(local.aws), identity: 'local'};
  const app = renderApp({store, services, readOnly, target: {kind: 'local', region: local.fleet.region, label: 'LOCAL FLEET'}});
  const frame = (pred: (s: string) => boolean, what: string, ms = 10_000) => app.frame(pred, what, ms);
  await frame((s) => /Managed instances [1-9]\d*\//.test(s), 'instances loaded');
  return {store, press: app.press, frame};
}

const seeded = (title: string) => {
  const item = opsItemStoreFor(local.fleet.model).all().find((o) => o.title === title);
  if (!item) throw new Error(`no seeded ${title}`);
  return item;
};

describe('OpsItems views', () => {
  it('lists the items, filters, shows one in full and opens its related instance in the instances view', async () => {
    const {press, frame} = await setup();
    await press(':', ...'ops', '\r');
    const list = await frame((s) => /OpsItems \d+\/\d+/.test(s) && s.includes('EC2 instance stopped'), 'the items');
    expect(list).toMatch(/Open\s+High\s+2\s+Availability\s+EC2\s+EC2 instance stopped/);
    expect(list).toMatch(/Resolved\s+Low\s+5\s+Cost\s+Cost Explorer\s+NAT gateway/);
    await press('/', ...'category:security', '\r');
    await frame((s) => /OpsItems 2\/\d+/.test(s) && s.includes('Critical patches missing') && !s.includes('EC2 instance stopped'), 'filtered');
    await press('/', '\x15', ...'EC2 instance stopped', '\r');
    await frame((s) => /OpsItems 1\/\d+/.test(s), 'one item');
    await press('\r');
    const detail = await frame((s) => s.includes('OpsItem id') && s.includes('Runbooks (2)'), 'the detail');
    expect(detail).toContain('An EC2 instance in the fleet changed state to stopped.');
    expect(detail).toMatch(/Related resources \(1\)\s+1\. arn:aws:ec2:[^:]+:\d+:instance\/i-[0-9a-f]+/);
    expect(detail).toMatch(/2\. AWS-RestartEC2Instance/);
    await press('a', ...'2', '\r');
    await frame((s) => s.includes('Start') && s.includes('AWS-RestartEC2Instance') && s.includes('Parameters'), 'the runbook start form');
    // A running node's item: its instance opens in the instances view, filtered on it.
    const disk = seeded('Root volume above 90% full');
    const instanceId = /instance\/(i-[0-9a-f]+)/.exec(disk.operationalData.get('/aws/resources')?.value ?? '')?.[1] ?? '';
    await press(':', ...'ops', '\r');
    await press('/', '\x15', ...'Root volume', '\r', '\r');
    await frame((s) => s.includes('OpsItem id') && s.includes('disk_used_percent'), 'its detail');
    await press('i');
    await frame((s) => /Managed instances 1\/\d+/.test(s) && s.includes(instanceId), 'the instances view filtered on it');
  }, 40_000);

  it('sets the status and adds a note (asked, audited as UpdateOpsItem); read-only refuses', async () => {
    const target = seeded('SSM Agent connection lost');
    const {press, frame} = await setup();
    await press(':', ...'opsitems', '\r');
    await frame((s) => s.includes('SSM Agent connection lost'), 'the items');
    await press('/', ...target.opsItemId, '\r', '\r');
    await frame((s) => s.includes('OpsItem id') && s.includes(target.opsItemId), 'the detail');
    await press('S', ...'inprogress', '\r');
    await frame((s) => s.includes(`Set ${target.opsItemId} (SSM Agent connection lost) to In progress?`), 'the question');
    await press('y');
    await frame((s) => /Status\s+In progress/.test(s), 'in progress');
    await press('c', ...'agent restarted, watching', '\r');
    await frame((s) => s.includes(`Add the note to ${target.opsItemId}?`), 'the note question');
    await press('y');
    await frame((s) => /note-\d{4}-\d\d-\d\dT[\d:.]+Z: agent restarted, watching/.test(s), 'the note in the operational data');
    await press('R', 'y');
    await frame((s) => /Status\s+Resolved/.test(s), 'resolved');
    const item = (await local.aws.ssm.send(new GetOpsItemCommand({OpsItemId: target.opsItemId}))).OpsItem;
    expect(item?.Status).toBe('Resolved');
    expect(Object.values(item?.OperationalData ?? {}).map((v) => v.Value)).toContain('agent restarted, watching');
    const audit = readAudit().filter((e) => e['action'] === 'UpdateOpsItem' && e['opsItemId'] === target.opsItemId);
    expect(audit.map((e) => e['status'] ?? 'note')).toEqual(['InProgress', 'note', 'Resolved']);
    expect(JSON.stringify(audit)).not.toContain('agent restarted');

    const ro = await setup(true);
    await ro.press(':', ...'ops', '\r');
    await ro.frame((s) => s.includes('EC2 instance stopped'), 'the items');
    await ro.press('R');
    await ro.frame((s) => s.includes('read-only mode: changing OpsItems is off'), 'resolve refused');
  }, 40_000);
});
