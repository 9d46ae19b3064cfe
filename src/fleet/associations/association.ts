// State Manager associations as fleetdeck shows them: what runs (a document and version), where (targets), when (a
// schedule), how it went (the overview's counts per status, the executions and their targets).
/** One of an association's Targets, as SSM takes it: `tag:Env` = [prod], `tag-key` = [Team], `InstanceIds` = [*]. */
export interface AwsTarget {
  readonly Key: string;
  readonly Values: readonly string[];
}

export interface AssociationSummary {
  readonly associationId: string;
  readonly name?: string;
  readonly documentName: string;
  readonly documentVersion?: string;
  readonly associationVersion: string;
  readonly targets: readonly AwsTarget[];
  /** A legacy association's single node. */
  readonly instanceId?: string;
  readonly scheduleExpression?: string;
  readonly scheduleOffset?: number;
  /** Success, Failed or Pending, over every target. */
  readonly status: string;
  readonly detailedStatus?: string;
  /** How many targets are in each status. */
  readonly counts: Readonly<Record<string, number>>;
  readonly lastExecutionAt?: number;
}

export interface OutputLocation {
  readonly bucket?: string;
  readonly prefix?: string;
  readonly region?: string;
}

export interface AssociationDetail extends AssociationSummary {
  readonly parameters: Readonly<Record<string, readonly string[]>>;
  readonly maxConcurrency?: string;
  readonly maxErrors?: string;
  readonly complianceSeverity?: string;
  readonly syncCompliance?: string;
  readonly applyOnlyAtCronInterval: boolean;
  readonly outputLocation?: OutputLocation;
  readonly createdAt?: number;
  readonly updatedAt?: number;
  readonly lastSuccessfulAt?: number;
}

export interface AssociationExecution {
  readonly associationId: string;
  readonly associationVersion: string;
  readonly executionId: string;
  readonly status: string;
  readonly detailedStatus: string;
  readonly createdAt?: number;
  readonly lastExecutionAt?: number;
  /** As SSM sends it: `{Failed=1, Success=3}`. */
  readonly resourceCountByStatus: string;
}

export interface ExecutionTarget {
  readonly resourceId: string;
  readonly resourceType: string;
  readonly status: string;
  readonly detailedStatus: string;
  readonly lastExecutionAt?: number;
  /** Where its output is: the Run Command command id (OutputSourceType RunCommand). */
  readonly outputSourceId?: string;
  readonly outputSourceType?: string;
}

export interface InstanceAssociationStatus {
  readonly associationId: string;
  readonly associationName?: string;
  readonly documentName: string;
  readonly instanceId: string;
  readonly status: string;
  readonly detailedStatus: string;
  readonly executionAt?: number;
  readonly executionSummary: string;
  readonly errorCode?: string;
}

export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNSPECIFIED'] as const;
export type AssociationSeverity = (typeof SEVERITIES)[number];

export interface CreateAssociationRequest {
  readonly documentName: string;
  readonly documentVersion?: string;
  readonly name?: string;
  readonly targets: readonly AwsTarget[];
  readonly parameters: Readonly<Record<string, readonly string[]>>;
  readonly scheduleExpression?: string;
  readonly maxConcurrency?: string;
  readonly maxErrors?: string;
  readonly complianceSeverity?: AssociationSeverity;
  readonly applyOnlyAtCronInterval: boolean;
}

/**
 * UpdateAssociation's request: the whole definition (SSM resets every optional field left out), and the version it was
 * read at, so an edit made meanwhile by someone else is refused rather than overwritten.
 */
export interface UpdateAssociationRequest extends CreateAssociationRequest {
  readonly associationVersion?: string;
}

/** What read-only mode says to each State Manager change (the dashboard and headless commands alike). */
export const ASSOCIATION_READ_ONLY = {
  apply: 'read-only mode: applying associations is off',
  create: 'read-only mode: creating associations is off',
  update: 'read-only mode: editing associations is off',
  delete: 'read-only mode: deleting associations is off',
} as const;

/** The overview's counts in words, most telling first: "2 Failed 5 Success". */
export function countsText(counts: Readonly<Record<string, number>>): string {
  const order = (s: string) => (s === 'Failed' ? 0 : s === 'Pending' ? 1 : s === 'Success' ? 3 : 2);
  return Object.entries(counts).filter(([, n]) => n > 0).sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([s, n]) => `${n} ${s}`).join(' ');
}

/** Targets as the user would type them: `tag:Env=prod,staging tag-key:Team`, `InstanceIds=*` for every node. */
export function targetsText(a: {targets: readonly AwsTarget[]; instanceId?: string}): string {
  if (a.instanceId) return a.instanceId;
  return a.targets.map((t) => {
    if (t.Key === 'InstanceIds') return t.Values.length === 1 && t.Values[0] === '*' ? 'all nodes' : t.Values.join(',');
    if (t.Key.startsWith('tag:') || t.Key === 'tag-key' || t.Key.startsWith('resource-groups:')) {
      return t.Key.startsWith('tag:') ? `${t.Key}=${t.Values.join(',')}` : `${t.Key}:${t.Values.join(',')}`;
    }
    return `${t.Key}=${t.Values.join(',')}`;
  }).join(' ');
}
