// Parameter Store over the SSM API (the ParameterPort of fleet/parameters/port.ts).
// - A level: GetParametersByPath (not recursive, 10 a page) names what is directly in the path — the only listing
//   that reaches public `/aws/service/…` parameters — and DescribeParameters (50 a page, many pages at once, see
//   partitioned-scan.ts) adds the metadata (tier, user, policies) and reveals the sub-folders, which no API lists.
// - A conditional put: PutParameter has no condition, so the latest version is read first and the write is skipped
//   with a conflict when it is not the one the user read. A write that lands between the read and the write is
//   reported (`interleaved`): it cannot be undone, but the user is told.
import {
  DeleteParametersCommand, DescribeParametersCommand, GetParameterCommand, GetParameterHistoryCommand, GetParametersByPathCommand,
  LabelParameterVersionCommand, ListTagsForResourceCommand, PutParameterCommand, UnlabelParameterVersionCommand,
  type Parameter as SdkParameter, type ParameterMetadata,
} from '@aws-sdk/client-ssm';
import type {AwsClients} from '../clients.js';
import type {Parameter, ParameterVersion} from '../../fleet/parameters/parameter.js';
import {parentPath} from '../../fleet/parameters/path-tree.js';
import {ParameterError, type ParameterLevel, type ParameterPort, type PutOutcome, type PutRequest} from '../../fleet/parameters/port.js';
import {mapped, toParameterError} from './parameter-errors.js';
import {allPages, pageToken} from '../pages.js';
import {fromByPath, fromGet, fromHistory, fromMetadata} from './parameter-shapes.js';
import {partitionedScan} from './partitioned-scan.js';

const BY_PATH_PAGE = 10;
const DESCRIBE_PAGE = 50;
const HISTORY_PAGE = 50;
const DELETE_BATCH = 10;

