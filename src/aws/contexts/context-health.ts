// A context's credentials and what they are worth now: the account id (STS GetCallerIdentity), a CredentialState
// from whatever failed, and recovery without a restart. A context in a failed state rechecks every 15 s (and on
// demand), each time with a freshly built credential chain, so a new `aws sso login` or refreshed keys are picked up;
// its calls' own credential failures (an expired token mid-session) put it in that state at once.
import {GetCallerIdentityCommand, STSClient, type STSClientConfig} from '@aws-sdk/client-sts';
import type {CredentialState} from '../../fleet/contexts/context.js';
import type {CredentialProvider, StaticCredentials} from '../clients.js';
import {credentialStateFor, isCredentialFailure, type CredentialSource} from './credential-state.js';
import {isSsoProfile} from './sso-profile.js';
import type {RequestBudget} from './request-budget.js';

export const RECHECK_MS = 15_000;
/** A health probe never waits long: the context shows "unreachable" and tries again. */
const PROBE_TIMEOUT_MS = 10_000;
/** Credentials this close to their expiry are resolved again before use (the SDK's own margin). */
const REFRESH_MARGIN_MS = 5 * 60_000;

export interface ContextHealthOptions {
  kind: 'local' | 'aws';
  profile?: string;
  /** Undefined: the profile's or the environment's region. */
  region?: string;
  endpoint?: string;
  /** The local fleet's keys; else the SDK's default chain for the profile. */
  staticCredentials?: StaticCredentials;
  requestTimeoutSeconds?: number;
  recheckMs?: number;
  /** The account id when the credentials' source already says it (the local fleet's start line). */
  accountId?: string;
}

type Identity = Awaited<ReturnType<CredentialProvider>>;

function failed(s: CredentialState): boolean {
  return s.kind !== 'valid' && s.kind !== 'unknown';
}

