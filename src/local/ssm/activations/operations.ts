// CreateActivation, DescribeActivations, DeleteActivation and DeregisterManagedInstance (docs/ssm-api-more.md §7).
// Deleting an activation leaves the nodes it registered in place; deregistering a node does not give its
// registration back to the activation (both as SSM documents).

import {epochSeconds} from '../../protocol/wire-json.js';
import type {JsonOperation} from '../../protocol/operation-context.js';
import {paginate, indexKey} from '../../protocol/list-paging.js';
import {ServiceError} from '../../protocol/service-error.js';
import {optInteger, optObjectArray, optString, optStringArray, Violations, type JsonObject} from '../../protocol/validation.js';
import {activationStoreFor, type StoredActivation} from './store.js';
import {
  DEFAULT_EXPIRY_MS, DEFAULT_INSTANCE_NAME_PATTERN, DEFAULT_REGISTRATION_LIMIT, MAX_EXPIRY_MS,
} from '../../../fleet/activations/activation.js';

const DEFAULT_PAGE = 10;
const FILTER_KEYS = ['ActivationIds', 'DefaultInstanceName', 'IamRole'];
const TAG_KEY = /^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u;
/** Hybrid nodes, and EKS hybrid nodes (which this fleet never holds). */
export const MANAGED_INSTANCE_ID = /(^mi-[0-9a-f]{17}$)|(^eks_c:[0-9A-Za-z][A-Za-z0-9\-_]{0,99}_\w{17}$)/;

export function invalidActivationId(): ServiceError {
  return new ServiceError('InvalidActivationId',
    "The activation ID isn't valid. Verify that you entered the correct ActivationId or ActivationCode and try again.");
}

/** A JSON timestamp member (epoch seconds, possibly fractional) as epoch ms. */
function optTimestamp(input: JsonObject, key: string): number | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new ServiceError('SerializationException', `Value can not be converted to a Timestamp (member ${key})`, {messageMember: 'message'});
  }
  return Math.round(v * 1000);
}

function readPairs(v: Violations, list: JsonObject[] | undefined, path: string, keyMax: number): [string, string][] {
  const out: [string, string][] = [];
  list?.forEach((t, i) => {
    const p = `${path}.${i + 1}.member`;
    const key = optString(t, 'Key');
    const value = optString(t, 'Value');
    if (v.required(`${p}.key`, key)) {
      v.length(`${p}.key`, key, 1, keyMax);
      if (key !== undefined && !TAG_KEY.test(key)) v.add(`${p}.key`, key, 'Member must satisfy regular expression pattern: ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$');
    }
    if (v.required(`${p}.value`, value)) v.length(`${p}.value`, value, path === 'tags' ? 0 : 1, 256);
    if (key !== undefined && value !== undefined) out.push([key, value]);
  });
  return out;
}

export const createActivation: JsonOperation = (input, ctx) => {
  const description = optString(input, 'Description');
  const defaultInstanceName = optString(input, 'DefaultInstanceName');
  const iamRole = optString(input, 'IamRole');
  const limit = optInteger(input, 'RegistrationLimit');
  const expiration = optTimestamp(input, 'ExpirationDate');
  const tagList = optObjectArray(input, 'Tags');
  const metadataList = optObjectArray(input, 'RegistrationMetadata');
  const v = new Violations();
  v.length('description', description, 0, 256);
  v.length('defaultInstanceName', defaultInstanceName, 0, 256);
  if (defaultInstanceName !== undefined && !DEFAULT_INSTANCE_NAME_PATTERN.test(defaultInstanceName)) {
    v.add('defaultInstanceName', defaultInstanceName, 'Member must satisfy regular expression pattern: ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$');
  }
  if (v.required('iamRole', iamRole)) v.length('iamRole', iamRole, 0, 64);
  v.range('registrationLimit', limit, 1, 1000);
  v.length('tags', tagList, 0, 1000);
  const tags = readPairs(v, tagList, 'tags', 128);
  const metadata = readPairs(v, metadataList, 'registrationMetadata', 256);
  v.throwIfAny();
  const now = ctx.now();
  const role = iamRole ?? '';
  if (role.trim() === '' || role.startsWith('aws-service-role/')) {
    throw new ServiceError('InvalidParameters', `Nonexistent role or missing ssm service principal in trust policy: ${role}`);
  }
  if (expiration !== undefined && (expiration <= now || expiration - now > MAX_EXPIRY_MS)) {
    throw new ServiceError('InvalidParameters', 'Expiration date must be in the future and no more than 30 days from now.');
  }
  if (new Set(tags.map(([k]) => k)).size !== tags.length) {
    throw new ServiceError('InvalidParameters', 'Duplicate tag keys are not allowed.');
  }
  const {activation, code} = activationStoreFor(ctx.model).create({
    description,
    defaultInstanceName,
    iamRole: role,
    registrationLimit: limit ?? DEFAULT_REGISTRATION_LIMIT,
    expirationDate: expiration ?? now + DEFAULT_EXPIRY_MS,
    createdDate: now,
    tags,
    registrationMetadata: metadata,
  });
  return {ActivationId: activation.activationId, ActivationCode: code};
};

