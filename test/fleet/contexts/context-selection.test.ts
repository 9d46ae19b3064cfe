import {describe, expect, it} from 'vitest';
import {parseContextSettings} from '../../../src/fleet/contexts/context-config.js';
import {ContextSelectionError, localContextSpecs, selectContexts} from '../../../src/fleet/contexts/context-selection.js';

const none = {contexts: {}, contextGroups: {}};
const config = parseContextSettings({
  contexts: {
    'prod-use1': {profile: 'acct-prod', region: 'us-east-1', protected: true, colour: 'red', alias: 'prod'},
    'dev-euw1': {profile: 'acct-dev', region: 'eu-west-1', readOnly: true},
  },
  contextGroups: {prod: ['prod-use1', 'acct-prod:eu-west-1'], all: ['prod-use1', 'dev-euw1']},
}).settings;

describe('selectContexts', () => {
  it('one context without flags: the default credentials in the configured region, named once the region is known', () => {
    expect(selectContexts({}, none)).toEqual([{name: 'default', region: ''}]);
    expect(selectContexts({profile: 'ops'}, none)).toEqual([{name: 'ops', region: '', profile: 'ops'}]);
    expect(selectContexts({region: 'eu-west-1'}, none)).toEqual([{name: 'default:eu-west-1', region: 'eu-west-1'}]);
  });

  it('--profile a,b --region x,y is every profile in every region, named profile:region', () => {
    const specs = selectContexts({profile: 'a,b', region: 'us-east-1,eu-west-1', endpoint: 'http://127.0.0.1:4566'}, none);
    expect(specs.map((s) => s.name)).toEqual(['a:us-east-1', 'a:eu-west-1', 'b:us-east-1', 'b:eu-west-1']);
    expect(specs[3]).toEqual({name: 'b:eu-west-1', profile: 'b', region: 'eu-west-1', endpoint: 'http://127.0.0.1:4566'});
  });

  it('a place the config names is that context, protections included, however it is typed', () => {
    const [spec] = selectContexts({profile: 'acct-prod', region: 'us-east-1'}, config);
    expect(spec).toMatchObject({name: 'prod-use1', protected: true, colour: 'red'});
  });

  it('--context picks contexts and groups (members once), and profile:region places', () => {
    expect(selectContexts({context: 'prod'}, config).map((s) => s.name)).toEqual(['prod-use1', 'acct-prod:eu-west-1']);
    expect(selectContexts({context: 'prod,all'}, config).map((s) => s.name)).toEqual(['prod-use1', 'acct-prod:eu-west-1', 'dev-euw1']);
    expect(selectContexts({context: 'acct-dev:eu-west-1'}, config)).toEqual([config.contexts['dev-euw1']]);
    expect(selectContexts({context: 'other:ap-south-1'}, config)).toEqual([{name: 'other:ap-south-1', profile: 'other', region: 'ap-south-1'}]);
  });

  it.each([
    [{context: 'nope'}, /--context: unknown context "nope"; the config names contexts prod-use1, dev-euw1 and groups prod, all/],
    [{context: 'prod', profile: 'a'}, /cannot be combined with --profile or --region/],
    [{context: 'prod', endpoint: 'http://x:1'}, /set "endpoint" on the context in the config/],
    [{profile: 'a,,b'}, /--profile has an empty name in "a,,b"/],
    [{profile: 'a,a'}, /--profile names "a" twice/],
    [{region: 'us-east-1,moon-1'}, /--region: "moon-1" is not a valid AWS region/],
    [{context: 'prod,prod'}, /--context names "prod" twice/],
  ])('refuses %j', (sel, message) => {
    expect(() => selectContexts(sel, config)).toThrow(ContextSelectionError);
    expect(() => selectContexts(sel, config)).toThrow(message);
  });

  it('says how to name contexts when the config has none', () => {
    expect(() => selectContexts({context: 'prod'}, none)).toThrow(/the config names no contexts yet: add "contexts"/);
  });

  it('names the local fleet partitions local-<n>:<region>', () => {
    expect(localContextSpecs([{account: 1, region: 'us-east-1'}, {account: 2, region: 'eu-west-1'}]))
      .toEqual([{name: 'local-1:us-east-1', region: 'us-east-1'}, {name: 'local-2:eu-west-1', region: 'eu-west-1'}]);
  });
});
