// The Parameter Store adapter through the real SDK against the local fleet: levels of the tree with metadata and
// folders, public parameters, values with and without decryption, history, conditional puts and conflicts,
// labels, deletes, tags and error mapping.
import {inspect} from 'node:util';
import {DescribeParametersCommand, PutParameterCommand, type DescribeParametersCommandInput} from '@aws-sdk/client-ssm';
import {describe, expect, it} from 'vitest';
import {useFleetClients} from '../../helpers/local-fleet.js';
import {createAwsClients} from '../../../src/aws/clients.js';
import {parameterApi} from '../../../src/aws/parameters/parameter-api.js';
import {plainText} from '../../../src/fleet/parameters/parameter.js';
import {ParameterError, type ParameterPort} from '../../../src/fleet/parameters/port.js';

const f = useFleetClients({nodes: 2, seed: 'parameters-adapter'});
const api = (): ParameterPort => parameterApi(f.aws);

async function failure(call: Promise<unknown>): Promise<ParameterError> {
  try {
    await call;
  } catch (err) {
    expect(err).toBeInstanceOf(ParameterError);
    return err as ParameterError;
  }
  throw new Error('expected a ParameterError');
}

describe('listing', () => {
  it('a level has its parameters with metadata and its sub-folders, from by-path and describe requests', async () => {
    f.fleet.resetRequestCounts();
    const level = await api().listLevel('/checkout/prod');
    expect(level.folders).toEqual(['/checkout/prod/api', '/checkout/prod/cache', '/checkout/prod/config', '/checkout/prod/db',
      '/checkout/prod/feature-flags', '/checkout/prod/oauth', '/checkout/prod/queue', '/checkout/prod/secrets']);
    expect(level.parameters.map((p) => p.name)).toEqual(['/checkout/prod/allowed-origins', '/checkout/prod/log-level', '/checkout/prod/replicas']);
    const log = level.parameters.find((p) => p.name === '/checkout/prod/log-level');
    expect(log?.lastModifiedUser).toMatch(/^arn:aws:iam::/);
    expect(log?.tier).toBe('Standard');
    const counts = f.fleet.requestCounts();
    expect(counts['ssm:GetParametersByPath']).toBe(1);
    expect(counts['ssm:DescribeParameters']).toBe(1);
  });

  it('the root lists the top folders and the names without a slash', async () => {
    const root = await api().listLevel('/');
    expect(root.folders).toEqual(['/catalog', '/checkout', '/identity', '/notifications', '/payments', '/search', '/shared']);
    expect(root.parameters.map((p) => p.name)).toContain('MaintenanceMode');
  });

  it('the root reports its folders as the listing finds them, page by page, before the level is complete', async () => {
    const seen: string[][] = [];
    let done = false;
    const root = await api().listLevel('/', undefined, undefined, (folders) => {
      expect(done).toBe(false);
      seen.push([...folders].sort());
    }).finally(() => (done = true));
    expect(seen.length).toBeGreaterThan(1);
    expect(seen[0]?.length).toBeLessThan(root.folders.length);
    for (const [i, folders] of seen.entries()) expect(folders).toEqual(expect.arrayContaining(seen[i - 1] ?? []));
    expect(seen[seen.length - 1]).toEqual(root.folders);
  });

  it('public parameters are reached by path', async () => {
    const level = await api().listLevel('/aws/service/global-infrastructure');
    expect(level.folders).toEqual(['/aws/service/global-infrastructure/regions', '/aws/service/global-infrastructure/services']);
    const regions = await api().listLevel('/aws/service/global-infrastructure/regions/');
    expect(regions.parameters.map((p) => p.name)).toContain('/aws/service/global-infrastructure/regions/eu-west-1');
  });

  it('listAll follows every page of a subtree', async () => {
    expect((await api().listAll('/payments')).length).toBe(48);
    expect((await api().listAll()).length).toBeGreaterThan(250);
  });
});

describe('values and history', () => {
  it('a SecureString is sealed without decryption and a masked SecretText with it', async () => {
    const sealed = await api().get('/payments/prod/db/password', {decrypt: false});
    expect(sealed.value.kind).toBe('sealed');
    const open = await api().get('/payments/prod/db/password', {decrypt: true});
    expect(open.value.kind).toBe('secret');
    const text = plainText(open.value) ?? '';
    expect(text.length).toBeGreaterThan(10);
    expect(JSON.stringify(open)).not.toContain(text);
    expect(inspect(open, {depth: 5})).not.toContain(text);
    const plain = await api().get('/payments/prod/db/port', {decrypt: false});
    expect(plain.value).toEqual({kind: 'plain', text: '5432'});
  });

  it('history lists every version oldest first with labels; a selector reads one', async () => {
    const name = '/adapter/history';
    for (let i = 1; i <= 3; i++) await api().put({name, value: `v${i}`, type: 'String', overwrite: i > 1});
    await api().label(name, 2, ['Prod']);
    const h = await api().history(name, {decrypt: false});
    expect(h.map((v) => [v.version, plainText(v.value), v.labels])).toEqual([[1, 'v1', []], [2, 'v2', ['Prod']], [3, 'v3', []]]);
    expect(h[0]?.lastModifiedUser).toContain(':user/fleetdeck');
    expect(plainText((await api().get(name, {decrypt: false, selector: ':Prod'})).value)).toBe('v2');
    expect((await failure(api().get(name, {decrypt: false, selector: ':9'}))).kind).toBe('version-not-found');
  });
});

