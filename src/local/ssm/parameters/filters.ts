// ParameterStringFilter (GetParametersByPath, DescribeParameters) and the legacy ParametersFilter
// (DescribeParameters): which keys and options each operation takes, and matching. Rules from the
// ParameterStringFilter API reference: DescribeParameters takes Equals and BeginsWith (Name also Contains; Path
// Recursive or OneLevel); GetParametersByPath takes Type, KeyId and Label, Equals and BeginsWith (Label Equals only).

import {ServiceError} from '../../protocol/service-error.js';
import {optObjectArray, optString, optStringArray, Violations, type JsonObject} from '../../protocol/validation.js';
import {checkPath, parameterError} from './rules.js';
import {latest, PARAMETER_TYPES, type StoredParameter} from './store.js';

export interface StringFilter {
  readonly key: string;
  readonly option: string;
  readonly values: readonly string[] | undefined;
}

type Operation = 'GetParametersByPath' | 'DescribeParameters';

const KEY_PATTERN = /^(tag:[a-zA-Z0-9_.\-=+@:/ ]+|Name|Type|KeyId|Path|Label|Tier|DataType)$/;
const KEYS: Record<Operation, readonly string[]> = {
  GetParametersByPath: ['Type', 'KeyId', 'Label'],
  DescribeParameters: ['Name', 'Type', 'KeyId', 'Path', 'Tier', 'DataType'],
};

function optionsFor(op: Operation, key: string): readonly string[] {
  if (key === 'Path') return ['Recursive', 'OneLevel'];
  if (key === 'Label') return ['Equals'];
  if (key === 'Name' && op === 'DescribeParameters') return ['Equals', 'BeginsWith', 'Contains'];
  return ['Equals', 'BeginsWith'];
}

const VALUE_SETS: Record<string, readonly string[]> = {
  Type: PARAMETER_TYPES,
  Tier: ['Standard', 'Advanced', 'Intelligent-Tiering'],
  DataType: ['text', 'aws:ec2:image', 'aws:ssm:integration'],
};

/** Reads and checks ParameterFilters for an operation; throws InvalidFilterKey/Option/Value as SSM does. */
export function readStringFilters(input: JsonObject, op: Operation): StringFilter[] {
  const raw = optObjectArray(input, 'ParameterFilters') ?? [];
  const v = new Violations();
  const parsed = raw.map((f, i) => {
    const key = optString(f, 'Key');
    const option = optString(f, 'Option');
    const values = optStringArray(f, 'Values');
    const at = `parameterFilters.${i + 1}.member`;
    if (v.required(`${at}.key`, key)) {
      v.length(`${at}.key`, key, 1, 132);
      if (!KEY_PATTERN.test(key ?? '')) v.add(`${at}.key`, key, 'Member must satisfy regular expression pattern: tag:.+|Name|Type|KeyId|Path|Label|Tier|DataType');
    }
    v.length(`${at}.option`, option, 1, 10);
    v.length(`${at}.values`, values, 1, 50);
    for (const [j, value] of (values ?? []).entries()) v.length(`${at}.values.${j + 1}.member`, value, 1, 1024);
    return {key: key ?? '', option, values};
  });
  v.throwIfAny();
  const seen = new Set<string>();
  const out: StringFilter[] = [];
  for (const f of parsed) {
    if (seen.has(f.key)) {
      throw new ServiceError('InvalidFilterKey', `The following filter is duplicated in the request: ${f.key}. A request can contain only one occurrence of a specific filter.`);
    }
    seen.add(f.key);
    const isTag = f.key.startsWith('tag:');
    if (!isTag && !KEYS[op].includes(f.key)) {
      throw new ServiceError('InvalidFilterKey', `The following filter key is not valid: ${f.key}. Valid filter keys include: [${[...KEYS[op], ...(op === 'DescribeParameters' ? ['tag:'] : [])].join(', ')}].`);
    }
    if (isTag && op === 'GetParametersByPath') {
      throw new ServiceError('InvalidFilterKey', `The following filter key is not valid: ${f.key}. Valid filter keys include: [${KEYS[op].join(', ')}].`);
    }
    const options = optionsFor(op, f.key);
    const option = f.option ?? (f.key === 'Path' ? 'OneLevel' : 'Equals');
    if (!options.includes(option)) {
      throw parameterError('InvalidFilterOption', `The following filter option is not valid: ${option}. Valid options include: [${options.join(', ')}].`);
    }
    if (f.values === undefined && !isTag) {
      throw new ServiceError('InvalidFilterValue', `The following filter values are missing : null for filter key ${f.key}.`);
    }
    const set = VALUE_SETS[f.key];
    const bad = set === undefined || option !== 'Equals' ? undefined : f.values?.find((x) => !set.includes(x));
    if (bad !== undefined && set !== undefined) {
      throw new ServiceError('InvalidFilterValue', `The following filter value is not valid: ${bad}. Valid values include: [${set.join(', ')}].`);
    }
    const values = f.key === 'Path' ? f.values?.map((p) => checkPath(p)) : f.values;
    out.push({key: f.key, option, values});
  }
  return out;
}

