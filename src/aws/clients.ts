// The only place the SDK clients are built. Both backends (AWS and the local fleet) go through here,
// so the app has exactly one code path to SSM and EC2.
import {SSMClient} from '@aws-sdk/client-ssm';
import type {EC2Client} from '@aws-sdk/client-ec2';
import type {ResourceGroupsTaggingAPIClient} from '@aws-sdk/client-resource-groups-tagging-api';
import {ConfigError} from './config-error.js';
import {readInstanceInformationDirectly} from './instances/describe-instance-information.js';
import type {AwsTarget} from '../fleet/target.js';

export interface StaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface AwsClients {
  ssm: SSMClient;
  /**
   * For SendCommand only: one attempt, never retried by the SDK. A SendCommand whose answer was lost may have
   * happened, so the run orchestrator looks for it before it sends again (see fleet/run-command/run-orchestrator.ts).
   */
  ssmSingleAttempt: SSMClient;
  /**
   * EC2 and the Resource Groups Tagging API (names, tags, instance details), built on first use: their SDK modules
   * are megabytes that the first screen, one SSM page, does not need.
   */
  ec2(): Promise<EC2Client>;
  tagging(): Promise<ResourceGroupsTaggingAPIClient>;
  target: AwsTarget;
  destroy(): void;
}

/** Credentials resolved on demand (a context's provider, rebuilt once the user has signed in again). */
export type CredentialProvider = () => Promise<StaticCredentials & {expiration?: Date; accountId?: string}>;

export interface ClientOptions {
  kind: 'local' | 'aws';
  region?: string;
  profile?: string;
  endpoint?: string;
  credentials?: StaticCredentials | CredentialProvider;
  /** Called with every client's middleware stack, the lazily built ones too (a context's request budget). */
  middleware?: (stack: Stack) => void;
  /** SDK attempts per call (adaptive retry: backoff plus a client-side rate limit that slows down when throttled). */
  maxAttempts?: number;
  /** Connect and response timeouts per request (each attempt), so an endpoint that never answers is an error. */
  requestTimeoutSeconds?: number;
}

export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 30;
/**
 * One more than the SDK's legacy default of 2: adaptive mode also slows the client down while it is throttled. Live
 * views back off on top of this and runs keep retrying on their own, so a long storm never needs more here.
 */
const DEFAULT_MAX_ATTEMPTS = 3;

/** What an endpoint that accepted the connection but never answered (or never accepted it) becomes. */
export class EndpointTimeoutError extends Error {
  override name = 'TimeoutError';
}

export type Stack = SSMClient['middlewareStack'] | EC2Client['middlewareStack'] | ResourceGroupsTaggingAPIClient['middlewareStack'];

/**
 * Outside every retry: the last attempt's timeout becomes one sentence that says how long was waited. And the SDK's
 * logger step goes: fleetdeck gives the SDK no logger, yet that step walks every answer through its sensitive-data
 * filter to build a message nobody reads — a tenth of the CPU of loading a large fleet.
 */
function explainTimeouts(stack: Stack, seconds: number, attempts: number): void {
  stack.remove('loggerMiddleware');
  (stack as SSMClient['middlewareStack']).add((next) => async (args) => {
    try {
      return await next(args);
    } catch (e) {
      if ((e as {name?: string}).name !== 'TimeoutError' || e instanceof EndpointTimeoutError) throw e;
      throw new EndpointTimeoutError(`the endpoint did not answer within ${seconds}s ` +
        `(${attempts === 1 ? '1 attempt' : `${attempts} attempts`}; requestTimeoutSeconds in the config)`);
    }
  }, {step: 'initialize', name: 'fleetdeckExplainTimeouts'});
}

export {ConfigError} from './config-error.js';

