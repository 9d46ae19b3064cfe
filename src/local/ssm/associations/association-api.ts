// State Manager operations on the local fleet (docs/ssm-api-more.md §3): CreateAssociation, UpdateAssociation,
// DeleteAssociation, DescribeAssociation, ListAssociations, ListAssociationVersions, StartAssociationsOnce,
// DescribeAssociationExecutions, DescribeAssociationExecutionTargets, DescribeInstanceAssociationsStatus.
// How associations run: association-store.ts.
//
// Choices where the reference is silent (UNVERIFIED against AWS): AssociationAlreadyExists only for a legacy
// (InstanceId) association of the same document and node; ApplyOnlyAtCronInterval with a rate or without a schedule
// is InvalidSchedule; UpdateAssociation keeps Name and Targets when omitted (every other optional field is reset,
// as documented); executions are Pending/InProgress/Success/Failed from their commands' statuses.

import {rateConstraintViolations} from '../../../fleet/rate-control.js';
import {parseAssociationSchedule} from '../../../fleet/schedules/schedule-expression.js';
import type {AssociationStatus, FleetModel} from '../../fleet-model.js';
import {paginate} from '../../list-paging.js';
import type {JsonOperation, OperationContext} from '../../operation-context.js';
import {snapshotOf} from '../../run-command-store.js';
import {ServiceError} from '../../service-error.js';
import {isObject, optBoolean, optInteger, optObjectArray, optString, optStringArray, Violations, type JsonObject} from '../../validation.js';
import {epochSeconds} from '../../wire-json.js';
import {resolveParameters} from '../documents/builtin-documents.js';
import {documentStore} from '../documents/document-store.js';
import {
  associationStore, MAX_ASSOCIATION_VERSIONS, MAX_ASSOCIATIONS, type AssociationExecution, type AssociationRecord, type AssociationStore,
  type AssociationVersion, type TargetSpec, targetStates,
} from './association-store.js';

const DOCUMENT_NAME = /^[a-zA-Z0-9_\-.:/]{3,200}$/;
const DOCUMENT_VERSION = /^([$]LATEST|[$]DEFAULT|^[1-9][0-9]*$)$/;
const ASSOCIATION_ID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const ASSOCIATION_NAME = /^[a-zA-Z0-9_\-.]{3,128}$/;
const INSTANCE_ID = /^(i-(\w{8}|\w{17})|mi-\w{17})$/;
const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNSPECIFIED'];

// ---- shared reading ----

function doesNotExist(): ServiceError {
  return new ServiceError('AssociationDoesNotExist', 'The specified association does not exist.');
}

function readParameters(input: JsonObject): Record<string, string[]> {
  const raw = input['Parameters'];
  if (raw === undefined || raw === null) return {};
  if (!isObject(raw)) throw new ServiceError('SerializationException', 'Expected a map for member Parameters', {messageMember: 'message'});
  const out: Record<string, string[]> = {};
  for (const key of Object.keys(raw)) out[key] = optStringArray(raw, key) ?? [];
  return out;
}

function readTargets(v: Violations, input: JsonObject): readonly TargetSpec[] | undefined {
  const list = optObjectArray(input, 'Targets');
  v.length('targets', list, 0, 5);
  return list?.map((t, i) => {
    const key = optString(t, 'Key');
    const values = optStringArray(t, 'Values') ?? [];
    if (v.required(`targets.${i + 1}.member.key`, key)) v.length(`targets.${i + 1}.member.key`, key, 1, 163);
    v.length(`targets.${i + 1}.member.values`, values, 0, 50);
    return {Key: key ?? '', Values: values};
  });
}

function checkTargets(targets: readonly TargetSpec[]): void {
  for (const {Key, Values} of targets) {
    const ok = Key.toLowerCase() === 'instanceids' || Key === 'tag-key' || (Key.startsWith('tag:') && Key.length > 4) || Key === 'resource-groups:Name';
    if (!ok) throw new ServiceError('InvalidTarget', `Target key ${Key} is not valid: use InstanceIds, tag:<key>, tag-key or resource-groups:Name.`);
    if (Values.length === 0) throw new ServiceError('InvalidTarget', `Target ${Key} needs at least one value.`);
    if (Key.toLowerCase() === 'instanceids') {
      if (Values.includes('*') && Values.length > 1) throw new ServiceError('InvalidTarget', 'InstanceIds=* targets every node: give it alone.');
      const bad = Values.filter((id) => id !== '*' && !INSTANCE_ID.test(id));
      if (bad.length > 0) throw new ServiceError('InvalidTarget', `Target InstanceIds has values that are not node ids: ${bad.join(', ')}.`);
    }
  }
}

