// The State Manager views in the real App (Ink), with the real adapters over the local fleet: the live list with the
// next run and counts, an association's detail; the create form from a document (a tag expression, a schedule
// checked and previewed as it is typed, a parameter, severity), confirmed and audited; its executions, one
// execution's per-target results and output, the instances it targets; apply now; delete by typing its name;
// read-only refusals; `a` on an instance.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createAppStore, type AppStore} from '../../../src/store/store.js';
import type {Services} from '../../../src/views/view.js';
import {useFleetClients} from '../../helpers/local-fleet.js';
import {useAppRenderer} from '../../helpers/app.js';
import {FleetLoader} from '../../../src/aws/instances/fleet-loader.js';
import {runCommandApi} from '../../../src/aws/run-command/run-command-api.js';
import {documentsApi} from '../../../src/aws/documents/document-api.js';
import {associationsApi} from '../../../src/aws/associations/association-api.js';
import {DescribeAssociationCommand} from '@aws-sdk/client-ssm';
import {readAudit} from '../../../src/audit.js';
import {linuxNodes} from '../../helpers/run-command.js';

const local = useFleetClients({nodes: 16, seed: 'association-views'});
const renderApp = useAppRenderer();

let marked: string[] = [];
let stateDir = '';
let savedState: string | undefined;
beforeAll(() => {
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-assoc-'));
  savedState = process.env['XDG_STATE_HOME'];
  process.env['XDG_STATE_HOME'] = stateDir;
  marked = linuxNodes(local.fleet).slice(0, 3).map((n) => n.instanceId);
  for (const id of marked) local.fleet.model.setTag(id, 'Desired', 'marker');
});
afterAll(() => {
  if (savedState === undefined) delete process.env['XDG_STATE_HOME'];
  else process.env['XDG_STATE_HOME'] = savedState;
});

