// EC2 DescribeInstances: InstanceId.N, Filter.N, MaxResults/NextToken, reservations grouping, and the
// instance XML as EC2 2016-11-15 sends it. Only EC2 nodes exist here; hybrid (`mi-`) ids are malformed.

import {compileFilters, dryRun, ec2Page, maxResultsParam, type AttributeReader} from './ec2-query-support.js';
import type {Ec2State, FleetModel, FleetNode} from '../model/fleet-model.js';
import type {QueryOperation} from '../protocol/operation-context.js';
import {ServiceError} from '../protocol/service-error.js';
import {ec2ResponseXml, filterParams, itemSet, listParam, type XmlObject} from '../protocol/wire-query.js';

export const STATE_CODES: Readonly<Record<Ec2State, number>> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};
const EC2_INSTANCE_ID = /^i-([0-9a-f]{8}|[0-9a-f]{17})$/;

function ec2(n: FleetNode): NonNullable<FleetNode['ec2']> {
  if (n.ec2 === undefined) throw new Error(`${n.instanceId} is not an EC2 instance`);
  return n.ec2;
}

const READERS: Readonly<Record<string, AttributeReader<FleetNode>>> = {
  'instance-id': (n) => n.instanceId,
  'instance-state-name': (n) => ec2(n).state,
  'instance-state-code': (n) => String(STATE_CODES[ec2(n).state]),
  'instance-type': (n) => ec2(n).instanceType,
  'availability-zone': (n) => ec2(n).availabilityZone,
  platform: (n) => (n.platformType === 'Windows' ? 'windows' : undefined),
  'platform-details': (n) => ec2(n).platformDetails,
  'private-ip-address': (n) => (ec2(n).state === 'terminated' ? undefined : ec2(n).privateIp),
  'ip-address': (n) => (ec2(n).state === 'running' ? ec2(n).publicIp : undefined),
  'private-dns-name': (n) => ec2(n).privateDnsName,
  'dns-name': (n) => ec2(n).publicDnsName,
  'vpc-id': (n) => (ec2(n).state === 'terminated' ? undefined : ec2(n).vpcId),
  'subnet-id': (n) => (ec2(n).state === 'terminated' ? undefined : ec2(n).subnetId),
  'image-id': (n) => ec2(n).imageId,
  'reservation-id': (n) => ec2(n).reservationId,
  architecture: (n) => ec2(n).architecture,
  'key-name': (n) => ec2(n).keyName,
  'instance.group-id': (n) => ec2(n).securityGroup.id,
  'instance.group-name': (n) => ec2(n).securityGroup.name,
  'iam-instance-profile.arn': (n) => ec2(n).instanceProfileArn,
  'tag-key': (n) => Object.keys(n.tags),
  'tag-value': (n) => Object.values(n.tags),
};