interface Definition {
  documentName: string | undefined;
  documentVersion: string | undefined;
  parameters: Record<string, string[]>;
  targets: readonly TargetSpec[] | undefined;
  instanceId: string | undefined;
  scheduleExpression: string | undefined;
  associationName: string | undefined;
  maxConcurrency: string | undefined;
  maxErrors: string | undefined;
  complianceSeverity: string | undefined;
  syncCompliance: string | undefined;
  applyOnlyAtCronInterval: boolean;
  scheduleOffset: number | undefined;
  duration: number | undefined;
  outputLocation: unknown;
}

/** The association fields CreateAssociation and UpdateAssociation share, with their model constraints. */
function readDefinition(v: Violations, input: JsonObject): Definition {
  const documentName = optString(input, 'Name');
  if (documentName !== undefined && !DOCUMENT_NAME.test(documentName)) v.add('name', documentName, `Member must satisfy regular expression pattern: ${DOCUMENT_NAME.source}`);
  const documentVersion = optString(input, 'DocumentVersion');
  if (documentVersion !== undefined && !DOCUMENT_VERSION.test(documentVersion)) v.add('documentVersion', documentVersion, `Member must satisfy regular expression pattern: ${DOCUMENT_VERSION.source}`);
  const associationName = optString(input, 'AssociationName');
  if (associationName !== undefined && !ASSOCIATION_NAME.test(associationName)) v.add('associationName', associationName, `Member must satisfy regular expression pattern: ${ASSOCIATION_NAME.source}`);
  const scheduleExpression = optString(input, 'ScheduleExpression');
  v.length('scheduleExpression', scheduleExpression, 1, 256);
  const maxConcurrency = optString(input, 'MaxConcurrency');
  const maxErrors = optString(input, 'MaxErrors');
  for (const [kind, text] of [['maxConcurrency', maxConcurrency], ['maxErrors', maxErrors]] as const) {
    if (text === undefined) continue;
    const prefix = `Value '${text}' at '${kind}' failed to satisfy constraint: `;
    for (const fragment of rateConstraintViolations(kind, text)) v.add(kind, text, fragment.slice(prefix.length));
  }
  const complianceSeverity = optString(input, 'ComplianceSeverity');
  v.oneOf('complianceSeverity', complianceSeverity, SEVERITIES);
  const syncCompliance = optString(input, 'SyncCompliance');
  v.oneOf('syncCompliance', syncCompliance, ['AUTO', 'MANUAL']);
  const scheduleOffset = optInteger(input, 'ScheduleOffset');
  v.range('scheduleOffset', scheduleOffset, 1, 6);
  const duration = optInteger(input, 'Duration');
  v.range('duration', duration, 1, 24);
  const instanceId = optString(input, 'InstanceId');
  if (instanceId !== undefined && !INSTANCE_ID.test(instanceId)) v.add('instanceId', instanceId, 'Member must satisfy regular expression pattern: (^i-(\\w{8}|\\w{17})$)|(^mi-\\w{17}$)');
  return {
    documentName, documentVersion, parameters: readParameters(input), targets: readTargets(v, input), instanceId, scheduleExpression,
    associationName, maxConcurrency, maxErrors, complianceSeverity, syncCompliance,
    applyOnlyAtCronInterval: optBoolean(input, 'ApplyOnlyAtCronInterval') ?? false, scheduleOffset, duration, outputLocation: input['OutputLocation'],
  };
}