/** The legacy `Filters` of DescribeParameters (Name, Type, KeyId; Name matches as a prefix), as string filters. */
export function readLegacyFilters(input: JsonObject): StringFilter[] {
  const raw = optObjectArray(input, 'Filters') ?? [];
  const v = new Violations();
  const out = raw.map((f, i) => {
    const key = optString(f, 'Key');
    const values = optStringArray(f, 'Values');
    const at = `filters.${i + 1}.member`;
    if (v.required(`${at}.key`, key)) v.oneOf(`${at}.key`, key, ['Name', 'Type', 'KeyId']);
    if (v.required(`${at}.values`, values)) v.length(`${at}.values`, values, 1, 50);
    return {key: key ?? '', option: key === 'Name' ? 'BeginsWith' : 'Equals', values: values ?? []};
  });
  v.throwIfAny();
  return out;
}

function text(value: string, option: string, wanted: readonly string[]): boolean {
  return wanted.some((w) => (option === 'BeginsWith' ? value.startsWith(w) : option === 'Contains' ? value.includes(w) : value === w));
}

function underPath(name: string, path: string, recursive: boolean): boolean {
  const prefix = path === '/' ? '/' : `${path}/`;
  if (!name.startsWith(prefix)) return false;
  return recursive || !name.slice(prefix.length).includes('/');
}

const rootedValues = new WeakMap<StringFilter, readonly string[]>();

/** A Name filter's values as matched against a name with a leading slash (`x` as `/x`) or without: computed once a
 * filter, since a listing matches every parameter against it. */
function nameValues(f: StringFilter, rooted: boolean): readonly string[] {
  const values = f.values ?? [];
  if (!rooted || f.option === 'Contains') return values;
  let got = rootedValues.get(f);
  if (got === undefined) {
    got = values.map((n) => (n.startsWith('/') ? n : `/${n}`));
    rootedValues.set(f, got);
  }
  return got;
}

/** Whether a parameter passes one filter (every filter of a request must pass). */
export function matches(p: StoredParameter, f: StringFilter): boolean {
  const v = latest(p);
  const values = f.values ?? [];
  switch (f.key) {
    case 'Name':
      return text(p.name, f.option, nameValues(f, p.name.startsWith('/')));
    case 'Type':
      return text(v.type, f.option, values);
    case 'KeyId':
      return v.keyId !== undefined && text(v.keyId, f.option, values);
    case 'Tier':
      return text(v.tier, f.option, values);
    case 'DataType':
      return text(v.dataType, f.option, values);
    case 'Label':
      return p.versions.some((x) => x.labels.some((l) => values.includes(l)));
    case 'Path':
      return values.some((path) => underPath(p.name, path, f.option === 'Recursive'));
    default: {
      const tag = p.tags.get(f.key.slice('tag:'.length));
      return tag !== undefined && (f.values === undefined || text(tag, f.option, values));
    }
  }
}

export {underPath};
