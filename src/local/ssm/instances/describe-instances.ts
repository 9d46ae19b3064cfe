// SSM DescribeInstanceInformation: every filter key, the deprecated InstanceInformationFilterList, Coral
// validation, opaque NextToken, stable order (by instance id). Unfiltered pages are O(page): the managed
// node list is precomputed per model version; filtered lists are memoized per normalized filter set.

import {epochSeconds} from '../../protocol/wire-json.js';
import {lastPingAsOf, type FleetNode} from '../../model/fleet-model.js';
import type {JsonOperation} from '../../protocol/operation-context.js';
import {indexAfter, pageOf} from '../../protocol/page-token.js';
import {ServiceError} from '../../protocol/service-error.js';
import {optInteger, optObjectArray, optString, optStringArray, Violations, type JsonObject} from '../../protocol/validation.js';

const DEFAULT_MAX_RESULTS = 10;
const STANDARD_KEYS = [
  'InstanceIds', 'AgentVersion', 'PingStatus', 'PlatformTypes', 'ResourceType', 'AssociationStatus',
  'ActivationIds', 'IamRole', 'SourceIds', 'SourceTypes',
] as const;
const LEGACY_KEYS = ['InstanceIds', 'AgentVersion', 'PingStatus', 'PlatformTypes', 'ActivationIds', 'IamRole', 'ResourceType', 'AssociationStatus'];
/** The model documentation spells it PlatformType in one place; accept both spellings. */
const KEY_ALIASES: Readonly<Record<string, string>> = {PlatformType: 'PlatformTypes'};
const ENUMS: Readonly<Record<string, readonly string[]>> = {
  PingStatus: ['Online', 'ConnectionLost', 'Inactive'],
  PlatformTypes: ['Windows', 'Linux', 'MacOS'],
  ResourceType: ['EC2Instance', 'ManagedInstance'],
  AssociationStatus: ['Success', 'Pending', 'Failed'],
  SourceTypes: ['AWS::EC2::Instance', 'AWS::SSM::ManagedInstance', 'AWS::IoT::Thing'],
};
const INSTANCE_ID = /^(i-([0-9a-zA-Z_]{8}|[0-9a-zA-Z_]{17})|mi-[0-9a-zA-Z_]{17})$/;

interface Filter {
  key: string;
  values: string[];
}

function filterValue(message: string): ServiceError {
  return new ServiceError('InvalidInstanceInformationFilterValue', message, {messageMember: 'message'});
}

function readFilters(input: JsonObject): Filter[] {
  const v = new Violations();
  v.range('maxResults', optInteger(input, 'MaxResults'), 5, 50);
  const filters = optObjectArray(input, 'Filters');
  const legacy = optObjectArray(input, 'InstanceInformationFilterList');
  const out: Filter[] = [];
  filters?.forEach((f, i) => {
    const p = `filters.${i + 1}.member`;
    const key = optString(f, 'Key');
    const values = optStringArray(f, 'Values');
    if (v.required(`${p}.key`, key)) v.length(`${p}.key`, key, 1, undefined);
    if (v.required(`${p}.values`, values)) v.length(`${p}.values`, values, 1, 100);
    if (key !== undefined && values !== undefined) out.push({key: KEY_ALIASES[key] ?? key, values});
  });
  legacy?.forEach((f, i) => {
    const p = `instanceInformationFilterList.${i + 1}.member`;
    const key = optString(f, 'key');
    const values = optStringArray(f, 'valueSet');
    if (v.required(`${p}.key`, key)) v.oneOf(`${p}.key`, key, LEGACY_KEYS);
    if (v.required(`${p}.valueSet`, values)) v.length(`${p}.valueSet`, values, 1, 100);
    if (key !== undefined && values !== undefined) out.push({key, values});
  });
  v.throwIfAny();
  if ((filters?.length ?? 0) > 0 && (legacy?.length ?? 0) > 0) {
    throw new ServiceError('ValidationException', 'InstanceInformationFilterList and Filters cannot be used together. Use Filters.');
  }
  return out;
}

function validateFilters(filters: readonly Filter[], ctx: Parameters<JsonOperation>[1]): void {
  let tagFilters = 0;
  for (const {key, values} of filters) {
    if (key === 'tag-key' || (key.startsWith('tag:') && key.length > 4)) {
      tagFilters++;
      continue;
    }
    if (!(STANDARD_KEYS as readonly string[]).includes(key)) {
      throw new ServiceError('InvalidFilterKey', `The filter key ${key} is not valid. Valid filter keys: ${STANDARD_KEYS.join(', ')}, tag-key, tag:{keyname}.`);
    }
    const allowed = ENUMS[key];
    if (key === 'ResourceType' && values.length > 1) throw filterValue('ResourceType filter may contain only one value.');
    if (allowed !== undefined && values.some((x) => !allowed.includes(x))) {
      throw filterValue(`${key} filter is invalid, valid values are ${allowed.join(', ')}`);
    }
    if (key === 'InstanceIds') {
      const unknown = values.filter((id) => !INSTANCE_ID.test(id) || ctx.model.get(id) === undefined);
      if (unknown.length > 0) {
        throw new ServiceError('InvalidInstanceId', `Instances [[${unknown.join(', ')}]] not in a valid state for account ${ctx.model.accountId}`);
      }
    }
  }
  if (tagFilters > 0 && tagFilters < filters.length) {
    throw new ServiceError('ValidationException', 'Cannot mix tag or inventory filter with any other filter.');
  }
}

