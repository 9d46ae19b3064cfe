import {describe, expect, it} from 'vitest';
import {parseContextSettings} from '../../../src/fleet/contexts/context-config.js';

describe('parseContextSettings', () => {
  it('reads contexts, groups, the request cap and the org sync', () => {
    const {settings, errors} = parseContextSettings({
      contexts: {'prod-use1': {profile: 'acct-prod', region: 'us-east-1', endpoint: 'https://ssm.example', readOnly: true,
        protected: true, colour: '#ff8800', alias: 'prod east'}},
      contextGroups: {prod: ['prod-use1', 'acct-prod:eu-west-1', 'acct-prod:us-east-2']},
      maxConcurrentRequests: 4,
      org: {syncName: 'org-nodes', roleName: 'FleetdeckOperator'},
    });
    expect(errors).toEqual([]);
    expect(settings.contexts['prod-use1']).toEqual({name: 'prod-use1', profile: 'acct-prod', region: 'us-east-1',
      endpoint: 'https://ssm.example', readOnly: true, protected: true, colour: '#ff8800', alias: 'prod east'});
    expect(settings.contextGroups).toEqual({prod: ['prod-use1', 'acct-prod:eu-west-1', 'acct-prod:us-east-2']});
    expect(settings.maxConcurrentRequests).toBe(4);
    expect(settings.org).toEqual({syncName: 'org-nodes', roleName: 'FleetdeckOperator'});
    // Without a sync name the org view reads Quick Setup's, as the console does: a role alone is a whole setting.
    expect(parseContextSettings({org: {roleName: 'FleetdeckOperator'}})).toEqual({settings: expect.objectContaining({org: {roleName: 'FleetdeckOperator'}}), errors: []});
    expect(parseContextSettings({}).settings.maxConcurrentRequests).toBe(8);
  });

  it('takes profile names with spaces, as ~/.aws/config may hold them', () => {
    const {settings, errors} = parseContextSettings({contexts: {ops: {profile: 'ops team', region: 'eu-west-1'}}, contextGroups: {g: ['ops team:eu-west-1']}});
    expect(errors).toEqual([]);
    expect(settings.contextGroups.g).toEqual(['ops']);
    expect(parseContextSettings({contexts: {p: {profile: 'a,b', region: 'eu-west-1'}}}).errors.join()).toMatch(/contexts\.p\.profile must be a profile name/);
  });

  it('a group member typed as profile:region is the configured context at that place', () => {
    const {settings} = parseContextSettings({contexts: {p: {profile: 'acct', region: 'us-east-1'}}, contextGroups: {g: ['acct:us-east-1']}});
    expect(settings.contextGroups.g).toEqual(['p']);
  });

  it.each([
    [{contexts: {p: {profile: 'a'}}}, 'contexts.p.region must be an AWS region such as "us-east-1"'],
    [{contexts: {p: {region: 'mars-1'}}}, 'contexts.p.region must be an AWS region such as "us-east-1" (got "mars-1")'],
    [{contexts: {p: {region: 'us-east-1', colour: 'plaid'}}}, 'contexts.p.colour must be a colour name'],
    [{contexts: {p: {region: 'us-east-1', readonly: true}}}, 'contexts.p: unknown field "readonly"'],
    [{contexts: {p: {region: 'us-east-1', endpoint: 'localhost'}}}, 'contexts.p.endpoint must be an http(s) URL'],
    [{contexts: {'a b': {region: 'us-east-1'}}}, 'contexts: "a b" is not a usable context name'],
    [{contexts: {p: {profile: 'x', region: 'us-east-1'}, q: {profile: 'x', region: 'us-east-1'}}}, 'contexts.q is the same place as contexts.p (x:us-east-1)'],
    [{contextGroups: {g: ['nope']}}, 'contextGroups.g: unknown context "nope"; name one under "contexts" or write profile:region'],
    [{contextGroups: {g: []}}, 'contextGroups.g must be a non-empty list'],
    [{contexts: {p: {region: 'us-east-1'}}, contextGroups: {g: ['p', 'default:us-east-1']}}, 'contextGroups.g lists "default:us-east-1" (the context p) twice'],
    [{contexts: {p: {region: 'us-east-1'}}, contextGroups: {p: ['p']}}, 'contextGroups.p: "p" is already a context\'s name'],
    [{maxConcurrentRequests: 0}, 'maxConcurrentRequests must be a whole number from 1 to 100'],
    [{org: {syncName: 'bad name', roleName: 'x'}}, 'org.syncName must be the name of a resource data sync'],
    [{org: {syncName: 's', roleName: 'arn:aws:iam::1:role/x'}}, 'org.roleName must be an IAM role name (not an ARN)'],
  ])('names the field and the fix: %j', (raw, message) => {
    expect(parseContextSettings(raw).errors.join('; ')).toContain(message);
  });
});
