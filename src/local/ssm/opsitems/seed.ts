// The OpsItems a fleet starts with: the same for the same seed, of every workflow status, several categories and
// severities, several naming real nodes of this fleet by ARN and carrying the runbooks that remediate them, as
// EventBridge rules and CloudWatch alarms create them.

import type {FleetModel, FleetNode} from '../../model/fleet-model.js';
import {Prng} from '../../model/prng.js';
import {AUTOMATIONS_KEY, DEDUP_KEY, RESOURCES_KEY, instanceArn, resourcesValue} from '../../../fleet/opsitems/opsitem.js';
import type {NewStoredOpsItem, StoredDataValue} from './store.js';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
const RULE_ROLE = 'assumed-role/OpsItem-CWE-Role/events';

interface SeedSpec {
  title: string;
  description: string;
  source: string;
  category: string;
  severity: string;
  priority: number;
  status: 'Open' | 'InProgress' | 'Resolved';
  /** Days before the fleet's clock. */
  ageDays: number;
  nodes?: (model: FleetModel) => readonly FleetNode[];
  runbooks?: readonly string[];
  dedup?: string;
  extra?: Readonly<Record<string, StoredDataValue>>;
}

const first = (pick: (n: FleetNode) => boolean, count = 1) => (model: FleetModel): FleetNode[] =>
  model.all().filter(pick).slice(0, count);

const SPECS: readonly SeedSpec[] = [
  {
    title: 'EC2 instance stopped', description: 'An EC2 instance in the fleet changed state to stopped.',
    source: 'EC2', category: 'Availability', severity: '2', priority: 2, status: 'Open', ageDays: 1,
    nodes: first((n) => n.ec2?.state === 'stopped'), runbooks: ['AWS-StartEC2Instance', 'AWS-RestartEC2Instance'],
    dedup: 'SSMOpsItems-EC2-instance-stopped',
  },
  {
    title: 'SSM Agent connection lost', description: 'The managed node stopped reporting to Systems Manager.\nCheck the agent service and the network path to the ssm endpoints.',
    source: 'SSM', category: 'Availability', severity: '1', priority: 1, status: 'Open', ageDays: 0.5,
    nodes: first((n) => n.pingStatus === 'ConnectionLost' && (n.ec2 === undefined || n.ec2.state === 'running')),
    runbooks: ['AWSSupport-TroubleshootManagedInstance'], dedup: 'SSMOpsItems-agent-connection-lost',
  },
  {
    title: 'Root volume above 90% full', description: 'CloudWatch alarm disk_used_percent > 90 for 15 minutes.',
    source: 'CloudWatch', category: 'Performance', severity: '2', priority: 2, status: 'InProgress', ageDays: 2,
    nodes: first((n) => n.ec2?.state === 'running' && n.platformType === 'Linux'), runbooks: ['AWS-CreateSnapshot'],
    extra: {alarmName: {value: 'disk-used-percent-high', type: 'SearchableString'}},
  },
  {
    title: 'Critical patches missing', description: 'Patch Manager reports missing critical security updates on the production web tier.',
    source: 'Patch Manager', category: 'Security', severity: '2', priority: 3, status: 'Open', ageDays: 3,
    nodes: first((n) => n.ec2?.state === 'running' && n.tags['Env'] === 'prod', 3), runbooks: ['AWS-RunPatchBaseline'],
  },
  {
    title: 'TLS certificate expires in 14 days', description: 'The certificate for the public load balancer expires soon.',
    source: 'ACM', category: 'Security', severity: '3', priority: 3, status: 'InProgress', ageDays: 5,
  },
  {
    title: 'Hybrid node offline after maintenance', description: 'An on-premises server did not come back after the maintenance window.',
    source: 'SSM', category: 'Recovery', severity: '3', priority: 3, status: 'Resolved', ageDays: 9,
    nodes: first((n) => n.ec2 === undefined && !n.name.includes('\u001b')),
  },
  {
    title: 'NAT gateway data transfer above budget', description: 'Data processed by the NAT gateway is 40% above the monthly budget.',
    source: 'Cost Explorer', category: 'Cost', severity: '4', priority: 5, status: 'Resolved', ageDays: 20,
  },
  {
    title: 'Run Command failures on the batch tier', description: 'Several invocations of AWS-RunShellScript failed on batch workers.',
    source: 'fleetdeck', category: 'Recovery', severity: '3', priority: 4, status: 'Open', ageDays: 4,
    nodes: first((n) => n.ec2?.state === 'running' && n.tags['Role'] === 'batch', 2),
    extra: {failedCommands: {value: '3', type: 'String'}},
  },
];

export function seedOpsItems(model: FleetModel): NewStoredOpsItem[] {
  const rng = new Prng(`fleetdeck-opsitems:${model.seed}`);
  const createdBy = `arn:aws:sts::${model.accountId}:${RULE_ROLE}`;
  // Oldest first, so the newest gets the highest sequence.
  return [...SPECS].sort((a, b) => b.ageDays - a.ageDays).map((s) => {
    const created = model.generatedAt - Math.round(s.ageDays * DAY);
    const data = new Map<string, StoredDataValue>();
    const nodes = s.nodes?.(model) ?? [];
    if (nodes.length > 0) {
      data.set(RESOURCES_KEY, {
        value: resourcesValue(nodes.map((n) => instanceArn(model.region, model.accountId, n.instanceId))),
        type: 'SearchableString',
      });
    }
    if (s.runbooks !== undefined) {
      data.set(AUTOMATIONS_KEY, {
        value: JSON.stringify(s.runbooks.map((automationId) => ({automationType: 'AWS::SSM::Automation', automationId}))),
        type: 'SearchableString',
      });
    }
    if (s.dedup !== undefined) data.set(DEDUP_KEY, {value: JSON.stringify({dedupString: s.dedup}), type: 'SearchableString'});
    for (const [k, v] of Object.entries(s.extra ?? {})) data.set(k, {...v});
    const modified = s.status === 'Open' ? created : created + rng.int(1, 12) * HOUR;
    return {
      opsItemId: `oi-${rng.hex(12)}`,
      title: s.title,
      description: s.description,
      source: s.source,
      status: s.status,
      priority: s.priority,
      severity: s.severity,
      category: s.category,
      opsItemType: '/aws/issue',
      createdTime: created,
      lastModifiedTime: modified,
      createdBy,
      lastModifiedBy: s.status === 'Open' ? createdBy : `arn:aws:iam::${model.accountId}:user/oncall`,
      operationalData: data,
      relatedOpsItems: [],
      notifications: [],
    };
  });
}