async function setup(readOnly = false) {
  const store: AppStore = createAppStore({size: {cols: 170, rows: 40}});
  const loader = new FleetLoader(local.aws);
  const services: Services = {
    loadFleet: (o) => loader.load(o), runCommand: runCommandApi(local.aws), documents: documentsApi(local.aws),
    associations: associationsApi(local.aws), identity: 'local',
  };
  const app = renderApp({store, services, readOnly, target: {kind: 'local', region: local.fleet.region, label: 'LOCAL FLEET'}});
  const frame = (pred: (s: string) => boolean, what: string, ms = 10_000) => app.frame(pred, what, ms);
  await frame((s) => /Managed instances [1-9]\d*\//.test(s), 'instances loaded');
  return {store, press: app.press, frame};
}

const LOCAL_TIME = /(Sun|Mon|Tue|Wed|Thu|Fri|Sat) \d+ [A-Z][a-z]{2}( \d{4})? \d\d:\d\d/;

describe('associations views', () => {
  it('lists the associations live with the next run, severity and counts; the detail has the schedule and parameters', async () => {
    const {press, frame} = await setup();
    await press(':', ...'assoc', '\r');
    const list = await frame((s) => /Associations \d+\/\d+/.test(s) && s.includes('rotate-logs') && /HIGH|MEDIUM|LOW|UNSPECIFIED|CRITICAL|—/.test(s), 'the associations');
    expect(list).toMatch(/\d+ failed · \d+ pending · \d+ success/);
    expect(list).toMatch(new RegExp(`rotate-logs\\s+AWS-RunShellScript@\\$DEFAULT\\s+tag:Role=worker,batch\\s+cron\\(0 3 \\? \\* SUN \\*\\)\\s+${LOCAL_TIME.source}`));
    expect(list).toMatch(/fleet-inventory.*all nodes.*rate\(30 minutes\).*\d+ Success/);
    await press('/', ...'rotate', '\r', '\r');
    const detail = await frame((s) => s.includes('Next runs') && s.includes('Parameters'), 'the detail');
    expect(detail).toMatch(new RegExp(`Next runs\\s+${LOCAL_TIME.source} · ${LOCAL_TIME.source} · ${LOCAL_TIME.source} \\(local time\\)`));
    expect(detail).toMatch(/commands\s+echo "logs rotated on \$AWS_SSM_INSTANCE_ID"/);
    expect(detail).toMatch(/Output location\s*\n\s+\(none/);
  });

  it('creates one from a document on a tag expression, runs it, shows executions, targets, output and targeted instances, then deletes it', async () => {
    const {store, press, frame} = await setup();
    await press(':', ...'docs', '\r');
    await frame((s) => /Documents \d+\//.test(s), 'documents');
    await press('/', ...'name:AWS-RunShellScript', '\r', 'a');
    await frame((s) => s.includes('Create an association with AWS-RunShellScript') && s.includes('no targets'), 'the form');
    await press('t', ...'tag:Desired=marker', '\r');
    await frame((s) => s.includes('tag:Desired=marker  → 3 instances now'), 'the targets resolved');
    await press('s', '\x15', ...'rate(5 minutes)');
    await frame((s) => s.includes('✗ rate(5 minutes) is too frequent'), 'the schedule refused while typed');
    await press('\x15', ...'cron(0 2 ? * SUN *)');
    const preview = await frame((s) => /next: Sun \d+ \w+( \d{4})? \d\d:\d\d · Sun/.test(s), 'the next runs while typed');
    expect(preview).toMatch(/\(local time\)/);
    await press('\r', 'p', ...'commands=echo desired-state', '\r', 'v', 'v');
    await frame((s) => /Severity\s+HIGH/.test(s) && s.includes('commands=echo desired-state') && s.includes('enter creates it'), 'the form filled');
    await press('\r');
    await frame((s) => s.includes('Create the association with AWS-RunShellScript on 3 instances, cron(0 2 ? * SUN *)?'), 'the question');
    await press('y');
    const created = await frame((s) => /Severity\s+HIGH/.test(s) && s.includes('Association') && s.includes('tag:Desired=marker'), 'the new association');
    expect(created).toMatch(/Schedule\s+cron\(0 2 \? \* SUN \*\)/);
    const id = (/Association id\s+([0-9a-f-]{36})/.exec(created) ?? [])[1] ?? '';
    expect(readAudit().find((e) => e['action'] === 'CreateAssociation')).toMatchObject({associationId: id, document: 'AWS-RunShellScript', via: 'dashboard'});
    // It runs when created: its execution, then each target's result and output.
    await press('e');
    await frame((s) => /Executions \S+ 1\/1/.test(s) && /\d Success\s+\d+s\s/.test(s) && s.includes('Success=3'), 'the execution succeeded', 20_000);
    await press('\r');
    await frame((s) => s.includes('3 success · 0 failed · 0 running or pending'), 'per-target results');
    await press('\r');
    await frame((s) => s.includes('desired-state') && s.includes('exit code 0'), 'the output');
    await press('\x1b', '\x1b', '\x1b', 't');
    const targeted = await frame((s) => s.includes('3 instances · 3 success'), 'targeted instances with their status');
    for (const i of marked) expect(targeted).toContain(i);
    // Delete: the wrong text keeps it, its name does not.
    await press('\x1b', 'D');
    await frame((s) => s.includes('Type ') && s.includes('to delete it'), 'the typed confirmation');
    await press(...'nope', '\r');
    await frame((s) => s.includes('not deleted'), 'kept');
    await press('D', ...id, '\r');
    await frame((s) => s.includes('deleted AWS-RunShellScript'), 'deleted');
    expect(readAudit().find((e) => e['action'] === 'DeleteAssociation')).toMatchObject({associationId: id});
    expect((await associationsApi(local.aws).list()).some((a) => a.associationId === id)).toBe(false);
    expect(store.getState().prompt).toBeUndefined();
  }, 60_000);

  it('applies marked associations now (asked, audited); read-only refuses; a on an instance lists what targets it', async () => {
    const {press, frame} = await setup();
    await press(':', ...'sm', '\r');
    await frame((s) => s.includes('rotate-logs'), 'the associations');
    await press('/', ...'rotate', '\r', 'r');
    await frame((s) => s.includes('Apply rotate-logs now on every target?'), 'the question');
    await press('y');
    await frame((s) => s.includes('applying rotate-logs now'), 'applied');
    expect(readAudit().find((e) => e['action'] === 'StartAssociationsOnce')?.['associationIds']).toHaveLength(1);
    const ro = await setup(true);
    await ro.press(':', ...'sm', '\r');
    await ro.frame((s) => s.includes('rotate-logs'), 'the associations');
    await ro.press('r');
    await ro.frame((s) => s.includes('read-only mode: applying associations is off'), 'apply refused');
    await ro.press('\x1b', '\x1b', '/', ...marked[0] ?? '', '\r', 'a');
    const forInstance = await ro.frame((s) => /Associations i-\w+ \d+\//.test(s) && s.includes('fleet-inventory'), 'the associations of the instance');
    expect(forInstance).not.toContain('rotate-logs');
  }, 30_000);

  it('t shows each targeted instance with its result in the latest execution, read a page of targets a request (not a request per instance)', async () => {
    const api = associationsApi(local.aws);
    const created = await api.create({documentName: 'AWS-RunShellScript', name: 'per-target-results', targets: [{Key: 'tag:Desired', Values: ['marker']}],
      parameters: {commands: ['echo per-target']}, applyOnlyAtCronInterval: false});
    const ended = async () => (await api.executions(created.associationId))[0]?.status === 'Success';
    await expect.poll(ended, {timeout: 20_000}).toBe(true);
    const {press, frame} = await setup();
    await press(':', ...'sm', '\r');
    await frame((s) => s.includes('per-target-results'), 'the associations');
    await press('/', ...'per-target-results', '\r');
    await frame((s) => /Associations 1\//.test(s), 'the association alone');
    local.fleet.resetRequestCounts();
    await press('t');
    const targeted = await frame((s) => s.includes('3 instances · 3 success · 0 failed · 0 pending') && /Success\s+\d+s\s/.test(s), 'each target with its result');
    for (const i of marked) expect(targeted).toContain(i);
    const counts = local.fleet.requestCounts();
    expect(counts['ssm:DescribeInstanceAssociationsStatus'] ?? 0).toBe(0);
    expect(counts['ssm:DescribeAssociationExecutionTargets']).toBe(1);
    await api.delete(created.associationId);
  }, 40_000);

  it('E edits an association in the create form, prefilled: the schedule and a parameter, asked with what changes, audited; read-only refuses', async () => {
    const api = associationsApi(local.aws);
    const created = await api.create({documentName: 'AWS-RunShellScript', name: 'edit-me', targets: [{Key: 'tag:Desired', Values: ['marker']}],
      parameters: {commands: ['echo before']}, scheduleExpression: 'rate(30 minutes)', maxConcurrency: '2', maxErrors: '1',
      complianceSeverity: 'LOW', applyOnlyAtCronInterval: false});
    const {press, frame} = await setup();
    await press(':', ...'sm', '\r');
    await frame((s) => s.includes('edit-me'), 'the associations');
    await press('/', ...'edit-me', '\r');
    await frame((s) => /Associations 1\//.test(s), 'the association alone');
    await press('E');
    const form = await frame((s) => s.includes(`Edit association ${created.associationId} (version 1)`) && s.includes('nothing changed yet'), 'the form, prefilled');
    expect(form).toMatch(/Targets\s+tag:Desired=marker/);
    expect(form).toMatch(/Schedule\s+rate\(30 minutes\)/);
    expect(form).toMatch(/Parameters\s+commands=echo before/);
    expect(form).toMatch(/Concurrency\s+2/);
    expect(form).toMatch(/Severity\s+LOW/);
    await press('s', '\x15', ...'cron(0 4 ? * MON *)');
    await frame((s) => /next: Mon \d+ /.test(s), 'the next runs while typed');
    await press('\r', 'p', ...'commands=echo after', '\r');
    await frame((s) => s.includes('enter saves 2 changes'), 'two changes');
    await press('\r');
    await frame((s) => s.includes('Update the association: schedule: rate(30 minutes) → cron(0 4 ? * MON *); parameters: commands=echo before → commands=echo after?'),
      'the question with what changes');
    await press('y');
    await frame((s) => /Version\s+2/.test(s) && /Schedule\s+cron\(0 4 \? \* MON \*\)/.test(s), 'the association at its new version');
    const res = await local.aws.ssm.send(new DescribeAssociationCommand({AssociationId: created.associationId}));
    expect(res.AssociationDescription).toMatchObject({AssociationVersion: '2', ScheduleExpression: 'cron(0 4 ? * MON *)', Parameters: {commands: ['echo after']},
      AssociationName: 'edit-me', MaxConcurrency: '2', MaxErrors: '1', ComplianceSeverity: 'LOW', Targets: [{Key: 'tag:Desired', Values: ['marker']}]});
    expect(readAudit().find((e) => e['action'] === 'UpdateAssociation')).toMatchObject({associationId: created.associationId, associationVersion: '2', via: 'dashboard'});
    const ro = await setup(true);
    await ro.press(':', ...'sm', '\r');
    await ro.frame((s) => s.includes('edit-me'), 'the associations');
    await ro.press('/', ...'edit-me', '\r', 'E');
    await ro.frame((s) => s.includes('read-only mode: editing associations is off'), 'edit refused');
    await api.delete(created.associationId);
  }, 40_000);
});