/** The checks after the model constraints: schedule, document, version, parameters, targets. */
function checkDefinition(d: Definition, model: FleetModel): void {
  if (d.scheduleExpression !== undefined) {
    const parsed = parseAssociationSchedule(d.scheduleExpression);
    if (!parsed.ok) throw new ServiceError('InvalidSchedule', parsed.error);
    if (d.applyOnlyAtCronInterval && parsed.schedule.kind === 'rate') throw new ServiceError('InvalidSchedule', 'ApplyOnlyAtCronInterval applies to cron schedules, not rate expressions.');
  } else if (d.applyOnlyAtCronInterval) {
    throw new ServiceError('InvalidSchedule', 'ApplyOnlyAtCronInterval needs a cron ScheduleExpression.');
  }
  if ((d.scheduleOffset !== undefined || d.duration !== undefined) && !d.applyOnlyAtCronInterval) {
    throw new ServiceError('ValidationException', 'ScheduleOffset and Duration need ApplyOnlyAtCronInterval.');
  }
  const docs = documentStore(model);
  const record = docs.get(d.documentName ?? '');
  if (record === undefined) throw new ServiceError('InvalidDocument', 'The specified document does not exist.');
  const version = docs.version(record, d.documentVersion ?? '$DEFAULT');
  try {
    resolveParameters(version.doc, d.parameters);
  } catch (err) {
    if (err instanceof ServiceError) throw new ServiceError('InvalidParameters', err.message);
    throw err;
  }
  if (d.targets !== undefined) checkTargets(d.targets);
}

function versionOf(d: Definition, version: number, at: number, documentName: string, targets: readonly TargetSpec[]): AssociationVersion {
  return {
    version, createdAt: at, documentName, documentVersion: d.documentVersion, parameters: d.parameters, targets, instanceId: d.instanceId,
    scheduleExpression: d.scheduleExpression, associationName: d.associationName, maxConcurrency: d.maxConcurrency, maxErrors: d.maxErrors,
    complianceSeverity: d.complianceSeverity, syncCompliance: d.syncCompliance ?? 'AUTO', applyOnlyAtCronInterval: d.applyOnlyAtCronInterval,
    scheduleOffset: d.scheduleOffset, duration: d.duration, outputLocation: d.outputLocation,
  };
}

// ---- overview ----

interface Overview {
  status: AssociationStatus;
  counts: Record<string, number>;
  instanceIds: Set<string>;
  lastExecution: number | undefined;
}

function overviews(model: FleetModel, store: AssociationStore): ReadonlyMap<string, Overview> {
  return model.memo(`associations:overviews:${store.version}`, () => {
    const out = new Map<string, Overview>();
    const records = store.all();
    for (const r of records) out.set(r.associationId, {status: 'Success', counts: {}, instanceIds: new Set(), lastExecution: r.lastExecutionAt});
    const members = store.membership().byRecord;
    for (const r of records) {
      const o = out.get(r.associationId) as Overview;
      for (const id of members.get(r.associationId) ?? []) {
        const node = model.get(id);
        if (node === undefined) continue;
        const s = store.statusOfMember(r, node);
        o.instanceIds.add(id);
        o.counts[s] = (o.counts[s] ?? 0) + 1;
        const at = r.results.get(id)?.at ?? (r.seeded ? node.lastAssociationAt : undefined);
        if (at !== undefined && (o.lastExecution === undefined || at > o.lastExecution)) o.lastExecution = at;
      }
    }
    for (const o of out.values()) o.status = (o.counts['Failed'] ?? 0) > 0 ? 'Failed' : (o.counts['Pending'] ?? 0) > 0 || o.instanceIds.size === 0 ? 'Pending' : 'Success';
    return out;
  });
}

function overviewShape(o: Overview | undefined): JsonObject {
  return {Status: o?.status ?? 'Pending', DetailedStatus: o?.status ?? 'Pending', AssociationStatusAggregatedCount: {...(o?.counts ?? {})}};
}

function targetsShape(v: AssociationVersion): JsonObject[] {
  return v.targets.map((t) => ({Key: t.Key, Values: [...t.Values]}));
}

function versionFields(v: AssociationVersion): JsonObject {
  const out: JsonObject = {Name: v.documentName, Targets: targetsShape(v), Parameters: Object.fromEntries(Object.entries(v.parameters).map(([k, x]) => [k, [...x]]))};
  if (v.documentVersion !== undefined) out['DocumentVersion'] = v.documentVersion;
  if (v.scheduleExpression !== undefined) out['ScheduleExpression'] = v.scheduleExpression;
  if (v.associationName !== undefined) out['AssociationName'] = v.associationName;
  if (v.maxConcurrency !== undefined) out['MaxConcurrency'] = v.maxConcurrency;
  if (v.maxErrors !== undefined) out['MaxErrors'] = v.maxErrors;
  if (v.complianceSeverity !== undefined) out['ComplianceSeverity'] = v.complianceSeverity;
  if (v.syncCompliance !== undefined) out['SyncCompliance'] = v.syncCompliance;
  out['ApplyOnlyAtCronInterval'] = v.applyOnlyAtCronInterval;
  if (v.scheduleOffset !== undefined) out['ScheduleOffset'] = v.scheduleOffset;
  if (v.duration !== undefined) out['Duration'] = v.duration;
  if (isObject(v.outputLocation)) out['OutputLocation'] = v.outputLocation;
  return out;
}

