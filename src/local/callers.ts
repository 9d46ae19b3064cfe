// The identities the local fleet accepts: the credentials it generates at start (the IAM user `fleetdeck`) and any
// more a tool or test asks for (FleetdeckLocal.CreateCaller), so another operator's sessions can exist beside
// yours. Each is an IAM user of the fleet's account; the access key a request is signed with says who called.

import {noteSecret} from './secret-ledger.js';
import type {FleetCredentials} from './protocol/sigv4.js';

/** An IAM user name: 1–64 of letters, digits and `+=,.@_-`. */
export const IAM_USER_NAME = /^[\w+=,.@-]{1,64}$/;

interface Caller {
  credentials: FleetCredentials;
  userName: string;
  arn: string;
}

export class CallerIdentities {
  private readonly byKey = new Map<string, Caller>();

  constructor(
    private readonly accountId: string,
    private readonly generate: () => FleetCredentials,
    primary: {credentials: FleetCredentials; userName: string},
  ) {
    this.add(primary.credentials, primary.userName);
  }

  private add(credentials: FleetCredentials, userName: string): void {
    this.byKey.set(credentials.accessKeyId, {credentials, userName, arn: `arn:aws:iam::${this.accountId}:user/${userName}`});
  }

  /** New credentials for the IAM user `userName` (a valid name; the caller checks it). */
  create(userName: string): FleetCredentials {
    const credentials = this.generate();
    // Like the fleet's own credentials: the suite checks that no log or audit file ever holds them.
    noteSecret(credentials.secretAccessKey);
    noteSecret(credentials.sessionToken);
    this.add(credentials, userName);
    return credentials;
  }

  credentials(accessKeyId: string): FleetCredentials | undefined {
    return this.byKey.get(accessKeyId)?.credentials;
  }

  /** Who signed with `accessKeyId`: the user name and its ARN. */
  caller(accessKeyId: string): {userName: string; arn: string} | undefined {
    const c = this.byKey.get(accessKeyId);
    return c === undefined ? undefined : {userName: c.userName, arn: c.arn};
  }
}