describe('writes', () => {
  it('a put conditional on the version read writes, or reports the change made meanwhile', async () => {
    const name = '/adapter/conditional';
    expect(await api().put({name, value: 'a', type: 'String', overwrite: false, ifVersion: 0})).toMatchObject({kind: 'written', version: 1, interleaved: false});
    expect(await api().put({name, value: 'b', overwrite: true, ifVersion: 1})).toMatchObject({kind: 'written', version: 2});
    // Someone else writes version 3.
    await f.aws.ssm.send(new PutParameterCommand({Name: name, Value: 'theirs', Overwrite: true}));
    const before = f.fleet.requestCounts()['ssm:PutParameter'] ?? 0;
    const stale = await api().put({name, value: 'mine', overwrite: true, ifVersion: 2});
    expect(stale.kind).toBe('conflict');
    if (stale.kind === 'conflict') {
      expect(stale.current?.version).toBe(3);
      expect(plainText(stale.current?.value ?? {kind: 'sealed'})).toBe('theirs');
      expect(stale.current?.lastModifiedUser).toContain(':user/fleetdeck');
    }
    expect(f.fleet.requestCounts()['ssm:PutParameter'] ?? 0).toBe(before);
    expect(plainText((await api().get(name, {decrypt: false})).value)).toBe('theirs');
    // Creating what already exists is a conflict too.
    expect((await api().put({name, value: 'x', type: 'String', overwrite: false, ifVersion: 0})).kind).toBe('conflict');
  });

  it('a put is sent once: a lost answer is never retried into a second version', async () => {
    const retrying = createAwsClients({kind: 'local', region: f.fleet.region, endpoint: f.fleet.endpoint, credentials: f.fleet.credentials, maxAttempts: 3});
    try {
      const port = parameterApi(retrying);
      await port.put({name: '/adapter/once', value: 'a', type: 'String', overwrite: false});
      f.fleet.resetRequestCounts();
      f.fleet.injectFault({kind: 'server-error', operation: 'PutParameter', count: 1});
      expect((await failure(port.put({name: '/adapter/once', value: 'b', overwrite: true, ifVersion: 1}))).kind).toBe('unavailable');
      expect(f.fleet.requestCounts()['ssm:PutParameter']).toBe(1);
      // Reads are still retried by the SDK.
      f.fleet.injectFault({kind: 'server-error', operation: 'GetParameter', count: 1});
      expect(plainText((await port.get('/adapter/once', {decrypt: false})).value)).toBe('a');
    } finally {
      retrying.destroy();
    }
  });

  it('errors are classified, sanitized and name no value', async () => {
    await api().put({name: '/adapter/exists', value: 'x', type: 'String', overwrite: false});
    expect((await failure(api().put({name: '/adapter/exists', value: 'x', type: 'String', overwrite: false}))).kind).toBe('exists');
    const invalid = await failure(api().put({name: '/adapter/secret', value: 'topsecret-value', type: 'SecureString', overwrite: false, allowedPattern: '^[0-9]+$'}));
    expect(invalid.kind).toBe('invalid');
    expect(invalid.code).toBe('ParameterPatternMismatchException');
    expect(invalid.message).not.toContain('topsecret-value');
    expect((await failure(api().get('/adapter/none', {decrypt: false}))).kind).toBe('not-found');
    f.fleet.injectFault({kind: 'error', operation: 'PutParameter', errorCode: 'TooManyUpdates', message: 'There are concurrent updates \u001b[31m', count: 1});
    const busy = await failure(api().put({name: '/adapter/exists', value: 'y', overwrite: true}));
    expect(busy.kind).toBe('busy');
    expect(busy.message).not.toContain('\u001b');
  });

  it('labels move, unlabel reports what it removed, delete batches by 10, tags are read', async () => {
    const name = '/adapter/labels';
    await api().put({name, value: '1', type: 'String', overwrite: false});
    await api().put({name, value: '2', overwrite: true});
    expect(await api().label(name, 1, ['Prod', '9bad'])).toEqual({invalid: ['9bad']});
    await api().label(name, 2, ['Prod']);
    expect((await api().history(name, {decrypt: false})).map((v) => v.labels)).toEqual([[], ['Prod']]);
    expect(await api().unlabel(name, 2, ['Prod', 'ghost'])).toEqual({removed: ['Prod'], invalid: ['ghost']});
    expect(await api().tags('/checkout/dev/db/host')).toMatchObject({app: 'checkout', env: 'dev'});
    const names = Array.from({length: 12}, (_, i) => `/adapter/del/${i}`);
    for (const n of names) await api().put({name: n, value: 'x', type: 'String', overwrite: false});
    f.fleet.resetRequestCounts();
    expect(await api().delete([...names, '/adapter/del/none'])).toEqual({deleted: names, missing: ['/adapter/del/none']});
    expect(f.fleet.requestCounts()['ssm:DeleteParameters']).toBe(2);
  });
});

