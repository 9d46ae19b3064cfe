// CreateOpsItem, GetOpsItem, DescribeOpsItems and UpdateOpsItem (docs/ssm-api-more.md §10). Coral checks lengths,
// ranges and enums (ValidationException); OpsCenter's own rules (reserved prefixes, 20 KB values, related items,
// duplicates) answer OpsItemInvalidParameterException / OpsItemAlreadyExistsException.

import type {JsonOperation, OperationContext} from '../../protocol/operation-context.js';
import {indexKey, paginate} from '../../protocol/list-paging.js';
import {ServiceError} from '../../protocol/service-error.js';
import {epochSeconds} from '../../protocol/wire-json.js';
import {isObject, optInteger, optObjectArray, optString, optStringArray, Violations, type JsonObject} from '../../protocol/validation.js';
import {
  DEDUP_KEY, OPERATIONAL_DATA_VALUE_MAX, OPS_ITEM_STATUSES, RELATED_OPS_ITEMS_MAX, RESERVED_DATA_KEYS, dedupString,
} from '../../../fleet/opsitems/opsitem.js';
import {FILTER_KEYS, FILTER_OPERATORS, filterTest, type ParsedFilter} from './filters.js';
import {SESSION_OWNER_NAME} from '../sessions/session-service.js';
import {opsItemStoreFor, type StoredDataValue, type StoredOpsItem} from './store.js';

const OPS_ITEM_ID = /^(oi)-[0-9a-f]{12}$/;
const OPS_ITEM_TYPES = ['/aws/issue', '/aws/insight', '/aws/changerequest'];
const RESERVED_KEY = /^\/?(aws|amazon|amzn|ssm)/i;
const RESERVED_SOURCE = /^(aws|amazon|amzn)/i;
const DEFAULT_PAGE = 10;
const SEQ_MAX = 999_999_999;

function invalidParameter(names: readonly string[], message: string): ServiceError {
  return new ServiceError('OpsItemInvalidParameterException', message, {extra: {ParameterNames: [...names]}});
}

function notFound(id: string): ServiceError {
  return new ServiceError('OpsItemNotFoundException', `OpsItem with id ${id} does not exist.`);
}

const callerOf = (ctx: OperationContext): string => `arn:aws:iam::${ctx.model.accountId}:user/${SESSION_OWNER_NAME}`;

function readOpsItemId(input: JsonObject, v: Violations): string | undefined {
  const id = optString(input, 'OpsItemId');
  if (v.required('opsItemId', id) && id !== undefined && !OPS_ITEM_ID.test(id)) {
    v.add('opsItemId', id, 'Member must satisfy regular expression pattern: ^(oi)-[0-9a-f]{12}$');
  }
  return id;
}

/** OperationalData as a map of {Value, Type}; Coral checks the shape and the Type enum. */
function readOperationalData(input: JsonObject, v: Violations): Map<string, StoredDataValue> | undefined {
  const raw = input['OperationalData'];
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw)) throw new ServiceError('SerializationException', 'Expected a map for member OperationalData', {messageMember: 'message'});
  const out = new Map<string, StoredDataValue>();
  for (const [key, entry] of Object.entries(raw)) {
    if (!isObject(entry)) throw new ServiceError('SerializationException', 'Expected a structure in map OperationalData', {messageMember: 'message'});
    const value = optString(entry, 'Value') ?? '';
    const type = optString(entry, 'Type');
    v.length(`operationalData.${key}.member.key`, key, 1, 128);
    v.oneOf(`operationalData.${key}.member.value.type`, type, ['SearchableString', 'String']);
    out.set(key, {value, type: type === 'String' ? 'String' : 'SearchableString'});
  }
  return out;
}

/** OpsCenter's own checks on operational data (after Coral's). */
function checkOperationalData(data: ReadonlyMap<string, StoredDataValue>): void {
  for (const [key, {value}] of data) {
    if (RESERVED_KEY.test(key) && !RESERVED_DATA_KEYS.includes(key)) {
      throw invalidParameter(['OperationalData'], `Operational data keys can't begin with the following: amazon, aws, amzn, ssm, /amazon, /aws, /amzn, /ssm. Key: ${key}`);
    }
    if (Buffer.byteLength(value, 'utf8') > OPERATIONAL_DATA_VALUE_MAX) {
      throw invalidParameter(['OperationalData'], `The operational data value of ${key} exceeds the maximum size of 20 KB.`);
    }
  }
}

function readIds(list: JsonObject[] | undefined, member: string, v: Violations, path: string): string[] | undefined {
  return list?.map((x, i) => {
    const id = optString(x, member);
    v.required(`${path}.${i + 1}.member.${member[0]?.toLowerCase() ?? ''}${member.slice(1)}`, id);
    return id ?? '';
  });
}

