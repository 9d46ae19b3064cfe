// OpsCenter through the real SDK against the local fleet: the seeded items, create (limits, reserved keys and
// sources, duplicates), get, every filter operator, paging, update (status, notes, data deletion), and the adapter.
import {
  CreateOpsItemCommand, DescribeOpsItemsCommand, GetOpsItemCommand, UpdateOpsItemCommand, paginateDescribeOpsItems,
  type OpsItemFilter, type OpsItemSummary,
} from '@aws-sdk/client-ssm';
import {describe, expect, it} from 'vitest';
import {opsItemsApi} from '../../../../src/aws/opsitems/opsitems-api.js';
import {associatedRunbooks, instanceIdOfArn, relatedResourceArns} from '../../../../src/fleet/opsitems/opsitem.js';
import {OpsItemError} from '../../../../src/fleet/opsitems/port.js';
import {useFleetClients} from '../../../helpers/local-fleet.js';
import {expectSdkError} from '../../../helpers/fleet-clients.js';

const ctx = useFleetClients({nodes: 80, seed: 'opsitems'});
const ssm = () => ctx.aws.ssm;

async function all(filters: OpsItemFilter[] = [], pageSize = 50): Promise<OpsItemSummary[]> {
  const out: OpsItemSummary[] = [];
  for await (const page of paginateDescribeOpsItems({client: ssm(), pageSize}, {OpsItemFilters: filters})) {
    out.push(...(page.OpsItemSummaries ?? []));
  }
  return out;
}

const ids = (list: OpsItemSummary[]) => list.map((s) => s.OpsItemId);

async function create(title: string, extra: Partial<ConstructorParameters<typeof CreateOpsItemCommand>[0]> = {}): Promise<string> {
  const res = await ssm().send(new CreateOpsItemCommand({Title: title, Description: `about ${title}`, Source: 'tests', ...extra}));
  return res.OpsItemId ?? '';
}

