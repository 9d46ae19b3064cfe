// The Distributor views in the real App (Ink), with the real adapters over the local fleet: Amazon's packages with
// their versions and platforms; the detail counts the instances per installed version (inventory); I on two marked
// instances opens the Run Command form with AWS-ConfigureAWSPackage and the package's parameters, sent through its
// confirmation; the detail then counts both at the new version and w lists them; read-only refuses.
import {ListCommandsCommand, ListInventoryEntriesCommand} from '@aws-sdk/client-ssm';
import {describe, expect, it} from 'vitest';
import {createAppStore, type AppStore} from '../../../src/store/store.js';
import type {Services} from '../../../src/views/view.js';
import {useFleetClients} from '../../helpers/local-fleet.js';
import {useAppRenderer} from '../../helpers/app.js';
import {FleetLoader} from '../../../src/aws/instances/fleet-loader.js';
import {runCommandApi} from '../../../src/aws/run-command/run-command-api.js';
import {inventoryApi} from '../../../src/aws/inventory/inventory-api.js';
import {distributorApi} from '../../../src/aws/distributor/distributor-api.js';
import {RunRegistry} from '../../../src/fleet/run-command/run-registry.js';
import {readAudit} from '../../../src/audit.js';
import {linuxNodes, waitFor} from '../../helpers/run-command.js';
import {usePrivateStateDir} from '../../helpers/state-dir.js';

const local = useFleetClients({nodes: 30, seed: 'distributor-views'});
const renderApp = useAppRenderer();

usePrivateStateDir('fd-distributor-');

async function setup(readOnly = false) {
  const store: AppStore = createAppStore({size: {cols: 180, rows: 50}});
  const loader = new FleetLoader(local.aws);
  const services: Services = {loadFleet: (o) => loader.load(o), runCommand: runCommandApi(local.aws), runs: new RunRegistry(),
    inventory: inventoryApi(local.aws), distributor: distributorApi(local.aws), identity: 'local'};
  const app = renderApp({store, services, readOnly, target: {kind: 'local', region: local.fleet.region, label: 'LOCAL FLEET', endpoint: local.fleet.endpoint}});
  const frame = (pred: (s: string) => boolean, what: string, ms = 10_000) => app.frame(pred, what, ms);
  await frame((s) => /Managed instances [1-9]\d*\//.test(s), 'instances loaded');
  return {store, press: app.press, frame};
}

/** Online Linux nodes that report AWS:Application (a few nodes collect no inventory). */
async function inventoried(count: number): Promise<string[]> {
  const out: string[] = [];
  for (const n of linuxNodes(local.fleet)) {
    const res = await local.aws.ssm.send(new ListInventoryEntriesCommand({InstanceId: n.instanceId, TypeName: 'AWS:Application', MaxResults: 1}));
    if ((res.Entries ?? []).length > 0) out.push(n.instanceId);
    if (out.length === count) return out;
  }
  throw new Error('not enough inventoried Linux nodes');
}

describe('Distributor views', () => {
  it('lists the packages; the detail shows versions, platforms and installed counts', async () => {
    const {press, frame} = await setup();
    await press(':', ...'dist', '\r');
    const list = await frame((s) => /Distributor packages \d+\/\d+/.test(s) && s.includes('AmazonCloudWatchAgent'), 'the packages');
    expect(list).toMatch(/AmazonCloudWatchAgent\s+Amazon\s+1\.300049\.1\s+Windows, Linux/);
    await press('/', ...'CloudWatch', '\r', '\r');
    const detail = await frame((s) => s.includes('Versions (3)') && s.includes('Installed (inventory)'), 'the detail');
    expect(detail).toMatch(/1\.300049\.1\s+\d{4}-\d\d-\d\d\s+document version \d+\s+default/);
    expect(detail).toMatch(/Inventory name\s+amazon-cloudwatch-agent \(Linux\) · Amazon CloudWatch Agent \(Windows\)/);
    expect(detail).toMatch(/Platforms\s+.*\(x86_64, arm64\)/);
  }, 30_000);

  it('installs a version on two marked instances through the Run Command form; the detail and w show them at that version', async () => {
    const nodes = await inventoried(2);
    const {press, frame, store} = await setup();
    store.getState().updateTable('instances', (st) => ({...st, marks: new Set(nodes)}));
    await press(':', ...'distributor', '\r');
    await frame((s) => s.includes('AmazonCloudWatchAgent'), 'the packages');
    await press('/', ...'CloudWatch', '\r', '\r');
    await frame((s) => s.includes('Versions (3)'), 'the detail');
    await press('I', ...'1.300032.2', '\r');
    await frame((s) => s.includes('AWS-ConfigureAWSPackage') && /action\b.*Install/.test(s) && s.includes('1.300032.2'), 'the prefilled form', 15_000);
    expect(store.getState().runForm?.params).toMatchObject({action: 'Install', name: 'AmazonCloudWatchAgent', version: '1.300032.2'});
    await press('ctrl+s');
    await frame((s) => s.includes('Confirm: run AWS-ConfigureAWSPackage on 2 instances'), 'the confirmation');
    await press('2', '\r');
    await waitFor(async () => (await local.aws.ssm.send(new ListCommandsCommand({Filters: [{key: 'DocumentName', value: 'AWS-ConfigureAWSPackage'}]}))).Commands ?? [],
      (cmds) => cmds.some((c) => c.Status === 'Success'), 20_000);
    expect(readAudit().some((e) => JSON.stringify(e).includes('AWS-ConfigureAWSPackage'))).toBe(true);
    await press(':', ...'dist', '\r', '\r');
    await frame((s) => /1\.300032\.2\s+2 instances/.test(s), 'two instances at the installed version', 15_000);
    await press('w');
    await frame((s) => s.includes('Instances with') && nodes.every((id) => s.includes(id)), 'the instances that have it');
  }, 60_000);

  it('read-only refuses install and uninstall', async () => {
    const ro = await setup(true);
    await ro.press(':', ...'dist', '\r');
    await ro.frame((s) => s.includes('AmazonCloudWatchAgent'), 'the packages');
    await ro.press('I');
    await ro.frame((s) => /read-only/.test(s), 'install refused');
    expect(ro.store.getState().runForm).toBeUndefined();
  }, 30_000);
});
