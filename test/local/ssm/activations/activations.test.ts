// Hybrid activations through the real SDK against the local fleet: create (limits, defaults), describe (filters,
// paging, Expired), delete, registration through the control target (limit, expiry, wrong code), the registered
// node in DescribeInstanceInformation, and DeregisterManagedInstance.
import {
  CreateActivationCommand, DeleteActivationCommand, DeregisterManagedInstanceCommand, DescribeActivationsCommand,
  DescribeInstanceInformationCommand, ListTagsForResourceCommand, SendCommandCommand, paginateDescribeActivations, type Activation,
} from '@aws-sdk/client-ssm';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {fleetControlClient, FleetControlError} from '../../../../src/local/index.js';
import {activationsApi} from '../../../../src/aws/activations/activations-api.js';
import {ActivationError} from '../../../../src/fleet/activations/port.js';
import {useFleetClients} from '../../../helpers/local-fleet.js';
import {expectSdkError, fleetClients} from '../../../helpers/fleet-clients.js';
import {waitForInvocation} from '../../../helpers/run-command.js';

const HOUR = 3_600_000;
const ctx = useFleetClients({nodes: 60, seed: 'activations'});
const ssm = () => ctx.aws.ssm;
const control = () => fleetControlClient(ctx.fleet);

async function allActivations(filters?: {FilterKey: 'ActivationIds' | 'DefaultInstanceName' | 'IamRole'; FilterValues: string[]}[], pageSize = 50): Promise<Activation[]> {
  const out: Activation[] = [];
  for await (const page of paginateDescribeActivations({client: ssm(), pageSize}, filters ? {Filters: filters} : {})) {
    out.push(...(page.ActivationList ?? []));
  }
  return out;
}

