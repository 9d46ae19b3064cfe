// The instance detail pane: every SSM field, the tags, and the EC2 details, as labelled lines.
import type {Ec2Details, ManagedInstance} from '../../fleet/instances/instance.js';
import {sanitizeText} from '../../fleet/sanitize.js';
import {definePaneView} from '../view.js';
import {shortPlatform} from './present.js';
import {paneActions, type PaneText} from '../pane-actions.js';

function iso(ms: number | undefined): string {
  return ms === undefined ? '—' : new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function detailLines(i: ManagedInstance, fetched?: Ec2Details | {error: string}): string[] {
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
  const e = i.ec2 ?? (fetched && !('error' in fetched) ? fetched : undefined);
  if (i.resourceType === 'ManagedInstance') lines.push('  (hybrid node: not an EC2 instance)');
  else if (fetched && 'error' in fetched) lines.push(`  (could not load EC2 details: ${sanitizeText(fetched.error)})`);
  else if (!e) lines.push('  (loading EC2 details…)');
  if (e) {
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

const detail: PaneText = {
  lines: (store, arg) => {
    const inst = store.getState().instances.find((i) => i.instanceId === arg);
    return inst ? detailLines(inst, store.getState().ec2Details[inst.instanceId])
      : [`${arg ?? 'This instance'} is no longer in the fleet.`];
  },
  // The pane's text is already plain (sanitized, unstyled): saved as shown, whole.
  save: (store, arg) => (arg ? {name: `${arg}.txt`, text: `${detail.lines(store, arg, 0).join('\n')}\n`}
    : {unavailable: 'no instance here'}),
};

export const instanceDetailView = definePaneView({
  id: 'instance-detail',
  title: 'Instance',
  aliases: [],
  scopes: ['detail'],
  lines: detail.lines,
  actions: paneActions(detail),
});