function matcher({key, values}: Filter): (n: FleetNode) => boolean {
  const set = new Set(values);
  if (key === 'tag-key') return (n) => values.some((k) => Object.hasOwn(n.tags, k));
  if (key.startsWith('tag:')) {
    const tag = key.slice(4);
    return (n) => Object.hasOwn(n.tags, tag) && set.has(n.tags[tag] ?? '');
  }
  const field: Record<string, (n: FleetNode) => string | undefined> = {
    InstanceIds: (n) => n.instanceId,
    AgentVersion: (n) => n.agentVersion,
    PingStatus: (n) => n.pingStatus,
    PlatformTypes: (n) => n.platformType,
    ResourceType: (n) => n.resourceType,
    AssociationStatus: (n) => n.associationStatus,
    ActivationIds: (n) => n.activationId,
    IamRole: (n) => n.iamRole,
    SourceIds: (n) => n.sourceId,
    SourceTypes: (n) => n.sourceType,
  };
  const get = field[key] ?? (() => undefined);
  return (n) => {
    const value = get(n);
    return value !== undefined && set.has(value);
  };
}

/** The InstanceInformation structure as SSM sends it (absent members omitted). */
export function instanceInformation(n: FleetNode, now: number): JsonObject {
  const out: JsonObject = {
    InstanceId: n.instanceId,
    PingStatus: n.pingStatus,
    LastPingDateTime: epochSeconds(lastPingAsOf(n, now)),
    AgentVersion: n.agentVersion,
  };
  if (n.isLatestVersion !== undefined) out['IsLatestVersion'] = n.isLatestVersion;
  out['PlatformType'] = n.platformType;
  out['PlatformName'] = n.platformName;
  out['PlatformVersion'] = n.platformVersion;
  if (n.activationId !== undefined) out['ActivationId'] = n.activationId;
  if (n.iamRole !== undefined) out['IamRole'] = n.iamRole;
  if (n.registrationDate !== undefined) out['RegistrationDate'] = epochSeconds(n.registrationDate);
  out['ResourceType'] = n.resourceType;
  if (n.ec2 === undefined) out['Name'] = n.name;
  out['IPAddress'] = n.ipAddress;
  out['ComputerName'] = n.computerName;
  out['AssociationStatus'] = n.associationStatus;
  if (n.lastAssociationAt !== undefined) out['LastAssociationExecutionDate'] = epochSeconds(n.lastAssociationAt);
  if (n.lastSuccessfulAssociationAt !== undefined) {
    out['LastSuccessfulAssociationExecutionDate'] = epochSeconds(n.lastSuccessfulAssociationAt);
  }
  out['AssociationOverview'] = {
    DetailedStatus: n.associationStatus,
    InstanceAssociationStatusAggregatedCount: {...n.associationCounts},
  };
  out['SourceId'] = n.sourceId;
  out['SourceType'] = n.sourceType;
  return out;
}

export const describeInstanceInformation: JsonOperation = (input, ctx) => {
  const filters = readFilters(input);
  validateFilters(filters, ctx);
  const maxResults = optInteger(input, 'MaxResults') ?? DEFAULT_MAX_RESULTS;
  const normalized = filters
    .map((f) => ({key: f.key, values: [...new Set(f.values)].sort()}))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const scope = `ssm:DescribeInstanceInformation:${JSON.stringify(normalized)}`;
  const managed = ctx.model.managed();
  const list =
    normalized.length === 0
      ? managed
      : ctx.model.memo(scope, () => {
          const tests = normalized.map(matcher);
          return managed.filter((n) => tests.every((t) => t(n)));
        });
  const token = optString(input, 'NextToken');
  let start = 0;
  if (token !== undefined && token !== '') {
    const cursor = ctx.tokens.read(token, scope);
    if (cursor === undefined) throw new ServiceError('InvalidNextToken', "The specified token isn't valid.");
    start = indexAfter(list, cursor, (n) => n.instanceId);
  }
  const page = pageOf(list, start, maxResults, (n) => n.instanceId);
  const out: JsonObject = {InstanceInformationList: page.items.map((n) => instanceInformation(n, ctx.now()))};
  if (page.nextCursor !== undefined) out['NextToken'] = ctx.tokens.issue(scope, page.nextCursor);
  return out;
};