async function registrationError(call: Promise<unknown>): Promise<FleetControlError> {
  const err = await call.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(FleetControlError);
  return err as FleetControlError;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('CreateActivation', () => {
  it('returns an id and a 20-character code; defaults: one registration, 24 hours', async () => {
    const before = Date.now();
    const res = await ssm().send(new CreateActivationCommand({IamRole: 'SSMServiceRole', DefaultInstanceName: 'lab-vm'}));
    expect(res.ActivationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(res.ActivationCode).toMatch(/^[A-Za-z0-9+/]{20}$/);
    const [a] = await allActivations([{FilterKey: 'ActivationIds', FilterValues: [res.ActivationId ?? '']}]);
    expect(a).toMatchObject({ActivationId: res.ActivationId, DefaultInstanceName: 'lab-vm', IamRole: 'SSMServiceRole',
      RegistrationLimit: 1, RegistrationsCount: 0, Expired: false, Tags: []});
    const expiry = a?.ExpirationDate?.getTime() ?? 0;
    expect(expiry).toBeGreaterThanOrEqual(before + 24 * HOUR - 1000);
    expect(expiry).toBeLessThanOrEqual(Date.now() + 24 * HOUR + 1000);
  });

  it('keeps description, limit, expiry and tags', async () => {
    const expiration = new Date(Date.now() + 10 * 24 * HOUR);
    const res = await ssm().send(new CreateActivationCommand({
      IamRole: 'service-role/AmazonEC2RunCommandRoleForManagedInstances', Description: 'Rack 12', RegistrationLimit: 1000,
      ExpirationDate: expiration, Tags: [{Key: 'Site', Value: 'dc9'}], RegistrationMetadata: [{Key: 'rack', Value: '12'}],
    }));
    const [a] = await allActivations([{FilterKey: 'ActivationIds', FilterValues: [res.ActivationId ?? '']}]);
    expect(a).toMatchObject({Description: 'Rack 12', RegistrationLimit: 1000, Tags: [{Key: 'Site', Value: 'dc9'}]});
    expect(Math.abs((a?.ExpirationDate?.getTime() ?? 0) - expiration.getTime())).toBeLessThan(1000);
  });

  it('enforces the registration limit range, the role and the 30-day expiry', async () => {
    for (const limit of [0, 1001]) {
      const err = await expectSdkError(ssm().send(new CreateActivationCommand({IamRole: 'r', RegistrationLimit: limit})), 'ValidationException');
      expect(err.message).toContain('registrationLimit');
    }
    await expectSdkError(ssm().send(new CreateActivationCommand({IamRole: undefined as unknown as string})), 'ValidationException');
    await expectSdkError(ssm().send(new CreateActivationCommand({IamRole: 'r'.repeat(65)})), 'ValidationException');
    await expectSdkError(ssm().send(new CreateActivationCommand({IamRole: 'r', ExpirationDate: new Date(Date.now() + 31 * 24 * HOUR)})), 'InvalidParameters');
    await expectSdkError(ssm().send(new CreateActivationCommand({IamRole: 'r', ExpirationDate: new Date(Date.now() - HOUR)})), 'InvalidParameters');
    await expectSdkError(ssm().send(new CreateActivationCommand({IamRole: 'r', DefaultInstanceName: 'bad;name'})), 'ValidationException');
    const ok = await ssm().send(new CreateActivationCommand({IamRole: 'r', ExpirationDate: new Date(Date.now() + 29 * 24 * HOUR)}));
    expect(ok.ActivationId).toBeDefined();
  });
});

describe('DescribeActivations', () => {
  it('lists the seeded activations: the ones the seeded hybrid nodes registered with (expired) and a live one', async () => {
    const seededIds = new Set(ctx.fleet.model.hybridNodes().map((n) => n.activationId));
    const all = await allActivations();
    for (const id of seededIds) {
      const a = all.find((x) => x.ActivationId === id);
      expect(a?.Expired).toBe(true);
      const count = ctx.fleet.model.hybridNodes().filter((n) => n.activationId === id).length;
      expect(a?.RegistrationsCount).toBe(count);
    }
    expect(all.some((a) => a.Expired === false && a.DefaultInstanceName === 'edge-gateway')).toBe(true);
  });

  it('filters by ids, default instance name and role, and pages with MaxResults up to 50', async () => {
    for (let i = 0; i < 7; i++) {
      await ssm().send(new CreateActivationCommand({IamRole: 'PagingRole', DefaultInstanceName: `paging-${i % 2}`}));
    }
    const byRole = await allActivations([{FilterKey: 'IamRole', FilterValues: ['PagingRole']}], 2);
    expect(byRole).toHaveLength(7);
    expect(new Set(byRole.map((a) => a.ActivationId)).size).toBe(7);
    const byName = await allActivations([{FilterKey: 'IamRole', FilterValues: ['PagingRole']},
      {FilterKey: 'DefaultInstanceName', FilterValues: ['paging-0']}]);
    expect(byName).toHaveLength(4);
    const paged = await allActivations(undefined, 3);
    expect(paged.map((a) => a.ActivationId)).toEqual((await allActivations()).map((a) => a.ActivationId));
    const first = await ssm().send(new DescribeActivationsCommand({MaxResults: 1}));
    expect(first.ActivationList).toHaveLength(1);
    expect(first.NextToken).toBeTruthy();
    await expectSdkError(ssm().send(new DescribeActivationsCommand({MaxResults: 51})), 'ValidationException');
    await expectSdkError(ssm().send(new DescribeActivationsCommand({NextToken: 'bogus'})), 'InvalidNextToken');
    await expectSdkError(ssm().send(new DescribeActivationsCommand({Filters: [{FilterKey: 'Bogus' as 'IamRole', FilterValues: ['x']}]})), 'ValidationException');
  });
});

describe('DeleteActivation', () => {
  it('deletes an activation; an unknown one is InvalidActivationId', async () => {
    const {ActivationId} = await ssm().send(new CreateActivationCommand({IamRole: 'r'}));
    await ssm().send(new DeleteActivationCommand({ActivationId}));
    expect(await allActivations([{FilterKey: 'ActivationIds', FilterValues: [ActivationId ?? '']}])).toEqual([]);
    await expectSdkError(ssm().send(new DeleteActivationCommand({ActivationId})), 'InvalidActivationId');
  });
});

describe('registration (the agent\'s -register) and DeregisterManagedInstance', () => {
  it('registers a node that DescribeInstanceInformation lists with its ActivationId, IamRole, name and tags', async () => {
    const {ActivationId = '', ActivationCode = ''} = await ssm().send(new CreateActivationCommand({
      IamRole: 'HybridRole', DefaultInstanceName: 'rack-12', RegistrationLimit: 2, Tags: [{Key: 'Site', Value: 'dc9'}],
    }));
    const region = ctx.fleet.region;
    const id = await control().registerManagedInstance({activationId: ActivationId, activationCode: ActivationCode, region,
      hostname: 'rack12-a.example.internal'});
    expect(id).toMatch(/^mi-[0-9a-f]{17}$/);
    const info = await ssm().send(new DescribeInstanceInformationCommand({Filters: [{Key: 'ActivationIds', Values: [ActivationId]}]}));
    expect(info.InstanceInformationList).toHaveLength(1);
    expect(info.InstanceInformationList?.[0]).toMatchObject({InstanceId: id, ActivationId, IamRole: 'HybridRole',
      Name: 'rack-12', ResourceType: 'ManagedInstance', PingStatus: 'Online', ComputerName: 'rack12-a.example.internal'});
    const tags = await ssm().send(new ListTagsForResourceCommand({ResourceType: 'ManagedInstance', ResourceId: id}));
    expect(tags.TagList).toEqual([{Key: 'Site', Value: 'dc9'}]);

    await control().registerManagedInstance({activationId: ActivationId, activationCode: ActivationCode, region});
    const [a] = await allActivations([{FilterKey: 'ActivationIds', FilterValues: [ActivationId]}]);
    expect(a?.RegistrationsCount).toBe(2);
    const over = await registrationError(control().registerManagedInstance({activationId: ActivationId, activationCode: ActivationCode, region}));
    expect(over.code).toBe('InvalidActivation');
    expect(over.message).toContain('registration limit');

    await ssm().send(new DeregisterManagedInstanceCommand({InstanceId: id}));
    const after = await ssm().send(new DescribeInstanceInformationCommand({Filters: [{Key: 'ActivationIds', Values: [ActivationId]}]}));
    expect(after.InstanceInformationList?.map((i) => i.InstanceId)).not.toContain(id);
    expect(after.InstanceInformationList).toHaveLength(1);
    await expectSdkError(ssm().send(new DeregisterManagedInstanceCommand({InstanceId: id})), 'InvalidInstanceId');
  });

  it('a registered node is a real node: Run Command runs on it', async () => {
    const {ActivationId = '', ActivationCode = ''} = await ssm().send(new CreateActivationCommand({IamRole: 'r'}));
    const id = await control().registerManagedInstance({activationId: ActivationId, activationCode: ActivationCode, region: ctx.fleet.region});
    const sent = await ssm().send(new SendCommandCommand({InstanceIds: [id], DocumentName: 'AWS-RunShellScript',
      Parameters: {commands: ['echo registered']}}));
    const done = await waitForInvocation(ssm(), sent.Command?.CommandId ?? '', id);
    expect(done.Status).toBe('Success');
    expect(done.StandardOutputContent).toBe('registered\n');
  });

  it('refuses a wrong code, another region, a deleted activation and an expired one (Expired: true in the listing)', async () => {
    const region = ctx.fleet.region;
    const {ActivationId = '', ActivationCode = ''} = await ssm().send(new CreateActivationCommand({
      IamRole: 'r', RegistrationLimit: 5, ExpirationDate: new Date(Date.now() + HOUR),
    }));
    const wrong = await registrationError(control().registerManagedInstance({activationId: ActivationId, activationCode: 'x'.repeat(20), region}));
    expect(wrong.code).toBe('InvalidActivation');
    const elsewhere = await registrationError(control().registerManagedInstance({activationId: ActivationId, activationCode: ActivationCode,
      region: region === 'eu-west-1' ? 'us-east-1' : 'eu-west-1'}));
    expect(elsewhere.code).toBe('InvalidActivation');

    // Both ends share this process's clock: moving it past the expiry expires the activation for the service.
    // A client of its own: the SDK learns a clock offset from the endpoint's Date header, which would outlive the jump.
    vi.useFakeTimers({toFake: ['Date'], now: Date.now() + 2 * HOUR});
    const later = fleetClients(ctx.fleet).ssm;
    const listed = await later.send(new DescribeActivationsCommand({Filters: [{FilterKey: 'ActivationIds', FilterValues: [ActivationId]}]}));
    later.destroy();
    expect(listed.ActivationList?.[0]?.Expired).toBe(true);
    const expired = await registrationError(control().registerManagedInstance({activationId: ActivationId, activationCode: ActivationCode, region}));
    expect(expired.code).toBe('InvalidActivation');
    expect(expired.message).toContain('expired');
    vi.useRealTimers();

    await ssm().send(new DeleteActivationCommand({ActivationId}));
    const deleted = await registrationError(control().registerManagedInstance({activationId: ActivationId, activationCode: ActivationCode, region}));
    expect(deleted.code).toBe('InvalidActivation');
  });

  it('the activation code never reaches the fleet\'s records: only a digest is kept', async () => {
    const {ActivationId = '', ActivationCode = ''} = await ssm().send(new CreateActivationCommand({IamRole: 'r'}));
    const {activationStoreFor} = await import('../../../../src/local/ssm/activations/index.js');
    const stored = activationStoreFor(ctx.fleet.model).get(ActivationId);
    expect(JSON.stringify(stored)).not.toContain(ActivationCode);
  });

  it('DeregisterManagedInstance: malformed ids (EC2 ids included) fail validation, unknown mi- ids are InvalidInstanceId', async () => {
    const ec2 = ctx.fleet.model.ec2Nodes()[0]?.instanceId ?? '';
    const short = await expectSdkError(ssm().send(new DeregisterManagedInstanceCommand({InstanceId: ec2})), 'ValidationException');
    expect(short.message).toContain('Member must have length greater than or equal to 20');
    const upper = await expectSdkError(ssm().send(new DeregisterManagedInstanceCommand({InstanceId: 'mi-0123456789ABCDEF0'})), 'ValidationException');
    expect(upper.message).toContain('regular expression pattern');
    await expectSdkError(ssm().send(new DeregisterManagedInstanceCommand({InstanceId: 'mi-0123456789abcdef0'})), 'InvalidInstanceId');
    const seeded = ctx.fleet.model.hybridNodes().at(-1)?.instanceId ?? '';
    await ssm().send(new DeregisterManagedInstanceCommand({InstanceId: seeded}));
    expect(ctx.fleet.model.get(seeded)).toBeUndefined();
  });
});

describe('the activations adapter', () => {
  it('creates, lists (all pages), deletes and deregisters, mapping the service\'s refusals', async () => {
    const api = activationsApi(ctx.aws);
    const created = await api.create({iamRole: 'AdapterRole', defaultInstanceName: 'adapter-vm', registrationLimit: 3,
      tags: {Team: 'ops'}});
    const listed = await api.list([{key: 'ActivationIds', values: [created.activationId]}]);
    expect(listed).toEqual([expect.objectContaining({activationId: created.activationId, iamRole: 'AdapterRole',
      defaultInstanceName: 'adapter-vm', registrationLimit: 3, registrationsCount: 0, expired: false, tags: {Team: 'ops'}})]);
    for (let i = 0; i < 50; i++) await api.create({iamRole: 'BulkRole'});
    expect(await api.list([{key: 'IamRole', values: ['BulkRole']}])).toHaveLength(50);
    expect((await api.list()).map((a) => a.activationId)).toEqual((await allActivations()).map((a) => a.ActivationId));
    const nodeId = await control().registerManagedInstance({activationId: created.activationId,
      activationCode: created.activationCode, region: ctx.fleet.region});
    await api.deregister(nodeId);
    await api.delete(created.activationId);
    const gone = await api.delete(created.activationId).then(() => undefined, (e: unknown) => e);
    expect(gone).toBeInstanceOf(ActivationError);
    expect((gone as ActivationError).kind).toBe('not-found');
    const invalid = await api.create({iamRole: 'r', registrationLimit: 5000}).then(() => undefined, (e: unknown) => e);
    expect((invalid as ActivationError).kind).toBe('invalid');
  });
});
