import {describe, expect, it} from 'vitest';
import {compileFilter} from '../../../src/fleet/filter.js';
import {parameterFilterSchema} from '../../../src/fleet/parameters/parameter-filter.js';
import type {Parameter} from '../../../src/fleet/parameters/parameter.js';

const param = (name: string, over: Partial<Parameter> = {}): Parameter => ({
  name, type: 'String', version: 1, arn: undefined, tier: 'Standard', lastModified: undefined,
  lastModifiedUser: 'arn:aws:iam::111122223333:user/alice', dataType: 'text', description: undefined,
  allowedPattern: undefined, keyId: undefined, policies: [], ...over,
});

const rows = [
  param('/app/prod/db/password', {type: 'SecureString'}),
  param('/app/prod/db/host'),
  param('/app/production/flag', {tier: 'Advanced', lastModifiedUser: 'arn:aws:sts::1:assumed-role/Admin/carol'}),
  param('/app/staging/db/host', {policies: [{type: 'Expiration', status: 'Pending', text: '{}'}]}),
];

function names(filter: string): string[] {
  const f = compileFilter(filter, parameterFilterSchema);
  if (!f.ok) throw new Error(f.error);
  return rows.filter(f.predicate).map((p) => p.name);
}

describe('the Parameter Store filter', () => {
  it('path: holds the path and what is under it, not a longer sibling', () => {
    expect(names('path:/app/prod')).toEqual(['/app/prod/db/password', '/app/prod/db/host']);
    expect(names('path:/app/prod/')).toEqual(['/app/prod/db/password', '/app/prod/db/host']);
  });

  it('type, tier, who modified it and policies', () => {
    expect(names('type:secure')).toEqual(['/app/prod/db/password']);
    expect(names('!type:securestring path:/app/prod')).toEqual(['/app/prod/db/host']);
    expect(names('tier:adv')).toEqual(['/app/production/flag']);
    expect(names('by:carol')).toEqual(['/app/production/flag']);
    expect(names('policy:expiration')).toEqual(['/app/staging/db/host']);
  });

  it('free text searches the names; a bad value says what is valid', () => {
    expect(names('staging host')).toEqual(['/app/staging/db/host']);
    const bad = compileFilter('type:binary', parameterFilterSchema);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/parameter type/);
  });
});
