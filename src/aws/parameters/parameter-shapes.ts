// SDK shapes → fleet records. Names stay as AWS sent them (they are the ids of later calls; the screen sanitizes
// them); free text that is only ever shown (descriptions, users, policies) is sanitized here.
import type {Parameter as SdkParameter, ParameterHistory, ParameterMetadata} from '@aws-sdk/client-ssm';
import {
  SecretText, type Parameter, type ParameterPolicy, type ParameterTier, type ParameterType, type ParameterValue, type ParameterVersion,
} from '../../fleet/parameters/parameter.js';
import {sanitizeText as clean} from '../../fleet/sanitize.js';

const TYPES: readonly string[] = ['String', 'StringList', 'SecureString'];

export function parameterType(t: string | undefined): ParameterType {
  // An unknown type is treated as a secret: never shown unless revealed.
  return t !== undefined && TYPES.includes(t) ? (t as ParameterType) : 'SecureString';
}

function tier(t: string | undefined): ParameterTier | undefined {
  return t === 'Standard' || t === 'Advanced' || t === 'Intelligent-Tiering' ? t : undefined;
}

function opt(s: string | undefined): string | undefined {
  return s === undefined ? undefined : clean(s);
}

function policies(list: readonly {PolicyText?: string; PolicyType?: string; PolicyStatus?: string}[] | undefined): ParameterPolicy[] {
  return (list ?? []).map((p) => ({type: clean(p.PolicyType ?? ''), status: clean(p.PolicyStatus ?? ''), text: clean(p.PolicyText ?? '')}));
}

export function valueOf(type: ParameterType, value: string | undefined, decrypted: boolean): ParameterValue {
  if (type !== 'SecureString') return {kind: 'plain', text: value ?? ''};
  return decrypted ? {kind: 'secret', secret: new SecretText(value ?? '')} : {kind: 'sealed'};
}

export function fromMetadata(m: ParameterMetadata): Parameter {
  return {
    name: m.Name ?? '',
    type: parameterType(m.Type),
    version: m.Version ?? 0,
    arn: m.ARN,
    tier: tier(m.Tier),
    lastModified: m.LastModifiedDate,
    lastModifiedUser: opt(m.LastModifiedUser),
    dataType: opt(m.DataType),
    description: opt(m.Description),
    allowedPattern: m.AllowedPattern,
    keyId: opt(m.KeyId),
    policies: policies(m.Policies),
  };
}

/** A by-path entry as a listing row, when DescribeParameters has nothing on it (public parameters). */
export function fromByPath(p: SdkParameter): Parameter {
  return {
    name: p.Name ?? '', type: parameterType(p.Type), version: p.Version ?? 0, arn: p.ARN, tier: undefined,
    lastModified: p.LastModifiedDate, lastModifiedUser: undefined, dataType: opt(p.DataType), description: undefined,
    allowedPattern: undefined, keyId: undefined, policies: [],
  };
}

export function fromGet(p: SdkParameter, decrypted: boolean): ParameterVersion {
  const type = parameterType(p.Type);
  return {
    name: p.Name ?? '', version: p.Version ?? 0, type, value: valueOf(type, p.Value, decrypted), labels: [],
    lastModified: p.LastModifiedDate, lastModifiedUser: undefined, description: undefined, tier: undefined, keyId: undefined,
    dataType: opt(p.DataType), allowedPattern: undefined, policies: [],
  };
}

export function fromHistory(h: ParameterHistory, decrypted: boolean): ParameterVersion {
  const type = parameterType(h.Type);
  return {
    name: h.Name ?? '', version: h.Version ?? 0, type, value: valueOf(type, h.Value, decrypted),
    labels: (h.Labels ?? []).map(clean), lastModified: h.LastModifiedDate, lastModifiedUser: opt(h.LastModifiedUser),
    description: opt(h.Description), tier: tier(h.Tier), keyId: opt(h.KeyId), dataType: opt(h.DataType),
    allowedPattern: h.AllowedPattern, policies: policies(h.Policies),
  };
}
