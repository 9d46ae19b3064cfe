// The instance detail pane: every SSM field, the tags, and the EC2 details, as labelled lines.
import type {ManagedInstance} from '../../fleet/instance.js';
import {definePaneView} from '../view.js';
import {shortPlatform} from './present.js';

function iso(ms: number | undefined): string {
  return ms === undefined ? '—' : new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function detailLines(i: ManagedInstance): string[] {
  const field = (label: string, value: string | undefined) => `  ${label.padEnd(24)} ${value || '—'}`;
  const lines = [
    'SSM',
    field('Instance ID', i.instanceId),
    field('Name', i.name),
    field('Ping status', i.pingStatus),
    field('Last ping', iso(i.lastPingAt)),
    field('Resource type', i.resourceType),
    field('Platform', `${i.platformType} · ${i.platformName} ${i.platformVersion} (${shortPlatform(i)})`),
    field('Agent version', i.agentVersion + (i.isLatestVersion === false ? ' (update available)' : '')),
    field('IP address', i.ipAddress),
    field('Computer name', i.computerName),
    field('Association status', i.associationStatus),
    field('Last association', iso(i.lastAssociationAt)),
    field('Registration date', iso(i.registrationDate)),
    field('IAM role', i.iamRole),
    field('Activation ID', i.activationId),
    field('Source', [i.sourceType, i.sourceId].filter(Boolean).join(' ')),
    '',
    'Tags',
  ];
  const tags = Object.entries(i.tags).sort(([a], [b]) => a.localeCompare(b));
  if (tags.length === 0) lines.push('  (none)');
  for (const [k, v] of tags) lines.push(field(k, v));
  lines.push('', 'EC2');
  const e = i.ec2;
  if (!e) lines.push(i.resourceType === 'ManagedInstance' ? '  (hybrid node: not an EC2 instance)' : '  (loading EC2 details…)');
  else {
    lines.push(
      field('State', e.state),
      field('Instance type', e.instanceType),
      field('Availability zone', e.availabilityZone),
      field('Launch time', iso(e.launchTime)),
      field('Private IP', e.privateIp),
      field('Public IP', e.publicIp),
      field('Image', e.imageId),
      field('VPC / subnet', [e.vpcId, e.subnetId].filter(Boolean).join(' / ')),
      field('Platform details', e.platformDetails),
    );
  }
  return lines;
}

export const instanceDetailView = definePaneView({
  id: 'instance-detail',
  title: 'Instance',
  aliases: [],
  scopes: ['detail'],
  lines: (store, arg) => {
    const inst = store.getState().instances.find((i) => i.instanceId === arg);
    return inst ? detailLines(inst) : [`${arg ?? 'This instance'} is no longer in the fleet.`];
  },
  actions: {},
});