describe('seeded OpsItems', () => {
  it('are Open, InProgress and Resolved items of several categories and severities, some naming real nodes', async () => {
    const seeded = await all();
    expect(seeded.length).toBeGreaterThanOrEqual(6);
    expect(new Set(seeded.map((s) => s.Status))).toEqual(new Set(['Open', 'InProgress', 'Resolved']));
    expect(new Set(seeded.map((s) => s.Category)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(seeded.map((s) => s.Severity)).size).toBeGreaterThanOrEqual(3);
    for (const s of seeded) expect(s.OpsItemId).toMatch(/^oi-[0-9a-f]{12}$/);
    const named = seeded.flatMap((s) => relatedResourceArns(Object.fromEntries(Object.entries(s.OperationalData ?? {})
      .map(([k, v]) => [k, {value: v.Value ?? '', type: 'SearchableString' as const}]))));
    expect(named.length).toBeGreaterThan(0);
    for (const arn of named) expect(ctx.fleet.model.get(instanceIdOfArn(arn) ?? '')).toBeDefined();
    const stopped = seeded.find((s) => s.Title === 'EC2 instance stopped');
    const item = (await ssm().send(new GetOpsItemCommand({OpsItemId: stopped?.OpsItemId}))).OpsItem;
    const data = Object.fromEntries(Object.entries(item?.OperationalData ?? {}).map(([k, v]) => [k, {value: v.Value ?? '', type: 'SearchableString' as const}]));
    expect(associatedRunbooks(data).map((r) => r.automationId)).toContain('AWS-RestartEC2Instance');
  });

  it('are the same for the same seed', async () => {
    const {startLocalFleet} = await import('../../../../src/local/index.js');
    const twin = await startLocalFleet({nodes: 80, seed: 'opsitems'});
    try {
      const {fleetClients} = await import('../../../helpers/fleet-clients.js');
      const c = fleetClients(twin);
      const theirs = (await c.ssm.send(new DescribeOpsItemsCommand({MaxResults: 50}))).OpsItemSummaries ?? [];
      const ours = await all();
      const seededIds = ours.filter((s) => s.CreatedBy?.includes('OpsItem-CWE-Role')).map((s) => [s.OpsItemId, s.Title]);
      expect(theirs.map((s) => [s.OpsItemId, s.Title])).toEqual(seededIds);
      c.ssm.destroy();
    } finally {
      await twin.close();
    }
  });
});

describe('CreateOpsItem and GetOpsItem', () => {
  it('creates an Open item with an oi- id and returns it whole', async () => {
    const res = await ssm().send(new CreateOpsItemCommand({
      Title: 'Disk full on web-01', Description: 'Log rotation failed', Source: 'ec2', Priority: 2, Severity: '1',
      Category: 'Availability', OperationalData: {
        '/aws/resources': {Value: JSON.stringify([{arn: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0'}]), Type: 'SearchableString'},
        '/aws/automations': {Value: '[{"automationId":"AWS-ASGEnterStandby","automationType":"AWS::SSM::Automation"}]', Type: 'SearchableString'},
        note: {Value: 'first seen at 03:00', Type: 'String'},
      },
      Notifications: [{Arn: 'arn:aws:sns:us-east-1:123456789012:ops'}],
    }));
    expect(res.OpsItemId).toMatch(/^oi-[0-9a-f]{12}$/);
    expect(res.OpsItemArn).toBe(`arn:aws:ssm:${ctx.fleet.region}:${ctx.fleet.model.accountId}:opsitem/${res.OpsItemId}`);
    const item = (await ssm().send(new GetOpsItemCommand({OpsItemId: res.OpsItemId}))).OpsItem;
    expect(item).toMatchObject({OpsItemId: res.OpsItemId, Title: 'Disk full on web-01', Description: 'Log rotation failed',
      Source: 'ec2', Priority: 2, Severity: '1', Category: 'Availability', Status: 'Open', OpsItemType: '/aws/issue',
      Version: '1', Notifications: [{Arn: 'arn:aws:sns:us-east-1:123456789012:ops'}], RelatedOpsItems: []});
    expect(item?.OperationalData?.['note']).toEqual({Value: 'first seen at 03:00', Type: 'String'});
    expect(item?.CreatedTime).toBeInstanceOf(Date);
  });

  it('enforces the documented limits and rules', async () => {
    const base = {Title: 't', Description: 'd', Source: 'tests'};
    await expectSdkError(ssm().send(new CreateOpsItemCommand({...base, Title: undefined as unknown as string})), 'ValidationException');
    await expectSdkError(ssm().send(new CreateOpsItemCommand({...base, Title: 't'.repeat(1025)})), 'ValidationException');
    await expectSdkError(ssm().send(new CreateOpsItemCommand({...base, Description: 'd'.repeat(2049)})), 'ValidationException');
    await expectSdkError(ssm().send(new CreateOpsItemCommand({...base, Source: 's'.repeat(129)})), 'ValidationException');
    for (const Priority of [0, 6]) await expectSdkError(ssm().send(new CreateOpsItemCommand({...base, Priority})), 'ValidationException');
    const reservedSource = await expectSdkError(ssm().send(new CreateOpsItemCommand({...base, Source: 'aws.ec2'})), 'OpsItemInvalidParameterException');
    expect((reservedSource as unknown as {ParameterNames?: string[]}).ParameterNames).toEqual(['Source']);
    await expectSdkError(ssm().send(new CreateOpsItemCommand({...base, OperationalData: {'/aws/custom': {Value: 'x', Type: 'String'}}})), 'OpsItemInvalidParameterException');
    await expectSdkError(ssm().send(new CreateOpsItemCommand({...base, OperationalData: {ssmKey: {Value: 'x', Type: 'String'}}})), 'OpsItemInvalidParameterException');
    await expectSdkError(ssm().send(new CreateOpsItemCommand({...base, OperationalData: {big: {Value: 'x'.repeat(20 * 1024 + 1), Type: 'String'}}})), 'OpsItemInvalidParameterException');
    await expectSdkError(ssm().send(new CreateOpsItemCommand({...base, RelatedOpsItems: [{OpsItemId: 'oi-000000000000'}]})), 'OpsItemInvalidParameterException');
    await expectSdkError(ssm().send(new CreateOpsItemCommand({...base, OpsItemType: '/aws/bogus'})), 'OpsItemInvalidParameterException');
    const ok = await create('twenty KB is allowed', {OperationalData: {big: {Value: 'x'.repeat(20 * 1024), Type: 'String'}}});
    expect(ok).toMatch(/^oi-/);
  });

  it('refuses a duplicate deduplication string while the first item is open, naming it', async () => {
    const dedup = {'/aws/dedup': {Value: JSON.stringify({dedupString: 'tests-dedup-1'}), Type: 'SearchableString' as const}};
    const firstId = await create('dedup first', {OperationalData: dedup});
    const err = await expectSdkError(ssm().send(new CreateOpsItemCommand({Title: 'dedup second', Description: 'd', Source: 'tests',
      OperationalData: dedup})), 'OpsItemAlreadyExistsException');
    expect((err as unknown as {OpsItemId?: string}).OpsItemId).toBe(firstId);
    await ssm().send(new UpdateOpsItemCommand({OpsItemId: firstId, Status: 'Resolved'}));
    expect(await create('dedup again', {OperationalData: dedup})).not.toBe(firstId);
  });

  it('GetOpsItem: unknown ids are OpsItemNotFoundException, malformed ones fail validation', async () => {
    await expectSdkError(ssm().send(new GetOpsItemCommand({OpsItemId: 'oi-000000000000'})), 'OpsItemNotFoundException');
    await expectSdkError(ssm().send(new GetOpsItemCommand({OpsItemId: 'bogus'})), 'ValidationException');
  });
});

describe('DescribeOpsItems filters and paging', () => {
  it('filters with Equal, Contains, GreaterThan and LessThan, and pages up to 50 a call', async () => {
    const tag = `f${Date.now().toString(36)}`;
    const a = await create(`${tag} alpha checkout latency`, {Priority: 1, Severity: '1', Category: 'Performance', Source: `${tag}-src`,
      OperationalData: {service: {Value: `${tag}-checkout`, Type: 'SearchableString'}, secret: {Value: `${tag}-hidden`, Type: 'String'},
        '/aws/resources': {Value: JSON.stringify([{arn: `arn:aws:ec2:us-east-1:1:instance/i-0${tag}`}]), Type: 'SearchableString'}}});
    const b = await create(`${tag} beta queue backlog`, {Priority: 3, Severity: '3', Category: 'Recovery', Source: `${tag}-src`});
    const c = await create(`${tag} gamma`, {Priority: 3, Severity: '4', Category: 'Cost', Source: 'other'});
    const mine = [{Key: 'Title' as const, Values: [tag], Operator: 'Contains' as const}];
    expect(ids(await all(mine))).toEqual([c, b, a]); // newest first
    expect(ids(await all([...mine, {Key: 'Priority', Values: ['3'], Operator: 'Equal'}]))).toEqual([c, b]);
    expect(ids(await all([...mine, {Key: 'Severity', Values: ['1', '4'], Operator: 'Equal'}]))).toEqual([c, a]);
    expect(ids(await all([...mine, {Key: 'Category', Values: ['Recovery'], Operator: 'Equal'}]))).toEqual([b]);
    expect(ids(await all([{Key: 'Source', Values: [`${tag}-src`], Operator: 'Equal'}]))).toEqual([b, a]);
    expect(ids(await all([{Key: 'Source', Values: [tag], Operator: 'Contains'}]))).toEqual([b, a]);
    expect(ids(await all([{Key: 'Title', Values: [`${tag} gamma`], Operator: 'Equal'}]))).toEqual([c]);
    expect(ids(await all([{Key: 'OpsItemId', Values: [a, c], Operator: 'Equal'}]))).toEqual([c, a]);
    expect(ids(await all([{Key: 'OperationalDataValue', Values: [`${tag}-check`], Operator: 'Contains'}]))).toEqual([a]);
    expect(ids(await all([{Key: 'OperationalDataValue', Values: [`${tag}-hidden`], Operator: 'Equal'}]))).toEqual([]); // String is not searchable
    expect(ids(await all([{Key: 'OperationalData', Values: [JSON.stringify({key: 'service', value: `${tag}-checkout`})], Operator: 'Equal'}]))).toEqual([a]);
    expect(ids(await all([...mine, {Key: 'OperationalDataKey', Values: ['service'], Operator: 'Equal'}]))).toEqual([a]);
    expect(ids(await all([{Key: 'ResourceId', Values: [`i-0${tag}`], Operator: 'Contains'}]))).toEqual([a]);
    const created = (await ssm().send(new GetOpsItemCommand({OpsItemId: b}))).OpsItem?.CreatedTime?.getTime() ?? 0;
    const after = await all([...mine, {Key: 'CreatedTime', Values: [new Date(created - 1).toISOString()], Operator: 'GreaterThan'}]);
    expect(ids(after)).toContain(b);
    expect(ids(after)).not.toContain(ids(await all([{Key: 'Status', Values: ['Resolved'], Operator: 'Equal'}]))[0]);
    expect(ids(await all([...mine, {Key: 'CreatedTime', Values: ['2000-01-01T00:00:00Z'], Operator: 'LessThan'}]))).toEqual([]);
    expect(ids(await all([...mine, {Key: 'LastModifiedTime', Values: ['2000-01-01T00:00:00Z'], Operator: 'GreaterThan'}]))).toHaveLength(3);
    await expectSdkError(ssm().send(new DescribeOpsItemsCommand({OpsItemFilters: [{Key: 'Status', Values: ['Open'], Operator: 'GreaterThan'}]})), 'ValidationException');
    await expectSdkError(ssm().send(new DescribeOpsItemsCommand({OpsItemFilters: [{Key: 'CreatedTime', Values: ['yesterday'], Operator: 'LessThan'}]})), 'ValidationException');
    await expectSdkError(ssm().send(new DescribeOpsItemsCommand({OpsItemFilters: [{Key: 'Bogus' as 'Status', Values: ['x'], Operator: 'Equal'}]})), 'ValidationException');
  });

  it('pages: every item once across pages of any size; MaxResults over 50 and foreign tokens are refused', async () => {
    for (let i = 0; i < 55; i++) await create(`bulk ${i}`, {Source: 'bulk'});
    const bulk = [{Key: 'Source' as const, Values: ['bulk'], Operator: 'Equal' as const}];
    const byThree = await all(bulk, 3);
    expect(byThree).toHaveLength(55);
    expect(new Set(ids(byThree)).size).toBe(55);
    expect(ids(await all(bulk, 50))).toEqual(ids(byThree));
    const page = await ssm().send(new DescribeOpsItemsCommand({OpsItemFilters: bulk, MaxResults: 50}));
    expect(page.OpsItemSummaries).toHaveLength(50);
    expect(page.NextToken).toBeTruthy();
    await expectSdkError(ssm().send(new DescribeOpsItemsCommand({MaxResults: 51})), 'ValidationException');
    await expectSdkError(ssm().send(new DescribeOpsItemsCommand({NextToken: page.NextToken})), 'InvalidNextToken');
  });
});

describe('UpdateOpsItem', () => {
  it('sets the status, adds a note, deletes data, and bumps the version and modification time', async () => {
    const id = await create('to be resolved', {OperationalData: {old: {Value: 'x', Type: 'SearchableString'}}});
    const before = (await ssm().send(new GetOpsItemCommand({OpsItemId: id}))).OpsItem;
    await ssm().send(new UpdateOpsItemCommand({OpsItemId: id, Status: 'InProgress',
      OperationalData: {note: {Value: 'restarted the service', Type: 'String'}}, OperationalDataToDelete: ['old']}));
    await ssm().send(new UpdateOpsItemCommand({OpsItemId: id, Status: 'Resolved', Description: 'Fixed by a restart', Priority: 4}));
    const after = (await ssm().send(new GetOpsItemCommand({OpsItemId: id}))).OpsItem;
    expect(after).toMatchObject({Status: 'Resolved', Description: 'Fixed by a restart', Priority: 4, Version: '3'});
    expect(after?.OperationalData).toEqual({note: {Value: 'restarted the service', Type: 'String'}});
    expect(after?.LastModifiedTime?.getTime()).toBeGreaterThanOrEqual(before?.LastModifiedTime?.getTime() ?? 0);
    expect(ids(await all([{Key: 'OpsItemId', Values: [id], Operator: 'Equal'}, {Key: 'Status', Values: ['Resolved'], Operator: 'Equal'}]))).toEqual([id]);
  });

  it('refuses unknown items, unknown statuses and reserved keys', async () => {
    await expectSdkError(ssm().send(new UpdateOpsItemCommand({OpsItemId: 'oi-000000000000', Status: 'Resolved'})), 'OpsItemNotFoundException');
    const id = await create('strict update');
    await expectSdkError(ssm().send(new UpdateOpsItemCommand({OpsItemId: id, Status: 'Done' as 'Open'})), 'ValidationException');
    await expectSdkError(ssm().send(new UpdateOpsItemCommand({OpsItemId: id, OperationalData: {amazonThing: {Value: 'x', Type: 'String'}}})), 'OpsItemInvalidParameterException');
    await expectSdkError(ssm().send(new UpdateOpsItemCommand({OpsItemId: id, RelatedOpsItems: [{OpsItemId: id}]})), 'OpsItemInvalidParameterException');
  });
});

describe('the OpsItems adapter', () => {
  it('creates, lists (all pages), gets, resolves with a note, and maps the service\'s refusals', async () => {
    const api = opsItemsApi(ctx.aws);
    const id = await api.create({title: 'adapter item \u001b[2J', description: 'line one\nline two', source: 'adapter', priority: 2,
      severity: '2', category: 'Security', operationalData: {ticket: {value: 'OPS-1', type: 'SearchableString'}}});
    const listed = await api.list([{key: 'Source', values: ['adapter'], operator: 'Equal'}]);
    expect(listed).toEqual([expect.objectContaining({opsItemId: id, status: 'Open', priority: 2, severity: '2', category: 'Security'})]);
    expect(listed[0]?.title).not.toContain('\u001b');
    expect((await api.list()).length).toBeGreaterThan(50);
    await api.update(id, {status: 'Resolved', operationalData: {note: {value: 'rotated keys', type: 'String'}}});
    const item = await api.get(id);
    expect(item).toMatchObject({status: 'Resolved', description: 'line one\nline two', version: '2'});
    expect(item.operationalData['note']).toEqual({value: 'rotated keys', type: 'String'});
    const missing = await api.get('oi-000000000000').then(() => undefined, (e: unknown) => e);
    expect(missing).toBeInstanceOf(OpsItemError);
    expect((missing as OpsItemError).kind).toBe('not-found');
    const dedup = {'/aws/dedup': {value: JSON.stringify({dedupString: 'adapter-dedup'}), type: 'SearchableString' as const}};
    const firstId = await api.create({title: 'a', description: 'd', source: 'adapter', operationalData: dedup});
    const dup = await api.create({title: 'b', description: 'd', source: 'adapter', operationalData: dedup}).then(() => undefined, (e: unknown) => e);
    expect((dup as OpsItemError).kind).toBe('exists');
    expect((dup as OpsItemError).existingId).toBe(firstId);
  });
});