export function createAwsClients(opts: ClientOptions): AwsClients {
  const region = opts.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  const timeoutSeconds = opts.requestTimeoutSeconds ?? DEFAULT_REQUEST_TIMEOUT_SECONDS;
  const timeoutMs = timeoutSeconds * 1000;
  const attempts = opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const common = {
    ...(region ? {region} : {}),
    ...(opts.profile ? {profile: opts.profile} : {}),
    ...(opts.endpoint ? {endpoint: opts.endpoint} : {}),
    ...(opts.credentials ? {credentials: opts.credentials} : {}),
    maxAttempts: attempts,
    retryMode: 'adaptive',
    requestHandler: {connectionTimeout: timeoutMs, requestTimeout: timeoutMs, throwOnRequestTimeout: true},
  };
  const ssm = new SSMClient(common);
  readInstanceInformationDirectly(ssm);
  const ssmSingleAttempt = new SSMClient({...common, maxAttempts: 1});
  explainTimeouts(ssm.middlewareStack, timeoutSeconds, attempts);
  explainTimeouts(ssmSingleAttempt.middlewareStack, timeoutSeconds, 1);
  opts.middleware?.(ssm.middlewareStack);
  opts.middleware?.(ssmSingleAttempt.middlewareStack);
  const built: {destroy(): void}[] = [];
  let destroyed = false;
  const onFirstUse = <C extends {destroy(): void; middlewareStack: Stack}>(make: () => Promise<C>) => {
    let client: Promise<C> | undefined;
    return () => (client ??= make().then((c) => {
      explainTimeouts(c.middlewareStack, timeoutSeconds, attempts);
      opts.middleware?.(c.middlewareStack);
      // Built after destroy(): its connections are closed at once, as the others' were.
      if (destroyed) c.destroy();
      else built.push(c);
      return c;
    }));
  };
  const target: AwsTarget = {
    kind: opts.kind,
    region: region ?? '',
    ...(opts.profile ? {profile: opts.profile} : {}),
    ...(opts.endpoint ? {endpoint: opts.endpoint} : {}),
    label: opts.kind === 'local' ? 'LOCAL FLEET' : describeAwsTarget(region, opts.profile, opts.endpoint),
  };
  return {
    ssm,
    ssmSingleAttempt,
    ec2: onFirstUse(async () => new (await import('./instances/ec2-and-tagging.js')).EC2Client(common)),
    tagging: onFirstUse(async () => new (await import('./instances/ec2-and-tagging.js')).ResourceGroupsTaggingAPIClient(common)),
    target,
    destroy() {
      destroyed = true;
      ssm.destroy();
      ssmSingleAttempt.destroy();
      for (const c of built) c.destroy();
    },
  };
}

function describeAwsTarget(region: string | undefined, profile: string | undefined, endpoint: string | undefined) {
  const parts = [profile ? `profile ${profile}` : 'default credentials', region ?? 'no region'];
  if (endpoint) parts.push(endpoint);
  return parts.join(' · ');
}

/**
 * Resolve credentials and region before the UI starts, so a missing setup is a clear message, never a silent
 * fallback to the local fleet. Returns the account id when the credential source knows it.
 */
export async function checkAwsSetup(aws: AwsClients): Promise<void> {
  let region: string | undefined;
  try {
    region = await aws.ssm.config.region();
  } catch (e) {
    // A region is configured but is not a region (--region 'bad region', AWS_REGION, the profile): say that.
    const why = e instanceof Error ? e.message : '';
    const named = /region="([^"]*)"/.exec(why)?.[1] ?? aws.target.region;
    if (/region/i.test(why) && named !== '') {
      throw new ConfigError(
        `${JSON.stringify(named)} is not a valid AWS region: a region looks like eu-west-1. ` +
          'Check --region, AWS_REGION / AWS_DEFAULT_REGION and the region in your profile.',
      );
    }
    region = undefined;
  }
  if (!region) {
    throw new ConfigError(
      'No AWS region is configured. Pass --region (for example --region eu-west-1), set AWS_REGION, ' +
        'or set a region in your profile. To try fleetdeck without AWS, use --local.',
    );
  }
  aws.target.region = region;
  try {
    const creds = await aws.ssm.config.credentials();
    if (creds.accountId) aws.target.accountId = creds.accountId;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new ConfigError(
      `No usable AWS credentials (${why}).\n` +
        'Pick a profile with --profile NAME, sign in with `aws sso login --profile NAME`, ' +
        'or run against the embedded local fleet with --local.',
      {cause: e},
    );
  }
  const t = aws.target;
  // An endpoint from AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_SSM or the profile's endpoint_url is as much "where" as
  // --endpoint-url: the header and the audit log must never look like real AWS when they are not.
  if (!t.endpoint) {
    const configured = await aws.ssm.config.serviceConfiguredEndpoint?.().catch(() => undefined);
    if (configured) t.endpoint = configured;
  }
  t.label = [t.accountId, t.region, t.profile ? `profile ${t.profile}` : undefined, t.endpoint]
    .filter(Boolean)
    .join(' · ');
}
