// OpsItems for failed Run Command invocations, as an EventBridge rule on "EC2 Command Invocation Status-change
// Notification" (status Failed or TimedOut) with an OpsItem target creates them: one item per command (the
// deduplication string names the command), its related resources growing by each node that fails.

import type {FleetModel} from '../../model/fleet-model.js';
import {
  DEDUP_KEY, RELATED_RESOURCES_MAX, RESOURCES_KEY, instanceArn, relatedResourceArns, resourcesValue,
} from '../../../fleet/opsitems/opsitem.js';
import {opsItemStoreFor} from './store.js';

const RULE_ROLE = 'assumed-role/OpsItem-RunCommand-Rule-Role/events';

export interface FailedInvocation {
  commandId: string;
  documentName: string;
  instanceId: string;
  /** Failed or ExecutionTimedOut. */
  statusDetails: string;
  /** Epoch ms on the fleet's clock. */
  at: number;
}

export function dedupOfCommand(commandId: string): string {
  return `fleetdeck-run-command-failed-${commandId}`;
}

/** Creates the command's OpsItem, or adds the node to the open one. */
export function recordFailedInvocation(model: FleetModel, f: FailedInvocation): void {
  const store = opsItemStoreFor(model);
  const dedup = dedupOfCommand(f.commandId);
  const arn = instanceArn(model.region, model.accountId, f.instanceId);
  const by = `arn:aws:sts::${model.accountId}:${RULE_ROLE}`;
  const existing = store.all().find((i) => i.status !== 'Resolved' && i.operationalData.get(DEDUP_KEY)?.value === JSON.stringify({dedupString: dedup}));
  if (existing !== undefined) {
    const data = Object.fromEntries(existing.operationalData);
    const arns = relatedResourceArns(data);
    // OpsCenter keeps at most 100 related resources; past that a large failed run adds nothing (and costs nothing).
    if (arns.length >= RELATED_RESOURCES_MAX || arns.includes(arn)) return;
    existing.operationalData.set(RESOURCES_KEY, {value: resourcesValue([...arns, arn]), type: 'SearchableString'});
    existing.lastModifiedTime = f.at;
    existing.lastModifiedBy = by;
    existing.version++;
    return;
  }
  const operationalData = new Map([
    [RESOURCES_KEY, {value: resourcesValue([arn]), type: 'SearchableString' as const}],
    [DEDUP_KEY, {value: JSON.stringify({dedupString: dedup}), type: 'SearchableString' as const}],
    ['commandId', {value: f.commandId, type: 'SearchableString' as const}],
    ['documentName', {value: f.documentName, type: 'SearchableString' as const}],
  ]);
  store.add({
    title: `Run Command ${f.documentName} failed (${f.commandId})`,
    description: `Command ${f.commandId} running ${f.documentName} ended ${f.statusDetails} on ${f.instanceId}.`,
    source: 'aws.ssm', status: 'Open', priority: 3, severity: '3', category: 'Availability', opsItemType: '/aws/issue',
    createdTime: f.at, lastModifiedTime: f.at, createdBy: by, lastModifiedBy: by,
    operationalData, relatedOpsItems: [], notifications: [],
  });
}