function descriptionOf(ctx: OperationContext, r: AssociationRecord, v: AssociationVersion = r.current): JsonObject {
  const store = associationStore(ctx.model);
  const o = overviews(ctx.model, store).get(r.associationId);
  const out: JsonObject = {
    ...versionFields(v), AssociationId: r.associationId, AssociationVersion: String(v.version), Date: epochSeconds(r.createdAt),
    LastUpdateAssociationDate: epochSeconds(r.updatedAt), Overview: overviewShape(o),
  };
  if (v.instanceId !== undefined) out['InstanceId'] = v.instanceId;
  const last = o?.lastExecution ?? r.lastExecutionAt;
  if (last !== undefined) out['LastExecutionDate'] = epochSeconds(last);
  if (r.lastSuccessfulAt !== undefined) out['LastSuccessfulExecutionDate'] = epochSeconds(r.lastSuccessfulAt);
  return out;
}

function recordById(ctx: OperationContext, id: string | undefined): AssociationRecord {
  const r = associationStore(ctx.model).get(id ?? '');
  if (r === undefined) throw doesNotExist();
  return r;
}

/** AssociationId, or Name + InstanceId (a legacy association), as Describe/DeleteAssociation take them. */
function findAssociation(input: JsonObject, ctx: OperationContext): AssociationRecord {
  const id = optString(input, 'AssociationId');
  const name = optString(input, 'Name');
  const instanceId = optString(input, 'InstanceId');
  const v = new Violations();
  if (id !== undefined && !ASSOCIATION_ID.test(id)) v.add('associationId', id, 'Member must satisfy regular expression pattern: [0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}');
  v.throwIfAny();
  if (id !== undefined) return recordById(ctx, id);
  if (name === undefined || instanceId === undefined) throw new ServiceError('ValidationException', 'Give AssociationId, or Name and InstanceId.');
  if (documentStore(ctx.model).get(name) === undefined) throw new ServiceError('InvalidDocument', 'The specified document does not exist.');
  if (ctx.model.get(instanceId) === undefined) throw new ServiceError('InvalidInstanceId', `The instance ${instanceId} is not valid.`);
  const r = associationStore(ctx.model).all().find((x) => x.current.documentName === name && x.current.instanceId === instanceId);
  if (r === undefined) throw doesNotExist();
  return r;
}

// ---- operations ----

export const createAssociation: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const d = readDefinition(v, input);
  v.required('name', d.documentName);
  v.throwIfAny();
  const hasTargets = (d.targets?.length ?? 0) > 0;
  if (hasTargets === (d.instanceId !== undefined)) {
    throw new ServiceError('ValidationException', hasTargets ? 'Provide either InstanceId or Targets, not both.' : 'Targets is required (or a legacy InstanceId).');
  }
  checkDefinition(d, ctx.model);
  const store = associationStore(ctx.model);
  if (d.instanceId !== undefined) {
    const node = ctx.model.get(d.instanceId);
    if (node === undefined) throw new ServiceError('InvalidInstanceId', `The instance ${d.instanceId} is not valid.`);
    if (store.all().some((r) => r.current.instanceId === d.instanceId && r.current.documentName === d.documentName)) {
      throw new ServiceError('AssociationAlreadyExists', 'The specified association already exists.');
    }
  }
  if (store.all().length >= MAX_ASSOCIATIONS) throw new ServiceError('AssociationLimitExceeded', `You can create no more than ${MAX_ASSOCIATIONS} associations.`);
  const record = store.create(versionOf(d, 1, store.now(), d.documentName ?? '', d.targets ?? []));
  return {AssociationDescription: descriptionOf(ctx, record)};
};