function normalize(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

const isPublic = (path: string): boolean => path === '/aws' || path.startsWith('/aws/');

export function parameterApi(aws: AwsClients): ParameterPort {
  const ssm = aws.ssm;

  async function byPath(path: string, recursive: boolean, signal?: AbortSignal): Promise<SdkParameter[]> {
    return allPages(async (token) => {
      const res = await mapped(() => ssm.send(new GetParametersByPathCommand({Path: path, Recursive: recursive, MaxResults: BY_PATH_PAGE,
        ...pageToken(token)}), {abortSignal: signal}));
      return {items: res.Parameters, next: res.NextToken};
    });
  }

  /** Everything under `path` (metadata only), many pages at once: see partitioned-scan.ts. */
  function describeAll(path: string, signal?: AbortSignal, onPage?: (page: readonly ParameterMetadata[]) => void): Promise<ParameterMetadata[]> {
    return partitionedScan(path, async (filters, token) => {
      const res = await mapped(() => ssm.send(new DescribeParametersCommand({MaxResults: DESCRIBE_PAGE,
        ...(filters.length > 0 ? {ParameterFilters: filters} : {}), ...pageToken(token)}), {abortSignal: signal}));
      return {items: res.Parameters ?? [], next: res.NextToken || undefined};
    }, {signal, onPage});
  }

  async function latestOrUndefined(name: string): Promise<ParameterVersion | undefined> {
    try {
      // Without decryption: a conflict names the version and who wrote it; a secret is compared only once revealed.
      const res = await ssm.send(new GetParameterCommand({Name: name, WithDecryption: false}));
      return res.Parameter === undefined ? undefined : fromGet(res.Parameter, false);
    } catch (err) {
      const e = toParameterError(err);
      if (e.kind === 'not-found') return undefined;
      throw e;
    }
  }

  async function historyOf(name: string, decrypt: boolean): Promise<ParameterVersion[]> {
    const history = await allPages(async (token) => {
      const res = await mapped(() => ssm.send(new GetParameterHistoryCommand({Name: name, WithDecryption: decrypt, MaxResults: HISTORY_PAGE,
        ...pageToken(token)})));
      return {items: res.Parameters, next: res.NextToken};
    });
    return history.map((h) => fromHistory(h, decrypt)).sort((a, b) => a.version - b.version);
  }

  /** The latest version with who wrote it and its labels (from the history), or undefined when there is none. */
  async function current(name: string): Promise<ParameterVersion | undefined> {
    const got = await latestOrUndefined(name);
    if (got === undefined) return undefined;
    return (await historyOf(name, false)).find((h) => h.version === got.version) ?? got;
  }

  return {
    async listLevel(rawPath, signal, onDirect, onFolders) {
      const path = normalize(rawPath);
      const direct = await byPath(path, false, signal);
      onDirect?.(direct.map(fromByPath));
      const folders = new Set<string>();
      const meta = new Map<string, Parameter>();
      if (isPublic(path)) {
        // Public parameters are not described: their folders come from the recursive listing.
        for (const p of await byPath(path, true, signal)) {
          const parent = parentPath(p.Name ?? '');
          if (parent !== path) folders.add(childFolder(path, p.Name ?? ''));
        }
      } else {
        // The folders show as the pages find them: the last of thousands of parameters may be in a folder of its own.
        await describeAll(path, signal, (page) => {
          const before = folders.size;
          for (const m of page) {
            const name = m.Name ?? '';
            const inRoot = path === '/' && !name.startsWith('/');
            if (parentPath(name) === path || inRoot) meta.set(name, fromMetadata(m));
            else if (name.startsWith(path === '/' ? '/' : `${path}/`)) folders.add(childFolder(path, name));
          }
          if (folders.size > before) onFolders?.([...folders]);
        });
      }
      const parameters = new Map<string, Parameter>();
      for (const p of direct) parameters.set(p.Name ?? '', meta.get(p.Name ?? '') ?? fromByPath(p));
      // Names without a leading slash sit at the root but no path reaches them: DescribeParameters does.
      for (const [name, m] of meta) if (!parameters.has(name)) parameters.set(name, m);
      const sorted = [...parameters.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      return {path, parameters: sorted, folders: [...folders].sort()} satisfies ParameterLevel;
    },

    async listAll(rawPath = '/', signal) {
      const path = normalize(rawPath);
      return (await describeAll(path, signal)).map(fromMetadata);
    },

    async get(name, {decrypt, selector}) {
      const res = await mapped(() => ssm.send(new GetParameterCommand({Name: `${name}${selector ?? ''}`, WithDecryption: decrypt})));
      if (res.Parameter === undefined) throw new ParameterError('not-found', `parameter ${name} not found`, 'ParameterNotFound');
      return fromGet(res.Parameter, decrypt);
    },

    history(name, {decrypt}) {
      return historyOf(name, decrypt);
    },

    async put(req: PutRequest): Promise<PutOutcome> {
      if (req.ifVersion !== undefined) {
        const found = await current(req.name);
        if ((found?.version ?? 0) !== req.ifVersion) return {kind: 'conflict', expected: req.ifVersion, current: found};
      }
      try {
        // One attempt: a put whose answer was lost may have happened, and a blind SDK retry would write a second
        // version. The caller retries with the same ifVersion instead, which sees the first write as a conflict.
        const res = await aws.ssmSingleAttempt.send(new PutParameterCommand({
          Name: req.name, Value: req.value, Overwrite: req.overwrite,
          ...(req.type === undefined ? {} : {Type: req.type}),
          ...(req.description === undefined ? {} : {Description: req.description}),
          ...(req.keyId === undefined ? {} : {KeyId: req.keyId}),
          ...(req.tier === undefined ? {} : {Tier: req.tier}),
          ...(req.allowedPattern === undefined ? {} : {AllowedPattern: req.allowedPattern}),
          ...(req.dataType === undefined ? {} : {DataType: req.dataType}),
        }));
        const version = res.Version ?? 0;
        const interleaved = req.ifVersion !== undefined && version !== req.ifVersion + 1;
        return {kind: 'written', version, tier: res.Tier, interleaved};
      } catch (err) {
        const e = toParameterError(err);
        // Created by someone else between the check and the write.
        if (e.kind === 'exists' && req.ifVersion === 0) return {kind: 'conflict', expected: 0, current: await current(req.name)};
        throw e;
      }
    },

    async label(name, version, labels) {
      const res = await mapped(() => ssm.send(new LabelParameterVersionCommand({Name: name, ParameterVersion: version, Labels: [...labels]})));
      return {invalid: res.InvalidLabels ?? []};
    },

    async unlabel(name, version, labels) {
      const res = await mapped(() => ssm.send(new UnlabelParameterVersionCommand({Name: name, ParameterVersion: version, Labels: [...labels]})));
      return {removed: res.RemovedLabels ?? [], invalid: res.InvalidLabels ?? []};
    },

    async delete(names) {
      const deleted: string[] = [];
      const missing: string[] = [];
      for (let i = 0; i < names.length; i += DELETE_BATCH) {
        const batch = names.slice(i, i + DELETE_BATCH);
        const res = await mapped(() => ssm.send(new DeleteParametersCommand({Names: [...batch]})));
        deleted.push(...(res.DeletedParameters ?? []));
        missing.push(...(res.InvalidParameters ?? []));
      }
      return {deleted, missing};
    },

    async tags(name) {
      const res = await mapped(() => ssm.send(new ListTagsForResourceCommand({ResourceType: 'Parameter', ResourceId: name})));
      return Object.fromEntries((res.TagList ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
    },
  };
}

/** The sub-folder of `path` that holds `name` (`/a` + `/a/b/c/d` → `/a/b`). */
function childFolder(path: string, name: string): string {
  const prefix = path === '/' ? '/' : `${path}/`;
  const rest = name.slice(prefix.length);
  const slash = rest.indexOf('/');
  return `${prefix}${slash < 0 ? rest : rest.slice(0, slash)}`;
}
