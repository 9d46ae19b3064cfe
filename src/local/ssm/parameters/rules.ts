// Parameter Store's documented limits and naming rules, and the errors it answers with when they are broken.
// Sources: the PutParameter/LabelParameterVersion API reference and the user guide pages on names
// (sysman-paramstore-su-create), hierarchies, versions, labels and policies. Messages never quote a value: the
// value may be a secret.

import {ServiceError} from '../../protocol/service-error.js';
import {optString, type JsonObject} from '../../protocol/validation.js';
import type {StoredPolicy} from './store.js';

export const MAX_LEVELS = 15;
export const STANDARD_VALUE_BYTES = 4096;
export const ADVANCED_VALUE_BYTES = 8192;
export const MAX_LABELS_PER_VERSION = 10;
export const MAX_TAGS = 50;
/** A name may be 1011 characters counting the ARN prefix before it (`arn:aws:ssm:<region>:<account>:parameter/`). */
export const MAX_NAME_WITH_ARN = 1011;

/** Errors whose modeled message member is lowercase `message` (docs/ssm-api.md §1). */
export function parameterError(code: string, message: string): ServiceError {
  return new ServiceError(code, message, {messageMember: 'message'});
}

export function notFound(name: string): ServiceError {
  return parameterError('ParameterNotFound', `Parameter ${name} not found.`);
}

const NAME_CHARS = /^[a-zA-Z0-9_.\-/]+$/;
const RESERVED = /^\/?(aws|ssm)/i;

/** The checks PutParameter makes on a name, in the order SSM reports them. */
export function checkName(name: string, arnPrefixLength: number): void {
  if (name.includes('/') && !name.startsWith('/')) {
    throw new ServiceError('ValidationException', 'Parameter name must be a fully qualified name.');
  }
  if (!NAME_CHARS.test(name) || RESERVED.test(name) || name.includes('//') || name.endsWith('/')) {
    throw new ServiceError('ValidationException',
      'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive). If formed as a path, it can consist of ' +
      'sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 ' +
      'symbols .-_');
  }
  if (arnPrefixLength + (name.startsWith('/') ? name.length - 1 : name.length) > MAX_NAME_WITH_ARN) {
    throw new ServiceError('ValidationException', `Parameter name: the maximum length is ${MAX_NAME_WITH_ARN} characters including the ARN prefix.`);
  }
  checkLevels(name);
}

/** The levels of a name or path: `/a/b/c` has 3; a name without slashes has 1. */
export function levels(nameOrPath: string): number {
  return nameOrPath.split('/').filter((s) => s !== '').length;
}

export function checkLevels(nameOrPath: string): void {
  if (levels(nameOrPath) > MAX_LEVELS) {
    throw parameterError('HierarchyLevelLimitExceededException',
      `A hierarchy can have a maximum of ${MAX_LEVELS} levels. For more information, see Requirements and constraints for parameter names in the AWS Systems Manager User Guide.`);
  }
}

/** A path for GetParametersByPath: starts with `/`, the same characters as names, at most 15 levels. */
export function checkPath(path: string): string {
  if (!path.startsWith('/') || !/^[a-zA-Z0-9_.\-/]+$/.test(path) || path.includes('//')) {
    throw new ServiceError('ValidationException',
      'The parameter doesn\'t meet the parameter name requirements. The parameter name must begin with a forward slash "/". ' +
      'It can\'t be prefixed with "aws" or "ssm" (case-insensitive). It must use only letters, numbers, or the following ' +
      'symbols: . (period), - (hyphen), _ (underscore). Special characters are not allowed. All sub-paths, if specified, ' +
      'must use the forward slash symbol "/". Valid example: /get/parameters2-/by1./path0_.');
  }
  checkLevels(path);
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/** Label format: 1–100 of [a-zA-Z0-9_.-], not starting with a digit, `aws` or `ssm`. */
export function isValidLabel(label: string): boolean {
  return label.length >= 1 && label.length <= 100 && /^[a-zA-Z0-9_.-]+$/.test(label) && !/^[0-9]/.test(label) && !/^(aws|ssm)/i.test(label);
}

export function checkValueSize(value: string, tier: 'Standard' | 'Advanced'): void {
  const bytes = Buffer.byteLength(value, 'utf8');
  if (tier === 'Standard' && bytes > STANDARD_VALUE_BYTES) {
    throw new ServiceError('ValidationException',
      `Standard tier parameters support a maximum parameter value of ${STANDARD_VALUE_BYTES} characters. To create a larger ` +
      'parameter value, upgrade the parameter to use the advanced-parameter tier. For more information, see ' +
      'https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html');
  }
  if (bytes > ADVANCED_VALUE_BYTES) {
    throw new ServiceError('ValidationException',
      `1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length less than or equal to ${ADVANCED_VALUE_BYTES}`);
  }
}

/** AllowedPattern is a regular expression the whole value must match. */
export function compilePattern(pattern: string): RegExp {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    throw parameterError('InvalidAllowedPatternException', `The allowed pattern ${pattern} is not a valid regular expression.`);
  }
}