export const updateAssociation: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const id = optString(input, 'AssociationId');
  if (v.required('associationId', id) && !ASSOCIATION_ID.test(id ?? '')) v.add('associationId', id, 'Member must satisfy regular expression pattern: [0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}');
  const asked = optString(input, 'AssociationVersion');
  if (asked !== undefined && !/^([$]LATEST|[1-9][0-9]*)$/.test(asked)) v.add('associationVersion', asked, 'Member must satisfy regular expression pattern: ([$]LATEST)|([1-9][0-9]*)');
  const d = readDefinition(v, input);
  v.throwIfAny();
  const record = recordById(ctx, id);
  if (asked !== undefined && asked !== '$LATEST' && asked !== String(record.current.version)) {
    throw new ServiceError('InvalidAssociationVersion', `The association version ${asked} is not the latest (${record.current.version}).`);
  }
  if (record.versions.length >= MAX_ASSOCIATION_VERSIONS) {
    throw new ServiceError('AssociationVersionLimitExceeded', `An association can have at most ${MAX_ASSOCIATION_VERSIONS} versions.`);
  }
  const documentName = d.documentName ?? record.current.documentName;
  const targets = d.targets !== undefined && d.targets.length > 0 ? d.targets : record.current.targets;
  const full = {...d, documentName, targets, instanceId: record.current.instanceId};
  checkDefinition(full, ctx.model);
  const store = associationStore(ctx.model);
  store.update(record, versionOf(full, record.current.version + 1, store.now(), documentName, targets));
  return {AssociationDescription: descriptionOf(ctx, record)};
};

export const deleteAssociation: JsonOperation = (input, ctx) => {
  const record = findAssociation(input, ctx);
  associationStore(ctx.model).delete(record);
  return {};
};

export const describeAssociation: JsonOperation = (input, ctx) => {
  const record = findAssociation(input, ctx);
  const asked = optString(input, 'AssociationVersion');
  if (asked === undefined || asked === '$LATEST') return {AssociationDescription: descriptionOf(ctx, record)};
  const version = record.versions.find((x) => String(x.version) === asked);
  if (version === undefined) throw new ServiceError('InvalidAssociationVersion', `The association has no version ${asked}.`);
  return {AssociationDescription: descriptionOf(ctx, record, version)};
};

const LIST_FILTER_KEYS = [
  'InstanceId', 'Name', 'AssociationId', 'AssociationStatusName', 'LastExecutedBefore', 'LastExecutedAfter', 'AssociationName', 'ResourceGroupName',
];

export const listAssociations: JsonOperation = (input, ctx) => {
  const v = new Violations();
  v.range('maxResults', optInteger(input, 'MaxResults'), 1, 50);
  const list = optObjectArray(input, 'AssociationFilterList');
  v.length('associationFilterList', list, 1, undefined);
  const filters: {key: string; value: string}[] = [];
  list?.forEach((f, i) => {
    const p = `associationFilterList.${i + 1}.member`;
    const key = optString(f, 'key');
    const value = optString(f, 'value');
    if (v.required(`${p}.key`, key)) v.oneOf(`${p}.key`, key, LIST_FILTER_KEYS);
    if (v.required(`${p}.value`, value)) v.length(`${p}.value`, value, 1, undefined);
    if (key !== undefined && value !== undefined) filters.push({key, value});
  });
  v.throwIfAny();
  const store = associationStore(ctx.model);
  const all = overviews(ctx.model, store);
  const tests = filters.map(({key, value}) => {
    if (key === 'LastExecutedBefore' || key === 'LastExecutedAfter') {
      const at = Date.parse(value);
      if (Number.isNaN(at)) throw new ServiceError('ValidationException', `The value ${value} for ${key} is not a valid date (use ISO 8601, e.g. 2017-02-20T18:03:58Z).`);
      return (r: AssociationRecord, o: Overview) => o.lastExecution !== undefined && (key === 'LastExecutedBefore' ? o.lastExecution < at : o.lastExecution > at);
    }
    return (r: AssociationRecord, o: Overview) => {
      switch (key) {
        case 'InstanceId': return o.instanceIds.has(value);
        case 'Name': return r.current.documentName === value;
        case 'AssociationId': return r.associationId === value;
        case 'AssociationStatusName': return o.status === value;
        case 'AssociationName': return r.current.associationName === value;
        default: return false; // ResourceGroupName: the local fleet has no resource groups
      }
    };
  });
  const rows = store.all().filter((r) => tests.every((t) => t(r, all.get(r.associationId) as Overview)));
  const scope = `ssm:ListAssociations:${JSON.stringify(filters)}`;
  const page = paginate(rows, {ctx, scope, token: optString(input, 'NextToken'), size: optInteger(input, 'MaxResults') ?? 50, key: (r) => r.associationId});
  const out: JsonObject = {
    Associations: page.items.map((r) => {
      const c = r.current;
      const o = all.get(r.associationId);
      const item: JsonObject = {Name: c.documentName, AssociationId: r.associationId, AssociationVersion: String(c.version), Targets: targetsShape(c)};
      if (c.documentVersion !== undefined) item['DocumentVersion'] = c.documentVersion;
      if (c.instanceId !== undefined) item['InstanceId'] = c.instanceId;
      if (o?.lastExecution !== undefined) item['LastExecutionDate'] = epochSeconds(o.lastExecution);
      item['Overview'] = overviewShape(o);
      if (c.scheduleExpression !== undefined) item['ScheduleExpression'] = c.scheduleExpression;
      if (c.associationName !== undefined) item['AssociationName'] = c.associationName;
      if (c.scheduleOffset !== undefined) item['ScheduleOffset'] = c.scheduleOffset;
      return item;
    }),
  };
  if (page.nextToken !== undefined) out['NextToken'] = page.nextToken;
  return out;
};