describe('listing many parameters at once', () => {
  /** Every name from DescribeParameters one page after the other, as a plain reader would list them. */
  async function plainNames(): Promise<string[]> {
    const names: string[] = [];
    let token: string | undefined;
    do {
      const res = await f.aws.ssm.send(new DescribeParametersCommand({MaxResults: 50, ...(token ? {NextToken: token} : {})}));
      for (const m of res.Parameters ?? []) names.push(m.Name ?? '');
      token = res.NextToken;
    } while (token);
    return names;
  }

  it('the listing is cut by name prefix and read concurrently, and returns every parameter once', async () => {
    // Deep prefixes (one app's 130 keys), names equal to a prefix that gets split, names without a leading slash, and
    // first characters (digits, capitals, `_`, `.`, `-`) that no page before them shows.
    const names = [
      ...Array.from({length: 130}, (_, i) => `/scan/svc-${String(i % 13).padStart(3, '0')}/key-${i}`),
      '/s', 's', '/scan', 'scan', 'Zeta', '0day', '_under', '.dot', '-dash', '/Upper/x', '/9lives/a', '/_u/v', '/s.x/y',
    ];
    for (let i = 0; i < names.length; i += 20) {
      await Promise.all(names.slice(i, i + 20).map((Name) => f.aws.ssm.send(new PutParameterCommand({Name, Value: 'v', Type: 'String', Overwrite: true}))));
    }
    const plain = await plainNames();
    expect(plain).toEqual(expect.arrayContaining(names));

    // A client that records how many requests are in flight at once and which filters they carry.
    const watched = createAwsClients({kind: 'local', region: f.fleet.region, endpoint: f.fleet.endpoint, credentials: f.fleet.credentials});
    let inFlight = 0;
    let most = 0;
    let byName = 0;
    watched.ssm.middlewareStack.add((next) => async (args) => {
      const input = args.input as DescribeParametersCommandInput;
      if (input.ParameterFilters?.some((x) => x.Key === 'Name')) byName++;
      most = Math.max(most, ++inFlight);
      try {
        return await next(args);
      } finally {
        inFlight--;
      }
    }, {step: 'initialize'});
    try {
      f.fleet.resetRequestCounts();
      const all = (await parameterApi(watched).listAll()).map((p) => p.name);
      const requests = f.fleet.requestCounts()['ssm:DescribeParameters'] ?? 0;
      expect(new Set(all).size).toBe(all.length);
      expect([...all].sort()).toEqual([...plain].sort());
      expect(all.some((n) => n === '/aws' || n.startsWith('/aws/'))).toBe(false);
      expect(byName).toBeGreaterThan(0);
      expect(most).toBeGreaterThan(1);
      // Bounded: the plain listing's pages, once more at most, and the splits' few near-empty pages.
      expect(requests).toBeLessThanOrEqual(2 * Math.ceil(plain.length / 50) + 60);

      const scan = (await parameterApi(watched).listAll('/scan')).map((p) => p.name);
      expect([...scan].sort()).toEqual(plain.filter((n) => n.startsWith('/scan/')).sort());

      const root = await parameterApi(watched).listLevel('/');
      const top = new Set(plain.filter((n) => n.startsWith('/') && n.indexOf('/', 1) > 0).map((n) => n.slice(0, n.indexOf('/', 1))));
      expect(root.folders).toEqual([...top].sort());
      expect(root.parameters.map((p) => p.name).sort()).toEqual(plain.filter((n) => !n.startsWith('/') || n.indexOf('/', 1) < 0).sort());
    } finally {
      watched.ssm.destroy();
    }
  });
});

// Last: a throttled client slows itself down for a while (adaptive retry), which would slow the tests after it.
it('throttling is reported as such', async () => {
  f.fleet.injectFault({kind: 'throttle', operation: 'GetParameter', count: 1});
  expect((await failure(api().get('/checkout/dev/db/host', {decrypt: false}))).kind).toBe('throttled');
});