const POLICY_TYPES = ['Expiration', 'ExpirationNotification', 'NoChangeNotification'] as const;

/** Parses the Policies JSON of a put: an array of {Type, Version "1.0", Attributes}; each type at most once. */
export function parsePolicies(text: string): StoredPolicy[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw parameterError('InvalidPolicyAttributeException', 'Policies must be a JSON array of policy objects.');
  }
  if (!Array.isArray(parsed)) throw parameterError('InvalidPolicyAttributeException', 'Policies must be a JSON array of policy objects.');
  // `[{}]` clears the policies of a parameter.
  if (parsed.length === 1 && typeof parsed[0] === 'object' && parsed[0] !== null && Object.keys(parsed[0] as object).length === 0) return [];
  if (parsed.length > 10) throw parameterError('PoliciesLimitExceededException', 'You can specify a maximum of 10 policies for a parameter.');
  const out: StoredPolicy[] = [];
  for (const item of parsed) {
    if (typeof item !== 'object' || item === null) throw parameterError('InvalidPolicyAttributeException', 'A policy must be a JSON object.');
    const {Type: type, Version: version, Attributes: attrs} = item as Record<string, unknown>;
    const policyType = POLICY_TYPES.find((t) => t === type);
    if (policyType === undefined) {
      throw parameterError('InvalidPolicyTypeException', `The policy type ${String(type)} is not supported. Parameter Store supports the following policy types: Expiration, ExpirationNotification, and NoChangeNotification.`);
    }
    if (version !== '1.0') throw parameterError('InvalidPolicyAttributeException', `The policy version ${String(version)} is not supported: use 1.0.`);
    if (typeof attrs !== 'object' || attrs === null) throw parameterError('InvalidPolicyAttributeException', `The ${type} policy needs Attributes.`);
    const a = attrs as Record<string, unknown>;
    if (out.some((p) => p.type === policyType)) {
      throw parameterError('IncompatiblePolicyException',
        `There is a conflict in the policies specified for this parameter: more than one ${policyType} policy. Review your policies, and try again.`);
    }
    const policyText = JSON.stringify(item);
    if (type === 'Expiration') {
      const at = typeof a['Timestamp'] === 'string' ? Date.parse(a['Timestamp']) : NaN;
      if (Number.isNaN(at)) throw parameterError('InvalidPolicyAttributeException', 'The Expiration policy needs a Timestamp in ISO 8601 format.');
      out.push({type: policyType, text: policyText, expiresAt: at});
      continue;
    }
    const amountKey = type === 'ExpirationNotification' ? 'Before' : 'After';
    const amount = a[amountKey];
    if (typeof amount !== 'string' || !/^[1-9][0-9]*$/.test(amount) || (a['Unit'] !== 'Days' && a['Unit'] !== 'Hours')) {
      throw parameterError('InvalidPolicyAttributeException', `The ${type} policy needs ${amountKey} (a positive whole number as a string) and Unit (Days or Hours).`);
    }
    out.push({type: policyType, text: policyText});
  }
  return out;
}

export const DATA_TYPES = ['text', 'aws:ec2:image', 'aws:ssm:integration'];

export function checkDataType(dataType: string): void {
  if (!DATA_TYPES.includes(dataType)) {
    throw new ServiceError('ValidationException', `The following data type is not supported: ${dataType} (Data type names are all lowercase.)`);
  }
}

const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export function isValidTag(key: string, value: string): boolean {
  return key.length >= 1 && key.length <= 128 && value.length <= 256 && TAG_TEXT.test(key) && TAG_TEXT.test(value) && !/^aws:/i.test(key);
}

/** Sets each of a request's `Tags` in `into`; refuses an invalid tag, then more than MAX_TAGS tags in all. */
export function setTags(into: Map<string, string>, tags: readonly JsonObject[] | undefined): void {
  for (const t of tags ?? []) {
    const key = optString(t, 'Key') ?? '';
    const value = optString(t, 'Value') ?? '';
    if (!isValidTag(key, value)) throw new ServiceError('ValidationException', `The tag key or value is not valid: ${key}.`);
    into.set(key, value);
  }
  if (into.size > MAX_TAGS) throw new ServiceError('TooManyTagsError', `You can't add more than ${MAX_TAGS} tags to a resource.`);
}
