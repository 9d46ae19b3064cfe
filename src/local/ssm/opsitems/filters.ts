// DescribeOpsItems filters (docs/ssm-api-more.md §10): values of one filter are alternatives, filters all apply.
// Each key takes the operators OpsCenter documents for it; only SearchableString operational data is searchable.
// Keys of request types this fleet never holds (change requests, access requests, insights) match nothing.

import {ServiceError} from '../../protocol/service-error.js';
import {relatedResourceArns} from '../../../fleet/opsitems/opsitem.js';
import type {StoredOpsItem} from './store.js';

export const FILTER_KEYS = [
  'Status', 'CreatedBy', 'Source', 'Priority', 'Title', 'OpsItemId', 'CreatedTime', 'LastModifiedTime',
  'ActualStartTime', 'ActualEndTime', 'PlannedStartTime', 'PlannedEndTime', 'OperationalData', 'OperationalDataKey',
  'OperationalDataValue', 'ResourceId', 'AutomationId', 'Category', 'Severity', 'OpsItemType',
  'ChangeRequestByRequesterArn', 'ChangeRequestByRequesterName', 'ChangeRequestByApproverArn',
  'ChangeRequestByApproverName', 'ChangeRequestByTemplate', 'ChangeRequestByTargetsResourceGroup', 'InsightByType',
  'AccountId', 'AccessRequestByRequesterArn', 'AccessRequestByRequesterId', 'AccessRequestByApproverArn',
  'AccessRequestByApproverId', 'AccessRequestBySourceAccountId', 'AccessRequestBySourceOpsItemId',
  'AccessRequestBySourceRegion', 'AccessRequestByIsReplica', 'AccessRequestByTargetResourceId',
] as const;
export const FILTER_OPERATORS = ['Equal', 'Contains', 'GreaterThan', 'LessThan'] as const;
type Operator = (typeof FILTER_OPERATORS)[number];

const TIME_KEYS = new Set(['CreatedTime', 'LastModifiedTime', 'ActualStartTime', 'ActualEndTime', 'PlannedStartTime', 'PlannedEndTime']);
const EQUAL_OR_CONTAINS = new Set(['Source', 'Title', 'OperationalDataValue']);
const TITLE_COMPARED = 100;

export interface ParsedFilter {
  key: string;
  values: readonly string[];
  operator: Operator;
}

function invalid(message: string): ServiceError {
  return new ServiceError('ValidationException', message);
}

function allowed(key: string): readonly Operator[] {
  if (TIME_KEYS.has(key)) return ['GreaterThan', 'LessThan'];
  if (EQUAL_OR_CONTAINS.has(key)) return ['Equal', 'Contains'];
  if (key === 'ResourceId') return ['Contains'];
  return ['Equal'];
}

function timeOf(value: string): number {
  const ms = /^\d+(\.\d+)?$/.test(value) ? Number(value) * 1000 : Date.parse(value);
  if (!Number.isFinite(ms)) throw invalid(`The filter value ${value} is not a valid date.`);
  return ms;
}

function searchable(item: StoredOpsItem): [string, string][] {
  return [...item.operationalData].filter(([, v]) => v.type === 'SearchableString').map(([k, v]) => [k, v.value]);
}

/** A test for one filter; throws ValidationException for an operator the key does not take or a malformed value. */
export function filterTest(f: ParsedFilter, accountId: string): (item: StoredOpsItem) => boolean {
  if (!allowed(f.key).includes(f.operator)) {
    throw invalid(`The operator ${f.operator} is not supported for the filter key ${f.key}. Supported: ${allowed(f.key).join(', ')}.`);
  }
  const any = (test: (value: string) => boolean) => f.values.some(test);
  const text = (get: (item: StoredOpsItem) => string | undefined) => (item: StoredOpsItem) => {
    const actual = get(item);
    if (actual === undefined) return false;
    return any((v) => (f.operator === 'Contains' ? actual.includes(v) : actual === v));
  };
  switch (f.key) {
    case 'Status': return text((i) => i.status);
    case 'CreatedBy': return text((i) => i.createdBy);
    case 'Source': return text((i) => i.source);
    case 'Category': return text((i) => i.category);
    case 'Severity': return text((i) => i.severity);
    case 'OpsItemId': return text((i) => i.opsItemId);
    case 'OpsItemType': return text((i) => i.opsItemType);
    case 'AccountId': return text(() => accountId);
    case 'Priority': return text((i) => (i.priority === undefined ? undefined : String(i.priority)));
    case 'Title':
      return (item) => any((v) => (f.operator === 'Contains'
        ? item.title.includes(v)
        : item.title.slice(0, TITLE_COMPARED) === v.slice(0, TITLE_COMPARED)));
    case 'CreatedTime':
    case 'LastModifiedTime': {
      const bounds = f.values.map(timeOf);
      const get = f.key === 'CreatedTime' ? (i: StoredOpsItem) => i.createdTime : (i: StoredOpsItem) => i.lastModifiedTime;
      return (item) => bounds.some((b) => (f.operator === 'GreaterThan' ? get(item) > b : get(item) < b));
    }
    case 'OperationalDataKey': return (item) => searchable(item).some(([k]) => f.values.includes(k));
    case 'OperationalDataValue':
      return (item) => searchable(item).some(([, value]) => any((v) => (f.operator === 'Contains' ? value.includes(v) : value === v)));
    case 'OperationalData': {
      const pairs = f.values.map((raw) => {
        try {
          const parsed: unknown = JSON.parse(raw);
          const {key, value} = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as {key?: unknown; value?: unknown};
          if (typeof key === 'string' && typeof value === 'string') return [key, value] as const;
        } catch {
          // reported below
        }
        throw invalid(`The OperationalData filter value ${raw} must be {"key":"…","value":"…"}.`);
      });
      return (item) => {
        const data = new Map(searchable(item));
        return pairs.some(([k, v]) => data.get(k) === v);
      };
    }
    case 'ResourceId':
      return (item) => {
        const data = item.operationalData.get('/aws/resources');
        const arns = data?.type === 'SearchableString' ? relatedResourceArns({'/aws/resources': data}) : [];
        return arns.some((arn) => any((v) => arn.includes(v)));
      };
    default:
      // Automation executions, actual/planned times, change and access requests, insights: no item here has them.
      return () => false;
  }
}
