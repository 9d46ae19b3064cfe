// State Manager associations for the local fleet: a fixed set targeting nodes by tag, with each node's status
// consistent with its AssociationStatus. Cached in model.memo entries, so a model mutation regenerates them.

import type {FleetModel, FleetNode} from './fleet-model.js';
import {hasCompliance} from './patch-data.js';
import {Prng} from './prng.js';

export interface Association {
  associationId: string;
  name: string;
  documentName: string;
  documentVersion: string;
  scheduleExpression: string;
  targets: readonly {Key: string; Values: readonly string[]}[];
  applies: (node: FleetNode) => boolean;
}

export interface AssociationOverview {
  association: Association;
  status: 'Pending' | 'Success' | 'Failed';
  counts: Record<string, number>;
  lastExecution: number | undefined;
  instanceIds: ReadonlySet<string>;
}

export function associations(model: FleetModel): readonly Association[] {
  return model.memo('compliance:associations', () => {
    const rng = new Prng(`${model.seed}:associations`);
    const id = (): string => `${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-a${rng.hex(3)}-${rng.hex(12)}`;
    const tag = (key: string, values: readonly string[]) => (n: FleetNode) => values.includes(n.tags[key] ?? '\u0000');
    const list: Association[] = [
      {associationId: id(), name: 'fleet-inventory', documentName: 'AWS-GatherSoftwareInventory', documentVersion: '$DEFAULT', scheduleExpression: 'rate(30 minutes)', targets: [{Key: 'InstanceIds', Values: ['*']}], applies: () => true},
      {associationId: id(), name: 'patch-scan-daily', documentName: 'AWS-RunPatchBaseline', documentVersion: '$DEFAULT', scheduleExpression: 'cron(0 2 ? * * *)', targets: [{Key: 'tag-key', Values: ['PatchGroup']}], applies: (n) => Object.hasOwn(n.tags, 'PatchGroup')},
      {associationId: id(), name: 'ssm-agent-update', documentName: 'AWS-UpdateSSMAgent', documentVersion: '$DEFAULT', scheduleExpression: 'rate(14 days)', targets: [{Key: 'tag:Env', Values: ['prod']}], applies: tag('Env', ['prod'])},
      {associationId: id(), name: 'cloudwatch-agent', documentName: 'AWS-ConfigureAWSPackage', documentVersion: '$DEFAULT', scheduleExpression: 'rate(1 day)', targets: [{Key: 'tag:Role', Values: ['web', 'api']}], applies: tag('Role', ['web', 'api'])},
      {associationId: id(), name: 'harden-ssh', documentName: 'Fleet-HardenSSH', documentVersion: '3', scheduleExpression: 'rate(1 day)', targets: [{Key: 'tag:Team', Values: ['sre', 'platform']}], applies: (n) => n.platformType === 'Linux' && ['sre', 'platform'].includes(n.tags['Team'] ?? '')},
      {associationId: id(), name: 'rotate-logs', documentName: 'AWS-RunShellScript', documentVersion: '$DEFAULT', scheduleExpression: 'cron(0 3 ? * SUN *)', targets: [{Key: 'tag:Role', Values: ['worker', 'batch']}], applies: (n) => n.platformType === 'Linux' && ['worker', 'batch'].includes(n.tags['Role'] ?? '')},
    ];
    return list.sort((a, b) => (a.associationId < b.associationId ? -1 : a.associationId > b.associationId ? 1 : 0));
  });
}

/** Each association that targets the node, with the node's status for it (consistent with AssociationStatus). */
export function nodeAssociations(model: FleetModel, node: FleetNode): {association: Association; status: 'Pending' | 'Success' | 'Failed'}[] {
  if (!hasCompliance(node)) return [];
  const applicable = associations(model).filter((a) => a.applies(node));
  const out = applicable.map((association) => ({association, status: 'Success' as 'Pending' | 'Success' | 'Failed'}));
  if (node.associationStatus !== 'Success' && out.length > 0) {
    // The inventory association rarely fails: prefer any other one.
    const candidates = out.filter((o) => o.association.documentName !== 'AWS-GatherSoftwareInventory');
    const pool = candidates.length > 0 ? candidates : out;
    const pick = new Prng(`${model.seed}:association-status:${node.instanceId}`).int(0, pool.length - 1);
    const chosen = pool[pick];
    if (chosen !== undefined) chosen.status = node.associationStatus;
  }
  return out;
}

export function associationOverviews(model: FleetModel): readonly AssociationOverview[] {
  return model.memo('compliance:association-overviews', () => {
    const overviews = associations(model).map((association) => ({
      association, status: 'Success' as AssociationOverview['status'], counts: {} as Record<string, number>,
      lastExecution: undefined as number | undefined, instanceIds: new Set<string>(),
    }));
    const byId = new Map(overviews.map((o) => [o.association.associationId, o]));
    for (const node of model.managed()) {
      for (const {association, status} of nodeAssociations(model, node)) {
        const o = byId.get(association.associationId);
        if (o === undefined) continue;
        o.instanceIds.add(node.instanceId);
        o.counts[status] = (o.counts[status] ?? 0) + 1;
        if (node.lastAssociationAt !== undefined && (o.lastExecution === undefined || node.lastAssociationAt > o.lastExecution)) o.lastExecution = node.lastAssociationAt;
      }
    }
    for (const o of overviews) o.status = (o.counts['Failed'] ?? 0) > 0 ? 'Failed' : (o.counts['Pending'] ?? 0) > 0 ? 'Pending' : 'Success';
    return overviews;
  });
}
