// OpsCenter in domain terms: OpsItems, their limits, and the conventions carried in operational data — related
// resources under `/aws/resources` (a JSON array of {arn}), runbooks under `/aws/automations` (a JSON array of
// {automationId, automationType}) and the deduplication string under `/aws/dedup` ({dedupString}).

export const OPS_ITEM_STATUSES = [
  'Open', 'InProgress', 'Resolved', 'Pending', 'TimedOut', 'Cancelling', 'Cancelled', 'Failed',
  'CompletedWithSuccess', 'CompletedWithFailure', 'Scheduled', 'RunbookInProgress', 'PendingChangeCalendarOverride',
  'ChangeCalendarOverrideApproved', 'ChangeCalendarOverrideRejected', 'PendingApproval', 'Approved', 'Revoked',
  'Rejected', 'Closed',
] as const;
export type OpsItemStatus = (typeof OPS_ITEM_STATUSES)[number];
/** The statuses an operator sets on an issue (the console's Open / In progress / Resolved). */
export const WORKFLOW_STATUSES: readonly OpsItemStatus[] = ['Open', 'InProgress', 'Resolved'];

export const TITLE_MAX = 1024;
export const DESCRIPTION_MAX = 2048;
export const SOURCE_MAX = 128;
export const PRIORITY_MIN = 1;
export const PRIORITY_MAX = 5;
/** Severity is a string; OpsCenter uses '1' (critical) to '4' (low). */
export const SEVERITIES = ['1', '2', '3', '4'] as const;
export const OPERATIONAL_DATA_KEY_MAX = 128;
export const OPERATIONAL_DATA_VALUE_MAX = 20 * 1024;
export const RELATED_OPS_ITEMS_MAX = 10;
export const RELATED_RESOURCES_MAX = 100;

export const RESOURCES_KEY = '/aws/resources';
export const AUTOMATIONS_KEY = '/aws/automations';
export const DEDUP_KEY = '/aws/dedup';
/** Keys OpsCenter itself defines; other keys may not start with aws, amazon, amzn or ssm. */
export const RESERVED_DATA_KEYS: readonly string[] = [RESOURCES_KEY, AUTOMATIONS_KEY, DEDUP_KEY];
const RESERVED_PREFIX = /^\/?(aws|amazon|amzn|ssm)/i;
const RESERVED_SOURCE = /^(aws|amazon|amzn)/i;

export type OperationalDataType = 'SearchableString' | 'String';

export interface OperationalDataValue {
  value: string;
  type: OperationalDataType;
}

export type OperationalData = Readonly<Record<string, OperationalDataValue>>;

export interface OpsItem {
  opsItemId: string;
  title: string;
  description: string;
  source: string;
  status: string;
  priority?: number;
  severity?: string;
  category?: string;
  opsItemType?: string;
  /** Epoch ms. */
  createdTime: number;
  lastModifiedTime: number;
  createdBy?: string;
  lastModifiedBy?: string;
  operationalData: OperationalData;
  relatedOpsItems: readonly string[];
  notifications: readonly string[];
  version?: string;
}

/** A row of DescribeOpsItems (no description; only searchable operational data). */
export type OpsItemSummary = Omit<OpsItem, 'description' | 'relatedOpsItems' | 'notifications' | 'version'>;

export interface NewOpsItem {
  title: string;
  description: string;
  source: string;
  priority?: number;
  severity?: string;
  category?: string;
  opsItemType?: string;
  operationalData?: OperationalData;
  relatedOpsItems?: readonly string[];
  notifications?: readonly string[];
}

/** What UpdateOpsItem changes: only the members given. */
export interface OpsItemChange {
  status?: string;
  title?: string;
  description?: string;
  priority?: number;
  severity?: string;
  category?: string;
  operationalData?: OperationalData;
  operationalDataToDelete?: readonly string[];
}

export type OpsItemFilterOperator = 'Equal' | 'Contains' | 'GreaterThan' | 'LessThan';

export interface OpsItemFilter {
  key: string;
  values: readonly string[];
  operator: OpsItemFilterOperator;
}

export interface RunbookRef {
  automationId: string;
  automationType: string;
}