function checkRelated(ctx: OperationContext, related: readonly string[] | undefined, self?: string): void {
  if (related === undefined) return;
  if (related.length > RELATED_OPS_ITEMS_MAX) {
    throw invalidParameter(['RelatedOpsItems'], `An OpsItem can have at most ${RELATED_OPS_ITEMS_MAX} related OpsItems.`);
  }
  const store = opsItemStoreFor(ctx.model);
  for (const id of related) {
    if (id === self || store.get(id) === undefined) throw invalidParameter(['RelatedOpsItems'], `The related OpsItem ${id} is not valid.`);
  }
}

export const createOpsItem: JsonOperation = (input, ctx) => {
  const title = optString(input, 'Title');
  const description = optString(input, 'Description');
  const source = optString(input, 'Source');
  const priority = optInteger(input, 'Priority');
  const severity = optString(input, 'Severity');
  const category = optString(input, 'Category');
  const opsItemType = optString(input, 'OpsItemType');
  const v = new Violations();
  if (v.required('description', description)) v.length('description', description, 1, 2048);
  if (v.required('source', source)) v.length('source', source, 1, 128);
  if (v.required('title', title)) v.length('title', title, 1, 1024);
  v.range('priority', priority, 1, 5);
  v.length('severity', severity, 1, 64);
  v.length('category', category, 1, 64);
  const data = readOperationalData(input, v);
  const related = readIds(optObjectArray(input, 'RelatedOpsItems'), 'OpsItemId', v, 'relatedOpsItems');
  const notifications = readIds(optObjectArray(input, 'Notifications'), 'Arn', v, 'notifications');
  v.throwIfAny();
  if (RESERVED_SOURCE.test(source ?? '')) {
    throw invalidParameter(['Source'], 'The source can\'t start with amazon, aws or amzn.');
  }
  if (opsItemType !== undefined && !OPS_ITEM_TYPES.includes(opsItemType)) {
    throw invalidParameter(['OpsItemType'], `The OpsItemType ${opsItemType} is not valid. Valid types: ${OPS_ITEM_TYPES.join(', ')}.`);
  }
  const operationalData = data ?? new Map<string, StoredDataValue>();
  checkOperationalData(operationalData);
  checkRelated(ctx, related);
  const store = opsItemStoreFor(ctx.model);
  const dedup = dedupString({[DEDUP_KEY]: operationalData.get(DEDUP_KEY) ?? {value: '', type: 'String'}});
  if (dedup !== undefined) {
    const existing = store.all().find((i) => i.status !== 'Resolved' && i.status !== 'Closed' &&
      dedupString({[DEDUP_KEY]: i.operationalData.get(DEDUP_KEY) ?? {value: '', type: 'String'}}) === dedup);
    if (existing !== undefined) {
      throw new ServiceError('OpsItemAlreadyExistsException', `An OpsItem with the deduplication string ${dedup} already exists.`,
        {extra: {OpsItemId: existing.opsItemId}});
    }
  }
  const now = ctx.now();
  const caller = callerOf(ctx);
  const item = store.add({
    title: title ?? '', description: description ?? '', source: source ?? '', status: 'Open',
    priority, severity, category, opsItemType: opsItemType ?? '/aws/issue',
    createdTime: now, lastModifiedTime: now, createdBy: caller, lastModifiedBy: caller,
    operationalData, relatedOpsItems: related ?? [], notifications: notifications ?? [],
  });
  return {OpsItemId: item.opsItemId, OpsItemArn: opsItemArn(ctx, item.opsItemId)};
};

function opsItemArn(ctx: OperationContext, id: string): string {
  return `arn:aws:ssm:${ctx.region}:${ctx.model.accountId}:opsitem/${id}`;
}

function dataShape(item: StoredOpsItem, searchableOnly: boolean): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of item.operationalData) {
    if (!searchableOnly || v.type === 'SearchableString') out[k] = {Value: v.value, Type: v.type};
  }
  return out;
}

function summaryShape(item: StoredOpsItem): JsonObject {
  const out: JsonObject = {
    CreatedBy: item.createdBy,
    CreatedTime: epochSeconds(item.createdTime),
    LastModifiedBy: item.lastModifiedBy,
    LastModifiedTime: epochSeconds(item.lastModifiedTime),
  };
  if (item.priority !== undefined) out['Priority'] = item.priority;
  out['Source'] = item.source;
  out['Status'] = item.status;
  out['OpsItemId'] = item.opsItemId;
  out['Title'] = item.title;
  out['OperationalData'] = dataShape(item, true);
  if (item.category !== undefined) out['Category'] = item.category;
  if (item.severity !== undefined) out['Severity'] = item.severity;
  out['OpsItemType'] = item.opsItemType;
  return out;
}