function readAssociationId(v: Violations, input: JsonObject): string | undefined {
  const id = optString(input, 'AssociationId');
  if (v.required('associationId', id) && !ASSOCIATION_ID.test(id ?? '')) v.add('associationId', id, 'Member must satisfy regular expression pattern: [0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}');
  return id;
}

export const listAssociationVersions: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const id = readAssociationId(v, input);
  v.range('maxResults', optInteger(input, 'MaxResults'), 1, 50);
  v.throwIfAny();
  const record = recordById(ctx, id);
  const page = paginate(record.versions, {ctx, scope: `ssm:ListAssociationVersions:${record.associationId}`, token: optString(input, 'NextToken'), size: optInteger(input, 'MaxResults') ?? 50, key: (x) => String(x.version).padStart(6, '0')});
  const out: JsonObject = {
    AssociationVersions: page.items.map((x) => ({...versionFields(x), AssociationId: record.associationId, AssociationVersion: String(x.version), CreatedDate: epochSeconds(x.createdAt)})),
  };
  if (page.nextToken !== undefined) out['NextToken'] = page.nextToken;
  return out;
};

export const startAssociationsOnce: JsonOperation = (input, ctx) => {
  const ids = optStringArray(input, 'AssociationIds');
  const v = new Violations();
  if (v.required('associationIds', ids)) v.length('associationIds', ids, 1, 10);
  v.throwIfAny();
  const store = associationStore(ctx.model);
  const records = (ids ?? []).map((id) => {
    if (!ASSOCIATION_ID.test(id)) throw new ServiceError('InvalidAssociation', `The association ${id} is not valid.`);
    const r = store.get(id);
    if (r === undefined) throw doesNotExist();
    return r;
  });
  for (const r of records) store.run(r);
  return {};
};

// ---- executions ----

type TargetRow = {instanceId: string; status: string; detailed: string; at: number | undefined; commandId: string};

function executionTargets(ex: AssociationExecution): TargetRow[] {
  const states = targetStates(ex);
  return ex.targets.map((t) => {
    const state = states.get(t.instanceId);
    const sd = state?.statusDetails ?? 'Pending';
    const status = sd === 'Success' ? 'Success' : sd === 'Pending' || sd === 'InProgress' || sd === 'Delayed' ? sd === 'Delayed' ? 'InProgress' : sd : 'Failed';
    const inv = t.command.invocations.get(t.instanceId);
    return {instanceId: t.instanceId, status, detailed: sd, at: inv?.endedAt ?? inv?.startedAt, commandId: t.command.id};
  });
}

function executionStatus(ex: AssociationExecution, rows: readonly TargetRow[]): {status: string; detailed: string} {
  if (ex.failure !== undefined) return {status: 'Failed', detailed: 'Failed'};
  if (!ex.commands.every((c) => snapshotOf(c).done)) {
    return rows.some((r) => r.status !== 'Pending') ? {status: 'InProgress', detailed: 'InProgress'} : {status: 'Pending', detailed: 'Pending'};
  }
  return rows.some((r) => r.status === 'Failed') ? {status: 'Failed', detailed: 'Failed'} : {status: 'Success', detailed: 'Success'};
}

