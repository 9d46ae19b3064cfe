// The create-association form's rules (targets, schedule as State Manager accepts it, rate control, name,
// apply-only-at-cron-interval), the schedule preview, and which instances targets name.
import {describe, expect, it} from 'vitest';
import {createRequest, nextSeverity, openCreateForm, setParameter, type CreateForm} from '../../../src/fleet/associations/create-form.js';
import {previewSchedule, nextRunOf} from '../../../src/fleet/associations/schedule-preview.js';
import {targetedInstances} from '../../../src/fleet/associations/target-match.js';
import {countsText, targetsText} from '../../../src/fleet/associations/association.js';
import type {ManagedInstance} from '../../../src/fleet/instances/instance.js';

const form = (over: Partial<CreateForm> = {}): CreateForm => ({...openCreateForm('AWS-RunShellScript', ['i-0123456789abcdef0']), ...over});
const error = (f: CreateForm) => {
  const r = createRequest(f);
  return r.ok ? undefined : r.error;
};

describe('create form', () => {
  it('sends the marked instances, or the typed expression, with the schedule, rate control and severity', () => {
    const r = createRequest(form({parameters: {commands: 'echo a\necho b'}, severity: 'HIGH', name: 'nightly'}));
    expect(r).toEqual({ok: true, request: {documentName: 'AWS-RunShellScript', targets: [{Key: 'InstanceIds', Values: ['i-0123456789abcdef0']}],
      applyOnlyAtCronInterval: false, parameters: {commands: ['echo a', 'echo b']}, maxConcurrency: '50', maxErrors: '0', complianceSeverity: 'HIGH',
      scheduleExpression: 'rate(30 minutes)', name: 'nightly'}});
    const t = createRequest(form({targetText: 'tag:Env=prod,staging tag-key:Team'}));
    expect(t.ok && t.request.targets).toEqual([{Key: 'tag:Env', Values: ['prod', 'staging']}, {Key: 'tag-key', Values: ['Team']}]);
  });

  it('refuses what State Manager refuses, before sending', () => {
    expect(error(form({marked: []}))).toMatch(/no targets/);
    expect(error(form({schedule: 'rate(5 minutes)'}))).toMatch(/too frequent/);
    expect(error(form({schedule: 'cron(15 10 * * ? *)'}))).toBeUndefined();
    expect(error(form({schedule: 'cron(0/5 * * * ? *)'}))).toMatch(/not a cron expression associations accept/);
    expect(error(form({applyOnlyAtCronInterval: true}))).toMatch(/needs a cron schedule, not a rate/);
    expect(error(form({schedule: '', applyOnlyAtCronInterval: true}))).toMatch(/needs a cron schedule/);
    expect(error(form({maxConcurrency: '0'}))).toMatch(/MaxConcurrency/);
    expect(error(form({maxErrors: '101%'}))).toMatch(/MaxErrors/);
    expect(error(form({name: 'a b'}))).toMatch(/3 to 128/);
    expect(error(form({targetText: 'tag:Env'}))).toMatch(/needs a key and values/);
  });

  it('sets and removes parameters, cycles severities', () => {
    const set = setParameter(form(), 'commands=uptime');
    expect(set.ok && set.form.parameters).toEqual({commands: 'uptime'});
    const removed = set.ok ? setParameter(set.form, 'commands=') : set;
    expect(removed.ok && removed.form.parameters).toEqual({});
    expect(setParameter(form(), 'nonsense').ok).toBe(false);
    expect(nextSeverity('UNSPECIFIED')).toBe('CRITICAL');
    expect(nextSeverity('CRITICAL')).toBe('HIGH');
  });
});

describe('schedule preview', () => {
  const now = Date.UTC(2026, 11, 6, 7, 0); // a Sunday
  it('gives the next runs of a cron in order, and of a rate from its last run', () => {
    const p = previewSchedule('cron(0 2 ? * SUN *)', now, 3);
    expect(p).toEqual({ok: true, runs: [Date.UTC(2026, 11, 13, 2), Date.UTC(2026, 11, 20, 2), Date.UTC(2026, 11, 27, 2)]});
    expect(nextRunOf({scheduleExpression: 'rate(1 day)', lastExecutionAt: now - 3_600_000}, now)).toBe(now + 23 * 3_600_000);
    expect(nextRunOf({}, now)).toBeUndefined();
    expect(previewSchedule('rate(10 minutes)', now, 3).ok).toBe(false);
  });
});

describe('targets', () => {
  const inst = (id: string, tags: Record<string, string>) => ({instanceId: id, tags} as unknown as ManagedInstance);
  const fleet = [inst('i-1', {Env: 'prod', Team: 'a'}), inst('i-2', {Env: 'dev'}), inst('i-3', {Env: 'prod'})];
  it('resolves ids, tags and tag keys, ANDed; resource groups are left to AWS', () => {
    expect(targetedInstances({targets: [{Key: 'InstanceIds', Values: ['*']}]}, fleet)?.length).toBe(3);
    expect(targetedInstances({targets: [{Key: 'tag:Env', Values: ['prod']}, {Key: 'tag-key', Values: ['Team']}]}, fleet)?.map((i) => i.instanceId)).toEqual(['i-1']);
    expect(targetedInstances({targets: [{Key: 'resource-groups:Name', Values: ['web']}]}, fleet)).toBeUndefined();
    expect(targetedInstances({targets: [], instanceId: 'i-2'}, fleet)?.map((i) => i.instanceId)).toEqual(['i-2']);
  });

  it('says targets and counts as a user reads them', () => {
    expect(targetsText({targets: [{Key: 'tag:Env', Values: ['prod', 'dev']}, {Key: 'tag-key', Values: ['Team']}]})).toBe('tag:Env=prod,dev tag-key:Team');
    expect(targetsText({targets: [{Key: 'InstanceIds', Values: ['*']}]})).toBe('all nodes');
    expect(countsText({Success: 5, Failed: 2, Pending: 0})).toBe('2 Failed 5 Success');
  });
});
