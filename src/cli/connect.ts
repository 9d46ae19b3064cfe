// From flags to SDK clients: the local fleet (child process), an explicit endpoint, or AWS — one set per context.
// Never a silent fallback from AWS to the local fleet.
import type {AwsClients, StaticCredentials} from '../aws/clients.js';
import type {ContextSet} from '../aws/contexts/context-set.js';
import {DEFAULT_MAX_CONCURRENT_REQUESTS, type ContextSettings} from '../fleet/contexts/context-config.js';
import {ContextSelectionError, localContextSpecs, selectContexts} from '../fleet/contexts/context-selection.js';
import type {Args} from './flags.js';
import {startLocalChild, type LocalChild} from './local-child.js';
import {UsageError} from './usage-error.js';
import {log} from '../log.js';

export interface Connection {
  /** The first context's clients (the first that works, when there are several): what single-context callers use. */
  aws: AwsClients;
  /** Every context of the run (one, unless several were asked for), which are in view, and their health. */
  contexts: ContextSet;
  close(): void;
  /** `--local`: called if the local fleet process dies while we still use it. */
  onLost?(listener: (why: string) => void): void;
}

/** From the config file: settings every client shares, and the contexts it names. */
export interface ConnectOptions extends Partial<ContextSettings> {
  requestTimeoutSeconds?: number;
  /** How often a context whose credentials fail checks them again (default 15 s). */
  recheckMs?: number;
}

/** The log says which contexts a run opened, and each change of a context's credential state. */
function logContexts(contexts: ContextSet): ContextSet {
  const states = () => contexts.infos().map((i) => ({name: i.spec.name, region: i.spec.region, account: i.accountId ?? '',
    state: i.credentials.kind, ...('message' in i.credentials ? {why: i.credentials.message} : {})}));
  let last = states();
  log.info('contexts opened', {contexts: last});
  contexts.subscribe(() => {
    const now = states();
    const changed = now.filter((c, i) => c.state !== last[i]?.state || c.account !== last[i]?.account);
    last = now;
    if (changed.length) log.info('context state', {contexts: changed});
  });
  return contexts;
}

/** The local fleet's partitions, each numbered by its account (1-based, in the order the fleet lists them). */
function localPartitions(child: LocalChild): {account: number; region: string; credentials: StaticCredentials; accountId?: string}[] {
  if (child.partitions.length === 0) return [{account: 1, region: child.region, credentials: child.credentials}];
  const accounts = [...new Set(child.partitions.map((p) => p.accountId))];
  return child.partitions.map((p) => ({account: accounts.indexOf(p.accountId) + 1, region: p.region, ...(p.accountId ? {accountId: p.accountId} : {}),
    credentials: {accessKeyId: p.accessKeyId, secretAccessKey: p.secretAccessKey, sessionToken: p.sessionToken}}));
}

export async function connect(args: Args, opts: ConnectOptions = {}): Promise<Connection> {
  const contextOptions = {
    maxConcurrentRequests: opts.maxConcurrentRequests ?? DEFAULT_MAX_CONCURRENT_REQUESTS,
    ...(opts.requestTimeoutSeconds !== undefined ? {requestTimeoutSeconds: opts.requestTimeoutSeconds} : {}),
    ...(opts.recheckMs !== undefined ? {recheckMs: opts.recheckMs} : {}),
  };
  if (args.local) {
    // The child loads its own modules while this process loads the SDK.
    const [child, {openLocalContext}, {ContextSet}] = await Promise.all([
      startLocalChild({nodes: args.nodes, seed: args.seed,
        ...(args.accounts !== undefined ? {accounts: args.accounts} : {}), ...(args.regions !== undefined ? {regions: args.regions} : {})}),
      import('../aws/contexts/open-contexts.js'),
      import('../aws/contexts/context-set.js'),
    ]);
    const partitions = localPartitions(child);
    const specs = localContextSpecs(partitions);
    const contexts = logContexts(new ContextSet(partitions.map((p, i) => openLocalContext(specs[i] ?? {name: `local-${p.account}:${p.region}`, region: p.region},
      child.endpoint, p.credentials, contextOptions, p.accountId))));
    const first = contexts.all()[0];
    if (!first) throw new Error('the local fleet serves no partition');
    return {aws: first.aws, contexts, close: () => {
      contexts.close();
      child.stop();
    }, onLost: (listener) => child.onUnexpectedExit(listener)};
  }
  let specs;
  try {
    specs = selectContexts({
      ...(args.profile !== undefined ? {profile: args.profile} : {}),
      ...(args.region !== undefined ? {region: args.region} : {}),
      ...(args.context !== undefined ? {context: args.context} : {}),
      ...(args.endpointUrl !== undefined ? {endpoint: args.endpointUrl} : {}),
    }, {contexts: opts.contexts ?? {}, contextGroups: opts.contextGroups ?? {}});
  } catch (e) {
    if (e instanceof ContextSelectionError) throw new UsageError(e.message);
    throw e;
  }
  const [{openAwsContexts}, {ContextSet}] = await Promise.all([
    import('../aws/contexts/open-contexts.js'),
    import('../aws/contexts/context-set.js'),
  ]);
  const contexts = logContexts(new ContextSet(await openAwsContexts(specs, contextOptions), opts.contextGroups ?? {}));
  // Single-context callers get the first context that works (with several, the first may be signed out).
  const working = contexts.infos().find((i) => i.credentials.kind === 'valid' || i.credentials.kind === 'unknown');
  const first = (working && contexts.get(working.spec.name)) ?? contexts.all()[0];
  if (!first) throw new Error('no context was selected');
  return {aws: first.aws, contexts, close: () => contexts.close()};
}