function countByStatus(rows: readonly TargetRow[]): string {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.detailed, (counts.get(r.detailed) ?? 0) + 1);
  return `{${[...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => `${k}=${n}`).join(', ')}}`;
}

function readExecutionFilters(v: Violations, input: JsonObject, keys: readonly string[], typed: boolean): {key: string; value: string; type: string}[] {
  const list = optObjectArray(input, 'Filters');
  v.length('filters', list, 1, undefined);
  return (list ?? []).map((f, i) => {
    const p = `filters.${i + 1}.member`;
    const key = optString(f, 'Key');
    const value = optString(f, 'Value');
    const type = typed ? optString(f, 'Type') : 'EQUAL';
    if (v.required(`${p}.key`, key)) v.oneOf(`${p}.key`, key, keys);
    if (v.required(`${p}.value`, value)) v.length(`${p}.value`, value, 1, undefined);
    if (typed && v.required(`${p}.type`, type)) v.oneOf(`${p}.type`, type, ['EQUAL', 'LESS_THAN', 'GREATER_THAN']);
    return {key: key ?? '', value: value ?? '', type: type ?? 'EQUAL'};
  });
}

export const describeAssociationExecutions: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const id = readAssociationId(v, input);
  v.range('maxResults', optInteger(input, 'MaxResults'), 1, 50);
  const filters = readExecutionFilters(v, input, ['ExecutionId', 'Status', 'CreatedTime'], true);
  v.throwIfAny();
  const record = recordById(ctx, id);
  associationStore(ctx.model).collect();
  const rows = associationStore(ctx.model).executionsOf(record.associationId).map((ex) => {
    const targets = executionTargets(ex);
    return {ex, targets, ...executionStatus(ex, targets)};
  }).filter((row) => filters.every((f) => {
    if (f.key === 'ExecutionId') return row.ex.executionId === f.value;
    if (f.key === 'Status') return row.status === f.value;
    const at = Date.parse(f.value);
    if (Number.isNaN(at)) throw new ServiceError('ValidationException', `The CreatedTime filter value ${f.value} is not a valid date.`);
    return f.type === 'LESS_THAN' ? row.ex.createdAt < at : f.type === 'GREATER_THAN' ? row.ex.createdAt > at : row.ex.createdAt === at;
  }));
  const keyed = rows.map((row, i) => ({row, key: String(i).padStart(9, '0')}));
  const page = paginate(keyed, {ctx, scope: `ssm:DescribeAssociationExecutions:${record.associationId}:${JSON.stringify(filters)}`, token: optString(input, 'NextToken'), size: optInteger(input, 'MaxResults') ?? 50, key: (k) => k.key});
  const out: JsonObject = {
    AssociationExecutions: page.items.map(({row}) => {
      const last = row.targets.reduce<number | undefined>((m, t) => (t.at !== undefined && (m === undefined || t.at > m) ? t.at : m), undefined);
      const item: JsonObject = {
        AssociationId: record.associationId, AssociationVersion: String(row.ex.associationVersion), ExecutionId: row.ex.executionId,
        Status: row.status, DetailedStatus: row.detailed, CreatedTime: epochSeconds(row.ex.createdAt), ResourceCountByStatus: countByStatus(row.targets),
      };
      if (last !== undefined) item['LastExecutionDate'] = epochSeconds(last);
      return item;
    }),
  };
  if (page.nextToken !== undefined) out['NextToken'] = page.nextToken;
  return out;
};

