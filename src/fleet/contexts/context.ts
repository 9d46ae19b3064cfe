// A context is one place a fleet lives: a profile (or the local fleet's credentials) in one region, optionally at
// an endpoint. Systems Manager's limits are per account per region, so each context has its own clients, its own
// request budget and its own health; the dashboard shows the rows of every context in view as one table.

/** What the user configured (flags, config file): where to connect and how carefully to act there. */
export interface ContextSpec {
  /** Unique and stable: the config's name, or `profile:region` (`local-2:eu-west-1`, `default:us-east-1`). */
  name: string;
  profile?: string;
  region: string;
  endpoint?: string;
  /** Refuses every change, whatever the app's own mode. */
  readOnly?: boolean;
  /** Every change needs the typed confirmation, whatever the target count. */
  protected?: boolean;
  /** A colour name Ink knows (red, yellow, cyan…) for the context's badge in the header and its rows' ACCOUNT cell. */
  colour?: string;
  /** Shown in the ACCOUNT column instead of the account id. */
  alias?: string;
}

/** Whether a context's credentials work now; `command` is what the user runs to fix it. */
export type CredentialState =
  | {kind: 'unknown'}
  | {kind: 'valid'; expiresAt?: number}
  | {kind: 'login-needed'; message: string; command: string}
  | {kind: 'expired'; message: string; command?: string}
  | {kind: 'denied'; message: string}
  | {kind: 'unreachable'; message: string};

/** A context as the views see it: its spec, what it resolved to, and how its API budget is doing. */
export interface ContextInfo {
  spec: ContextSpec;
  /** The account id (STS GetCallerIdentity, or the credential source) once known. */
  accountId?: string;
  credentials: CredentialState;
  /** Requests sent in the last 10 s, per second. */
  requestsPerSecond: number;
  /** Throttling errors answered in the last minute. */
  throttlesLastMinute: number;
  /** Requests in flight now (capped per context). */
  inFlight: number;
  /** The cap on requests in flight (the `maxConcurrentRequests` setting). */
  maxInFlight?: number;
  /** Requests waiting for a slot now. */
  queued?: number;
  /** Its rows are in the merged views now (ContextSet's inView). */
  inView?: boolean;
  /**
   * Not configured: made by the organisation view to act on a node in this account and region, assuming `roleName`
   * there (none: the management context's own credentials in another region) from the context of `fromProfile`.
   * Never in view.
   */
  assumed?: {roleName?: string; fromProfile?: string};
}

/** What the ACCOUNT column shows for a context: its alias, else its account id, else its name. */
export function accountLabel(c: Pick<ContextInfo, 'spec' | 'accountId'>): string {
  return c.spec.alias ?? c.accountId ?? c.spec.name;
}
