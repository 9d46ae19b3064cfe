// The only place the SDK clients are built. Both backends (AWS and the local fleet) go through here,
// so the app has exactly one code path to SSM and EC2.
import {SSMClient} from '@aws-sdk/client-ssm';
import {EC2Client} from '@aws-sdk/client-ec2';
import {ResourceGroupsTaggingAPIClient} from '@aws-sdk/client-resource-groups-tagging-api';
import {ConfigError} from './config-error.js';

export interface StaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Where the app is pointed; the header shows `label`. */
export interface AwsTarget {
  kind: 'local' | 'aws';
  region: string;
  profile?: string;
  endpoint?: string;
  accountId?: string;
  label: string;
}

export interface AwsClients {
  ssm: SSMClient;
  ec2: EC2Client;
  tagging: ResourceGroupsTaggingAPIClient;
  target: AwsTarget;
  destroy(): void;
}

export interface ClientOptions {
  kind: 'local' | 'aws';
  region?: string;
  profile?: string;
  endpoint?: string;
  credentials?: StaticCredentials;
  /** SDK attempts per call; the poller does its own backoff on top, so keep this small. */
  maxAttempts?: number;
}

export {ConfigError} from './config-error.js';

export function createAwsClients(opts: ClientOptions): AwsClients {
  const region = opts.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  const common = {
    ...(region ? {region} : {}),
    ...(opts.profile ? {profile: opts.profile} : {}),
    ...(opts.endpoint ? {endpoint: opts.endpoint} : {}),
    ...(opts.credentials ? {credentials: opts.credentials} : {}),
    maxAttempts: opts.maxAttempts ?? 2,
  };
  const ssm = new SSMClient(common);
  const ec2 = new EC2Client(common);
  const tagging = new ResourceGroupsTaggingAPIClient(common);
  const target: AwsTarget = {
    kind: opts.kind,
    region: region ?? '',
    ...(opts.profile ? {profile: opts.profile} : {}),
    ...(opts.endpoint ? {endpoint: opts.endpoint} : {}),
    label: opts.kind === 'local' ? 'LOCAL FLEET' : describeAwsTarget(region, opts.profile, opts.endpoint),
  };
  return {
    ssm,
    ec2,
    tagging,
    target,
    destroy() {
      ssm.destroy();
      ec2.destroy();
      tagging.destroy();
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
  } catch {
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
