// PutParameter, LabelParameterVersion, UnlabelParameterVersion, DeleteParameter and DeleteParameters.
// Put rules (API reference, user guide "Working with parameter versions/labels/tiers"): a new name needs a Type;
// an existing one needs Overwrite; the type never changes; omitted fields keep the previous version's; 100 versions
// are kept, the oldest dropped unless it carries a label (then ParameterMaxVersionLimitExceeded); tiers only go up.

import type {JsonOperation, OperationContext} from '../../protocol/operation-context.js';
import {ServiceError} from '../../protocol/service-error.js';
import {optBoolean, optInteger, optObjectArray, optString, optStringArray, Violations} from '../../protocol/validation.js';
import {DEFAULT_KEY_ID, isKnownKeyId} from './keys.js';
import {
  checkDataType, checkName, checkValueSize, compilePattern, isValidLabel, MAX_LABELS_PER_VERSION,
  notFound, parameterError, parsePolicies, setTags, STANDARD_VALUE_BYTES,
} from './rules.js';
import {latest, MAX_VERSIONS, PARAMETER_TYPES, type ParameterStore, type ParameterTier, type ParameterType, type StoredPolicy} from './store.js';

type StoreOf = (ctx: OperationContext) => ParameterStore;
type CallerOf = (ctx: OperationContext) => string;

const TIERS = ['Standard', 'Advanced', 'Intelligent-Tiering'];

/** The tier a put lands in: Intelligent-Tiering picks Advanced only when it must; no tier keeps the current one. */
function tierFor(requested: string | undefined, previous: ParameterTier | undefined, value: string, policies: readonly StoredPolicy[]): ParameterTier {
  const needsAdvanced = Buffer.byteLength(value, 'utf8') > STANDARD_VALUE_BYTES || policies.length > 0;
  if (requested === 'Intelligent-Tiering') return needsAdvanced || previous === 'Advanced' ? 'Advanced' : 'Standard';
  if (requested === undefined) return previous ?? 'Standard';
  if (requested === 'Standard' && previous === 'Advanced') {
    throw new ServiceError('ValidationException',
      'This parameter uses the advanced-parameter tier. You can\'t downgrade a parameter from the advanced-parameter tier to ' +
      'the standard-parameter tier. If necessary, you can delete the advanced parameter and recreate it as a standard parameter.');
  }
  return requested as ParameterTier;
}

