// GetParameter, GetParameters, GetParametersByPath, DescribeParameters and GetParameterHistory.

import {indexKey, paginate} from '../../protocol/list-paging.js';
import type {JsonOperation, OperationContext} from '../../protocol/operation-context.js';
import {ServiceError} from '../../protocol/service-error.js';
import {optBoolean, optInteger, optString, optStringArray, Violations} from '../../protocol/validation.js';
import {matches, readLegacyFilters, readStringFilters, underPath, type StringFilter} from './filters.js';
import {checkPath, notFound, parameterError} from './rules.js';
import {historyShape, metadataShape, parameterShape} from './shapes.js';
import {latest, type ParameterStore, type StoredParameter, type StoredVersion} from './store.js';

type StoreOf = (ctx: OperationContext) => ParameterStore;

/** Filters that read only a parameter's name: their lists last until a parameter is created or deleted. */
const NAME_KEYS = new Set(['Name', 'Path']);

const ARN = /^arn:aws[a-z-]*:ssm:[a-z0-9-]*:[0-9]*:parameter\/(.+)$/;

export interface Selection {
  readonly name: string;
  /** `:3` or `:Prod`, echoed as Selector. */
  readonly selector: string | undefined;
}

/** Splits `name`, `name:3`, `name:label` or an ARN of either into the parameter name and selector. */
export function parseSelection(raw: string, store: ParameterStore, now: number): Selection {
  let text = raw;
  const arn = ARN.exec(raw);
  if (arn !== null) {
    const rest = arn[1] ?? '';
    const colon = rest.indexOf(':');
    const bare = colon < 0 ? rest : rest.slice(0, colon);
    const name = store.get(bare, now) === undefined && (bare.includes('/') || store.get(`/${bare}`, now) !== undefined) ? `/${bare}` : bare;
    text = colon < 0 ? name : `${name}${rest.slice(colon)}`;
  }
  const colon = text.indexOf(':');
  return colon < 0 ? {name: text, selector: undefined} : {name: text.slice(0, colon), selector: text.slice(colon)};
}

/** The version a selector names, or undefined when the parameter has no such version or label. */
export function selectVersion(p: StoredParameter, selector: string | undefined): StoredVersion | undefined {
  if (selector === undefined) return latest(p);
  const s = selector.slice(1);
  if (/^[0-9]+$/.test(s)) return p.versions.find((v) => v.version === Number(s));
  return p.versions.find((v) => v.labels.includes(s));
}

function versionNotFound(name: string, selector: string): ServiceError {
  const s = selector.slice(1);
  return parameterError('ParameterVersionNotFound',
    /^[0-9]+$/.test(s)
      ? `Systems Manager could not find version ${s} of ${name}. Verify the version and try again.`
      : `Systems Manager could not find label ${s} of ${name}. Verify the label and try again.`);
}

function getParameter(storeOf: StoreOf): JsonOperation {
  return (input, ctx) => {
    const raw = optString(input, 'Name');
    const decrypt = optBoolean(input, 'WithDecryption') ?? false;
    const v = new Violations();
    if (v.required('name', raw)) v.length('name', raw, 1, 2048);
    v.throwIfAny();
    const store = storeOf(ctx);
    const sel = parseSelection(raw ?? '', store, ctx.now());
    const p = store.get(sel.name, ctx.now());
    if (p === undefined) throw notFound(sel.name);
    const version = selectVersion(p, sel.selector);
    if (version === undefined) throw versionNotFound(sel.name, sel.selector ?? '');
    return {Parameter: parameterShape(store, p, version, decrypt, sel.selector)};
  };
}

function getParameters(storeOf: StoreOf): JsonOperation {
  return (input, ctx) => {
    const names = optStringArray(input, 'Names');
    const decrypt = optBoolean(input, 'WithDecryption') ?? false;
    const v = new Violations();
    if (v.required('names', names)) v.length('names', names, 1, 10);
    for (const [i, n] of (names ?? []).entries()) v.length(`names.${i + 1}.member`, n, 1, 2048);
    v.throwIfAny();
    const store = storeOf(ctx);
    const found: Record<string, unknown>[] = [];
    const invalid: string[] = [];
    for (const raw of new Set(names)) {
      const sel = parseSelection(raw, store, ctx.now());
      const p = store.get(sel.name, ctx.now());
      const version = p === undefined ? undefined : selectVersion(p, sel.selector);
      if (p === undefined || version === undefined) invalid.push(raw);
      else found.push(parameterShape(store, p, version, decrypt, sel.selector));
    }
    found.sort((a, b) => String(a['Name']).localeCompare(String(b['Name'])));
    return {Parameters: found, InvalidParameters: invalid};
  };
}

