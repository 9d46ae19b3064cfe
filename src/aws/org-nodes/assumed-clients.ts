// Clients in another account of the organisation: the management context's credentials assume a role there
// (STS AssumeRole) and the node's region gets its own SDK clients signed with the role's temporary credentials. The
// provider gives the SDK each set with its expiration, so the SDK asks for a new one before they expire.
import {AssumeRoleCommand, STSClient} from '@aws-sdk/client-sts';
import {roleArn} from '../../fleet/org-nodes/org-node.js';
import {createAwsClients, type AwsClients, type ClientOptions, type CredentialProvider} from '../clients.js';

export interface AssumeTarget {
  accountId: string;
  region: string;
  /** An IAM role name (org.roleName); the ARN is built for the account. */
  roleName: string;
}

/**
 * The endpoint the other account's calls go to: the base's when it is the local fleet (or another endpoint on this
 * machine, which serves every account and region); an AWS endpoint of the base's (a VPC endpoint) is its region's only.
 */
function sharedEndpoint(base: AwsClients): {endpoint?: string} {
  const e = base.target.endpoint;
  return e !== undefined && (base.target.kind === 'local' || /^https?:\/\/(127\.|localhost[:/]|\[::1\])/.test(e)) ? {endpoint: e} : {};
}

/** How long each set of role credentials lasts. */
const SESSION_SECONDS = 3600;
/** A set this close to its expiry is replaced (the SDK's own margin, so its clients never sign with a stale one). */
const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * A credential provider for the role in the target account, from `base`'s own credentials and STS (the local
 * fleet's when `base` is on it). Every client shares one set until five minutes before its expiration, as the SDK's
 * own providers do; the SDK's clients, seeing the expiration, ask for the next one then.
 */
export function assumedCredentials(base: AwsClients, target: AssumeTarget, now: () => number = Date.now): CredentialProvider & {close(): void} {
  const sts = new STSClient({
    region: base.target.region || target.region,
    ...sharedEndpoint(base),
    credentials: base.ssm.config.credentials,
    maxAttempts: 3,
  });
  // One set for every client of the context (SSM, its single-attempt twin, EC2): asked again only near its expiry.
  let current: Promise<Awaited<ReturnType<CredentialProvider>>> | undefined;
  const fresh = async () => {
    const res = await sts.send(new AssumeRoleCommand({
      RoleArn: roleArn(target.accountId, target.roleName), RoleSessionName: 'fleetdeck', DurationSeconds: SESSION_SECONDS,
    }));
    const c = res.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`STS gave no credentials for ${roleArn(target.accountId, target.roleName)}`);
    return {accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, ...(c.SessionToken ? {sessionToken: c.SessionToken} : {}),
      ...(c.Expiration ? {expiration: c.Expiration} : {}), accountId: target.accountId};
  };
  const provider = async () => {
    const asked = current;
    const held = await asked?.catch(() => undefined);
    if (held && (held.expiration === undefined || held.expiration.getTime() - now() > REFRESH_MARGIN_MS)) return held;
    // The first caller to find the set missing, failed or stale asks STS; the others wait for that answer.
    const next = current === asked ? fresh() : current ?? fresh();
    current = next;
    return next;
  };
  return Object.assign(provider, {close: () => sts.destroy()});
}

/**
 * The clients of a node's account and region as the role sees them. The role is assumed once here (a role that
 * cannot be assumed is the caller's error now, not a failed first call later); `roleName` undefined uses `base`'s
 * own credentials in that region (the management account itself). `middleware`: the context's request budget.
 */
export async function assumedClients(base: AwsClients, target: Omit<AssumeTarget, 'roleName'> & {roleName?: string},
  middleware?: ClientOptions['middleware']): Promise<AwsClients> {
  const role = target.roleName === undefined ? undefined : assumedCredentials(base, {...target, roleName: target.roleName});
  const credentials = role ?? base.ssm.config.credentials;
  const aws = createAwsClients({
    kind: base.target.kind, region: target.region,
    ...sharedEndpoint(base),
    credentials: credentials as CredentialProvider,
    ...(middleware ? {middleware} : {}),
  });
  aws.target.accountId = target.accountId;
  if (aws.target.kind === 'aws') {
    aws.target.label = [target.accountId, target.region, role ? `role ${target.roleName ?? ''}` : undefined, sharedEndpoint(base).endpoint]
      .filter(Boolean).join(' · ');
  }
  try {
    await aws.ssm.config.credentials();
  } catch (e) {
    aws.destroy();
    role?.close();
    throw e;
  }
  const destroy = aws.destroy.bind(aws);
  return Object.assign(aws, {destroy: () => {
    destroy();
    role?.close();
  }});
}
