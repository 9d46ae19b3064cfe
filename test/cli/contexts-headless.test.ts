// Merging several contexts' headless outputs: tables gain ACCOUNT and REGION first, JSON records gain account, region
// and context, other text is cut into sections; and the rules for changes over several contexts.
import {describe, expect, it} from 'vitest';
import {PassThrough} from 'node:stream';
import {captureOutput, checkChange, failureLine, maySelectSeveral, mergeOutputs, placed, reportOutcomes, sharedStdin,
  type HeadlessPlace} from '../../src/cli/contexts-headless.js';
import {formatJson, formatTable} from '../../src/cli/headless-output.js';
import {UsageError} from '../../src/cli/usage-error.js';

const east: HeadlessPlace = {context: 'prod:us-east-1', accountId: '111111111111', account: 'prod', region: 'us-east-1'};
const west: HeadlessPlace = {context: 'dev:eu-west-1', accountId: '222222222222', account: '222222222222', region: 'eu-west-1'};

async function outputOf(write: (out: NodeJS.WritableStream) => void) {
  return (await captureOutput(async (out) => {
    write(out);
    return 0;
  })).output;
}

describe('merging outputs of several contexts', () => {
  it('tables of one shape become one table with ACCOUNT and REGION first, the alignment kept', async () => {
    const a = await outputOf((o) => o.write(formatTable(['NAME', 'COUNT'], [['web', '3']], 1)));
    const b = await outputOf((o) => o.write(formatTable(['NAME', 'COUNT'], [['db', '12'], ['cache', '1']], 1)));
    expect(mergeOutputs([{place: east, output: a}, {place: west, output: b}], 'table')).toBe([
      'ACCOUNT       REGION     NAME   COUNT',
      'prod          us-east-1  web        3',
      '222222222222  eu-west-1  db        12',
      '222222222222  eu-west-1  cache      1',
      ''].join('\n'));
  });

  it('two tables with text between them (summary, blank line, list) merge table by table', async () => {
    const report = (n: string) => outputOf((o) => o.write(`${formatTable(['TYPE'], [[`t${n}`]])}\n${formatTable(['ID'], [[`i-${n}`]])}`));
    const merged = mergeOutputs([{place: east, output: await report('1')}, {place: west, output: await report('2')}], 'table');
    expect(merged.split('\n\n').map((t) => t.split('\n')[0])).toEqual(['ACCOUNT       REGION     TYPE', 'ACCOUNT       REGION     ID']);
    expect(merged).toContain('222222222222  eu-west-1  i-2');
  });

  it('outputs that are not tables of one shape are printed in sections named by their context', async () => {
    const a = await outputOf((o) => o.write('Name: one\nsome text\n'));
    const b = await outputOf((o) => o.write(formatTable(['FIELD', 'VALUE'], [['Name', 'two']])));
    expect(mergeOutputs([{place: east, output: a}, {place: west, output: b}], 'table')).toBe(
      '== prod:us-east-1 · account prod · us-east-1 ==\nName: one\nsome text\n\n' +
      '== dev:eu-west-1 · account 222222222222 · eu-west-1 ==\nFIELD  VALUE\nName   two\n');
  });

  it('JSON arrays merge into one array of placed records; one object per context becomes a placed record each', async () => {
    const arr = (v: unknown) => outputOf((o) => o.write(formatJson(v)));
    expect(JSON.parse(mergeOutputs([{place: east, output: await arr([{Name: 'a'}, {Name: 'b'}])}, {place: west, output: await arr([])}], 'json')))
      .toEqual([{account: '111111111111', region: 'us-east-1', context: 'prod:us-east-1', Name: 'a'},
        {account: '111111111111', region: 'us-east-1', context: 'prod:us-east-1', Name: 'b'}]);
    const merged = JSON.parse(mergeOutputs([{place: east, output: await arr({Path: '/', Folders: ['/x']})},
      {place: west, output: await arr({Path: '/', Folders: []})}], 'json')) as Record<string, unknown>[];
    expect(merged.map((m) => [m.account, m.region, m.Folders])).toEqual([['111111111111', 'us-east-1', ['/x']], ['222222222222', 'eu-west-1', []]]);
  });

  it('JSON lines stay lines, each placed; the place wins over a field of the same name and comes first', async () => {
    const lines = (...v: unknown[]) => outputOf((o) => o.write(v.map((x) => `${JSON.stringify(x)}\n`).join('')));
    const out = mergeOutputs([{place: east, output: await lines({instanceId: 'i-1', region: 'spoofed'}, {instanceId: 'i-2'})},
      {place: west, output: await lines({instanceId: 'i-3'})}], 'json');
    expect(out.trimEnd().split('\n').map((l) => JSON.parse(l) as unknown)).toEqual([
      {account: '111111111111', region: 'us-east-1', context: 'prod:us-east-1', instanceId: 'i-1'},
      {account: '111111111111', region: 'us-east-1', context: 'prod:us-east-1', instanceId: 'i-2'},
      {account: '222222222222', region: 'eu-west-1', context: 'dev:eu-west-1', instanceId: 'i-3'}]);
    expect(Object.keys(placed({a: 1}, east))).toEqual(['account', 'region', 'context', 'a']);
  });

  it('CSV keeps one header (the rows already carry ACCOUNT and REGION)', async () => {
    const csv = (rows: string) => outputOf((o) => o.write(`ACCOUNT,REGION,ID\n${rows}`));
    expect(mergeOutputs([{place: east, output: await csv('1,us-east-1,i-1\n')}, {place: west, output: await csv('2,eu-west-1,i-2\n')}], 'csv'))
      .toBe('ACCOUNT,REGION,ID\n1,us-east-1,i-1\n2,eu-west-1,i-2\n');
  });
});