function putParameter(storeOf: StoreOf, callerOf: CallerOf): JsonOperation {
  return (input, ctx) => {
    const name = optString(input, 'Name');
    const value = optString(input, 'Value');
    const type = optString(input, 'Type');
    const description = optString(input, 'Description');
    const keyIdIn = optString(input, 'KeyId');
    const overwrite = optBoolean(input, 'Overwrite') ?? false;
    const patternIn = optString(input, 'AllowedPattern');
    const tagsIn = optObjectArray(input, 'Tags');
    const tierIn = optString(input, 'Tier');
    const policiesIn = optString(input, 'Policies');
    const dataTypeIn = optString(input, 'DataType');
    const v = new Violations();
    if (v.required('name', name)) v.length('name', name, 1, 2048);
    // The value is never quoted back: it may be a secret.
    if (value === undefined) v.required('value', value);
    v.oneOf('type', type, PARAMETER_TYPES);
    v.length('description', description, 0, 1024);
    v.length('keyId', keyIdIn, 1, 256);
    v.length('allowedPattern', patternIn, 0, 1024);
    v.length('tags', tagsIn, 0, 1000);
    v.oneOf('tier', tierIn, TIERS);
    v.length('policies', policiesIn, 1, 4096);
    v.length('dataType', dataTypeIn, 0, 128);
    v.throwIfAny();
    if (value === '') {
      throw new ServiceError('ValidationException', "1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1");
    }
    const text = value ?? '';
    const store = storeOf(ctx);
    const now = ctx.now();
    const paramName = name ?? '';
    checkName(paramName, `arn:aws:ssm:${store.region}:${store.accountId}:parameter/`.length);
    const existing = store.get(paramName, now);
    if (existing !== undefined && !overwrite) {
      throw parameterError('ParameterAlreadyExists', 'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.');
    }
    if (tagsIn !== undefined && tagsIn.length > 0 && overwrite) {
      throw new ServiceError('ValidationException',
        'Invalid request: tags and overwrite can\'t be used together. To create a parameter with tags, please remove overwrite flag. ' +
        'To update tags on an existing parameter, please use AddTagsToResource');
    }
    const prev = existing === undefined ? undefined : latest(existing);
    if (prev === undefined && type === undefined) {
      throw new ServiceError('ValidationException', 'A parameter type is required when you create a parameter.');
    }
    if (prev !== undefined && type !== undefined && type !== prev.type) {
      throw parameterError('HierarchyTypeMismatchException',
        `Parameter Store doesn't support changing a parameter type in a hierarchy. You can't change ${paramName} from ${prev.type} to ${type}. You must create a new, unique parameter.`);
    }
    const finalType = (type ?? prev?.type ?? 'String') as ParameterType;
    if (keyIdIn !== undefined && finalType !== 'SecureString') {
      throw new ServiceError('ValidationException', 'KeyId can be specified only for SecureString parameters.');
    }
    const keyId = finalType === 'SecureString' ? keyIdIn ?? prev?.keyId ?? DEFAULT_KEY_ID : undefined;
    if (keyId !== undefined && !isKnownKeyId(keyId, store.region, store.accountId)) throw parameterError('InvalidKeyId', 'Invalid keyId.');
    const dataType = dataTypeIn ?? prev?.dataType ?? 'text';
    checkDataType(dataType);
    if (dataType !== 'text' && finalType !== 'String') {
      throw new ServiceError('ValidationException', `The data type ${dataType} is supported only for String parameters.`);
    }
    if (text.includes('{{') && text.includes('}}')) {
      throw new ServiceError('ValidationException', 'Parameter value can\'t nest another parameter. Do not use "{{}}" in the value.');
    }
    const policies = policiesIn === undefined ? prev?.policies ?? [] : parsePolicies(policiesIn);
    const tier = tierFor(tierIn, prev?.tier, text, policies);
    if (tier === 'Standard' && policies.length > 0) {
      throw new ServiceError('ValidationException', 'Parameter policies are supported only for advanced parameters. Use the Advanced or Intelligent-Tiering tier.');
    }
    checkValueSize(text, tier);
    const allowedPattern = patternIn ?? prev?.allowedPattern;
    if (allowedPattern !== undefined && allowedPattern !== '' && !compilePattern(allowedPattern).test(text)) {
      throw parameterError('ParameterPatternMismatchException', `Parameter value, cannot be validated against allowedPattern: ${allowedPattern}`);
    }
    const tags = new Map<string, string>();
    setTags(tags, tagsIn);
    if (existing !== undefined && existing.versions.length >= MAX_VERSIONS) {
      const oldest = existing.versions[0];
      if (oldest !== undefined && oldest.labels.length > 0) {
        throw parameterError('ParameterMaxVersionLimitExceeded',
          `You attempted to create a new version of ${paramName} by calling the PutParameter API with the overwrite flag. ` +
          `Version ${oldest.version}, the oldest version, can't be deleted because it has a label associated with it. Move the label to another version of the parameter, and try again.`);
      }
    }
    const target = existing ?? store.create(paramName);
    if (target.versions.length >= MAX_VERSIONS) target.versions.shift();
    for (const [k, val] of tags) target.tags.set(k, val);
    const version = (prev?.version ?? 0) + 1;
    store.pushVersion(target, {
      version, value: store.seal(paramName, finalType, text), type: finalType, keyId,
      description: description ?? prev?.description, allowedPattern, tier, policies, dataType,
      lastModified: now, lastModifiedUser: callerOf(ctx), labels: [],
    });
    return {Version: version, Tier: tier};
  };
}

function readLabelRequest(input: Record<string, unknown>, versionRequired: boolean): {name: string; version: number | undefined; labels: string[]} {
  const name = optString(input, 'Name');
  const version = optInteger(input, 'ParameterVersion');
  const labels = optStringArray(input, 'Labels');
  const v = new Violations();
  if (v.required('name', name)) v.length('name', name, 1, 2048);
  if (versionRequired) v.required('parameterVersion', version);
  if (v.required('labels', labels)) v.length('labels', labels, 1, 10);
  for (const [i, l] of (labels ?? []).entries()) v.length(`labels.${i + 1}.member`, l, 1, 100);
  v.throwIfAny();
  return {name: name ?? '', version, labels: labels ?? []};
}

