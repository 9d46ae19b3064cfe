// SDK shapes → fleet records. Ids, names and targets stay as AWS sent them (they are the ids of later calls; the
// screen sanitizes them); free text that is only ever shown (statuses, summaries, output locations) is sanitized here.
import type {
  Association, AssociationDescription, AssociationExecution as SdkExecution, AssociationExecutionTarget, AssociationOverview,
  InstanceAssociationStatusInfo, Target,
} from '@aws-sdk/client-ssm';
import type {
  AssociationDetail, AssociationExecution, AssociationSummary, AwsTarget, ExecutionTarget, InstanceAssociationStatus,
} from '../../fleet/associations/association.js';
import {sanitizeText as clean} from '../../fleet/sanitize.js';

const ms = (d: Date | undefined): number | undefined => (d === undefined ? undefined : d.getTime());
const opt = <K extends string, V>(key: K, v: V | undefined): Partial<Record<K, V>> => (v === undefined ? {} : {[key]: v} as Record<K, V>);

function targets(list: readonly Target[] | undefined): AwsTarget[] {
  return (list ?? []).map((t) => ({Key: t.Key ?? '', Values: [...(t.Values ?? [])]}));
}

function overview(o: AssociationOverview | undefined): Pick<AssociationSummary, 'status' | 'detailedStatus' | 'counts'> {
  const counts = Object.fromEntries(Object.entries(o?.AssociationStatusAggregatedCount ?? {}).map(([k, n]) => [clean(k), n]));
  return {status: clean(o?.Status ?? 'Pending'), ...opt('detailedStatus', o?.DetailedStatus === undefined ? undefined : clean(o.DetailedStatus)), counts};
}

export function fromListed(a: Association): AssociationSummary {
  return {
    associationId: a.AssociationId ?? '', documentName: a.Name ?? '', associationVersion: a.AssociationVersion ?? '',
    targets: targets(a.Targets), ...overview(a.Overview),
    ...opt('name', a.AssociationName), ...opt('documentVersion', a.DocumentVersion), ...opt('instanceId', a.InstanceId),
    ...opt('scheduleExpression', a.ScheduleExpression), ...opt('scheduleOffset', a.ScheduleOffset),
    ...opt('lastExecutionAt', ms(a.LastExecutionDate)),
  };
}

export function fromDescription(a: AssociationDescription): AssociationDetail {
  const s3 = a.OutputLocation?.S3Location;
  return {
    associationId: a.AssociationId ?? '', documentName: a.Name ?? '', associationVersion: a.AssociationVersion ?? '',
    targets: targets(a.Targets), ...overview(a.Overview),
    ...opt('name', a.AssociationName), ...opt('documentVersion', a.DocumentVersion), ...opt('instanceId', a.InstanceId),
    ...opt('scheduleExpression', a.ScheduleExpression), ...opt('scheduleOffset', a.ScheduleOffset),
    ...opt('lastExecutionAt', ms(a.LastExecutionDate)),
    parameters: Object.fromEntries(Object.entries(a.Parameters ?? {}).map(([k, v]) => [k, [...v]])),
    applyOnlyAtCronInterval: a.ApplyOnlyAtCronInterval === true,
    ...opt('maxConcurrency', a.MaxConcurrency), ...opt('maxErrors', a.MaxErrors),
    ...opt('complianceSeverity', a.ComplianceSeverity === undefined ? undefined : clean(a.ComplianceSeverity)),
    ...opt('syncCompliance', a.SyncCompliance === undefined ? undefined : clean(a.SyncCompliance)),
    ...opt('outputLocation', s3 === undefined ? undefined : {
      ...opt('bucket', s3.OutputS3BucketName === undefined ? undefined : clean(s3.OutputS3BucketName)),
      ...opt('prefix', s3.OutputS3KeyPrefix === undefined ? undefined : clean(s3.OutputS3KeyPrefix)),
      ...opt('region', s3.OutputS3Region === undefined ? undefined : clean(s3.OutputS3Region)),
    }),
    ...opt('createdAt', ms(a.Date)), ...opt('updatedAt', ms(a.LastUpdateAssociationDate)), ...opt('lastSuccessfulAt', ms(a.LastSuccessfulExecutionDate)),
  };
}

export function fromExecution(e: SdkExecution): AssociationExecution {
  return {
    associationId: e.AssociationId ?? '', associationVersion: e.AssociationVersion ?? '', executionId: e.ExecutionId ?? '',
    status: clean(e.Status ?? ''), detailedStatus: clean(e.DetailedStatus ?? ''), resourceCountByStatus: clean(e.ResourceCountByStatus ?? ''),
    ...opt('createdAt', ms(e.CreatedTime)), ...opt('lastExecutionAt', ms(e.LastExecutionDate)),
  };
}

export function fromExecutionTarget(t: AssociationExecutionTarget): ExecutionTarget {
  return {
    resourceId: t.ResourceId ?? '', resourceType: clean(t.ResourceType ?? ''), status: clean(t.Status ?? ''), detailedStatus: clean(t.DetailedStatus ?? ''),
    ...opt('lastExecutionAt', ms(t.LastExecutionDate)), ...opt('outputSourceId', t.OutputSource?.OutputSourceId),
    ...opt('outputSourceType', t.OutputSource?.OutputSourceType === undefined ? undefined : clean(t.OutputSource.OutputSourceType)),
  };
}

export function fromInstanceStatus(i: InstanceAssociationStatusInfo): InstanceAssociationStatus {
  return {
    associationId: i.AssociationId ?? '', documentName: i.Name ?? '', instanceId: i.InstanceId ?? '', status: clean(i.Status ?? ''),
    detailedStatus: clean(i.DetailedStatus ?? ''), executionSummary: clean(i.ExecutionSummary ?? ''),
    ...opt('associationName', i.AssociationName), ...opt('executionAt', ms(i.ExecutionDate)),
    ...opt('errorCode', i.ErrorCode === undefined ? undefined : clean(i.ErrorCode)),
  };
}
