import {describe, expect, it} from 'vitest';
import {helpRequested, UsageError, validateArgs} from '../../src/cli/flags.js';
import {ConfigFileError, parseColumns, validateConfig} from '../../src/config/config.js';
import {csvCell, filterInstances, formatInstances} from '../../src/cli/instances-command.js';
import {complete, completions, parseCommand} from '../../src/command-bar.js';
import {makeInstance} from '../helpers/instances.js';

const v = (input: string[], flags: Record<string, unknown>, raw: string[] = []) => validateArgs(input, flags, raw);

describe('flags', () => {
  it('asks for the usage with --help or -h wherever it stands, but not after --', () => {
    expect(helpRequested(['run', '--help'])).toBe(true);
    expect(helpRequested(['local-fleet', '--accounts', '3', '-h'])).toBe(true);
    expect(helpRequested(['--help'])).toBe(true);
    expect(helpRequested(['run', '--targets', 'i-1', '--parameter', 'commands=x', '--', '--help'])).toBe(false);
    expect(helpRequested(['run', '--comment', '--helpful'])).toBe(false);
  });

  it('accepts the documented forms', () => {
    const a = v(['instances'], {local: true, output: 'json', nodes: '1000', seed: 'abc', filter: 'ping:online'});
    expect(a).toMatchObject({command: 'instances', local: true, output: 'json', nodes: 1000, seed: 'abc', filter: 'ping:online'});
    expect(v([], {}).command).toBe('dashboard');
    expect(v(['local-fleet'], {port: '4566'}).port).toBe(4566);
  });

  it('takes run --document-version as SSM does: a number, $LATEST or $DEFAULT', () => {
    const run = {targets: 'tag:Env=dev', document: 'Greeter'};
    expect(v(['run'], {...run, documentVersion: '3'}).run).toMatchObject({document: 'Greeter', documentVersion: '3'});
    expect(v(['run'], {...run, documentVersion: '$LATEST'}).run?.documentVersion).toBe('$LATEST');
    expect(v(['run'], run).run?.documentVersion).toBeUndefined();
    expect(() => v(['run'], {...run, documentVersion: 'v2'})).toThrow(/--document-version is a version number/);
  });

  it.each([
    [['bogus'], {}, [], /unknown command "bogus"/],
    [[], {}, ['--nope'], /unknown flag --nope/],
    [[], {output: 'xml'}, [], /--output must be table, json or csv/],
    [[], {nodes: '0'}, [], /--nodes must be a whole number from 1 to 50000/],
    [[], {nodes: 'abc'}, [], /--nodes/],
    [[], {port: '70000'}, [], /--port/],
    [[], {refresh: '0'}, [], /--refresh/],
    [[], {endpointUrl: 'localhost:4566'}, [], /--endpoint-url must be an http/],
    [[], {local: true, endpointUrl: 'http://127.0.0.1:1'}, [], /cannot be combined/],
    [['instances', 'extra'], {}, [], /unexpected argument "extra"/],
  ] as const)('rejects %j %j %j', (input, flags, raw, msg) => {
    expect(() => v([...input], {...flags}, [...raw])).toThrow(UsageError);
    expect(() => v([...input], {...flags}, [...raw])).toThrow(msg);
  });
});

describe('config', () => {
  it('validates every field and names what is wrong', () => {
    expect(validateConfig({refreshSeconds: 10, columns: ['Env'], readOnly: true}, 'c.json')).toMatchObject({
      refreshSeconds: 10, columns: ['Env'], readOnly: true, maxFps: 30,
    });
    expect(() => validateConfig({refreshSeconds: 0}, 'c.json')).toThrow(/refreshSeconds must be/);
    expect(validateConfig({}, 'c.json').confirmAbove).toBe(10);
    expect(validateConfig({confirmAbove: 0}, 'c.json').confirmAbove).toBe(0);
    expect(() => validateConfig({confirmAbove: 2.5}, 'c.json')).toThrow(/confirmAbove must be a whole number/);
    expect(() => validateConfig({colour: 'red'}, 'c.json')).toThrow(/unknown setting "colour"/);
    expect(() => validateConfig([], 'c.json')).toThrow(ConfigFileError);
    expect(parseColumns('Env, Team')).toEqual(['Env', 'Team']);
    expect(() => parseColumns('Env,bad\u0007')).toThrow(/not a tag key/);
  });
});

