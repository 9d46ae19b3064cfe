// Resource Groups Tagging API GetResources (X-Amz-Target: ResourceGroupsTaggingAPI_20170126.GetResources,
// signing name `tagging`): the batched way to read hybrid nodes' tags (ssm:managed-instance) and EC2
// instances' tags (ec2:instance). PaginationToken is "" on the last page, as the real API answers.

import type {FleetModel, FleetNode} from '../model/fleet-model.js';
import type {JsonOperation} from '../protocol/operation-context.js';
import {indexAfter, pageOf} from '../protocol/page-token.js';
import {ServiceError} from '../protocol/service-error.js';
import {optBoolean, optInteger, optObjectArray, optString, optStringArray, Violations} from '../protocol/validation.js';

export const TAGGING_TARGET_PREFIX = 'ResourceGroupsTaggingAPI_20170126';
export const TAGGING_SIGNING_NAME = 'tagging';
const DEFAULT_RESOURCES_PER_PAGE = 100;

function invalidParameter(message: string): ServiceError {
  return new ServiceError('InvalidParameterException', message);
}

export function resourceArn(model: FleetModel, node: FleetNode): string {
  return node.ec2 !== undefined
    ? `arn:aws:ec2:${model.region}:${model.accountId}:instance/${node.instanceId}`
    : `arn:aws:ssm:${model.region}:${model.accountId}:managed-instance/${node.instanceId}`;
}

function resourceTypes(node: FleetNode): readonly string[] {
  return node.ec2 !== undefined ? ['ec2', 'ec2:instance'] : ['ssm', 'ssm:managed-instance'];
}

/** Terminated instances drop out of the tagging index; every other node is a tagged resource. */
function taggable(node: FleetNode): boolean {
  return node.ec2?.state !== 'terminated' && Object.keys(node.tags).length > 0;
}

interface TagFilter {
  key: string;
  values: string[];
}

function readTagFilters(input: Parameters<JsonOperation>[0], v: Violations): TagFilter[] {
  const raw = optObjectArray(input, 'TagFilters');
  v.length('tagFilters', raw, 0, 50);
  const out: TagFilter[] = [];
  raw?.forEach((f, i) => {
    const key = optString(f, 'Key');
    const values = optStringArray(f, 'Values') ?? [];
    v.length(`tagFilters.${i + 1}.member.values`, values, 0, 20);
    if (key === undefined || key === '') throw invalidParameter('Each TagFilter must contain a key.');
    out.push({key, values: [...new Set(values)].sort()});
  });
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export const getResources: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const tagFilters = readTagFilters(input, v);
  const types = optStringArray(input, 'ResourceTypeFilters');
  const arns = optStringArray(input, 'ResourceARNList');
  const perPage = optInteger(input, 'ResourcesPerPage');
  const tagsPerPage = optInteger(input, 'TagsPerPage');
  const token = optString(input, 'PaginationToken');
  optBoolean(input, 'IncludeComplianceDetails');
  v.length('resourceARNList', arns, 1, 100);
  v.throwIfAny();
  if (arns !== undefined) {
    if (types !== undefined || tagFilters.length > 0) {
      throw invalidParameter('You can specify ResourceARNList or TagFilters/ResourceTypeFilters, but not both.');
    }
    if (perPage !== undefined || tagsPerPage !== undefined || (token !== undefined && token !== '')) {
      throw invalidParameter('You cannot specify pagination parameters together with ResourceARNList.');
    }
  }
  if (perPage !== undefined && (perPage < 1 || perPage > 100)) {
    throw invalidParameter(`ResourcesPerPage must be between 1 and 100, got ${perPage}.`);
  }
  if (tagsPerPage !== undefined && (tagsPerPage < 100 || tagsPerPage > 500)) {
    throw invalidParameter(`TagsPerPage must be between 100 and 500, got ${tagsPerPage}.`);
  }
  const typeSet = types === undefined || types.length === 0 ? undefined : [...new Set(types)].sort();
  const arnSet = arns === undefined ? undefined : new Set(arns);
  const scope = `tagging:GetResources:${JSON.stringify({t: typeSet, f: tagFilters, a: arnSet === undefined ? undefined : [...arnSet].sort()})}`;
  const {model} = ctx;
  const list = model.memo(scope, () =>
    model.all().filter((n) => {
      if (!taggable(n)) return false;
      if (typeSet !== undefined && !resourceTypes(n).some((t) => typeSet.includes(t))) return false;
      if (arnSet !== undefined && !arnSet.has(resourceArn(model, n))) return false;
      return tagFilters.every((f) => Object.hasOwn(n.tags, f.key) && (f.values.length === 0 || f.values.includes(n.tags[f.key] ?? '')));
    }),
  );
  let start = 0;
  if (token !== undefined && token !== '') {
    const cursor = ctx.tokens.read(token, scope);
    if (cursor === undefined) throw invalidParameter('The specified PaginationToken is not valid.');
    start = indexAfter(list, cursor, (n) => n.instanceId);
  }
  const page = pageOf(list, start, perPage ?? DEFAULT_RESOURCES_PER_PAGE, (n) => n.instanceId);
  return {
    PaginationToken: page.nextCursor === undefined ? '' : ctx.tokens.issue(scope, page.nextCursor),
    ResourceTagMappingList: page.items.map((n) => ({
      ResourceARN: resourceArn(model, n),
      Tags: Object.entries(n.tags).map(([Key, Value]) => ({Key, Value})),
    })),
  };
};

export const taggingOperations: Readonly<Record<string, JsonOperation>> = {
  GetResources: getResources,
};
