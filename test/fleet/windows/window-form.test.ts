// The maintenance window form and the detail's register lines as data: what is sent, or SSM's reason to refuse it,
// before anything is sent.
import {describe, expect, it} from 'vitest';
import {editWindowForm, newWindowForm, parseRunCommandTask, parseWindowTargets, windowRequest} from '../../../src/fleet/windows/window-form.js';

const NOW = Date.UTC(2026, 11, 6, 8, 0);

describe('window form', () => {
  it.each([
    [{name: 'ok'}, /name: 3 to 128/],
    [{name: 'nightly', duration: 'two'}, /duration "two" must be a whole number/],
    [{name: 'nightly', schedule: 'cron(0 2 * * *)'}, /needs 6 fields/],
    [{name: 'nightly', timeZone: 'Mars/Base'}, /Invalid ScheduleTimezone Mars\/Base/],
    [{name: 'nightly', duration: '2', cutoff: '2'}, /cutoff \(2 hours\) must be less than the duration/],
  ])('refuses %o', (change, error) => {
    const r = windowRequest({...newWindowForm(), ...change}, NOW);
    expect(r.ok ? '' : r.error).toMatch(error);
  });

  it('sends the window with its time zone (none when UTC is meant), and edits keep what SSM has', () => {
    expect(windowRequest({...newWindowForm(), name: 'nightly', timeZone: ' Europe/Paris '}, NOW)).toEqual({ok: true, window: {
      name: 'nightly', schedule: 'cron(0 2 ? * SUN *)', timeZone: 'Europe/Paris', durationHours: 3, cutoffHours: 1, allowUnassociatedTargets: false}});
    const r = windowRequest({...newWindowForm(), name: 'nightly'}, NOW);
    expect(r.ok && 'timeZone' in r.window).toBe(false);
    expect(editWindowForm({windowId: 'mw-0123456789abcdef0', name: 'w', schedule: 'rate(1 day)', durationHours: 4, cutoffHours: 0, enabled: true,
      allowUnassociatedTargets: true})).toEqual({windowId: 'mw-0123456789abcdef0', name: 'w', schedule: 'rate(1 day)', timeZone: '', duration: '4',
      cutoff: '0', allowUnassociatedTargets: true});
  });
});

describe('register lines', () => {
  it('targets: a tag expression, ids, or the marked instances', () => {
    expect(parseWindowTargets('tag:Env=prod,staging', [])).toEqual({ok: true, target: {targets: [{Key: 'tag:Env', Values: ['prod', 'staging']}], resourceType: 'INSTANCE'}});
    expect(parseWindowTargets('  ', ['i-1', 'i-2'])).toEqual({ok: true, target: {targets: [{Key: 'InstanceIds', Values: ['i-1', 'i-2']}], resourceType: 'INSTANCE'}});
    expect(parseWindowTargets('', [])).toMatchObject({ok: false, error: expect.stringMatching(/mark instances first/)});
  });

  it('a Run Command task: parameters (words without = continue a value), rate control and priority', () => {
    expect(parseRunCommandTask('AWS-RunPatchBaseline Operation=Install RebootOption=NoReboot concurrency=2 errors=10% priority=3', ['t1'])).toEqual({ok: true, task: {
      documentName: 'AWS-RunPatchBaseline', targets: [{Key: 'WindowTargetIds', Values: ['t1']}], parameters: {Operation: ['Install'], RebootOption: ['NoReboot']},
      maxConcurrency: '2', maxErrors: '10%', priority: 3}});
    expect(parseRunCommandTask('AWS-RunShellScript commands=echo hello world', ['t1'])).toMatchObject({ok: true, task: {parameters: {commands: ['echo hello world']}}});
    expect(parseRunCommandTask('AWS-RunShellScript', [])).toMatchObject({ok: false, error: expect.stringMatching(/no targets yet/)});
    expect(parseRunCommandTask('AWS-RunShellScript stray', ['t1'])).toMatchObject({ok: false, error: '"stray" must be name=value'});
    expect(parseRunCommandTask('AWS-RunShellScript priority=high', ['t1'])).toMatchObject({ok: false, error: expect.stringMatching(/priority "high"/)});
    expect(parseRunCommandTask('AWS-RunShellScript concurrency=0', ['t1'])).toMatchObject({ok: false});
  });
});
