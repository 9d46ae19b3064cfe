import {describe, expect, it} from 'vitest';
import {describeTargets, parseRunTargets} from '../../../src/fleet/run-command/run-targets.js';
import {compileFilter} from '../../../src/fleet/filter.js';
import {instanceFilterSchema} from '../../../src/fleet/instances/instance-filter.js';
import {makeFleet} from '../../helpers/instances.js';
import {parseDocumentSchema, parseParameterArgs, validateParameters} from '../../../src/fleet/run-command/document-params.js';

describe('run targets', () => {
  it('parses ids and expressions', () => {
    expect(parseRunTargets('i-0123456789abcdef0, mi-0123456789abcdef0 i-0123456789abcdef0')).toEqual({ok: true,
      value: {kind: 'ids', ids: ['i-0123456789abcdef0', 'mi-0123456789abcdef0']}});
    const t = parseRunTargets('tag:Env=prod,staging tag-key:Team resource-groups:web');
    expect(t).toEqual({ok: true, value: {kind: 'targets', targets: [
      {Key: 'tag:Env', Values: ['prod', 'staging']}, {Key: 'tag-key', Values: ['Team']},
      {Key: 'resource-groups:Name', Values: ['web']}]}});
    expect(t.ok && describeTargets(t.value)).toBe('tag:Env=prod,staging tag-key=Team resource-groups:Name=web');
  });

  it('quotes as the / filter does: spaces, commas and wildcard-looking characters inside quotes are text', () => {
    expect(parseRunTargets('tag:Team="Data Eng" tag:Env=prod,"a,b" resource-groups:"web [blue]"')).toEqual({ok: true,
      value: {kind: 'targets', targets: [{Key: 'tag:Team', Values: ['Data Eng']}, {Key: 'tag:Env', Values: ['prod', 'a,b']},
        {Key: 'resource-groups:Name', Values: ['web [blue]']}]}});
  });

  it.each([
    ['tag:Team="Data Eng', /unclosed quote/],
    ['', /no targets/],
    ['i-123', /not an instance id/],
    ['i-0123456789abcdef0,web-1', /not an instance id/],
    ['env=prod', /is not a target/],
    ['tag:Env', /needs a key and values/],
    ['tag:a=1 tag:b=1 tag:c=1 tag:d=1 tag:e=1 tag:f=1', /at most 5/],
    ['tag:Env=prod?', /"\?" is not a wildcard — only \* is a wildcard/],
    ['tag-key:Team[1]', /"\[" is not a wildcard/],
  ])('rejects %j', (text, msg) => {
    const r = parseRunTargets(text);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(msg);
  });
});

describe('one target syntax: what the run form accepts selects in the / filter too', () => {
  const fleet = makeFleet(9);
  it.each(['tag:Env=prod,staging', 'tag:Env=dev', 'tag-key:Env', 'tag:Env=prod tag-key:Name'])('%j', (text) => {
    const targets = parseRunTargets(text);
    expect(targets.ok).toBe(true);
    const filter = compileFilter(text, instanceFilterSchema);
    if (!filter.ok || !targets.ok || targets.value.kind !== 'targets') throw new Error(`${text} does not parse`);
    // What SSM's Targets select: every term holds; tag:K any of the values, tag-key any of the keys.
    const bySsm = fleet.filter((i) => targets.value.kind === 'targets' && targets.value.targets.every((t) =>
      (t.Key === 'tag-key' ? t.Values.some((k) => k in i.tags) : t.Values.includes(i.tags[t.Key.slice(4)] ?? '\0'))));
    expect(bySsm.length).toBeGreaterThan(0);
    expect(fleet.filter(filter.predicate).map((i) => i.instanceId)).toEqual(bySsm.map((i) => i.instanceId));
  });
});

describe('document parameters', () => {
  const schema = parseDocumentSchema(JSON.stringify({parameters: {
    commands: {type: 'StringList', minItems: 1, displayType: 'textarea'},
    workingDirectory: {type: 'String', default: ''},
    executionTimeout: {type: 'String', default: '3600', allowedPattern: '([1-9][0-9]{0,4})|(172800)'},
  }}));

  it('reads the schema', () => {
    expect(schema.map((p) => p.name)).toEqual(['commands', 'workingDirectory', 'executionTimeout']);
    expect(schema[0]).toMatchObject({type: 'StringList', minItems: 1});
  });

  it('validates with SSM rules: unknown, required, empty, allowedPattern (anchored), one value for String', () => {
    const p = (args: string[]) => {
      const r = parseParameterArgs(args);
      if (!r.ok) throw new Error(r.error);
      return validateParameters(schema, r.value);
    };
    expect(p(['commands=uptime', 'commands=df -h'])).toEqual([]);
    expect(p([])).toEqual(['parameter "commands" is required']);
    expect(p(['commands= '])).toEqual(['parameter "commands" must not be empty']);
    expect(p(['commands=x', 'color=red'])[0]).toMatch(/unknown parameter "color"/);
    expect(p(['commands=x', 'executionTimeout=abc'])[0]).toMatch(/does not match/);
    expect(p(['commands=x', 'executionTimeout=600x'])[0]).toMatch(/does not match/);
    expect(p(['commands=x', 'workingDirectory=/a', 'workingDirectory=/b'])[0]).toMatch(/takes one value/);
    expect(parseParameterArgs(['nope'])).toMatchObject({ok: false});
  });
});
