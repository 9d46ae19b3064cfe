// The hybrid activations views in the real App (Ink) over the local fleet through the real adapter: the list with
// expired activations called out, the create form checking as it is typed, the code shown once with the register
// lines (copyable, never audited), delete asked and audited, deregistering a hybrid node from the instances view with
// a typed confirmation, and read-only refusals.
import {DescribeActivationsCommand, DescribeInstanceInformationCommand} from '@aws-sdk/client-ssm';
import {describe, expect, it} from 'vitest';
import {createAppStore} from '../../../src/store/store.js';
import type {Services} from '../../../src/views/view.js';
import {useFleetClients} from '../../helpers/local-fleet.js';
import {useAppRenderer} from '../../helpers/app.js';
import {FleetLoader} from '../../../src/aws/instances/fleet-loader.js';
import {activationsApi} from '../../../src/aws/activations/activations-api.js';
import {readAudit} from '../../../src/audit.js';
import {createdLines} from '../../../src/views/activations/created.js';
import {usePrivateStateDir} from '../../helpers/state-dir.js';

const local = useFleetClients({nodes: 16, seed: 'activation-views'});
const renderApp = useAppRenderer();

usePrivateStateDir('fd-activations-');

async function setup(readOnly = false) {
  const store = createAppStore({size: {cols: 200, rows: 45}});
  const loader = new FleetLoader(local.aws);
  const copied: string[] = [];
  const services: Services = {loadFleet: (o) => loader.load(o), activations: activationsApi(local.aws), activationsRegion: local.fleet.region,
    identity: 'local', copy: (t) => copied.push(t)};
  const app = renderApp({store, services, readOnly, target: {kind: 'local', region: local.fleet.region, label: 'LOCAL FLEET'}});
  await app.frame((s) => /Managed instances [1-9]\d*\//.test(s), 'instances loaded');
  return {store, copied, press: app.press, frame: app.frame};
}

describe('hybrid activations views', () => {
  it('lists the activations with registrations of the limit and expired ones called out', async () => {
    const {press, frame} = await setup();
    const seeded = (await local.aws.ssm.send(new DescribeActivationsCommand({}))).ActivationList ?? [];
    const expired = seeded.find((a) => a.Expired);
    expect(expired?.ActivationId).toBeDefined();
    await press(':', ...'activations', '\r');
    const list = await frame((s) => /Hybrid activations \d+\/\d+/.test(s) && s.includes(expired?.ActivationId ?? '?'), 'the activations');
    expect(list).toMatch(new RegExp(`${expired?.ActivationId}.*\\d+/\\d+\\s+EXPIRED \\S+ ago`));
    expect(list).toMatch(/\d+ expired · \d+ nodes registered/);
  });

  it('creates one from the form (checked as typed), shows the code once with the register lines, copies them, audits without the code', async () => {
    const {store, press, frame, copied} = await setup();
    await press(':', ...'act', '\r');
    await frame((s) => /Hybrid activations \d+\/\d+/.test(s), 'the activations');
    await press('c');
    await frame((s) => s.includes('Create a hybrid activation') && s.includes('✗ an IAM role is required'), 'the form with its problem');
    await press('r', ...'arn:aws:iam::1:role/x');
    await frame((s) => s.includes('✗ the IAM role is a role name, not an ARN'), 'the ARN refused while typed');
    await press('\x15', ...'SSMServiceRole', '\r', 'l', '\x15', ...'5000');
    await frame((s) => s.includes('✗ the registration limit must be a whole number from 1 to 1000'), 'the limit refused while typed');
    await press('\x15', ...'3', '\r', 'n', ...'onprem-web', '\r', 'd', ...'rack 12', '\r', 'x', ...'48', '\r');
    await frame((s) => s.includes('enter creates it'), 'the form ready');
    await press('\r');
    await frame((s) => s.includes('Create an activation for the role SSMServiceRole, up to 3 nodes?'), 'asked');
    await press('y');
    const shown = await frame((s) => s.includes('Activation code') && s.includes('amazon-ssm-agent -register'), 'the code and the register lines');
    const id = /Activation id\s+(\S+)/.exec(shown)?.[1] ?? '';
    const code = /Activation code\s+(\S+)/.exec(shown)?.[1] ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(shown).toContain(`sudo -E amazon-ssm-agent -register -code "${code}" -id "${id}" -region "${local.fleet.region}"`);
    expect(shown).toContain(`'yes' | & 'C:\\Program Files\\Amazon\\SSM\\amazon-ssm-agent.exe' -register -code "${code}"`);
    expect(shown).toContain('Restart-Service AmazonSSMAgent');
    await press('l');
    await press('w');
    expect(copied[0]).toBe(`sudo -E amazon-ssm-agent -register -code "${code}" -id "${id}" -region "${local.fleet.region}"`);
    expect(copied[1]).toContain('Restart-Service AmazonSSMAgent');
    const created = (await local.aws.ssm.send(new DescribeActivationsCommand({Filters: [{FilterKey: 'ActivationIds', FilterValues: [id]}]}))).ActivationList?.[0];
    expect(created).toMatchObject({IamRole: 'SSMServiceRole', RegistrationLimit: 3, DefaultInstanceName: 'onprem-web', Description: 'rack 12'});
    const audit = readAudit().filter((r) => r['action'] === 'CreateActivation');
    expect(audit.at(-1)).toMatchObject({activationId: id, iamRole: 'SSMServiceRole', registrationLimit: 3});
    expect(JSON.stringify(readAudit())).not.toContain(code);
    await press('esc');
    await frame((s) => /Hybrid activations \d+\/\d+/.test(s) && s.includes(id), 'back in the list with the new activation');
    expect(createdLines(store).join('\n')).not.toContain(code);
  });

  it('deletes the activation under the cursor after asking, audited', async () => {
    const {press, frame} = await setup();
    const {ActivationId} = await activationsApi(local.aws).create({iamRole: 'DeleteMe', description: 'to delete'}).then((c) => ({ActivationId: c.activationId}));
    await press(':', ...'activations', '\r', '/', ...'to delete', '\r');
    await frame((s) => /Hybrid activations 1\/\d+/.test(s) && s.includes(ActivationId), 'the one activation');
    await press('D');
    await frame((s) => s.includes(`Delete the activation ${ActivationId} (to delete)?`), 'asked');
    await press('y');
    await frame((s) => s.includes(`deleted ${ActivationId}`), 'deleted');
    const left = (await local.aws.ssm.send(new DescribeActivationsCommand({Filters: [{FilterKey: 'ActivationIds', FilterValues: [ActivationId]}]}))).ActivationList;
    expect(left ?? []).toHaveLength(0);
    expect(readAudit().filter((r) => r['action'] === 'DeleteActivation').at(-1)).toMatchObject({activationId: ActivationId});
  });

  it('shows a hybrid node\'s activation id in its detail and deregisters it from the instances view once its id is typed', async () => {
    const {press, frame} = await setup();
    const node = local.fleet.model.hybridNodes()[0];
    if (!node) throw new Error('the fleet has no hybrid node');
    await press('/', ...node.instanceId, '\r');
    await frame((s) => /Managed instances 1\//.test(s), 'the hybrid node');
    await press('\r');
    await frame((s) => new RegExp(`Activation ID\\s+${node.activationId}`).test(s), 'its activation id in the detail');
    await press('esc');
    await frame((s) => /Managed instances 1\//.test(s), 'back in the table');
    await press('X');
    await frame((s) => s.includes(`(${node.instanceId})? It needs a new activation to come back. Type its id to confirm:`), 'asked to type');
    await press(...'mi-wrong', '\r');
    await frame((s) => s.includes('not deregistered: what you typed does not match'), 'a wrong id refused');
    await press('X', ...node.instanceId, '\r');
    await frame((s) => s.includes(`deregistered ${node.instanceId}`), 'deregistered');
    // SSM answers a filter on an id it no longer manages with InvalidInstanceId.
    await expect(local.aws.ssm.send(new DescribeInstanceInformationCommand({Filters: [{Key: 'InstanceIds', Values: [node.instanceId]}]})))
      .rejects.toMatchObject({name: 'InvalidInstanceId'});
    expect(readAudit().filter((r) => r['action'] === 'DeregisterManagedInstance').at(-1)).toMatchObject({instanceId: node.instanceId});
  });

  it('shows what SSM says as text only: a hostile description, tag and error message are disarmed', async () => {
    const HOSTILE = 'denied \x1b]52;c;ZXZpbA==\x07\x1b]0;title\x07\x1b[2Jcleared\u202e';
    const {press, frame} = await setup();
    const {activationId} = await activationsApi(local.aws).create({iamRole: 'HostileRole', description: `hostile ${HOSTILE}`, tags: {Owner: HOSTILE}});
    await press(':', ...'activations', '\r', '/', ...'HostileRole', '\r');
    const list = await frame((s) => /Hybrid activations 1\/\d+/.test(s) && s.includes(activationId), 'the hostile activation');
    expect(list).not.toMatch(/\x1b\]|\x07|\x1b\[2J|\u202e/);
    expect(list).toContain('hostile denied ␛]52;c;');
    local.fleet.injectFault({kind: 'error', operation: 'DeleteActivation', errorCode: 'InvalidActivation', message: HOSTILE});
    await press('D', 'y');
    const failed = await frame((s) => s.includes('delete failed:'), 'the refusal');
    expect(failed).not.toMatch(/\x1b\]|\x07|\x1b\[2J|\u202e/);
    expect(failed).toContain('denied ␛]52;c;ZXZpbA==␇');
  });

  it('refuses creating, deleting and deregistering in read-only mode, saying why', async () => {
    const {press, frame} = await setup(true);
    const node = local.fleet.model.hybridNodes()[1];
    await press('/', ...(node?.instanceId ?? 'mi-'), '\r', 'X');
    await frame((s) => s.includes('read-only mode: deregistering a node is off'), 'deregister refused');
    await press(':', ...'activations', '\r');
    await frame((s) => /Hybrid activations \d+\/\d+/.test(s), 'the activations');
    await press('c');
    await frame((s) => s.includes('read-only mode: creating an activation is off'), 'create refused');
    await press('D');
    await frame((s) => s.includes('read-only mode: deleting an activation is off'), 'delete refused');
  });
});