export const describeAssociationExecutionTargets: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const id = readAssociationId(v, input);
  const executionId = optString(input, 'ExecutionId');
  if (v.required('executionId', executionId) && !ASSOCIATION_ID.test(executionId ?? '')) {
    v.add('executionId', executionId, 'Member must satisfy regular expression pattern: [0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}');
  }
  v.range('maxResults', optInteger(input, 'MaxResults'), 1, 50);
  const filters = readExecutionFilters(v, input, ['Status', 'ResourceId', 'ResourceType'], false);
  v.throwIfAny();
  const record = recordById(ctx, id);
  const ex = associationStore(ctx.model).executionsOf(record.associationId).find((x) => x.executionId === executionId);
  if (ex === undefined) throw new ServiceError('AssociationExecutionDoesNotExist', 'The specified execution ID does not exist. Verify the ID number and try again.');
  const rows = executionTargets(ex).filter((t) => filters.every((f) => (f.key === 'Status' ? t.status === f.value : f.key === 'ResourceId' ? t.instanceId === f.value : f.value === 'ManagedInstance')));
  const keyed = rows.map((row, i) => ({row, key: String(i).padStart(9, '0')}));
  const page = paginate(keyed, {ctx, scope: `ssm:DescribeAssociationExecutionTargets:${ex.executionId}:${JSON.stringify(filters)}`, token: optString(input, 'NextToken'), size: optInteger(input, 'MaxResults') ?? 50, key: (k) => k.key});
  const out: JsonObject = {
    AssociationExecutionTargets: page.items.map(({row}) => {
      const item: JsonObject = {
        AssociationId: record.associationId, AssociationVersion: String(ex.associationVersion), ExecutionId: ex.executionId, ResourceId: row.instanceId,
        ResourceType: 'ManagedInstance', Status: row.status, DetailedStatus: row.detailed,
        OutputSource: {OutputSourceId: row.commandId, OutputSourceType: 'RunCommand'},
      };
      if (row.at !== undefined) item['LastExecutionDate'] = epochSeconds(row.at);
      return item;
    }),
  };
  if (page.nextToken !== undefined) out['NextToken'] = page.nextToken;
  return out;
};

export const describeInstanceAssociationsStatus: JsonOperation = (input, ctx) => {
  const instanceId = optString(input, 'InstanceId');
  const v = new Violations();
  if (v.required('instanceId', instanceId) && !INSTANCE_ID.test(instanceId ?? '')) {
    v.add('instanceId', instanceId, 'Member must satisfy regular expression pattern: (^i-(\\w{8}|\\w{17})$)|(^mi-\\w{17}$)');
  }
  v.range('maxResults', optInteger(input, 'MaxResults'), 1, 50);
  v.throwIfAny();
  const node = ctx.model.get(instanceId ?? '');
  if (node === undefined) throw new ServiceError('InvalidInstanceId', `The instance ${String(instanceId)} is not valid.`);
  const store = associationStore(ctx.model);
  store.collect();
  const rows = (store.membership().byNode.get(node.instanceId) ?? []).map((r) => ({r, status: store.statusOfMember(r, node)}));
  const page = paginate(rows, {ctx, scope: `ssm:DescribeInstanceAssociationsStatus:${node.instanceId}`, token: optString(input, 'NextToken'), size: optInteger(input, 'MaxResults') ?? 50, key: (x) => x.r.associationId});
  const out: JsonObject = {
    InstanceAssociationStatusInfos: page.items.map(({r, status}) => {
      const result = r.results.get(node.instanceId);
      const item: JsonObject = {
        AssociationId: r.associationId, Name: r.current.documentName, DocumentVersion: r.current.documentVersion ?? '$DEFAULT',
        AssociationVersion: String(result?.associationVersion ?? r.current.version), InstanceId: node.instanceId, Status: status,
        DetailedStatus: result?.detailedStatus ?? status,
        ExecutionSummary: result === undefined ? '' : `1 out of 1 plugin processed, ${status === 'Success' ? '1 success' : '1 failed'}, 0 skipped.`,
      };
      const at = result?.at ?? (r.seeded && status !== 'Pending' ? node.lastAssociationAt : undefined);
      if (at !== undefined) item['ExecutionDate'] = epochSeconds(at);
      if (result !== undefined && result.status === 'Failed') item['ErrorCode'] = String(result.responseCode);
      if (r.current.associationName !== undefined) item['AssociationName'] = r.current.associationName;
      return item;
    }),
  };
  if (page.nextToken !== undefined) out['NextToken'] = page.nextToken;
  return out;
};

export const associationOperations: Readonly<Record<string, JsonOperation>> = {
  CreateAssociation: createAssociation,
  UpdateAssociation: updateAssociation,
  DeleteAssociation: deleteAssociation,
  DescribeAssociation: describeAssociation,
  ListAssociations: listAssociations,
  ListAssociationVersions: listAssociationVersions,
  StartAssociationsOnce: startAssociationsOnce,
  DescribeAssociationExecutions: describeAssociationExecutions,
  DescribeAssociationExecutionTargets: describeAssociationExecutionTargets,
  DescribeInstanceAssociationsStatus: describeInstanceAssociationsStatus,
};