function jsonArray(value: string | undefined): unknown[] {
  if (value === undefined) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

function stringMember(item: unknown, key: string): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const v = (item as Record<string, unknown>)[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The ARNs of the related resources (malformed data yields none rather than an error: it is the item's own text). */
export function relatedResourceArns(data: OperationalData): string[] {
  return jsonArray(data[RESOURCES_KEY]?.value).flatMap((r) => {
    const arn = stringMember(r, 'arn');
    return arn === undefined ? [] : [arn];
  });
}

/** The runbooks associated with the item. */
export function associatedRunbooks(data: OperationalData): RunbookRef[] {
  return jsonArray(data[AUTOMATIONS_KEY]?.value).flatMap((r) => {
    const automationId = stringMember(r, 'automationId');
    return automationId === undefined ? [] : [{automationId, automationType: stringMember(r, 'automationType') ?? 'AWS::SSM::Automation'}];
  });
}

/** The deduplication string, if the item carries one. */
export function dedupString(data: OperationalData): string | undefined {
  const raw = data[DEDUP_KEY]?.value;
  if (raw === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return stringMember(parsed, 'dedupString');
  } catch {
    return undefined;
  }
}

/** The EC2 instance or hybrid node an ARN names (`…:instance/i-…`, `…:managed-instance/mi-…`), if it names one. */
export function instanceIdOfArn(arn: string): string | undefined {
  const m = /^arn:aws[a-z-]*:(ec2|ssm):[a-z0-9-]*:\d*:(instance|managed-instance)\/((i|mi)-[0-9a-f]+)$/.exec(arn);
  return m?.[3];
}

/** The value for `/aws/resources` naming these ARNs. */
export function resourcesValue(arns: readonly string[]): string {
  return JSON.stringify(arns.map((arn) => ({arn})));
}

export function instanceArn(region: string, accountId: string, instanceId: string): string {
  return instanceId.startsWith('mi-')
    ? `arn:aws:ssm:${region}:${accountId}:managed-instance/${instanceId}`
    : `arn:aws:ec2:${region}:${accountId}:instance/${instanceId}`;
}

/** Problems with operational data keys and values, as OpsCenter states its rules. */
export function operationalDataProblems(data: OperationalData): string[] {
  const out: string[] = [];
  for (const [key, v] of Object.entries(data)) {
    if (key.length < 1 || key.length > OPERATIONAL_DATA_KEY_MAX) out.push(`the operational data key ${key} must be 1 to 128 characters`);
    else if (RESERVED_PREFIX.test(key) && !RESERVED_DATA_KEYS.includes(key)) {
      out.push(`the operational data key ${key} may not start with aws, amazon, amzn or ssm`);
    }
    if (v.value.length > OPERATIONAL_DATA_VALUE_MAX) out.push(`the operational data value of ${key} is larger than 20 KB`);
  }
  if (relatedResourceArns(data).length > RELATED_RESOURCES_MAX) out.push(`more than ${RELATED_RESOURCES_MAX} related resources`);
  return out;
}

/** Problems with a new OpsItem, in the form's words (empty when it can be sent). */
export function newOpsItemProblems(input: NewOpsItem): string[] {
  const out: string[] = [];
  if (input.title.trim() === '' || input.title.length > TITLE_MAX) out.push(`the title must be 1 to ${TITLE_MAX} characters`);
  if (input.description.trim() === '' || input.description.length > DESCRIPTION_MAX) {
    out.push(`the description must be 1 to ${DESCRIPTION_MAX} characters`);
  }
  if (input.source.trim() === '' || input.source.length > SOURCE_MAX) out.push(`the source must be 1 to ${SOURCE_MAX} characters`);
  else if (RESERVED_SOURCE.test(input.source)) out.push('the source may not start with aws, amazon or amzn');
  out.push(...changeProblems({
    ...(input.priority === undefined ? {} : {priority: input.priority}),
    ...(input.severity === undefined ? {} : {severity: input.severity}),
  }));
  if ((input.relatedOpsItems?.length ?? 0) > RELATED_OPS_ITEMS_MAX) out.push(`more than ${RELATED_OPS_ITEMS_MAX} related OpsItems`);
  out.push(...operationalDataProblems(input.operationalData ?? {}));
  return out;
}

/** Problems with an update. */
export function changeProblems(change: OpsItemChange): string[] {
  const out: string[] = [];
  const p = change.priority;
  if (p !== undefined && (!Number.isInteger(p) || p < PRIORITY_MIN || p > PRIORITY_MAX)) out.push('the priority must be 1 to 5');
  if (change.severity !== undefined && !(SEVERITIES as readonly string[]).includes(change.severity)) out.push('the severity must be 1 to 4');
  if (change.status !== undefined && !(OPS_ITEM_STATUSES as readonly string[]).includes(change.status)) out.push(`unknown status ${change.status}`);
  if (change.title !== undefined && (change.title.trim() === '' || change.title.length > TITLE_MAX)) out.push(`the title must be 1 to ${TITLE_MAX} characters`);
  if (change.description !== undefined && (change.description.trim() === '' || change.description.length > DESCRIPTION_MAX)) {
    out.push(`the description must be 1 to ${DESCRIPTION_MAX} characters`);
  }
  out.push(...operationalDataProblems(change.operationalData ?? {}));
  return out;
}

/** The console's words for a status ("InProgress" → "In progress"). */
export function statusLabel(status: string): string {
  return status === 'InProgress' ? 'In progress' : status.replace(/([a-z])([A-Z])/g, '$1 $2');
}

/** Severity '1'…'4' in words. */
export function severityLabel(severity: string | undefined): string {
  switch (severity) {
    case '1': return 'Critical';
    case '2': return 'High';
    case '3': return 'Medium';
    case '4': return 'Low';
    default: return severity ?? '';
  }
}
