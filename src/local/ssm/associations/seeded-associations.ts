// The State Manager associations a local fleet starts with: a fixed set targeting nodes by tag, with each node's
// status for them consistent with its generated AssociationStatus. They describe history: they run when applied
// (StartAssociationsOnce, UpdateAssociation), not on their schedule (association-store.ts).

import type {AssociationStatus, FleetModel, FleetNode} from '../../model/fleet-model.js';
import {Prng} from '../../model/prng.js';

export interface Association {
  associationId: string;
  name: string;
  documentName: string;
  documentVersion: string;
  scheduleExpression: string;
  parameters: Readonly<Record<string, readonly string[]>>;
  targets: readonly {Key: string; Values: readonly string[]}[];
  applies: (node: FleetNode) => boolean;
}

/** The seeded associations (the same ids for the same seed). */
export function seededAssociations(model: FleetModel): readonly Association[] {
  const rng = new Prng(`${model.seed}:associations`);
  const id = (): string => `${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-a${rng.hex(3)}-${rng.hex(12)}`;
  const tag = (key: string, values: readonly string[]) => (n: FleetNode) => values.includes(n.tags[key] ?? '\u0000');
  const list: Association[] = [
    {associationId: id(), name: 'fleet-inventory', documentName: 'AWS-GatherSoftwareInventory', documentVersion: '$DEFAULT', scheduleExpression: 'rate(30 minutes)', parameters: {}, targets: [{Key: 'InstanceIds', Values: ['*']}], applies: () => true},
    {associationId: id(), name: 'patch-scan-daily', documentName: 'AWS-RunPatchBaseline', documentVersion: '$DEFAULT', scheduleExpression: 'cron(0 2 ? * * *)', parameters: {Operation: ['Scan']}, targets: [{Key: 'tag-key', Values: ['PatchGroup']}], applies: (n) => Object.hasOwn(n.tags, 'PatchGroup')},
    {associationId: id(), name: 'ssm-agent-update', documentName: 'AWS-UpdateSSMAgent', documentVersion: '$DEFAULT', scheduleExpression: 'rate(14 days)', parameters: {}, targets: [{Key: 'tag:Env', Values: ['prod']}], applies: tag('Env', ['prod'])},
    {associationId: id(), name: 'cloudwatch-agent', documentName: 'AWS-ConfigureAWSPackage', documentVersion: '$DEFAULT', scheduleExpression: 'rate(1 day)', parameters: {action: ['Install'], name: ['AmazonCloudWatchAgent']}, targets: [{Key: 'tag:Role', Values: ['web', 'api']}], applies: tag('Role', ['web', 'api'])},
    {associationId: id(), name: 'harden-ssh', documentName: 'Fleet-HardenSSH', documentVersion: '3', scheduleExpression: 'rate(1 day)', parameters: {}, targets: [{Key: 'tag:Team', Values: ['sre', 'platform']}], applies: (n) => n.platformType === 'Linux' && ['sre', 'platform'].includes(n.tags['Team'] ?? '')},
    {associationId: id(), name: 'rotate-logs', documentName: 'AWS-RunShellScript', documentVersion: '$DEFAULT', scheduleExpression: 'cron(0 3 ? * SUN *)', parameters: {commands: ['echo "logs rotated on $AWS_SSM_INSTANCE_ID"']}, targets: [{Key: 'tag:Role', Values: ['worker', 'batch']}], applies: (n) => n.platformType === 'Linux' && ['worker', 'batch'].includes(n.tags['Role'] ?? '')},
  ];
  return list.sort((a, b) => (a.associationId < b.associationId ? -1 : a.associationId > b.associationId ? 1 : 0));
}

/**
 * Which of the seeded associations that target a node carries its non-Success generated status (the others are
 * Success): consistent with the node's generated AssociationStatus.
 */
export function seededStatus(model: FleetModel, node: FleetNode, generated: AssociationStatus, applicable: readonly Association[]): Map<string, AssociationStatus> {
  const out = new Map(applicable.map((a): [string, AssociationStatus] => [a.associationId, 'Success']));
  if (generated !== 'Success' && applicable.length > 0) {
    // The inventory association rarely fails: prefer any other one.
    const candidates = applicable.filter((a) => a.documentName !== 'AWS-GatherSoftwareInventory');
    const pool = candidates.length > 0 ? candidates : applicable;
    const chosen = pool[new Prng(`${model.seed}:association-status:${node.instanceId}`).int(0, pool.length - 1)];
    if (chosen !== undefined) out.set(chosen.associationId, generated);
  }
  return out;
}