function sameState(a: CredentialState, b: CredentialState): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export class ContextHealth {
  private current: CredentialState = {kind: 'unknown'};
  private account: string | undefined;
  private sts: STSClient;
  private generation = 0;
  private cached: {identity: Identity; generation: number} | undefined;
  private pending: Promise<Identity> | undefined;
  private checking: Promise<CredentialState> | undefined;
  private loop: NodeJS.Timeout | undefined;
  private expiry: NodeJS.Timeout | undefined;
  /** When the last credentials resolved expire (kept across rebuilt chains, to tell expired from denied). */
  private lastExpiry: number | undefined;
  private closed = false;
  private sso: Promise<boolean>;
  private readonly listeners = new Set<() => void>();
  private readonly unwatch: (() => void)[] = [];

  /**
   * The context's credential provider for its SDK clients. It caches what it resolved until shortly before it
   * expires, and starts again from a new chain after reset(). `memoized` tells the SDK not to cache it a second
   * time (its cache would keep credentials the user has since replaced).
   */
  readonly credentials: CredentialProvider & {memoized: true};

  constructor(private readonly opts: ContextHealthOptions) {
    this.sts = this.buildSts();
    this.account = opts.accountId;
    this.sso = opts.kind === 'aws' ? isSsoProfile(opts.profile) : Promise.resolve(false);
    this.credentials = Object.assign(() => this.resolve(), {memoized: true as const});
  }

  get state(): CredentialState {
    return this.current;
  }

  get accountId(): string | undefined {
    return this.account;
  }

  /** Called whenever the state or the account id changes. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Follows the context's own calls: a credential failure is the context's state now; a success while failed rechecks. */
  watch(budget: RequestBudget): void {
    this.unwatch.push(budget.onError((err) => {
      if (!isCredentialFailure(err)) return;
      void this.sso.then((sso) => {
        const state = credentialStateFor(err, this.source(sso));
        if (state) this.set(state);
      });
    }));
    this.unwatch.push(budget.onSuccess(() => {
      // STS out of reach while the context's own endpoints answer (a VPC with SSM endpoints only): it works.
      if (this.current.kind === 'unreachable') this.set({kind: 'valid'});
      else if (failed(this.current)) void this.check();
    }));
  }

  /** Asks STS who the credentials are; the state follows the answer. Concurrent checks share one probe. */
  check(): Promise<CredentialState> {
    this.checking ??= this.probe().finally(() => (this.checking = undefined));
    return this.checking;
  }

  /** Starts again from a new credential chain (a fresh `aws sso login` is read), then checks. */
  async recheck(): Promise<CredentialState> {
    // A probe already under way used the old chain: let it finish, then ask again with the new one.
    await this.checking;
    this.reset();
    return this.check();
  }

  close(): void {
    this.closed = true;
    this.stopLoop();
    if (this.expiry) clearTimeout(this.expiry);
    for (const u of this.unwatch.splice(0)) u();
    this.listeners.clear();
    this.sts.destroy();
  }

  private source(sso: boolean): CredentialSource {
    return {...(this.opts.profile !== undefined ? {profile: this.opts.profile} : {}), sso, ...(this.opts.kind === 'local' ? {local: true} : {})};
  }

  private buildSts(): STSClient {
    const o = this.opts;
    const ms = Math.min(PROBE_TIMEOUT_MS, (o.requestTimeoutSeconds ?? 30) * 1000);
    const config: STSClientConfig = {
      ...(o.region ? {region: o.region} : {}),
      ...(o.profile !== undefined ? {profile: o.profile} : {}),
      ...(o.endpoint !== undefined ? {endpoint: o.endpoint} : {}),
      ...(o.staticCredentials ? {credentials: o.staticCredentials} : {}),
      maxAttempts: 2,
      requestHandler: {connectionTimeout: ms, requestTimeout: ms, throwOnRequestTimeout: true},
    };
    // The default chain gets the client's config as its options: `ignoreCache` makes it read ~/.aws/config and
    // ~/.aws/credentials again instead of the SDK's process-wide copy, so keys written since the start are seen.
    const rereadFiles = {ignoreCache: true};
    return new STSClient({...config, ...rereadFiles});
  }

  private reset(): void {
    if (this.closed) return;
    this.generation++;
    this.cached = undefined;
    this.pending = undefined;
    this.sts.destroy();
    this.sts = this.buildSts();
  }

  private async resolve(): Promise<Identity> {
    const c = this.cached;
    if (c && c.generation === this.generation && (!c.identity.expiration || c.identity.expiration.getTime() - Date.now() > REFRESH_MARGIN_MS)) {
      return c.identity;
    }
    const generation = this.generation;
    this.pending ??= (async () => {
      const got = await this.sts.config.credentials();
      const identity: Identity = {accessKeyId: got.accessKeyId, secretAccessKey: got.secretAccessKey,
        ...(got.sessionToken !== undefined ? {sessionToken: got.sessionToken} : {}),
        ...(got.expiration !== undefined ? {expiration: got.expiration} : {}),
        ...(got.accountId !== undefined ? {accountId: got.accountId} : {})};
      if (generation === this.generation) {
        this.cached = {identity, generation};
        this.lastExpiry = identity.expiration?.getTime();
        // Refreshed on the way (SSO role credentials every hour): the state says the new expiry.
        if (this.current.kind === 'valid' && identity.expiration && identity.expiration.getTime() !== this.current.expiresAt) {
          this.set({kind: 'valid', expiresAt: identity.expiration.getTime()});
        }
      }
      return identity;
    })().finally(() => {
      if (generation === this.generation) this.pending = undefined;
    });
    return this.pending;
  }

  private async probe(): Promise<CredentialState> {
    try {
      // The probe's client resolves the same chain the context's clients read through `credentials`.
      const out = await this.sts.send(new GetCallerIdentityCommand({}));
      const identity = await this.resolve();
      if (out.Account) this.account = out.Account;
      else if (identity.accountId) this.account = identity.accountId;
      this.set({kind: 'valid', ...(identity.expiration ? {expiresAt: identity.expiration.getTime()} : {})});
    } catch (e) {
      const sso = await this.sso;
      let state = credentialStateFor(e, this.source(sso));
      // Credentials that had an expiry, now past, and a source that gives none any more: they expired.
      const expiredAt = this.lastExpiry;
      if (state?.kind === 'denied' && expiredAt !== undefined && expiredAt <= Date.now()) {
        state = {kind: 'expired', message: `the credentials expired and their source gives no new ones (${state.message})`};
      }
      if (state) this.set(state);
    }
    return this.current;
  }

  private set(state: CredentialState): void {
    if (this.closed) return;
    const changed = !sameState(state, this.current);
    this.current = state;
    if (failed(state)) this.startLoop();
    else this.stopLoop();
    this.watchExpiry(state);
    if (changed) for (const l of this.listeners) l();
  }

  /** Valid until a known time: checked then, so the state never says valid past it (a refresh may extend it). */
  private watchExpiry(state: CredentialState): void {
    if (this.expiry) clearTimeout(this.expiry);
    this.expiry = undefined;
    if (state.kind !== 'valid' || state.expiresAt === undefined) return;
    // Timers take at most 2^31-1 ms; a later expiry is rechecked then and rescheduled.
    const ms = Math.min(Math.max(0, state.expiresAt - Date.now()), 2 ** 31 - 1);
    this.expiry = setTimeout(() => void this.check(), ms);
    this.expiry.unref();
  }

  private startLoop(): void {
    if (this.loop || this.closed) return;
    this.loop = setInterval(() => void this.recheck(), this.opts.recheckMs ?? RECHECK_MS);
    this.loop.unref();
  }

  private stopLoop(): void {
    if (this.loop) clearInterval(this.loop);
    this.loop = undefined;
  }
}
