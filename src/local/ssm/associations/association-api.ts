// SSM State Manager read operation over association-data.ts: ListAssociations (registered in compliance-api.ts's
// complianceOperations).

import {associationOverviews} from './association-data.js';
import {paginate} from './list-paging.js';
import type {JsonOperation} from './operation-context.js';
import {ServiceError} from './service-error.js';
import {optInteger, optObjectArray, optString, Violations, type JsonObject} from './validation.js';
import {epochSeconds} from './wire-json.js';

const ASSOCIATION_FILTER_KEYS = [
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
    if (v.required(`${p}.key`, key)) v.oneOf(`${p}.key`, key, ASSOCIATION_FILTER_KEYS);
    if (v.required(`${p}.value`, value)) v.length(`${p}.value`, value, 1, undefined);
    if (key !== undefined && value !== undefined) filters.push({key, value});
  });
  v.throwIfAny();
  const model = ctx.model;
  const tests = filters.map(({key, value}) => {
    if (key === 'LastExecutedBefore' || key === 'LastExecutedAfter') {
      const at = Date.parse(value);
      if (Number.isNaN(at)) throw new ServiceError('ValidationException', `The value ${value} for ${key} is not a valid date (use ISO 8601, e.g. 2017-02-20T18:03:58Z).`);
      return (o: {lastExecution: number | undefined}) => o.lastExecution !== undefined && (key === 'LastExecutedBefore' ? o.lastExecution < at : o.lastExecution > at);
    }
    return (o: {association: {name: string; documentName: string; associationId: string}; status: string; instanceIds: ReadonlySet<string>}) => {
      switch (key) {
        case 'InstanceId':
          return o.instanceIds.has(value);
        case 'Name':
          return o.association.documentName === value;
        case 'AssociationId':
          return o.association.associationId === value;
        case 'AssociationStatusName':
          return o.status === value;
        case 'AssociationName':
          return o.association.name === value;
        default:
          return false; // ResourceGroupName: the local fleet has no resource groups
      }
    };
  });
  const overviews = associationOverviews(model).filter((o) => tests.every((t) => t(o)));
  const scope = `ssm:ListAssociations:${JSON.stringify(filters)}`;
  const page = paginate(overviews, {ctx, scope, token: optString(input, 'NextToken'), size: optInteger(input, 'MaxResults') ?? 50, key: (o) => o.association.associationId});
  const out: JsonObject = {
    Associations: page.items.map((o) => {
      const a = o.association;
      const item: JsonObject = {
        Name: a.documentName,
        AssociationId: a.associationId,
        AssociationVersion: '1',
        DocumentVersion: a.documentVersion,
        Targets: a.targets.map((t) => ({Key: t.Key, Values: [...t.Values]})),
      };
      if (o.lastExecution !== undefined) item['LastExecutionDate'] = epochSeconds(o.lastExecution);
      item['Overview'] = {Status: o.status, DetailedStatus: o.status, AssociationStatusAggregatedCount: {...o.counts}};
      item['ScheduleExpression'] = a.scheduleExpression;
      item['AssociationName'] = a.name;
      return item;
    }),
  };
  if (page.nextToken !== undefined) out['NextToken'] = page.nextToken;
  return out;
};
