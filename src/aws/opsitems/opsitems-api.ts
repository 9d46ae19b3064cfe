// OpsCenter through SSM: the OpsItemsPort over @aws-sdk/client-ssm. Lists go to the end at the API's largest page;
// every string from the service is sanitized here (operational data values keep their lines); the service's
// documented refusals become OpsItemErrors.
import {
  CreateOpsItemCommand, DescribeOpsItemsCommand, GetOpsItemCommand, UpdateOpsItemCommand,
  type OpsItemDataValue, type OpsItemFilterKey, type OpsItemFilterOperator, type OpsItemStatus,
} from '@aws-sdk/client-ssm';
import type {AwsClients} from '../clients.js';
import {errorMapping} from '../error-mapping.js';
import {allPages, pageToken} from '../pages.js';
import type {OperationalData, OpsItemSummary} from '../../fleet/opsitems/opsitem.js';
import {OpsItemError, type OpsItemErrorKind, type OpsItemsPort} from '../../fleet/opsitems/port.js';
import {sanitizeMultiline, sanitizeText as clean} from '../../fleet/sanitize.js';

const PAGE = 50;

const KINDS: Readonly<Record<string, OpsItemErrorKind>> = {
  OpsItemNotFoundException: 'not-found',
  OpsItemInvalidParameterException: 'invalid',
  ValidationException: 'invalid',
  OpsItemAlreadyExistsException: 'exists',
  OpsItemLimitExceededException: 'limit',
  OpsItemConflictException: 'conflict',
};

/** OpsItemAlreadyExistsException names the open item with the same deduplication string. */
const existingIdOf = (err: unknown): string | undefined => {
  const id = typeof err === 'object' && err !== null ? (err as {OpsItemId?: unknown}).OpsItemId : undefined;
  return typeof id === 'string' ? clean(id) : undefined;
};

const {mapped} = errorMapping(KINDS, OpsItemError, (kind, message, code, err) => new OpsItemError(kind, message, code, existingIdOf(err)));

function fromSdkData(data: Record<string, OpsItemDataValue> | undefined): OperationalData {
  const out: Record<string, {value: string; type: 'SearchableString' | 'String'}> = {};
  for (const [k, v] of Object.entries(data ?? {})) {
    out[clean(k)] = {value: sanitizeMultiline(v.Value ?? ''), type: v.Type === 'String' ? 'String' : 'SearchableString'};
  }
  return out;
}

function toSdkData(data: OperationalData): Record<string, OpsItemDataValue> {
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, {Value: v.value, Type: v.type}]));
}

const opt = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  value === undefined ? {} : ({[key]: value} as Record<K, V>);

function summary(s: {
  OpsItemId?: string | undefined; Title?: string | undefined; Source?: string | undefined; Status?: string | undefined;
  Priority?: number | undefined; Severity?: string | undefined; Category?: string | undefined; OpsItemType?: string | undefined;
  CreatedTime?: Date | undefined; LastModifiedTime?: Date | undefined; CreatedBy?: string | undefined;
  LastModifiedBy?: string | undefined; OperationalData?: Record<string, OpsItemDataValue> | undefined;
}): OpsItemSummary {
  return {
    opsItemId: clean(s.OpsItemId ?? ''),
    title: clean(s.Title ?? ''),
    source: clean(s.Source ?? ''),
    status: clean(s.Status ?? ''),
    ...opt('priority', s.Priority),
    ...opt('severity', s.Severity === undefined ? undefined : clean(s.Severity)),
    ...opt('category', s.Category === undefined ? undefined : clean(s.Category)),
    ...opt('opsItemType', s.OpsItemType === undefined ? undefined : clean(s.OpsItemType)),
    createdTime: s.CreatedTime?.getTime() ?? 0,
    lastModifiedTime: s.LastModifiedTime?.getTime() ?? 0,
    ...opt('createdBy', s.CreatedBy === undefined ? undefined : clean(s.CreatedBy)),
    ...opt('lastModifiedBy', s.LastModifiedBy === undefined ? undefined : clean(s.LastModifiedBy)),
    operationalData: fromSdkData(s.OperationalData),
  };
}

export function opsItemsApi(aws: AwsClients): OpsItemsPort {
  return {
    list: (filters, signal) => mapped(async () => {
      const list = await allPages(async (token) => {
        const res = await aws.ssm.send(new DescribeOpsItemsCommand({
          MaxResults: PAGE,
          ...(filters?.length ? {OpsItemFilters: filters.map((f) => ({
            Key: f.key as OpsItemFilterKey, Values: [...f.values], Operator: f.operator as OpsItemFilterOperator,
          }))} : {}),
          ...pageToken(token),
        }), {abortSignal: signal});
        return {items: res.OpsItemSummaries, next: res.NextToken};
      });
      return list.map((s) => summary(s));
    }),

    get: (opsItemId, signal) => mapped(async () => {
      const res = await aws.ssm.send(new GetOpsItemCommand({OpsItemId: opsItemId}), {abortSignal: signal});
      const item = res.OpsItem ?? {};
      return {
        ...summary(item),
        description: sanitizeMultiline(item.Description ?? ''),
        relatedOpsItems: (item.RelatedOpsItems ?? []).map((r) => clean(r.OpsItemId ?? '')),
        notifications: (item.Notifications ?? []).map((n) => clean(n.Arn ?? '')),
        ...opt('version', item.Version === undefined ? undefined : clean(item.Version)),
      };
    }),

    create: (input, signal) => mapped(async () => {
      const res = await aws.ssm.send(new CreateOpsItemCommand({
        Title: input.title, Description: input.description, Source: input.source,
        ...opt('Priority', input.priority),
        ...opt('Severity', input.severity),
        ...opt('Category', input.category),
        ...opt('OpsItemType', input.opsItemType),
        ...(input.operationalData ? {OperationalData: toSdkData(input.operationalData)} : {}),
        ...(input.relatedOpsItems ? {RelatedOpsItems: input.relatedOpsItems.map((OpsItemId) => ({OpsItemId}))} : {}),
        ...(input.notifications ? {Notifications: input.notifications.map((Arn) => ({Arn}))} : {}),
      }), {abortSignal: signal});
      return clean(res.OpsItemId ?? '');
    }),

    update: (opsItemId, change, signal) => mapped(async () => {
      await aws.ssm.send(new UpdateOpsItemCommand({
        OpsItemId: opsItemId,
        ...opt('Status', change.status as OpsItemStatus | undefined),
        ...opt('Title', change.title),
        ...opt('Description', change.description),
        ...opt('Priority', change.priority),
        ...opt('Severity', change.severity),
        ...opt('Category', change.category),
        ...(change.operationalData ? {OperationalData: toSdkData(change.operationalData)} : {}),
        ...(change.operationalDataToDelete ? {OperationalDataToDelete: [...change.operationalDataToDelete]} : {}),
      }), {abortSignal: signal});
    }),
  };
}