function tagReader(key: string): AttributeReader<FleetNode> {
  return (n) => (Object.hasOwn(n.tags, key) ? n.tags[key] : undefined);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function usageOperation(n: FleetNode): string {
  if (n.platformType === 'Windows') return 'RunInstances:0002';
  return ec2(n).platformDetails.startsWith('Red Hat') ? 'RunInstances:0010' : 'RunInstances';
}

export function tagSetXml(tags: Readonly<Record<string, string>>): XmlObject | undefined {
  const entries = Object.entries(tags);
  return entries.length === 0 ? undefined : itemSet(entries.map(([key, value]) => ({key, value})));
}

/** One `instancesSet/item`. Stopped instances have no public address; terminated ones no addresses at all. */
export function instanceXml(n: FleetNode, model: FleetModel): XmlObject {
  const e = ec2(n);
  const stoppedOrGone = e.state === 'stopped' || e.state === 'terminated';
  const gone = e.state === 'terminated';
  const item: XmlObject = {
    instanceId: n.instanceId,
    imageId: e.imageId,
    instanceState: {code: STATE_CODES[e.state], name: e.state},
    privateDnsName: gone ? '' : e.privateDnsName,
    dnsName: stoppedOrGone ? '' : (e.publicDnsName ?? ''),
    reason: stoppedOrGone ? `User initiated (${iso(model.generatedAt - 3_600_000).replace('T', ' ').slice(0, 19)} GMT)` : '',
    keyName: e.keyName,
    amiLaunchIndex: 0,
    instanceType: e.instanceType,
    launchTime: iso(e.launchTime),
    placement: {availabilityZone: e.availabilityZone, groupName: '', tenancy: 'default'},
    platform: n.platformType === 'Windows' ? 'windows' : undefined,
    monitoring: {state: 'disabled'},
    subnetId: gone ? undefined : e.subnetId,
    vpcId: gone ? undefined : e.vpcId,
    privateIpAddress: gone ? undefined : e.privateIp,
    ipAddress: stoppedOrGone ? undefined : e.publicIp,
    sourceDestCheck: gone ? undefined : true,
    groupSet: gone ? undefined : itemSet([{groupId: e.securityGroup.id, groupName: e.securityGroup.name}]),
    stateReason: stoppedOrGone
      ? {code: 'Client.UserInitiatedShutdown', message: 'Client.UserInitiatedShutdown: User initiated shutdown'}
      : undefined,
    architecture: e.architecture,
    rootDeviceType: 'ebs',
    rootDeviceName: e.rootDeviceName,
    virtualizationType: 'hvm',
    clientToken: '',
    tagSet: tagSetXml(n.tags),
    hypervisor: 'xen',
    iamInstanceProfile: gone ? undefined : {arn: e.instanceProfileArn, id: `AIPA${model.accountId}LOCAL`},
    ebsOptimized: false,
    enaSupport: true,
    platformDetails: e.platformDetails,
    usageOperation: usageOperation(n),
  };
  for (const k of Object.keys(item)) if (item[k] === undefined) delete item[k];
  return item;
}

function checkIds(ids: readonly string[], model: FleetModel): void {
  const malformed = ids.find((id) => !EC2_INSTANCE_ID.test(id));
  if (malformed !== undefined) throw new ServiceError('InvalidInstanceID.Malformed', `Invalid id: "${malformed}"`);
  const missing = ids.filter((id) => model.get(id)?.ec2 === undefined);
  if (missing.length === 1) throw new ServiceError('InvalidInstanceID.NotFound', `The instance ID '${missing[0] ?? ''}' does not exist`);
  if (missing.length > 1) throw new ServiceError('InvalidInstanceID.NotFound', `The instance IDs '${missing.join(', ')}' do not exist`);
}

export const describeInstances: QueryOperation = (params, ctx) => {
  const ids = listParam(params, 'InstanceId');
  const filters = filterParams(params);
  const maxResults = maxResultsParam(params);
  if (maxResults !== undefined && ids.length > 0) {
    throw new ServiceError('InvalidParameterCombination', 'The parameter instancesSet cannot be used with the parameter maxResults');
  }
  checkIds(ids, ctx.model);
  const test = compileFilters(filters, READERS, tagReader);
  dryRun(params);
  const idSet = ids.length === 0 ? undefined : new Set(ids);
  const scope = `ec2:DescribeInstances:${JSON.stringify({ids: ids.length === 0 ? undefined : [...new Set(ids)].sort(), filters})}`;
  const all = ctx.model.ec2Nodes();
  const list =
    idSet === undefined && filters.length === 0
      ? all
      : ctx.model.memo(scope, () => all.filter((n) => (idSet === undefined || idSet.has(n.instanceId)) && test(n)));
  const page = ec2Page(list, params, maxResults, scope, (n) => n.instanceId, ctx);
  const reservations = new Map<string, FleetNode[]>();
  for (const n of page.items) {
    const r = ec2(n).reservationId;
    const group = reservations.get(r);
    if (group === undefined) reservations.set(r, [n]);
    else group.push(n);
  }
  const body: XmlObject = {
    reservationSet: itemSet(
      [...reservations].map(([reservationId, nodes]) => ({
        reservationId,
        ownerId: ctx.model.accountId,
        instancesSet: itemSet(nodes.map((n) => instanceXml(n, ctx.model))),
      })),
    ),
  };
  if (page.nextToken !== undefined) body['nextToken'] = page.nextToken;
  return ec2ResponseXml('DescribeInstancesResponse', ctx.requestId, body);
};
