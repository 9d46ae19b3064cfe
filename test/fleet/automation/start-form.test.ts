// The start-a-runbook form as pure data: marked instances to the instance parameter, lists split, required and
// allowed values checked as SSM checks them, rate-controlled targets fanned out on a parameter, the aws CLI line,
// the next step of an Interactive run, and the exit codes of a headless wait.
import {describe, expect, it} from 'vitest';
import {exitCodeFor} from '../../../src/fleet/automation/execution.js';
import {nextStep, runbookOutline} from '../../../src/fleet/automation/runbook.js';
import {openStartForm, parameterHint, setValue, startCliLine, startRequest, withSchema} from '../../../src/fleet/automation/start-form.js';

const RUNBOOK = JSON.stringify({schemaVersion: '0.3', parameters: {
  InstanceId: {type: 'StringList'},
  Level: {type: 'String', default: 'low', allowedValues: ['low', 'high']},
  Ticket: {type: 'String', allowedPattern: 'INC-\\d+'},
}, mainSteps: [{name: 'a', action: 'aws:sleep'}, {name: 'b', action: 'aws:sleep', nextStep: 'd'}, {name: 'c', action: 'aws:sleep'}, {name: 'd', action: 'aws:sleep', isEnd: true}]});
const outline = runbookOutline(RUNBOOK);
const form = withSchema(openStartForm('Ops-Restart', ['i-1', 'i-2']), outline.params);
const set = (text: string, f = form) => {
  const r = setValue(f, text);
  if (!r.ok) throw new Error(r.error);
  return r.form;
};

describe('start form', () => {
  it('gives the marked instances to the instance parameter and fans out on it by default', () => {
    expect(form.values).toEqual({InstanceId: 'i-1,i-2'});
    expect(form.targetParameterName).toBe('InstanceId');
  });

  it.each([
    ['Ticket missing', form, 'parameter "Ticket" is required'],
    ['a value not allowed', set('Level=medium', set('Ticket=INC-1')), 'parameter "Level": "medium" is not one of low, high'],
    ['a pattern not matched', set('Ticket=oops'), 'parameter "Ticket": "oops" does not match INC-\\d+'],
    ['targets with nothing marked', {...set('Ticket=INC-1', {...form, marked: []}), targetText: 'marked'}, 'no instances are marked'],
    ['a bad max concurrency', {...set('Ticket=INC-1'), targetText: 'tag:Env=prod', maxConcurrency: 'lots'}, 'MaxConcurrency'],
  ])('refuses %s', (_what, f, error) => {
    const r = startRequest(f);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join('\n')).toContain(error);
  });

  it('splits lists, leaves defaults to SSM and sends rate control only with targets', () => {
    const r = startRequest(set('Ticket=INC-7'));
    expect(r).toEqual({ok: true, request: {documentName: 'Ops-Restart', parameters: {InstanceId: ['i-1', 'i-2'], Ticket: ['INC-7']}, mode: 'Auto'}});
    const fanned = startRequest({...set('Ticket=INC-7'), targetText: 'tag:Env=prod,staging', maxConcurrency: '20%', maxErrors: '2'});
    expect(fanned.ok && fanned.request).toMatchObject({parameters: {Ticket: ['INC-7']}, targetParameterName: 'InstanceId',
      targets: [{key: 'tag:Env', values: ['prod', 'staging']}], maxConcurrency: '20%', maxErrors: '2'});
    if (fanned.ok) {
      expect(startCliLine(fanned.request, {region: 'us-east-1'})).toBe("aws ssm start-automation-execution --document-name 'Ops-Restart' --parameters '{\"Ticket\":[\"INC-7\"]}' "
        + "--target-parameter-name 'InstanceId' --targets 'Key=tag:Env,Values=prod,staging' --max-concurrency '20%' --max-errors '2' --region 'us-east-1'");
    }
  });

  it('refuses an unknown parameter name and says what the runbook takes; an empty value goes back to the default', () => {
    expect(setValue(form, 'Nope=1')).toEqual({ok: false, error: 'unknown parameter "Nope" (this runbook takes: InstanceId, Level, Ticket)'});
    expect(set('Level=', set('Level=high')).values).toEqual({InstanceId: 'i-1,i-2'});
  });

  it('describes each parameter as the form shows it', () => {
    expect(outline.params.map(parameterHint)).toEqual(['StringList · required', 'String · default "low" · one of low|high', 'String · required · matches INC-\\d+']);
  });
});

describe('runbook outline', () => {
  it.each([
    [[], 'a'], [['a'], 'b'], [['a', 'b'], 'd'], [['a', 'b', 'd'], undefined],
  ])('after %j the next step is %s', (ran, next) => {
    expect(nextStep(outline, ran)).toBe(next);
  });

  it('reads YAML runbooks too', () => {
    expect(runbookOutline('schemaVersion: "0.3"\nparameters:\n  X: {type: String}\nmainSteps:\n  - name: one\n    action: aws:sleep\n', 'YAML'))
      .toMatchObject({params: [{name: 'X', type: 'String'}], steps: [{name: 'one'}]});
  });
});

describe('headless exit codes', () => {
  it.each([['Success', 0], ['Failed', 1], ['Cancelled', 3], ['TimedOut', 4], ['Rejected', 1]])('%s → %i', (status, code) => {
    expect(exitCodeFor(status)).toBe(code);
  });
});