describe('command bar', () => {
  it('resolves names and aliases, completes, and explains unknown commands', () => {
    expect(parseCommand('mi')).toEqual({kind: 'view', id: 'instances'});
    expect(parseCommand(' Instances ')).toEqual({kind: 'view', id: 'instances'});
    expect(parseCommand('q')).toEqual({kind: 'quit'});
    expect(parseCommand('help')).toEqual({kind: 'help'});
    const bad = parseCommand('nodez');
    expect(bad.kind === 'error' && bad.message).toMatch(/unknown command "nodez" — try one of: instances/);
    expect(complete('inst')).toBe('instances');
    expect(completions('ins')[0]).toMatch(/^instances/);
  });

  it('passes an argument to the views that take one, with their own errors', () => {
    expect(parseCommand('inv Name=openssl Version<3.0.8')).toEqual({kind: 'view', id: 'inventory',
      then: {view: 'inventory-instances', arg: 'AWS:Application Name=openssl Version<3.0.8'}});
    expect(parseCommand('inventory AWS:Service Name=sshd')).toEqual({kind: 'view', id: 'inventory',
      then: {view: 'inventory-instances', arg: 'AWS:Service Name=sshd'}});
    const badVersion = parseCommand('inv Name=openssl Version<latest');
    expect(badVersion.kind === 'error' && badVersion.message).toMatch(/"latest" is not a version/);
    const badAttr = parseCommand('inv Colour=red');
    expect(badAttr.kind === 'error' && badAttr.message).toMatch(/AWS:Application has no attribute "Colour" — use one of: .*Name/);
    const noArg = parseCommand('instances foo');
    expect(noArg.kind === 'error' && noArg.message).toBe(':instances takes no argument');
    const unknown = parseCommand('nodez foo');
    expect(unknown.kind === 'error' && unknown.message).toMatch(/unknown command "nodez"/);
  });
});

describe('headless instances output', () => {
  const rows = [
    makeInstance({instanceId: 'i-0aaaaaaaaaaaaaaa1', name: 'web-1', lastPingAt: Date.now() - 5_000, tags: {Env: 'prod', Name: 'web-1'}}),
    makeInstance({instanceId: 'i-0aaaaaaaaaaaaaaa2', name: '=cmd|calc', pingStatus: 'ConnectionLost', tags: {Env: 'dev'}}),
  ];

  it('filters with the shared syntax and reports bad filters', () => {
    expect(filterInstances(rows, 'tag:Env=prod').map((r) => r.name)).toEqual(['web-1']);
    expect(filterInstances(rows, '!ping:online').map((r) => r.name)).toEqual(['=cmd|calc']);
    expect(() => filterInstances(rows, 'foo:bar')).toThrow(/--filter: unknown filter key "foo"/);
  });

  it('prints table, csv (quoted, formula-safe) and json', () => {
    const table = formatInstances(rows, 'table', ['Env'], Date.now());
    expect(table.split('\n')[0]).toMatch(/^ID\s+NAME\s+PING\s+PLATFORM\s+AGENT\s+LAST PING\s+IP\s+ENV$/);
    expect(table).toContain('web-1');
    const csv = formatInstances(rows, 'csv', [], Date.now());
    expect(csv).toContain("'=cmd|calc");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    const json = JSON.parse(formatInstances(rows, 'json', [], Date.now())) as {instanceId: string; lastPingAt: string}[];
    expect(json.map((j) => j.instanceId)).toEqual(['i-0aaaaaaaaaaaaaaa1', 'i-0aaaaaaaaaaaaaaa2']);
    expect(json[0]?.lastPingAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});