describe('failures, exit codes and changes over several contexts', () => {
  it('a failure line names the context, its account and region, and the fix; hostile text is disarmed', () => {
    expect(failureLine(east, {message: 'SSO sign-in needed: token expired\u001b[2J', fix: 'aws sso login --profile prod', code: 1}))
      .toBe('fleetdeck: prod:us-east-1 (account prod, us-east-1): SSO sign-in needed: token expired␛[2J — run `aws sso login --profile prod`\n');
    expect(failureLine({...west, account: west.context}, {message: 'denied', code: 1})).toBe('fleetdeck: dev:eu-west-1 (eu-west-1): denied\n');
  });

  it('the exit code is the highest asked for; "not found" in one context counts only when no context answered', () => {
    const err = new PassThrough();
    expect(reportOutcomes([{place: east, ok: true, value: 0}, {place: west, ok: false, failure: {message: 'x', code: 1}}], err)).toBe(1);
    expect(reportOutcomes([{place: east, ok: true, value: 0}, {place: west, ok: false, failure: {message: 'x', code: 1, notFound: true}}], err)).toBe(0);
    expect(reportOutcomes([{place: east, ok: false, failure: {message: 'x', code: 1, notFound: true}}], err)).toBe(1);
    expect(reportOutcomes([{place: east, ok: true, value: 3}, {place: west, ok: true, value: 1}], err)).toBe(3);
  });

  it('a change over several contexts needs --all-contexts; a read-only context refuses it alone or among others', () => {
    const a = {spec: {name: 'a', region: 'us-east-1'}};
    const b = {spec: {name: 'b', region: 'eu-west-1'}};
    const ro = {spec: {name: 'ro', region: 'us-east-1', readOnly: true}};
    expect(() => checkChange('fleetdeck x put', [a, b], false)).toThrow(UsageError);
    expect(() => checkChange('fleetdeck x put', [a, b], false)).toThrow(/2 contexts are selected \(a, b\): pick one with --context NAME/);
    expect(() => checkChange('fleetdeck x put', [a, b], true)).not.toThrow();
    expect(() => checkChange('fleetdeck x put', [a], false)).not.toThrow();
    expect(() => checkChange('fleetdeck x put', [ro], false)).toThrow(/context ro is read-only/);
    expect(() => checkChange('fleetdeck x put', [a, ro], true)).toThrow(/context ro is read-only .*leave them out with --context/);
  });

  it('only flags that can name several contexts take the several-contexts path', () => {
    expect(maySelectSeveral({local: false})).toBe(false);
    expect(maySelectSeveral({local: false, profile: 'a', region: 'us-east-1'})).toBe(false);
    expect(maySelectSeveral({local: false, profile: 'a,b'})).toBe(true);
    expect(maySelectSeveral({local: false, region: 'us-east-1,eu-west-1'})).toBe(true);
    expect(maySelectSeveral({local: false, context: 'prod'})).toBe(true);
    expect(maySelectSeveral({local: true})).toBe(false);
    expect(maySelectSeveral({local: true, accounts: 2})).toBe(true);
    expect(maySelectSeveral({local: true, regions: ['us-east-1', 'eu-west-1']})).toBe(true);
  });

  it('stdin is read once and every context gets the same bytes', async () => {
    const input = new PassThrough();
    const copies = sharedStdin(input);
    input.end('secret value\n');
    const read = async (s: NodeJS.ReadableStream) => {
      let text = '';
      for await (const c of s) text += String(c);
      return text;
    };
    expect(await Promise.all([read(copies()), read(copies())])).toEqual(['secret value\n', 'secret value\n']);
  });
});