export const getOpsItem: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const id = readOpsItemId(input, v);
  v.throwIfAny();
  const item = opsItemStoreFor(ctx.model).get(id ?? '');
  if (item === undefined) throw notFound(id ?? '');
  return {
    OpsItem: {
      ...summaryShape(item),
      Description: item.description,
      Notifications: item.notifications.map((Arn) => ({Arn})),
      RelatedOpsItems: item.relatedOpsItems.map((OpsItemId) => ({OpsItemId})),
      Version: String(item.version),
      OperationalData: dataShape(item, false),
      OpsItemArn: opsItemArn(ctx, item.opsItemId),
    },
  };
};

export const describeOpsItems: JsonOperation = (input, ctx) => {
  const filters = optObjectArray(input, 'OpsItemFilters');
  const maxResults = optInteger(input, 'MaxResults');
  const v = new Violations();
  v.range('maxResults', maxResults, 1, 50);
  const parsed: ParsedFilter[] = [];
  filters?.forEach((f, i) => {
    const p = `opsItemFilters.${i + 1}.member`;
    const key = optString(f, 'Key');
    const values = optStringArray(f, 'Values');
    const operator = optString(f, 'Operator');
    if (v.required(`${p}.key`, key)) v.oneOf(`${p}.key`, key, FILTER_KEYS);
    v.required(`${p}.values`, values);
    if (v.required(`${p}.operator`, operator)) v.oneOf(`${p}.operator`, operator, FILTER_OPERATORS);
    const op = FILTER_OPERATORS.find((o) => o === operator);
    if (key !== undefined && values !== undefined && op !== undefined) parsed.push({key, values, operator: op});
  });
  v.throwIfAny();
  const tests = parsed.map((f) => filterTest(f, ctx.model.accountId));
  const list = opsItemStoreFor(ctx.model).all().filter((i) => tests.every((t) => t(i)));
  const scope = `ssm:DescribeOpsItems:${JSON.stringify(parsed.map((f) => [f.key, f.operator, [...f.values].sort()]).sort())}`;
  const page = paginate(list, {
    ctx, scope, token: optString(input, 'NextToken'), size: maxResults ?? DEFAULT_PAGE,
    key: (i) => indexKey(SEQ_MAX - i.seq),
  });
  const out: JsonObject = {OpsItemSummaries: page.items.map(summaryShape)};
  if (page.nextToken !== undefined) out['NextToken'] = page.nextToken;
  return out;
};

export const updateOpsItem: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const id = readOpsItemId(input, v);
  const status = optString(input, 'Status');
  const title = optString(input, 'Title');
  const description = optString(input, 'Description');
  const priority = optInteger(input, 'Priority');
  const severity = optString(input, 'Severity');
  const category = optString(input, 'Category');
  v.oneOf('status', status, OPS_ITEM_STATUSES);
  v.length('title', title, 1, 1024);
  v.length('description', description, 1, 2048);
  v.range('priority', priority, 1, 5);
  v.length('severity', severity, 1, 64);
  v.length('category', category, 1, 64);
  const data = readOperationalData(input, v);
  const toDelete = optStringArray(input, 'OperationalDataToDelete');
  const related = readIds(optObjectArray(input, 'RelatedOpsItems'), 'OpsItemId', v, 'relatedOpsItems');
  const notifications = readIds(optObjectArray(input, 'Notifications'), 'Arn', v, 'notifications');
  v.throwIfAny();
  const item = opsItemStoreFor(ctx.model).get(id ?? '');
  if (item === undefined) throw notFound(id ?? '');
  if (data !== undefined) checkOperationalData(data);
  checkRelated(ctx, related, item.opsItemId);
  if (status !== undefined) item.status = status;
  if (title !== undefined) item.title = title;
  if (description !== undefined) item.description = description;
  if (priority !== undefined) item.priority = priority;
  if (severity !== undefined) item.severity = severity;
  if (category !== undefined) item.category = category;
  for (const [k, value] of data ?? []) item.operationalData.set(k, value);
  for (const k of toDelete ?? []) item.operationalData.delete(k);
  if (related !== undefined) item.relatedOpsItems = related;
  if (notifications !== undefined) item.notifications = notifications;
  item.lastModifiedTime = ctx.now();
  item.lastModifiedBy = callerOf(ctx);
  item.version++;
  return {};
};

export const opsItemOperations: Readonly<Record<string, JsonOperation>> = {
  CreateOpsItem: createOpsItem,
  GetOpsItem: getOpsItem,
  DescribeOpsItems: describeOpsItems,
  UpdateOpsItem: updateOpsItem,
};
