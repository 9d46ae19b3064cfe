// State Manager operations on the local fleet (docs/ssm-api-more.md §3): CreateAssociation, UpdateAssociation,
// DeleteAssociation, DescribeAssociation, ListAssociations, ListAssociationVersions, StartAssociationsOnce,
// DescribeAssociationExecutions, DescribeAssociationExecutionTargets, DescribeInstanceAssociationsStatus.
// How associations run: association-store.ts.
//
// Choices where the reference is silent (UNVERIFIED against AWS): AssociationAlreadyExists only for a legacy
// (InstanceId) association of the same document and node; ApplyOnlyAtCronInterval with a rate or without a schedule
// is InvalidSchedule; UpdateAssociation keeps Name and Targets when omitted (every other optional field is reset,
// as documented); executions are Pending/InProgress/Success/Failed from their commands' statuses.

import {paginate} from '../../protocol/list-paging.js';
import type {JsonOperation} from '../../protocol/operation-context.js';
import {ServiceError} from '../../protocol/service-error.js';
import {optInteger, optObjectArray, optString, optStringArray, Violations, type JsonObject} from '../../protocol/validation.js';
import {epochSeconds} from '../../protocol/wire-json.js';
import {describeAssociationExecutions, describeAssociationExecutionTargets, describeInstanceAssociationsStatus} from './association-executions-api.js';
import {ASSOCIATION_ID, checkDefinition, readAssociationId, readDefinition, versionOf} from './association-input.js';
import {doesNotExist, findAssociation, recordById} from './association-lookup.js';
import {associationStore, MAX_ASSOCIATION_VERSIONS, MAX_ASSOCIATIONS} from './association-store.js';
import type {AssociationRecord} from './association-types.js';
import {descriptionOf, overviews, overviewShape, targetsShape, versionFields, type Overview} from './association-wire.js';

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
