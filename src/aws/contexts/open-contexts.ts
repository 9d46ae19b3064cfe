// From context specs to connected contexts: per context, SDK clients behind its request budget, and its health.
// AWS contexts are resolved and checked in parallel; one whose credentials fail is kept (it shows its state and
// recovers on its own), unless every context fails.
import type {ContextSpec} from '../../fleet/contexts/context.js';
import {placeName} from '../../fleet/contexts/context-config.js';
import {checkAwsSetup, ConfigError, createAwsClients, type StaticCredentials} from '../clients.js';
import {ContextHealth} from './context-health.js';
import type {ContextEntry} from './context-set.js';
import {RequestBudget} from './request-budget.js';
import {profileEndpoint} from './profile-endpoint.js';

export interface OpenContextOptions {
  maxConcurrentRequests: number;
  requestTimeoutSeconds?: number;
  /** How often a failed context checks its credentials again (default 15 s). */
  recheckMs?: number;
}

/** A profile's own endpoint_url (the SDK would ignore it for a named profile): {endpoint} or nothing. */
function endpointOf(profile: string | undefined): {endpoint?: string} {
  const endpoint = profileEndpoint(profile);
  return endpoint === undefined ? {} : {endpoint};
}

function openEntry(spec: ContextSpec, kind: 'local' | 'aws', opts: OpenContextOptions, staticCredentials?: StaticCredentials,
  accountId?: string): ContextEntry {
  const timeout = opts.requestTimeoutSeconds !== undefined ? {requestTimeoutSeconds: opts.requestTimeoutSeconds} : {};
  const place = {
    ...(spec.region !== '' ? {region: spec.region} : {}),
    ...(spec.profile !== undefined ? {profile: spec.profile} : {}),
    ...(spec.endpoint !== undefined ? {endpoint: spec.endpoint} : kind === 'aws' ? endpointOf(spec.profile) : {}),
  };
  const health = new ContextHealth({kind, ...place, ...timeout, ...(staticCredentials ? {staticCredentials} : {}),
    ...(accountId ? {accountId} : {}),
    ...(opts.recheckMs !== undefined ? {recheckMs: opts.recheckMs} : {})});
  const budget = new RequestBudget({maxConcurrent: opts.maxConcurrentRequests});
  const aws = createAwsClients({kind, ...place, ...timeout, credentials: staticCredentials ?? health.credentials,
    middleware: (stack) => budget.attach(stack)});
  health.watch(budget);
  return {spec, aws, budget, health};
}

function closeEntry(e: ContextEntry): void {
  e.health.close();
  e.budget.close();
  e.aws.destroy();
}

/**
 * One partition of the local fleet: its static keys at the shared endpoint. Its account id is the one the fleet
 * listed (shown at once), then what STS says.
 */
export function openLocalContext(spec: ContextSpec, endpoint: string, credentials: StaticCredentials, opts: OpenContextOptions,
  accountId?: string): ContextEntry {
  const entry = openEntry({...spec, endpoint}, 'local', opts, credentials, accountId);
  // The spec the views see carries no endpoint: the header says LOCAL FLEET, not a URL per context.
  entry.spec = spec;
  void entry.health.check();
  return entry;
}

/**
 * AWS contexts. Each resolves its region and credentials as the single context always did (a region that is not one,
 * or none, is an error of the setup and stops the start). Then:
 * - one context: its credential error stops the start, exactly as before, and its account is looked up meanwhile;
 * - several: each is checked with STS in parallel; the start goes on with those that fail in their failed state, and
 *   stops only when every one has a credential failure (signed out, expired, denied).
 */
export async function openAwsContexts(specs: readonly ContextSpec[], opts: OpenContextOptions): Promise<ContextEntry[]> {
  const entries = specs.map((spec) => openEntry(spec, 'aws', opts));
  const single = entries.length === 1;
  const setups = await Promise.allSettled(entries.map(async (e) => {
    try {
      await checkAwsSetup(e.aws);
    } catch (err) {
      if (single || !(err instanceof ConfigError)) throw err;
      // A region problem stops the start, naming the context; a credential problem (it has a cause) of one of
      // several contexts is that context's state, found by its check.
      if (err.cause === undefined) throw new ConfigError(`${e.spec.name}: ${err.message}`);
    }
    // A place typed without a region is named for the region it resolved to.
    if (e.spec.region === '') e.spec = {...e.spec, region: e.aws.target.region, name: placeName(e.spec.profile, e.aws.target.region)};
  }));
  const setupFailure = setups.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (setupFailure) {
    entries.forEach(closeEntry);
    throw setupFailure.reason;
  }
  if (single) {
    void entries[0]?.health.check();
    return entries;
  }
  const states = await Promise.all(entries.map((e) => e.health.check()));
  // Out of reach is not a credential failure: as with one context, the dashboard starts and says so (the network may
  // come back; an SSM-only VPC endpoint answers the context's own calls while STS does not).
  const usable = states.some((s) => s.kind === 'valid' || s.kind === 'unknown' || s.kind === 'unreachable');
  if (!usable) {
    const lines = entries.map((e, i) => {
      const s = states[i];
      return s === undefined || s.kind === 'valid' || s.kind === 'unknown' || s.kind === 'unreachable' ? '' :
        `  ${e.spec.name}: ${s.message}${'command' in s && s.command !== undefined ? ` — run \`${s.command}\`` : ''}`;
    });
    entries.forEach(closeEntry);
    throw new ConfigError(`No context has usable AWS credentials:\n${lines.filter(Boolean).join('\n')}\n` +
      'Sign in (the commands above), pick other profiles with --profile, or run against the embedded local fleet with --local.');
  }
  return entries;
}
