// Parameter Store on the local fleet through the real SDK: the seeded store, paging, puts and versions, history,
// labels, deletes, tags, public parameters and SecureString encryption at rest.
import {
  AddTagsToResourceCommand, DeleteParameterCommand, DeleteParametersCommand, DescribeParametersCommand, GetParameterCommand,
  GetParameterHistoryCommand, GetParametersByPathCommand, GetParametersCommand, LabelParameterVersionCommand,
  ListTagsForResourceCommand, PutParameterCommand, RemoveTagsFromResourceCommand, UnlabelParameterVersionCommand,
  paginateDescribeParameters, paginateGetParameterHistory, paginateGetParametersByPath, type SSMClient,
} from '@aws-sdk/client-ssm';
import {describe, expect, it} from 'vitest';
import {useFleetClients} from '../../../helpers/local-fleet.js';
import {expectSdkError} from '../../../helpers/fleet-clients.js';
import {waitFor} from '../../../helpers/run-command.js';
import {parameterStore} from '../../../../src/local/ssm/parameters/index.js';

const f = useFleetClients({nodes: 4, seed: 'parameters-test'});
const ssm = (): SSMClient => f.aws.ssm;

async function byPath(path: string, recursive: boolean, extra: Record<string, unknown> = {}): Promise<{names: string[]; pages: number}> {
  const names: string[] = [];
  let pages = 0;
  for await (const page of paginateGetParametersByPath({client: ssm()}, {Path: path, Recursive: recursive, ...extra})) {
    pages++;
    expect((page.Parameters ?? []).length).toBeLessThanOrEqual(10);
    names.push(...(page.Parameters ?? []).map((p) => p.Name ?? ''));
  }
  return {names, pages};
}

