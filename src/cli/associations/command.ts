// `fleetdeck associations ls|show|apply|executions`: State Manager without the UI — associations with their status
// counts, one association in full, apply now (StartAssociationsOnce, audited), and the executions of one with
// each target's result (--execution ID).
import {appendAudit} from '../../audit.js';
import type {AssociationsApi} from '../../fleet/associations/port.js';
import {countsText, targetsText, type AssociationSummary} from '../../fleet/associations/association.js';
import {formatJson, formatTable} from '../headless-output.js';
import type {ResourceCommandContext} from '../resources.js';
import {auditIdentity, positional, runVerb, stringFlag, type Verb as ResourceVerb} from '../resource-verbs.js';

const iso = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());
const str = stringFlag;
const args = (ctx: ResourceCommandContext, min: number, max: number, shape: string) => positional(ctx, min, max, shape, 'associations');
type Verb = ResourceVerb<AssociationsApi>;

function summaryJson(a: AssociationSummary) {
  return {AssociationId: a.associationId, ...(a.name ? {AssociationName: a.name} : {}), Name: a.documentName,
    ...(a.documentVersion ? {DocumentVersion: a.documentVersion} : {}), AssociationVersion: a.associationVersion,
    Targets: a.targets, ...(a.scheduleExpression ? {ScheduleExpression: a.scheduleExpression} : {}),
    Overview: {Status: a.status, ...(a.detailedStatus ? {DetailedStatus: a.detailedStatus} : {}),
      AssociationStatusAggregatedCount: a.counts},
    ...(a.lastExecutionAt !== undefined ? {LastExecutionDate: iso(a.lastExecutionAt)} : {})};
}

const ls: Verb = async (ctx, api) => {
  args(ctx, 0, 0, '[--instance ID]');
  const instanceId = str(ctx, 'instance');
  const {port} = await api();
  const rows = await port.list(instanceId !== undefined ? {instanceId} : {});
  if (ctx.output === 'json') ctx.stdout.write(formatJson(rows.map(summaryJson)));
  else {
    ctx.stdout.write(formatTable(['ID', 'NAME', 'DOCUMENT', 'TARGETS', 'SCHEDULE', 'STATUS', 'COUNTS', 'LAST RUN'], rows.map((a) => [
      a.associationId, a.name ?? '', `${a.documentName}${a.documentVersion ? `:${a.documentVersion}` : ''}`, targetsText(a),
      a.scheduleExpression ?? 'once', a.status, countsText(a.counts), iso(a.lastExecutionAt)])));
  }
  return 0;
};

const show: Verb = async (ctx, api) => {
  const [id = ''] = args(ctx, 1, 1, 'ASSOCIATION-ID');
  const {port} = await api();
  const a = await port.describe(id);
  if (ctx.output === 'json') {
    ctx.stdout.write(formatJson({...summaryJson(a), Parameters: a.parameters, ...(a.maxConcurrency ? {MaxConcurrency: a.maxConcurrency} : {}),
      ...(a.maxErrors ? {MaxErrors: a.maxErrors} : {}), ...(a.complianceSeverity ? {ComplianceSeverity: a.complianceSeverity} : {}),
      ApplyOnlyAtCronInterval: a.applyOnlyAtCronInterval, ...(a.outputLocation ? {OutputLocation: a.outputLocation} : {})}));
    return 0;
  }
  ctx.stdout.write(formatTable(['FIELD', 'VALUE'], [
    ['Association', a.associationId], ['Name', a.name ?? ''], ['Document', `${a.documentName}${a.documentVersion ? `:${a.documentVersion}` : ''}`],
    ['Version', a.associationVersion], ['Targets', targetsText(a)], ['Schedule', a.scheduleExpression ?? 'once'],
    ['Status', `${a.status}${a.detailedStatus ? ` (${a.detailedStatus})` : ''}`], ['Counts', countsText(a.counts)],
    ['Rate control', [a.maxConcurrency && `concurrency ${a.maxConcurrency}`, a.maxErrors && `errors ${a.maxErrors}`].filter(Boolean).join(', ')],
    ['Severity', a.complianceSeverity ?? ''], ['Last run', iso(a.lastExecutionAt)],
    ['Output', a.outputLocation?.bucket ? `s3://${a.outputLocation.bucket}/${a.outputLocation.prefix ?? ''}` : ''],
    ...Object.entries(a.parameters).map(([k, v]): [string, string] => [`Parameter ${k}`, v.join('\n').replace(/\n/g, '⏎')]),
  ].filter(([, v]) => v !== '')));
  return 0;
};

const apply: Verb = async (ctx, api) => {
  const ids = args(ctx, 1, 100, 'ASSOCIATION-ID [ASSOCIATION-ID…]');
  const {port, aws} = await api();
  await port.applyNow(ids);
  appendAudit({action: 'StartAssociationsOnce', identity: auditIdentity(aws),
    associationIds: [...ids], via: 'headless'});
  ctx.stdout.write(ctx.output === 'json' ? formatJson({AssociationIds: ids}) : `applying ${ids.length} association${ids.length === 1 ? '' : 's'} now\n`);
  return 0;
};

const executions: Verb = async (ctx, api) => {
  const [id = ''] = args(ctx, 1, 1, 'ASSOCIATION-ID [--execution EXECUTION-ID]');
  const execution = str(ctx, 'execution');
  const {port} = await api();
  if (execution !== undefined) {
    const targets = await port.executionTargets(id, execution);
    if (ctx.output === 'json') {
      ctx.stdout.write(formatJson(targets.map((t) => ({ResourceId: t.resourceId, ResourceType: t.resourceType, Status: t.status,
        DetailedStatus: t.detailedStatus, LastExecutionDate: iso(t.lastExecutionAt),
        ...(t.outputSourceId ? {OutputSource: {OutputSourceId: t.outputSourceId, OutputSourceType: t.outputSourceType}} : {})}))));
    } else {
      ctx.stdout.write(formatTable(['RESOURCE', 'TYPE', 'STATUS', 'DETAIL', 'WHEN', 'OUTPUT (COMMAND ID)'], targets.map((t) => [
        t.resourceId, t.resourceType, t.status, t.detailedStatus, iso(t.lastExecutionAt), t.outputSourceId ?? ''])));
    }
    return targets.some((t) => t.status === 'Failed') ? 1 : 0;
  }
  const rows = await port.executions(id);
  if (ctx.output === 'json') {
    ctx.stdout.write(formatJson(rows.map((e) => ({ExecutionId: e.executionId, AssociationVersion: e.associationVersion, Status: e.status,
      DetailedStatus: e.detailedStatus, CreatedTime: iso(e.createdAt), ResourceCountByStatus: e.resourceCountByStatus}))));
  } else {
    ctx.stdout.write(formatTable(['EXECUTION', 'VERSION', 'STATUS', 'DETAIL', 'CREATED', 'RESOURCES'], rows.map((e) => [
      e.executionId, e.associationVersion, e.status, e.detailedStatus, iso(e.createdAt), e.resourceCountByStatus])));
  }
  return 0;
};

const VERBS: Readonly<Record<string, Verb>> = {ls, show, apply, executions};

export function run(ctx: ResourceCommandContext): Promise<number> {
  return runVerb(ctx, 'associations', VERBS, async (aws) => (await import('../../aws/associations/association-api.js')).associationsApi(aws));
}
