// The State Manager adapter through the real SDK against the local fleet: list (all, and those that target one
// instance), describe, create (sent once) on a tag target, apply now, the executions and one execution's targets,
// each instance's status, delete, and errors mapped to kinds with sanitized messages.
import {describe, expect, it} from 'vitest';
import {useFleetClients} from '../../helpers/local-fleet.js';
import {associationsApi} from '../../../src/aws/associations/association-api.js';
import {AssociationError, type AssociationsApi} from '../../../src/fleet/associations/port.js';
import type {AssociationExecution} from '../../../src/fleet/associations/association.js';
import {linuxNodes, waitFor} from '../../helpers/run-command.js';

const f = useFleetClients({nodes: 30, seed: 'associations-adapter'});
const api = (): AssociationsApi => associationsApi(f.aws);

async function failure(call: Promise<unknown>): Promise<AssociationError> {
  try {
    await call;
  } catch (err) {
    expect(err).toBeInstanceOf(AssociationError);
    return err as AssociationError;
  }
  throw new Error('expected an AssociationError');
}

/** Linux nodes tagged for this test (the shell document runs on them). */
function tagNodes(n: number): string[] {
  const ids = linuxNodes(f.fleet).slice(0, n).map((x) => x.instanceId);
  for (const id of ids) f.fleet.model.setTag(id, 'Desired', 'marker');
  return ids;
}

async function settledExecutions(id: string, count: number): Promise<AssociationExecution[]> {
  return waitFor(() => api().executions(id), (list) => list.length >= count && list.every((e) => e.status === 'Success' || e.status === 'Failed'), 20_000);
}

describe('associations adapter', () => {
  it('lists the seeded associations with their overview, and describes one', async () => {
    const pages: string[][] = [];
    const list = await api().list({onPage: (page) => pages.push(page.map((a) => a.associationId))});
    expect(list.length).toBeGreaterThanOrEqual(6);
    // Each page is handed over as it comes, so the table can draw while the rest load.
    expect(pages.flat()).toEqual(list.map((a) => a.associationId));
    const inventory = list.find((a) => a.name === 'fleet-inventory');
    expect(inventory).toMatchObject({documentName: 'AWS-GatherSoftwareInventory', scheduleExpression: 'rate(30 minutes)', targets: [{Key: 'InstanceIds', Values: ['*']}]});
    expect(Object.values(inventory?.counts ?? {}).reduce((a, b) => a + b, 0)).toBe(f.fleet.model.managed().length);
    const d = await api().describe(inventory?.associationId ?? '');
    expect(d).toMatchObject({associationId: inventory?.associationId, applyOnlyAtCronInterval: false, parameters: {}});
  });

  it('creates on a tag target, runs on every target, applies again now, reports executions, targets and per-instance status', async () => {
    const ids = tagNodes(3);
    const created = await api().create({documentName: 'AWS-RunShellScript', name: 'marker-adapter', targets: [{Key: 'tag:Desired', Values: ['marker']}],
      parameters: {commands: ['echo desired']}, scheduleExpression: 'rate(1 day)', maxConcurrency: '2', maxErrors: '0', complianceSeverity: 'HIGH',
      applyOnlyAtCronInterval: false});
    expect(created).toMatchObject({name: 'marker-adapter', complianceSeverity: 'HIGH', maxConcurrency: '2', scheduleExpression: 'rate(1 day)'});
    const id = created.associationId;
    await settledExecutions(id, 1);
    await api().applyNow([id]);
    const [latest] = await settledExecutions(id, 2);
    expect(latest).toMatchObject({status: 'Success', resourceCountByStatus: '{Success=3}'});
    const targets = await api().executionTargets(id, latest?.executionId ?? '');
    expect(targets.map((t) => t.resourceId).sort()).toEqual([...ids].sort());
    for (const t of targets) expect(t).toMatchObject({status: 'Success', outputSourceType: 'RunCommand'});
    expect(targets[0]?.outputSourceId).toMatch(/^[0-9a-f-]{36}$/);
    // Each page is handed over as it comes, so a long list can be drawn while it loads.
    const pages: string[][] = [];
    await api().executionTargets(id, latest?.executionId ?? '', undefined, (page) => pages.push(page.map((t) => t.resourceId)));
    expect(pages.flat().sort()).toEqual([...ids].sort());
    const status = (await api().instanceStatus(ids[0] ?? '')).find((s) => s.associationId === id);
    expect(status).toMatchObject({status: 'Success', documentName: 'AWS-RunShellScript', associationName: 'marker-adapter'});
    const forInstance = await api().list({instanceId: ids[0] ?? ''});
    expect(forInstance.map((a) => a.associationId)).toContain(id);
    expect(forInstance.every((a) => a.documentName)).toBe(true);
    await api().delete(id);
    expect((await api().list()).some((a) => a.associationId === id)).toBe(false);
  });

  it('maps errors to kinds, with messages safe for the screen', async () => {
    const schedule = await failure(api().create({documentName: 'AWS-RunShellScript', targets: [{Key: 'tag:Desired', Values: ['marker']}],
      parameters: {commands: ['true']}, scheduleExpression: 'rate(5 minutes)', applyOnlyAtCronInterval: false}));
    expect(schedule).toMatchObject({kind: 'invalid', code: 'InvalidSchedule'});
    const missing = await failure(api().describe('00000000-0000-4000-a000-000000000000'));
    expect(missing.kind).toBe('not-found');
    const hostile = await failure(api().create({documentName: 'No\u001b]52;c;aGk=\u0007Such', targets: [{Key: 'InstanceIds', Values: ['*']}],
      parameters: {}, applyOnlyAtCronInterval: false}));
    expect(hostile.message).not.toMatch(/[\u001b\u0007]/);
  });

  it('updates with the whole definition at the version read: the next version keeps what was not changed; a stale version is refused', async () => {
    const created = await api().create({documentName: 'AWS-RunShellScript', name: 'update-adapter', targets: [{Key: 'tag:Desired', Values: ['marker']}],
      parameters: {commands: ['echo one']}, scheduleExpression: 'rate(30 minutes)', maxConcurrency: '3', maxErrors: '1', complianceSeverity: 'HIGH',
      applyOnlyAtCronInterval: false});
    const updated = await api().update(created.associationId, {documentName: 'AWS-RunShellScript', name: 'update-adapter',
      targets: created.targets, parameters: {commands: ['echo two']}, scheduleExpression: 'cron(0 2 ? * SUN *)', maxConcurrency: '3', maxErrors: '1',
      complianceSeverity: 'HIGH', applyOnlyAtCronInterval: true, associationVersion: created.associationVersion});
    expect(updated).toMatchObject({associationId: created.associationId, associationVersion: '2', name: 'update-adapter', scheduleExpression: 'cron(0 2 ? * SUN *)',
      parameters: {commands: ['echo two']}, maxConcurrency: '3', maxErrors: '1', complianceSeverity: 'HIGH', applyOnlyAtCronInterval: true});
    expect(await api().describe(created.associationId)).toMatchObject({associationVersion: '2', parameters: {commands: ['echo two']}});
    const stale = await failure(api().update(created.associationId, {documentName: 'AWS-RunShellScript', targets: created.targets, parameters: {},
      applyOnlyAtCronInterval: false, associationVersion: '1'}));
    expect(stale).toMatchObject({code: 'InvalidAssociationVersion'});
    await api().delete(created.associationId);
  });
});