describe('the seeded store', () => {
  it('holds a few hundred parameters across apps and environments, described 50 a page with metadata and no values', async () => {
    const all: Record<string, unknown>[] = [];
    let pages = 0;
    for await (const page of paginateDescribeParameters({client: ssm()}, {})) {
      pages++;
      expect((page.Parameters ?? []).length).toBeLessThanOrEqual(50);
      all.push(...(page.Parameters ?? []) as Record<string, unknown>[]);
    }
    expect(all.length).toBeGreaterThanOrEqual(250);
    expect(pages).toBe(Math.ceil(all.length / 50));
    expect(all.some((p) => p['Type'] === 'SecureString')).toBe(true);
    expect(all.some((p) => (p['Version'] as number) > 2)).toBe(true);
    expect(all.some((p) => 'Value' in p)).toBe(false);
    expect(all.some((p) => String(p['Name']).startsWith('/aws/'))).toBe(false);
    const advanced = all.filter((p) => p['Tier'] === 'Advanced');
    expect(advanced.length).toBeGreaterThan(0);
    const policyTypes = advanced.flatMap((p) => (p['Policies'] as {PolicyType: string}[]).map((x) => x.PolicyType));
    expect(policyTypes).toContain('Expiration');
    expect(policyTypes).toContain('ExpirationNotification');
    expect(String(all[0]?.['LastModifiedUser'])).toMatch(/^arn:aws:iam::\d{12}:/);
  });

  it('is the same for the same seed (names, versions, labels)', async () => {
    const {startLocalFleet} = await import('../../../../src/local/server.js');
    const other = await startLocalFleet({nodes: 2, seed: 'parameters-test'});
    try {
      const summary = (m: typeof other.model): string => parameterStore(m).all(Date.now())
        .map((p) => `${p.name}@${p.versions.length}:${p.versions.map((v) => v.labels.join('+')).join(',')}`).join('\n');
      expect(summary(other.model)).toBe(summary(f.fleet.model));
    } finally {
      await other.close();
    }
  });

  it('GetParametersByPath lists one level, or the whole subtree with Recursive, at most 10 a page', async () => {
    const one = await byPath('/checkout/prod', false);
    expect(one.names).toContain('/checkout/prod/log-level');
    expect(one.names.every((n) => n.split('/').length === 4)).toBe(true);
    const all = await byPath('/checkout/prod/', true);
    expect(all.names).toContain('/checkout/prod/db/password');
    expect(all.names.length).toBe(16);
    expect(all.pages).toBe(2);
  });

  it('GetParametersByPath takes Type and Label filters and refuses the others', async () => {
    const secrets = await byPath('/payments', true, {ParameterFilters: [{Key: 'Type', Values: ['SecureString']}]});
    expect(secrets.names.sort()).toEqual(['dev', 'prod', 'staging'].flatMap((e) => [
      `/payments/${e}/db/password`, `/payments/${e}/oauth/client-secret`, `/payments/${e}/secrets/api-key`]).sort());
    const labelled = await byPath('/', true, {ParameterFilters: [{Key: 'Label', Values: ['previous']}]});
    expect(labelled.names.length).toBeGreaterThan(0);
    await expectSdkError(ssm().send(new GetParametersByPathCommand({Path: '/', ParameterFilters: [{Key: 'Name', Values: ['x']}]})), 'InvalidFilterKey');
    await expectSdkError(ssm().send(new GetParametersByPathCommand({Path: '/', ParameterFilters: [{Key: 'Label', Option: 'BeginsWith', Values: ['p']}]})), 'InvalidFilterOption');
    await expectSdkError(ssm().send(new GetParametersByPathCommand({Path: '/', MaxResults: 11})), 'ValidationException');
    await expectSdkError(ssm().send(new GetParametersByPathCommand({Path: 'no-slash'})), 'ValidationException');
  });

  it('DescribeParameters filters by name, path, type, tier and tag, and refuses Filters with ParameterFilters', async () => {
    const names = async (input: Record<string, unknown>): Promise<string[]> => {
      const out: string[] = [];
      for await (const page of paginateDescribeParameters({client: ssm()}, input)) out.push(...(page.Parameters ?? []).map((p) => p.Name ?? ''));
      return out;
    };
    expect(await names({ParameterFilters: [{Key: 'Name', Option: 'Contains', Values: ['client-secret']}]})).toHaveLength(18);
    expect(await names({ParameterFilters: [{Key: 'Path', Option: 'OneLevel', Values: ['/search/dev/db']}]})).toEqual(
      ['/search/dev/db/host', '/search/dev/db/name', '/search/dev/db/password', '/search/dev/db/port', '/search/dev/db/username']);
    const advancedProd = await names({ParameterFilters: [{Key: 'Tier', Values: ['Advanced']}, {Key: 'tag:env', Values: ['prod']}]});
    expect(advancedProd).toHaveLength(6);
    expect(await names({Filters: [{Key: 'Name', Values: ['/identity/dev/db/']}]})).toHaveLength(5);
    await expectSdkError(ssm().send(new DescribeParametersCommand({Filters: [{Key: 'Type', Values: ['String']}], ParameterFilters: [{Key: 'Type', Values: ['String']}]})), 'ValidationException');
    await expectSdkError(ssm().send(new DescribeParametersCommand({ParameterFilters: [{Key: 'Label', Values: ['current']}]})), 'InvalidFilterKey');
    await expectSdkError(ssm().send(new DescribeParametersCommand({ParameterFilters: [{Key: 'Type', Values: ['Number']}]})), 'InvalidFilterValue');
    await expectSdkError(ssm().send(new DescribeParametersCommand({MaxResults: 51})), 'ValidationException');
    await expectSdkError(ssm().send(new DescribeParametersCommand({NextToken: 'forged'})), 'InvalidNextToken');
  });

  it('serves public parameters by path with an account-less ARN', async () => {
    const regions = await ssm().send(new GetParametersByPathCommand({Path: '/aws/service/global-infrastructure/regions'}));
    expect(regions.Parameters?.map((p) => p.Value)).toContain('eu-west-1');
    const ami = await ssm().send(new GetParameterCommand({Name: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64'}));
    expect(ami.Parameter?.Value).toMatch(/^ami-[0-9a-f]+$/);
    expect(ami.Parameter?.DataType).toBe('aws:ec2:image');
    expect(ami.Parameter?.ARN).toBe(`arn:aws:ssm:${f.fleet.region}::parameter/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64`);
    await expectSdkError(ssm().send(new PutParameterCommand({Name: '/aws/service/mine', Value: 'x', Type: 'String'})), 'ValidationException');
  });
});

describe('put, get and history', () => {
  it('creates version 1, refuses a second create, overwrites as version 2 attributed to the caller', async () => {
    const put = await ssm().send(new PutParameterCommand({Name: '/t/put/a', Value: 'one', Type: 'String', Description: 'first'}));
    expect(put).toMatchObject({Version: 1, Tier: 'Standard'});
    const again = await expectSdkError(ssm().send(new PutParameterCommand({Name: '/t/put/a', Value: 'two', Type: 'String'})), 'ParameterAlreadyExists');
    expect(again.message).toContain('overwrite');
    expect((await ssm().send(new PutParameterCommand({Name: '/t/put/a', Value: 'two', Overwrite: true}))).Version).toBe(2);
    const got = await ssm().send(new GetParameterCommand({Name: '/t/put/a'}));
    expect(got.Parameter).toMatchObject({Name: '/t/put/a', Value: 'two', Version: 2, Type: 'String', DataType: 'text'});
    expect(got.Parameter?.ARN).toBe(`arn:aws:ssm:${f.fleet.region}:${f.fleet.model.accountId}:parameter/t/put/a`);
    const v1 = await ssm().send(new GetParameterCommand({Name: '/t/put/a:1'}));
    expect(v1.Parameter).toMatchObject({Value: 'one', Version: 1, Selector: ':1'});
    const byArn = await ssm().send(new GetParameterCommand({Name: got.Parameter?.ARN}));
    expect(byArn.Parameter?.Value).toBe('two');
    const meta = await ssm().send(new DescribeParametersCommand({ParameterFilters: [{Key: 'Name', Values: ['/t/put/a']}]}));
    expect(meta.Parameters?.[0]).toMatchObject({Description: 'first', Version: 2, LastModifiedUser: `arn:aws:iam::${f.fleet.model.accountId}:user/fleetdeck`});
    await expectSdkError(ssm().send(new PutParameterCommand({Name: '/t/put/a', Value: 'x', Type: 'SecureString', Overwrite: true})), 'HierarchyTypeMismatchException');
    await expectSdkError(ssm().send(new PutParameterCommand({Name: '/t/put/new', Value: 'x'})), 'ValidationException');
    await expectSdkError(ssm().send(new GetParameterCommand({Name: '/t/put/missing'})), 'ParameterNotFound');
    await expectSdkError(ssm().send(new GetParameterCommand({Name: '/t/put/a:7'})), 'ParameterVersionNotFound');
  });

  it('GetParameters returns what exists, sorted, and names the rest InvalidParameters', async () => {
    await ssm().send(new PutParameterCommand({Name: '/t/many/b', Value: 'b', Type: 'String'}));
    await ssm().send(new PutParameterCommand({Name: '/t/many/a', Value: 'x,y', Type: 'StringList'}));
    const out = await ssm().send(new GetParametersCommand({Names: ['/t/many/b', '/t/many/zz', '/t/many/a']}));
    expect(out.Parameters?.map((p) => [p.Name, p.Value])).toEqual([['/t/many/a', 'x,y'], ['/t/many/b', 'b']]);
    expect(out.InvalidParameters).toEqual(['/t/many/zz']);
    await expectSdkError(ssm().send(new GetParametersCommand({Names: Array.from({length: 11}, (_, i) => `/n${i}`)})), 'ValidationException');
  });

  it('keeps 100 versions, dropping the oldest, unless the oldest has a label', async () => {
    const name = '/t/rollover';
    for (let i = 1; i <= 101; i++) {
      await ssm().send(new PutParameterCommand({Name: name, Value: `v${i}`, Type: 'String', Overwrite: i > 1}));
    }
    const versions: number[] = [];
    for await (const page of paginateGetParameterHistory({client: ssm()}, {Name: name})) {
      expect((page.Parameters ?? []).length).toBeLessThanOrEqual(50);
      versions.push(...(page.Parameters ?? []).map((p) => p.Version ?? 0));
    }
    expect(versions).toHaveLength(100);
    expect(versions[0]).toBe(2);
    expect(versions[99]).toBe(101);
    await expectSdkError(ssm().send(new GetParameterCommand({Name: `${name}:1`})), 'ParameterVersionNotFound');
    await ssm().send(new LabelParameterVersionCommand({Name: name, ParameterVersion: 2, Labels: ['pinned']}));
    const err = await expectSdkError(ssm().send(new PutParameterCommand({Name: name, Value: 'v102', Overwrite: true})), 'ParameterMaxVersionLimitExceeded');
    expect(err.message).toContain('Version 2');
    await ssm().send(new UnlabelParameterVersionCommand({Name: name, ParameterVersion: 2, Labels: ['pinned']}));
    expect((await ssm().send(new PutParameterCommand({Name: name, Value: 'v102', Overwrite: true}))).Version).toBe(102);
  });

  it('history carries values, labels, users and policies', async () => {
    const name = '/t/history';
    await ssm().send(new PutParameterCommand({Name: name, Value: 'a', Type: 'String'}));
    const policies = JSON.stringify([{Type: 'Expiration', Version: '1.0', Attributes: {Timestamp: '2099-01-01T00:00:00.000Z'}}]);
    await ssm().send(new PutParameterCommand({Name: name, Value: 'b', Overwrite: true, Tier: 'Advanced', Policies: policies}));
    const h = await ssm().send(new GetParameterHistoryCommand({Name: name}));
    expect(h.Parameters?.map((p) => [p.Version, p.Value, p.Tier])).toEqual([[1, 'a', 'Standard'], [2, 'b', 'Advanced']]);
    expect(h.Parameters?.[1]?.Policies?.[0]).toMatchObject({PolicyType: 'Expiration', PolicyStatus: 'Pending'});
    expect(h.Parameters?.[0]?.LastModifiedUser).toContain(':user/fleetdeck');
    await expectSdkError(ssm().send(new PutParameterCommand({Name: name, Value: 'c', Overwrite: true, Tier: 'Standard'})), 'ValidationException');
    await expectSdkError(ssm().send(new GetParameterHistoryCommand({Name: '/t/none'})), 'ParameterNotFound');
  });
});

it('an Expiration policy deletes the parameter once its time has passed', async () => {
  const at = new Date(Date.now() + 1500).toISOString();
  await ssm().send(new PutParameterCommand({Name: '/t/expiring', Value: 'x', Type: 'String', Tier: 'Advanced',
    Policies: JSON.stringify([{Type: 'Expiration', Version: '1.0', Attributes: {Timestamp: at}}])}));
  expect((await ssm().send(new GetParameterCommand({Name: '/t/expiring'}))).Parameter?.Value).toBe('x');
  await waitFor(async () => {
    try {
      await ssm().send(new GetParameterCommand({Name: '/t/expiring'}));
      return 'present';
    } catch (err) {
      return (err as Error).name;
    }
  }, (state) => state === 'ParameterNotFound');
  expect((await byPath('/t', false)).names).not.toContain('/t/expiring');
});

it('a listing by name or path sees what was created, deleted or expired since the last one of the same filters', async () => {
  const described = async (filters: {Key: string; Option: string; Values: string[]}[]): Promise<string[]> => {
    const names: string[] = [];
    for await (const page of paginateDescribeParameters({client: ssm()}, {ParameterFilters: filters})) {
      names.push(...(page.Parameters ?? []).map((p) => p.Name ?? ''));
    }
    return names;
  };
  const byName = [{Key: 'Name', Option: 'BeginsWith', Values: ['/listed/']}];
  const inPath = [{Key: 'Path', Option: 'Recursive', Values: ['/listed']}];
  await ssm().send(new PutParameterCommand({Name: '/listed/a', Value: 'a', Type: 'String'}));
  expect(await described(byName)).toEqual(['/listed/a']);
  expect((await byPath('/listed', true)).names).toEqual(['/listed/a']);
  const at = new Date(Date.now() + 1500).toISOString();
  await ssm().send(new PutParameterCommand({Name: '/listed/b', Value: 'b', Type: 'String', Tier: 'Advanced',
    Policies: JSON.stringify([{Type: 'Expiration', Version: '1.0', Attributes: {Timestamp: at}}])}));
  expect(await described(byName)).toEqual(['/listed/a', '/listed/b']);
  expect(await described(inPath)).toEqual(['/listed/a', '/listed/b']);
  expect((await byPath('/listed', true)).names).toEqual(['/listed/a', '/listed/b']);
  await ssm().send(new DeleteParameterCommand({Name: '/listed/a'}));
  expect(await described(byName)).toEqual(['/listed/b']);
  // Expired: gone from the listings without being read by name first.
  await waitFor(() => described(inPath), (names) => names.length === 0);
  expect(await described(byName)).toEqual([]);
  expect((await byPath('/listed', true)).names).toEqual([]);
});

describe('labels', () => {
  it('labels a version, moves a label, caps 10 a version, reports invalid labels, and unlabels', async () => {
    const name = '/t/labels';
    for (let i = 1; i <= 3; i++) await ssm().send(new PutParameterCommand({Name: name, Value: `v${i}`, Type: 'String', Overwrite: i > 1}));
    const first = await ssm().send(new LabelParameterVersionCommand({Name: name, ParameterVersion: 1, Labels: ['Prod', '1bad', 'awsx', 'ok.label']}));
    expect(first).toMatchObject({ParameterVersion: 1, InvalidLabels: ['1bad', 'awsx']});
    expect((await ssm().send(new GetParameterCommand({Name: `${name}:Prod`}))).Parameter).toMatchObject({Value: 'v1', Selector: ':Prod'});
    // Labelling the latest (no version given) moves Prod there.
    expect((await ssm().send(new LabelParameterVersionCommand({Name: name, Labels: ['Prod']}))).ParameterVersion).toBe(3);
    const h = await ssm().send(new GetParameterHistoryCommand({Name: name}));
    expect(h.Parameters?.map((p) => p.Labels)).toEqual([['ok.label'], [], ['Prod']]);
    await ssm().send(new LabelParameterVersionCommand({Name: name, ParameterVersion: 2, Labels: Array.from({length: 10}, (_, i) => `l${i}`)}));
    await expectSdkError(ssm().send(new LabelParameterVersionCommand({Name: name, ParameterVersion: 2, Labels: ['eleventh']})), 'ParameterVersionLabelLimitExceeded');
    await expectSdkError(ssm().send(new LabelParameterVersionCommand({Name: name, ParameterVersion: 9, Labels: ['x']})), 'ParameterVersionNotFound');
    await expectSdkError(ssm().send(new LabelParameterVersionCommand({Name: '/t/nope', Labels: ['x']})), 'ParameterNotFound');
    const un = await ssm().send(new UnlabelParameterVersionCommand({Name: name, ParameterVersion: 3, Labels: ['Prod', 'ghost']}));
    expect(un).toMatchObject({RemovedLabels: ['Prod'], InvalidLabels: ['ghost']});
    await expectSdkError(ssm().send(new GetParameterCommand({Name: `${name}:Prod`})), 'ParameterVersionNotFound');
  });
});

describe('delete and tags', () => {
  it('deletes one or several parameters', async () => {
    for (const n of ['/t/del/a', '/t/del/b', '/t/del/c']) await ssm().send(new PutParameterCommand({Name: n, Value: 'x', Type: 'String'}));
    await ssm().send(new DeleteParameterCommand({Name: '/t/del/a'}));
    await expectSdkError(ssm().send(new DeleteParameterCommand({Name: '/t/del/a'})), 'ParameterNotFound');
    const out = await ssm().send(new DeleteParametersCommand({Names: ['/t/del/b', '/t/del/c', '/t/del/zz']}));
    expect(out).toMatchObject({DeletedParameters: ['/t/del/b', '/t/del/c'], InvalidParameters: ['/t/del/zz']});
    expect((await byPath('/t/del', true)).names).toEqual([]);
  });

  it('adds, lists and removes tags on a parameter, at most 50', async () => {
    const name = '/t/tags';
    await ssm().send(new PutParameterCommand({Name: name, Value: 'x', Type: 'String', Tags: [{Key: 'team', Value: 'core'}]}));
    await ssm().send(new AddTagsToResourceCommand({ResourceType: 'Parameter', ResourceId: name, Tags: [{Key: 'env', Value: 'dev'}]}));
    const list = async (): Promise<unknown> => (await ssm().send(new ListTagsForResourceCommand({ResourceType: 'Parameter', ResourceId: name}))).TagList;
    expect(await list()).toEqual([{Key: 'team', Value: 'core'}, {Key: 'env', Value: 'dev'}]);
    await ssm().send(new RemoveTagsFromResourceCommand({ResourceType: 'Parameter', ResourceId: name, TagKeys: ['team']}));
    expect(await list()).toEqual([{Key: 'env', Value: 'dev'}]);
    const many = Array.from({length: 50}, (_, i) => ({Key: `k${i}`, Value: 'v'}));
    await expectSdkError(ssm().send(new AddTagsToResourceCommand({ResourceType: 'Parameter', ResourceId: name, Tags: many})), 'TooManyTagsError');
    await expectSdkError(ssm().send(new ListTagsForResourceCommand({ResourceType: 'Parameter', ResourceId: '/t/none'})), 'InvalidResourceId');
    await expectSdkError(ssm().send(new PutParameterCommand({Name: name, Value: 'y', Overwrite: true, Tags: [{Key: 'a', Value: 'b'}]})), 'ValidationException');
  });
});

describe('SecureString', () => {
  it('is returned as ciphertext unless decrypted, and never stored in plain text', async () => {
    const secret = 'hunter2-correct-horse-battery-staple';
    await ssm().send(new PutParameterCommand({Name: '/t/secret', Value: secret, Type: 'SecureString'}));
    const sealed = await ssm().send(new GetParameterCommand({Name: '/t/secret'}));
    expect(sealed.Parameter?.Value).not.toContain(secret);
    expect(sealed.Parameter?.Value).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect((await ssm().send(new GetParameterCommand({Name: '/t/secret', WithDecryption: true}))).Parameter?.Value).toBe(secret);
    const meta = await ssm().send(new DescribeParametersCommand({ParameterFilters: [{Key: 'Name', Values: ['/t/secret']}]}));
    expect(meta.Parameters?.[0]?.KeyId).toBe('alias/aws/ssm');
    const history = await ssm().send(new GetParameterHistoryCommand({Name: '/t/secret'}));
    expect(history.Parameters?.[0]?.Value).not.toContain(secret);
    const byPathSealed = await ssm().send(new GetParametersByPathCommand({Path: '/t', ParameterFilters: [{Key: 'Type', Values: ['SecureString']}]}));
    expect(JSON.stringify(byPathSealed)).not.toContain(secret);
    // What the store holds: ciphertext only.
    const stored = parameterStore(f.fleet.model).get('/t/secret', Date.now());
    const value = stored?.versions[0]?.value;
    expect(value !== undefined && 'sealed' in value).toBe(true);
    if (value !== undefined && 'sealed' in value) expect(value.sealed.includes(Buffer.from(secret))).toBe(false);
    expect(JSON.stringify(stored)).not.toContain(secret);
    // The seeded secrets too: every SecureString version is held sealed, and its ciphertext is not its plaintext.
    const store = parameterStore(f.fleet.model);
    let sealedCount = 0;
    for (const p of store.all(Date.now())) {
      for (const v of p.versions) {
        if (v.type !== 'SecureString') continue;
        expect('sealed' in v.value).toBe(true);
        const plain = store.valueOf(p.name, v, true);
        if ('sealed' in v.value) expect(v.value.sealed.includes(Buffer.from(plain))).toBe(false);
        sealedCount++;
      }
    }
    expect(sealedCount).toBeGreaterThan(50);
  });

  it('takes the keys of the account and refuses others with InvalidKeyId', async () => {
    await ssm().send(new PutParameterCommand({Name: '/t/cmk', Value: 's', Type: 'SecureString', KeyId: 'alias/fleetdeck/app-secrets'}));
    await expectSdkError(ssm().send(new PutParameterCommand({Name: '/t/badkey', Value: 's', Type: 'SecureString', KeyId: 'alias/nope'})), 'InvalidKeyId');
  });
});
