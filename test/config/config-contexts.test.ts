import {describe, expect, it} from 'vitest';
import {ConfigFileError, validateConfig} from '../../src/config/config.js';

describe('config: contexts', () => {
  it('carries contexts, groups, the request cap and the org sync with the other settings', () => {
    const cfg = validateConfig({refreshSeconds: 10, contexts: {'prod-use1': {profile: 'acct-prod', region: 'us-east-1'}},
      contextGroups: {prod: ['prod-use1']}, maxConcurrentRequests: 3, org: {syncName: 'org-nodes'}}, 'c.json');
    expect(cfg).toMatchObject({refreshSeconds: 10, maxConcurrentRequests: 3, contextGroups: {prod: ['prod-use1']}, org: {syncName: 'org-nodes'}});
    expect(cfg.contexts['prod-use1']).toEqual({name: 'prod-use1', profile: 'acct-prod', region: 'us-east-1'});
    expect(validateConfig({}, 'c.json')).toMatchObject({contexts: {}, contextGroups: {}, maxConcurrentRequests: 8});
  });

  it('a bad context is an error of the file, with every other mistake', () => {
    expect(() => validateConfig({refreshSeconds: 0, contextGroups: {prod: ['gone']}}, 'c.json')).toThrow(ConfigFileError);
    expect(() => validateConfig({refreshSeconds: 0, contextGroups: {prod: ['gone']}}, 'c.json'))
      .toThrow(/^c\.json: refreshSeconds must be .*; contextGroups\.prod: unknown context "gone"/);
  });
});