function getParametersByPath(storeOf: StoreOf): JsonOperation {
  return (input, ctx) => {
    const rawPath = optString(input, 'Path');
    const recursive = optBoolean(input, 'Recursive') ?? false;
    const decrypt = optBoolean(input, 'WithDecryption') ?? false;
    const maxResults = optInteger(input, 'MaxResults');
    const token = optString(input, 'NextToken');
    const v = new Violations();
    if (v.required('path', rawPath)) v.length('path', rawPath, 1, 2048);
    v.range('maxResults', maxResults, 1, 10);
    v.throwIfAny();
    const path = checkPath(rawPath ?? '');
    const filters = readStringFilters(input, 'GetParametersByPath');
    const store = storeOf(ctx);
    const isPublicPath = path === '/aws' || path.startsWith('/aws/');
    const label = filters.find((f) => f.key === 'Label');
    const inPath = (p: StoredParameter): boolean => p.isPublic === isPublicPath && underPath(p.name, path, recursive);
    const list = filters.length === 0
      ? store.allByName(ctx.now(), `path ${JSON.stringify([path, recursive])}`, inPath)
      : store.all(ctx.now()).filter((p) => inPath(p) && filters.every((f) => matches(p, f)));
    const page = paginate(list, {
      ctx, token, size: maxResults ?? 10, key: (p) => p.name,
      scope: `GetParametersByPath ${JSON.stringify([path, recursive, decrypt, filters])}`,
    });
    return {
      Parameters: page.items.map((p) => {
        // With a Label filter the labelled version is the one returned.
        const version = label === undefined ? latest(p) : p.versions.find((x) => x.labels.some((l) => label.values?.includes(l))) ?? latest(p);
        return parameterShape(store, p, version, decrypt);
      }),
      ...(page.nextToken === undefined ? {} : {NextToken: page.nextToken}),
    };
  };
}

function describeParameters(storeOf: StoreOf): JsonOperation {
  return (input, ctx) => {
    const maxResults = optInteger(input, 'MaxResults');
    const token = optString(input, 'NextToken');
    const v = new Violations();
    v.range('maxResults', maxResults, 1, 50);
    v.throwIfAny();
    const legacy = readLegacyFilters(input);
    const modern = readStringFilters(input, 'DescribeParameters');
    if (legacy.length > 0 && modern.length > 0) {
      throw new ServiceError('ValidationException', 'You can use either Filters or ParameterFilters in a single request.');
    }
    const filters: StringFilter[] = [...legacy, ...modern];
    const store = storeOf(ctx);
    const keep = (p: StoredParameter): boolean => !p.isPublic && filters.every((f) => matches(p, f));
    const list = filters.every((f) => NAME_KEYS.has(f.key))
      ? store.allByName(ctx.now(), `describe ${JSON.stringify(filters)}`, keep)
      : store.all(ctx.now()).filter(keep);
    const page = paginate(list, {
      ctx, token, size: maxResults ?? 50, key: (p) => p.name,
      scope: `DescribeParameters ${JSON.stringify(filters)}`,
    });
    return {
      Parameters: page.items.map((p) => metadataShape(store, p)),
      ...(page.nextToken === undefined ? {} : {NextToken: page.nextToken}),
    };
  };
}

function getParameterHistory(storeOf: StoreOf): JsonOperation {
  return (input, ctx) => {
    const raw = optString(input, 'Name');
    const decrypt = optBoolean(input, 'WithDecryption') ?? false;
    const maxResults = optInteger(input, 'MaxResults');
    const token = optString(input, 'NextToken');
    const v = new Violations();
    if (v.required('name', raw)) v.length('name', raw, 1, 2048);
    v.range('maxResults', maxResults, 1, 50);
    v.throwIfAny();
    const store = storeOf(ctx);
    const sel = parseSelection(raw ?? '', store, ctx.now());
    const p = store.get(sel.name, ctx.now());
    if (p === undefined || p.isPublic) throw notFound(sel.name);
    const page = paginate(p.versions, {
      ctx, token, size: maxResults ?? 50, key: (x) => indexKey(x.version),
      scope: `GetParameterHistory ${JSON.stringify([p.name, decrypt])}`,
    });
    return {
      Parameters: page.items.map((x) => historyShape(store, p, x, decrypt)),
      ...(page.nextToken === undefined ? {} : {NextToken: page.nextToken}),
    };
  };
}

export function readOperations(storeOf: StoreOf): Record<string, JsonOperation> {
  return {
    GetParameter: getParameter(storeOf),
    GetParameters: getParameters(storeOf),
    GetParametersByPath: getParametersByPath(storeOf),
    DescribeParameters: describeParameters(storeOf),
    GetParameterHistory: getParameterHistory(storeOf),
  };
}