function versionNotFound(name: string, version: number): ServiceError {
  return parameterError('ParameterVersionNotFound', `Systems Manager could not find version ${version} of ${name}. Verify the version and try again.`);
}

function labelParameterVersion(storeOf: StoreOf): JsonOperation {
  return (input, ctx) => {
    const req = readLabelRequest(input, false);
    const p = storeOf(ctx).get(req.name, ctx.now());
    if (p === undefined || p.isPublic) throw notFound(req.name);
    const wanted = req.version ?? latest(p).version;
    const target = p.versions.find((x) => x.version === wanted);
    if (target === undefined) throw versionNotFound(req.name, wanted);
    const invalid = req.labels.filter((l) => !isValidLabel(l));
    const valid = [...new Set(req.labels.filter(isValidLabel))];
    const adding = valid.filter((l) => !target.labels.includes(l));
    if (target.labels.length + adding.length > MAX_LABELS_PER_VERSION) {
      throw parameterError('ParameterVersionLabelLimitExceeded',
        `A parameter version can have maximum ${MAX_LABELS_PER_VERSION} labels.Move one or more labels to another version and try again.`);
    }
    // A label names one version of a parameter: labelling another version moves it.
    for (const other of p.versions) if (other !== target) other.labels = other.labels.filter((l) => !adding.includes(l));
    target.labels.push(...adding);
    return {InvalidLabels: invalid, ParameterVersion: target.version};
  };
}

function unlabelParameterVersion(storeOf: StoreOf): JsonOperation {
  return (input, ctx) => {
    const req = readLabelRequest(input, true);
    const p = storeOf(ctx).get(req.name, ctx.now());
    if (p === undefined || p.isPublic) throw notFound(req.name);
    const target = p.versions.find((x) => x.version === req.version);
    if (target === undefined) throw versionNotFound(req.name, req.version ?? 0);
    const removed = req.labels.filter((l) => target.labels.includes(l));
    target.labels = target.labels.filter((l) => !removed.includes(l));
    return {RemovedLabels: removed, InvalidLabels: req.labels.filter((l) => !removed.includes(l))};
  };
}

function deleteParameter(storeOf: StoreOf): JsonOperation {
  return (input, ctx) => {
    const name = optString(input, 'Name');
    const v = new Violations();
    if (v.required('name', name)) v.length('name', name, 1, 2048);
    v.throwIfAny();
    const store = storeOf(ctx);
    const p = store.get(name ?? '', ctx.now());
    if (p === undefined || p.isPublic) throw notFound(name ?? '');
    store.delete(p.name);
    return {};
  };
}

function deleteParameters(storeOf: StoreOf): JsonOperation {
  return (input, ctx) => {
    const names = optStringArray(input, 'Names');
    const v = new Violations();
    if (v.required('names', names)) v.length('names', names, 1, 10);
    for (const [i, n] of (names ?? []).entries()) v.length(`names.${i + 1}.member`, n, 1, 2048);
    v.throwIfAny();
    const store = storeOf(ctx);
    const deleted: string[] = [];
    const invalid: string[] = [];
    for (const n of new Set(names)) {
      const p = store.get(n, ctx.now());
      if (p === undefined || p.isPublic) invalid.push(n);
      else {
        store.delete(n);
        deleted.push(n);
      }
    }
    return {DeletedParameters: deleted, InvalidParameters: invalid};
  };
}

export function writeOperations(storeOf: StoreOf, callerOf: CallerOf): Record<string, JsonOperation> {
  return {
    PutParameter: putParameter(storeOf, callerOf),
    LabelParameterVersion: labelParameterVersion(storeOf),
    UnlabelParameterVersion: unlabelParameterVersion(storeOf),
    DeleteParameter: deleteParameter(storeOf),
    DeleteParameters: deleteParameters(storeOf),
  };
}
