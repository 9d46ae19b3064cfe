// The identities one account of the local fleet accepts: the credentials it generates at start (the IAM user
// `fleetdeck`), any more a tool or test asks for (FleetdeckLocal.CreateCaller), so another operator's sessions can
// exist beside yours, and the temporary credentials of roles assumed into the account (STS AssumeRole). The access
// key a request is signed with says who called.

import {createHash} from 'node:crypto';
import {noteSecret} from './secret-ledger.js';
import type {FleetCredentials} from './protocol/sigv4.js';

/** An IAM user name: 1–64 of letters, digits and `+=,.@_-`. */
export const IAM_USER_NAME = /^[\w+=,.@-]{1,64}$/;

/** Who signed a request, as STS GetCallerIdentity reports it. */
export interface CallerIdentity {
  /** The IAM user name, or an assumed role's session name (session ids start with it). */
  userName: string;
  arn: string;
  /** AIDA… for a user, AROA…:<session> for an assumed role. */
  userId: string;
}

interface Caller extends CallerIdentity {
  credentials: FleetCredentials;
  /** Epoch ms after which the credentials are expired (assumed roles only). */
  expiresAt?: number;
}

/** A stable unique id in IAM's form: a 4-letter prefix and 17 upper-case letters and digits. */
function uniqueId(prefix: string, ...parts: string[]): string {
  const digest = createHash('sha256').update(parts.join('\0')).digest();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return prefix + [...digest.subarray(0, 17)].map((b) => alphabet[b % 32] ?? 'A').join('');
}

export class CallerIdentities {
  private readonly byKey = new Map<string, Caller>();

  constructor(
    readonly accountId: string,
    private readonly generate: () => FleetCredentials,
    primary: {credentials: FleetCredentials; userName: string},
  ) {
    this.addUser(primary.credentials, primary.userName);
  }

  private addUser(credentials: FleetCredentials, userName: string): void {
    this.byKey.set(credentials.accessKeyId, {
      credentials, userName, arn: `arn:aws:iam::${this.accountId}:user/${userName}`, userId: uniqueId('AIDA', this.accountId, userName),
    });
  }

  private fresh(): FleetCredentials {
    const credentials = this.generate();
    // Like the fleet's own credentials: the suite checks that no log or audit file ever holds them.
    noteSecret(credentials.secretAccessKey);
    noteSecret(credentials.sessionToken);
    return credentials;
  }

  /** New credentials for the IAM user `userName` (a valid name; the caller checks it). */
  create(userName: string): FleetCredentials {
    const credentials = this.fresh();
    this.addUser(credentials, userName);
    return credentials;
  }

  /** Temporary credentials of `roleName` in this account for the session `sessionName`, valid until `expiresAt`. */
  assumeRole(roleName: string, sessionName: string, expiresAt: number): {credentials: FleetCredentials; identity: CallerIdentity} {
    const credentials = this.fresh();
    const roleId = uniqueId('AROA', this.accountId, roleName);
    const identity: CallerIdentity = {
      userName: sessionName,
      arn: `arn:aws:sts::${this.accountId}:assumed-role/${roleName}/${sessionName}`,
      userId: `${roleId}:${sessionName}`,
    };
    this.byKey.set(credentials.accessKeyId, {...identity, credentials, expiresAt});
    return {credentials, identity};
  }

  credentials(accessKeyId: string): FleetCredentials | undefined {
    return this.byKey.get(accessKeyId)?.credentials;
  }

  /** Who signed with `accessKeyId`: the user name, its ARN and unique id. */
  caller(accessKeyId: string): CallerIdentity | undefined {
    const c = this.byKey.get(accessKeyId);
    return c === undefined ? undefined : {userName: c.userName, arn: c.arn, userId: c.userId};
  }

  /** True when the key's temporary credentials are past their expiration. */
  isPastExpiry(accessKeyId: string, now: number): boolean {
    const expiresAt = this.byKey.get(accessKeyId)?.expiresAt;
    return expiresAt !== undefined && now >= expiresAt;
  }
}
