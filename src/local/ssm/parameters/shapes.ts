// The wire shapes of Parameter Store answers: Parameter, ParameterMetadata and ParameterHistory.

import {epochSeconds} from '../../protocol/wire-json.js';
import {latest, type ParameterStore, type StoredParameter, type StoredVersion} from './store.js';

function policies(v: StoredVersion): {PolicyText: string; PolicyType: string; PolicyStatus: string}[] {
  return v.policies.map((p) => ({PolicyText: p.text, PolicyType: p.type, PolicyStatus: 'Pending'}));
}

/** `Parameter` as GetParameter(s) and GetParametersByPath return it. */
export function parameterShape(
  store: ParameterStore, p: StoredParameter, v: StoredVersion, decrypt: boolean, selector?: string,
): Record<string, unknown> {
  return {
    Name: p.name,
    Type: v.type,
    Value: store.valueOf(p.name, v, decrypt),
    Version: v.version,
    ...(selector === undefined ? {} : {Selector: selector}),
    LastModifiedDate: epochSeconds(v.lastModified),
    ARN: store.arn(p),
    DataType: v.dataType,
  };
}

/** `ParameterMetadata` as DescribeParameters returns it: never a value. */
export function metadataShape(store: ParameterStore, p: StoredParameter): Record<string, unknown> {
  const v = latest(p);
  return {
    Name: p.name,
    ARN: store.arn(p),
    Type: v.type,
    ...(v.keyId === undefined ? {} : {KeyId: v.keyId}),
    LastModifiedDate: epochSeconds(v.lastModified),
    LastModifiedUser: v.lastModifiedUser,
    ...(v.description === undefined ? {} : {Description: v.description}),
    ...(v.allowedPattern === undefined ? {} : {AllowedPattern: v.allowedPattern}),
    Version: v.version,
    Tier: v.tier,
    Policies: policies(v),
    DataType: v.dataType,
  };
}

/** One `ParameterHistory` entry. */
export function historyShape(store: ParameterStore, p: StoredParameter, v: StoredVersion, decrypt: boolean): Record<string, unknown> {
  return {
    Name: p.name,
    Type: v.type,
    ...(v.keyId === undefined ? {} : {KeyId: v.keyId}),
    LastModifiedDate: epochSeconds(v.lastModified),
    LastModifiedUser: v.lastModifiedUser,
    ...(v.description === undefined ? {} : {Description: v.description}),
    Value: store.valueOf(p.name, v, decrypt),
    ...(v.allowedPattern === undefined ? {} : {AllowedPattern: v.allowedPattern}),
    Version: v.version,
    Labels: [...v.labels],
    Tier: v.tier,
    Policies: policies(v),
    DataType: v.dataType,
  };
}