function activationShape(a: StoredActivation, now: number): JsonObject {
  const out: JsonObject = {ActivationId: a.activationId};
  if (a.description !== undefined) out['Description'] = a.description;
  if (a.defaultInstanceName !== undefined) out['DefaultInstanceName'] = a.defaultInstanceName;
  out['IamRole'] = a.iamRole;
  out['RegistrationLimit'] = a.registrationLimit;
  out['RegistrationsCount'] = a.registrationsCount;
  out['ExpirationDate'] = epochSeconds(a.expirationDate);
  out['Expired'] = a.expirationDate <= now;
  out['CreatedDate'] = epochSeconds(a.createdDate);
  out['Tags'] = a.tags.map(([Key, Value]) => ({Key, Value}));
  return out;
}

export const describeActivations: JsonOperation = (input, ctx) => {
  const filters = optObjectArray(input, 'Filters');
  const maxResults = optInteger(input, 'MaxResults');
  const v = new Violations();
  v.range('maxResults', maxResults, 1, 50);
  const tests: ((a: StoredActivation) => boolean)[] = [];
  const scopeParts: string[] = [];
  filters?.forEach((f, i) => {
    const key = optString(f, 'FilterKey');
    const values = optStringArray(f, 'FilterValues');
    v.oneOf(`filters.${i + 1}.member.filterKey`, key, FILTER_KEYS);
    if (key === undefined || values === undefined || values.length === 0) return;
    scopeParts.push(`${key}=${[...values].sort().join(',')}`);
    const set = new Set(values);
    const field = key === 'ActivationIds' ? (a: StoredActivation) => a.activationId
      : key === 'IamRole' ? (a: StoredActivation) => a.iamRole
        : (a: StoredActivation) => a.defaultInstanceName ?? '';
    tests.push((a) => set.has(field(a)));
  });
  v.throwIfAny();
  if (filters?.some((f) => optString(f, 'FilterKey') === undefined || (optStringArray(f, 'FilterValues')?.length ?? 0) === 0)) {
    throw new ServiceError('InvalidFilter', 'A filter needs a FilterKey and at least one FilterValue.');
  }
  const now = ctx.now();
  const list = activationStoreFor(ctx.model).all().filter((a) => tests.every((t) => t(a)));
  const page = paginate(list, {
    ctx, scope: `ssm:DescribeActivations:${scopeParts.sort().join(';')}`, token: optString(input, 'NextToken'),
    size: maxResults ?? DEFAULT_PAGE, key: (a) => indexKey(a.seq),
  });
  const out: JsonObject = {ActivationList: page.items.map((a) => activationShape(a, now))};
  if (page.nextToken !== undefined) out['NextToken'] = page.nextToken;
  return out;
};

export const deleteActivation: JsonOperation = (input, ctx) => {
  const id = optString(input, 'ActivationId');
  const v = new Violations();
  v.required('activationId', id);
  v.throwIfAny();
  if (!activationStoreFor(ctx.model).delete(id ?? '')) throw invalidActivationId();
  return {};
};

export const deregisterManagedInstance: JsonOperation = (input, ctx) => {
  const id = optString(input, 'InstanceId');
  const v = new Violations();
  if (v.required('instanceId', id) && id !== undefined) {
    const before = v.count;
    v.length('instanceId', id, 20, 124);
    if (v.count === before && !MANAGED_INSTANCE_ID.test(id)) {
      v.add('instanceId', id, 'Member must satisfy regular expression pattern: (^mi-[0-9a-f]{17}$)|(^eks_c:[0-9A-Za-z][A-Za-z0-9\\-_]{0,99}_\\w{17}$)');
    }
  }
  v.throwIfAny();
  const node = ctx.model.get(id ?? '');
  if (node === undefined || node.ec2 !== undefined) {
    throw new ServiceError('InvalidInstanceId', `Instance Id ${String(id)} is not a registered managed node in this account.`);
  }
  ctx.model.remove(node.instanceId);
  return {};
};

export const activationOperations: Readonly<Record<string, JsonOperation>> = {
  CreateActivation: createActivation,
  DescribeActivations: describeActivations,
  DeleteActivation: deleteActivation,
  DeregisterManagedInstance: deregisterManagedInstance,
};
