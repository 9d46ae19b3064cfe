// The pure parts of the local Automation engine, table-driven: JSONPath selectors and output types, `{{ }}`
// references, ISO 8601 durations for aws:sleep, and aws:branch choices.
import {describe, expect, it} from 'vitest';
import {choiceMatches, isoDurationMs} from '../../../../src/local/ssm/automation/actions/flow-actions.js';
import {outputValue, resolveInputs, select, UnresolvedReference} from '../../../../src/local/ssm/automation/values.js';

const ec2 = {Reservations: [
  {Instances: [{InstanceId: 'i-1', State: {Name: 'running'}, Tags: [{Key: 'Name', Value: 'web'}]}, {InstanceId: 'i-2', State: {Name: 'stopped'}}]},
  {Instances: [{InstanceId: 'i-3', State: {Name: 'running'}}]},
]};

describe('selectors', () => {
  it.each([
    ['$.Reservations[0].Instances[0].InstanceId', ['i-1']],
    ['$.Reservations[1].Instances[0].State.Name', ['running']],
    ['$.Reservations[0].Instances[*].InstanceId', ['i-1', 'i-2']],
    ['$.Reservations..Instances..InstanceId', ['i-1', 'i-2', 'i-3']],
    ["$.Reservations[0].Instances[0].Tags[0]['Value']", ['web']],
    ['$.Reservations[5].Instances', []],
    ['$.Nothing.Here', []],
  ])('%s', (selector, expected) => {
    expect(select(ec2, selector)).toEqual(expected);
  });

  it('refuses what is not a JSONPath', () => {
    expect(() => select(ec2, 'Reservations')).toThrow(/does not start with \$/);
    expect(() => select(ec2, '$.a[?(@.b)]')).toThrow(/not a JSONPath/);
  });

  it.each([
    ['$.Reservations..Instances..InstanceId', 'StringList', ['i-1', 'i-2', 'i-3']],
    ['$.Reservations[0].Instances[0].InstanceId', 'String', 'i-1'],
    ['$.n', 'Integer', 42],
    ['$.flag', 'Boolean', true],
    ['$.map', 'StringMap', {a: 'b'}],
    ['$.n', 'String', '42.7'],
  ])('%s as %s', (selector, type, expected) => {
    expect(outputValue({...ec2, n: 42.7, flag: 'true', map: {a: 'b'}}, selector, type)).toEqual(expected);
  });
});

describe('references', () => {
  const vars = new Map<string, unknown>([['Ids', ['i-1', 'i-2']], ['Name', 'web'], ['step.Count', 3]]);

  it('keeps the type of a whole-string reference and interpolates the others', () => {
    expect(resolveInputs({InstanceIds: '{{ Ids }}', Message: 'restart {{Name}} ({{ step.Count }}) on {{ Ids }}', Nested: [{Value: '{{ step.Count }}'}]}, vars))
      .toEqual({InstanceIds: ['i-1', 'i-2'], Message: 'restart web (3) on i-1,i-2', Nested: [{Value: 3}]});
  });

  it('fails on a reference to nothing', () => {
    expect(() => resolveInputs({X: '{{ missing.Output }}'}, vars)).toThrow(UnresolvedReference);
  });
});

describe('aws:sleep durations', () => {
  it.each([
    ['PT10M', 600_000], ['PT30S', 30_000], ['PT1H30M', 5_400_000], ['P1DT2H', 93_600_000], ['PT0.5S', 500], ['PT0S', 0],
  ])('%s is %d ms', (text, ms) => {
    expect(isoDurationMs(text)).toBe(ms);
  });

  it.each(['10M', 'P', 'PT', 'P1W', 'PT-5S'])('%s is not a duration', (text) => {
    expect(isoDurationMs(text)).toBeUndefined();
  });
});

describe('aws:branch choices', () => {
  it.each([
    [{Variable: 'web-1', StringEquals: 'web-1'}, true],
    [{Variable: 'WEB', EqualsIgnoreCase: 'web'}, true],
    [{Variable: 'web-1', StartsWith: 'db'}, false],
    [{Variable: 'web-1', Contains: 'b-'}, true],
    [{Variable: 11, NumericGreater: 10}, true],
    [{Variable: '10', NumericLesserOrEquals: 10}, true],
    [{Variable: 'ten', NumericEquals: 10}, false],
    [{Variable: true, BooleanEquals: true}, true],
    [{And: [{Variable: 'a', StringEquals: 'a'}, {Not: {Variable: 'b', StringEquals: 'c'}}]}, true],
    [{Or: [{Variable: 'a', StringEquals: 'x'}, {Variable: 'b', EndsWith: 'b'}]}, true],
  ])('%j → %s', (choice, expected) => {
    expect(choiceMatches(choice)).toBe(expected);
  });
});
