// The EC2 operations a runbook can call through aws:executeAwsApi and the wait/assert actions, answered from
// the local fleet's own nodes in the JSON shape boto3 returns (Reservations[].Instances[].State.Name, …), since
// Automation selects outputs with JSONPath over that shape. The Query/XML endpoint is ec2-instances.ts.

import type {FleetModel, FleetNode} from '../../../model/fleet-model.js';
import {STATE_CODES} from '../../../ec2/ec2-instances.js';
import {isObject, type JsonObject} from '../../../protocol/validation.js';
import type {FleetClock} from '../clock.js';
import {ec2Node, requestState, type DesiredState} from '../instance-state.js';

export class Ec2ApiError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

function strings(input: JsonObject, key: string): string[] {
  const v = input[key];
  if (v === undefined) return [];
  if (Array.isArray(v)) return v.map(String);
  return [String(v)];
}

function instanceShape(n: FleetNode): JsonObject {
  const e = n.ec2 as NonNullable<FleetNode['ec2']>;
  return {
    InstanceId: n.instanceId, ImageId: e.imageId, InstanceType: e.instanceType, KeyName: e.keyName,
    LaunchTime: new Date(e.launchTime).toISOString(), Placement: {AvailabilityZone: e.availabilityZone},
    PrivateIpAddress: e.privateIp, PrivateDnsName: e.privateDnsName, ...(e.publicIp === undefined || e.state !== 'running' ? {} : {PublicIpAddress: e.publicIp}),
    State: {Code: STATE_CODES[e.state], Name: e.state}, SubnetId: e.subnetId, VpcId: e.vpcId, Architecture: e.architecture,
    PlatformDetails: e.platformDetails, Tags: Object.entries(n.tags).map(([Key, Value]) => ({Key, Value})),
  };
}

function matchesFilter(n: FleetNode, name: string, values: readonly string[]): boolean {
  const e = n.ec2 as NonNullable<FleetNode['ec2']>;
  if (name === 'instance-id') return values.includes(n.instanceId);
  if (name === 'instance-state-name') return values.includes(e.state);
  if (name === 'instance-type') return values.includes(e.instanceType);
  if (name === 'tag-key') return values.some((k) => Object.hasOwn(n.tags, k));
  if (name.startsWith('tag:')) return values.includes(n.tags[name.slice(4)] ?? '\u0000');
  throw new Ec2ApiError('InvalidParameterValue', `The filter '${name}' is invalid`);
}

function describeInstances(model: FleetModel, input: JsonObject): JsonObject {
  const ids = strings(input, 'InstanceIds');
  let nodes: FleetNode[] = ids.length > 0 ? ids.map((id) => ec2NodeOrThrow(model, id)) : [...model.ec2Nodes()];
  const filters = Array.isArray(input['Filters']) ? input['Filters'] : [];
  for (const f of filters) {
    if (!isObject(f) || typeof f['Name'] !== 'string') continue;
    const name = f['Name'];
    const values = strings(f, 'Values');
    nodes = nodes.filter((n) => matchesFilter(n, name, values));
  }
  const byReservation = new Map<string, FleetNode[]>();
  for (const n of nodes) {
    const r = (n.ec2 as NonNullable<FleetNode['ec2']>).reservationId;
    byReservation.set(r, [...(byReservation.get(r) ?? []), n]);
  }
  return {Reservations: [...byReservation].map(([ReservationId, list]) => ({ReservationId, OwnerId: model.accountId, Instances: list.map(instanceShape)}))};
}

function ec2NodeOrThrow(model: FleetModel, id: string): FleetNode {
  try {
    return ec2Node(model, id);
  } catch (err) {
    const e = err as {code?: string; message: string};
    throw new Ec2ApiError(e.code ?? 'InvalidInstanceID.NotFound', e.message);
  }
}

function change(model: FleetModel, clock: FleetClock, input: JsonObject, desired: DesiredState, listKey: string): JsonObject {
  const ids = strings(input, 'InstanceIds');
  if (ids.length === 0) throw new Ec2ApiError('MissingParameter', 'The request must contain the parameter InstanceIds');
  for (const id of ids) ec2NodeOrThrow(model, id);
  const out = ids.map((id) => {
    let previous;
    try {
      previous = requestState(model, clock, id, desired);
    } catch (err) {
      const e = err as {code?: string; message: string};
      throw new Ec2ApiError(e.code ?? 'IncorrectInstanceState', e.message);
    }
    const now = (model.get(id)?.ec2 as NonNullable<FleetNode['ec2']>).state;
    return {InstanceId: id, PreviousState: {Code: STATE_CODES[previous], Name: previous}, CurrentState: {Code: STATE_CODES[now], Name: now}};
  });
  return {[listKey]: out};
}

/** Calls an EC2 operation by its API name (DescribeInstances, StartInstances, …). */
export function callEc2(model: FleetModel, clock: FleetClock, api: string, input: JsonObject): JsonObject {
  switch (api) {
    case 'DescribeInstances':
      return describeInstances(model, input);
    case 'StartInstances':
      return change(model, clock, input, 'running', 'StartingInstances');
    case 'StopInstances':
      return change(model, clock, input, 'stopped', 'StoppingInstances');
    case 'TerminateInstances':
      return change(model, clock, input, 'terminated', 'TerminatingInstances');
    case 'RebootInstances':
      for (const id of strings(input, 'InstanceIds')) ec2NodeOrThrow(model, id);
      return {};
    default:
      throw new Ec2ApiError('InvalidAction', `The local fleet's EC2 does not answer ${api} (it answers DescribeInstances, StartInstances, StopInstances, RebootInstances, TerminateInstances).`);
  }
}
