import {describe, expect, it} from 'vitest';
import {placeRows} from '../../../src/fleet/contexts/row-place.js';
import {
  breakdownLine, contextCli, contextLabel, readOnlyContextRefusal, splitByContext, whereCli, type RunWhere,
} from '../../../src/fleet/run-command/run-contexts.js';
import {confirmationWord, openRunForm} from '../../../src/fleet/run-command/run-form.js';
import type {RunSpec} from '../../../src/fleet/run-command/run-orchestrator.js';
import {makeInstance} from '../../helpers/instances.js';

const spec = (targets: RunSpec['targets']): RunSpec => ({documentName: 'AWS-RunShellScript', parameters: {commands: ['uptime']},
  targets, maxConcurrency: {kind: 'count', n: 10}, maxErrors: {kind: 'percent', pct: 10}});

/** Instances placed in contexts, as a merged load places its rows. */
function placed(context: string, ...ids: string[]) {
  const rows = ids.map((instanceId) => makeInstance({instanceId, tags: {Env: 'prod'}}));
  placeRows(rows, {context, account: context.split(':')[0] ?? '', region: context.split(':')[1] ?? ''});
  return rows;
}

const where = (context: string, count: number | undefined, extra: Partial<RunWhere> = {}): RunWhere =>
  ({context, label: contextLabel({name: context, region: context.split(':')[1] ?? ''}), region: context.split(':')[1] ?? '',
    ...(count !== undefined ? {count} : {}), protected: false, readOnly: false, ...extra});

describe('a run split by the context its targets live in', () => {
  const a = placed('local-1:us-east-1', 'i-0000000000000000a', 'i-000000000000000a2');
  const b = placed('local-2:eu-west-1', 'i-0000000000000000b');
  const c = placed('local-3:us-east-1', 'i-0000000000000000c');
  const order = ['local-1:us-east-1', 'local-2:eu-west-1', 'local-3:us-east-1'];

  it('sends ids to their own context, each part with the whole rate control, in the header\'s order', () => {
    const ids = [c, b, a].flat().map((i) => i.instanceId);
    const parts = splitByContext(spec({kind: 'ids', ids}), [c, b, a].flat(), 'local-1:us-east-1', order);
    expect(parts.map((p) => [p.context, p.count, p.spec.targets])).toEqual([
      ['local-1:us-east-1', 2, {kind: 'ids', ids: ['i-0000000000000000a', 'i-000000000000000a2']}],
      ['local-2:eu-west-1', 1, {kind: 'ids', ids: ['i-0000000000000000b']}],
      ['local-3:us-east-1', 1, {kind: 'ids', ids: ['i-0000000000000000c']}],
    ]);
    expect(parts.every((p) => p.spec.maxConcurrency.kind === 'count' && p.spec.maxErrors.kind === 'percent')).toBe(true);
  });

  it('sends an expression to each context where it matches, and one SSM alone resolves to the fallback context', () => {
    const t = spec({kind: 'targets', targets: [{Key: 'tag:Env', Values: ['prod']}]});
    expect(splitByContext(t, [...a, ...c], undefined, order).map((p) => [p.context, p.count, p.spec.targets.kind]))
      .toEqual([['local-1:us-east-1', 2, 'targets'], ['local-3:us-east-1', 1, 'targets']]);
    const groups = spec({kind: 'targets', targets: [{Key: 'resource-groups:Name', Values: ['web']}]});
    expect(splitByContext(groups, undefined, 'local-2:eu-west-1', order)).toEqual([{context: 'local-2:eu-west-1', spec: groups}]);
  });

  it('keeps a run of one context (rows without a place) whole, as before', () => {
    const rows = [makeInstance({instanceId: 'i-00000000000000001'}), makeInstance({instanceId: 'i-00000000000000002'})];
    const s = spec({kind: 'ids', ids: rows.map((r) => r.instanceId)});
    expect(splitByContext(s, rows, undefined)).toEqual([{spec: s, count: 2}]);
  });
});

describe('what the confirmation says of the contexts', () => {
  it('breaks the run down by account and region, naming protected contexts', () => {
    expect(breakdownLine([where('local-1:us-east-1', 4), where('local-2:eu-west-1', 5), where('local-3:us-east-1', 3)]))
      .toBe('12 nodes: local-1 us-east-1 4 · local-2 eu-west-1 5 · local-3 us-east-1 3');
    expect(breakdownLine([where('prod', 1, {region: 'us-east-1', label: 'prod', protected: true})])).toBe('1 node: prod us-east-1 1 (protected)');
    expect(breakdownLine([where('local-1:us-east-1', undefined)])).toBe('nodes: local-1 us-east-1 (resolved by SSM)');
  });

  it('refuses a run that reaches a read-only context, naming it and what to unmark', () => {
    expect(readOnlyContextRefusal([where('local-1:us-east-1', 4)])).toBeUndefined();
    expect(readOnlyContextRefusal([where('local-1:us-east-1', 4), where('local-3:eu-west-1', 2, {readOnly: true})])).toBe(
      'Run Command refused: local-3:eu-west-1 (2 nodes) is a read-only context; unmark its nodes to run on the others (nothing was sent)');
    expect(readOnlyContextRefusal([where('a:x-1', 1, {readOnly: true}), where('b:x-1', 3, {readOnly: true})])).toBe(
      'Run Command refused: a:x-1 (1 node), b:x-1 (3 nodes) are read-only contexts; unmark their nodes (nothing was sent)');
  });

  it('asks for the typed count whatever it is when a protected context is reached', () => {
    const rows = placed('local-2:eu-west-1', 'i-0000000000000000d');
    const f = openRunForm(rows, {}, {kind: 'marked'});
    expect(confirmationWord(f, rows, 10)).toBeUndefined();
    expect(confirmationWord({...f, where: [where('local-2:eu-west-1', 1, {protected: true})]}, rows, 10)).toBe('1');
    expect(confirmationWord({...f, where: [where('local-2:eu-west-1', 1)]}, rows, 10)).toBeUndefined();
  });

  it('copies each context\'s lines with its profile and region, a local context with the app\'s endpoint', () => {
    const app = {region: 'us-east-1', endpointUrl: 'http://127.0.0.1:4566'};
    expect(contextCli({region: 'eu-west-1'}, app)).toEqual({region: 'eu-west-1', endpointUrl: 'http://127.0.0.1:4566'});
    expect(contextCli({region: 'eu-west-1', profile: 'prod'}, {region: 'us-east-1'})).toEqual({region: 'eu-west-1', profile: 'prod'});
    expect(contextCli({region: 'eu-west-1', profile: 'prod', endpoint: 'https://vpce'}, app))
      .toEqual({region: 'eu-west-1', profile: 'prod', endpointUrl: 'https://vpce'});
    expect(whereCli(undefined, app)).toBe(app);
    expect(whereCli(where('acct:ap-south-1', 1, {profile: 'acct'}), app)).toEqual({region: 'ap-south-1', profile: 'acct'});
    expect(contextLabel({name: 'local-2:eu-west-1', region: 'eu-west-1'})).toBe('local-2');
    expect(contextLabel({name: 'prod', region: 'eu-west-1', alias: 'Production'})).toBe('Production');
  });
});
