// The accounts and regions a local fleet serves. Each account has its own credentials (its own IAM users and the
// roles assumed into it); each (account, region) is a partition with its own nodes and stores, as Systems Manager
// keeps them. A request's partition is the account whose access key signed it and the region of its credential
// scope, as AWS decides it.

import {CallerIdentities, type CallerIdentity} from './callers.js';
import {generateFleet, type FleetModel} from './model/fleet-model.js';
import {Prng} from './model/prng.js';
import type {FleetCredentials} from './protocol/sigv4.js';
import {SESSION_OWNER_NAME} from './ssm/sessions/session-service.js';

export interface FleetAccount {
  /** 1-based, in the order the fleet lists them. */
  readonly index: number;
  readonly accountId: string;
  /** The credentials generated at start for the account's IAM user `fleetdeck`. */
  readonly credentials: FleetCredentials;
  readonly callers: CallerIdentities;
}

export interface Partition {
  /** `accountId:region` */
  readonly key: string;
  readonly account: FleetAccount;
  readonly region: string;
  readonly model: FleetModel;
}

/** `accountId:region`, the key of a partition (and of its request counts). */
export function partitionKey(accountId: string, region: string): string {
  return `${accountId}:${region}`;
}

/** Twelve digits, not starting with 0, distinct from `taken`: the same for the same seed and index. */
function drawAccountId(seed: string, index: number, taken: ReadonlySet<string>): string {
  const rng = new Prng(`fleetdeck-local-account:${seed}:${index}`);
  for (;;) {
    const id = `${rng.int(1, 9)}${String(rng.int(0, 99_999)).padStart(5, '0')}${String(rng.int(0, 999_999)).padStart(6, '0')}`;
    if (!taken.has(id)) return id;
  }
}

export interface PartitionPlan {
  accounts: number;
  regions: readonly string[];
  nodes: number | undefined;
  seed: number | string | undefined;
}

/**
 * The models of every partition. The first account's first region is exactly the single-account fleet of the seed;
 * the others are seeded from it, so the same options give the same fleet, and no instance id appears twice.
 */
export function generatePartitionModels(plan: PartitionPlan): {accountIds: string[]; models: FleetModel[][]} {
  const [firstRegion] = plan.regions;
  if (firstRegion === undefined) throw new Error('a local fleet serves at least one region');
  const first = generateFleet({nodes: plan.nodes, seed: plan.seed, region: firstRegion});
  const accountIds = [first.accountId];
  const taken = new Set(accountIds);
  for (let i = 2; i <= plan.accounts; i++) {
    const id = drawAccountId(first.seed, i, taken);
    taken.add(id);
    accountIds.push(id);
  }
  const seen = new Set<string>();
  const models = accountIds.map((accountId, a) => plan.regions.map((region, r) => {
    const model = a === 0 && r === 0 ? first : generateFleet({
      nodes: plan.nodes, seed: `${first.seed}/${a + 1}/${region}`, region, accountId, now: first.generatedAt,
    });
    if (plan.accounts * plan.regions.length > 1) for (const node of model.all()) {
      // 17 hex digits each, half of them random per seed: a clash is a 1 in 2^64 event, but it must not go unseen.
      if (seen.has(node.instanceId)) throw new Error(`instance id ${node.instanceId} drawn twice; choose another seed`);
      seen.add(node.instanceId);
    }
    return model;
  }));
  return {accountIds, models};
}

/** Every account of the fleet and which one an access key belongs to. */
export class FleetAccounts {
  readonly list: readonly FleetAccount[];
  private readonly expired = new Set<string>();

  constructor(accountIds: readonly string[], generate: () => FleetCredentials, primary?: FleetCredentials) {
    this.list = accountIds.map((accountId, i) => {
      const credentials = i === 0 && primary !== undefined ? primary : generate();
      return {index: i + 1, accountId, credentials, callers: new CallerIdentities(accountId, generate, {credentials, userName: SESSION_OWNER_NAME})};
    });
  }

  byId(accountId: string): FleetAccount | undefined {
    return this.list.find((a) => a.accountId === accountId);
  }

  /** The account an access key belongs to, and its caller. */
  byKey(accessKeyId: string): {account: FleetAccount; caller: CallerIdentity; credentials: FleetCredentials} | undefined {
    for (const account of this.list) {
      const credentials = account.callers.credentials(accessKeyId);
      const caller = account.callers.caller(accessKeyId);
      if (credentials !== undefined && caller !== undefined) return {account, caller, credentials};
    }
    return undefined;
  }

  credentials(accessKeyId: string): FleetCredentials | undefined {
    return this.byKey(accessKeyId)?.credentials;
  }

  /** Every key of the account answers ExpiredToken until restored (an SSO session that ran out). */
  expire(accountId: string): void {
    this.expired.add(this.require(accountId).accountId);
  }

  /** The account's keys work again (the user logged in again). */
  restore(accountId: string): void {
    this.expired.delete(this.require(accountId).accountId);
  }

  expiredAccounts(): string[] {
    return [...this.expired];
  }

  /** True when a request signed with `accessKeyId` must be refused as expired. */
  isExpired(accessKeyId: string, now: number): boolean {
    const found = this.byKey(accessKeyId);
    if (found === undefined) return false;
    return this.expired.has(found.account.accountId) || found.account.callers.isPastExpiry(accessKeyId, now);
  }

  private require(accountId: string): FleetAccount {
    const account = this.byId(accountId);
    if (account === undefined) throw new Error(`the local fleet has no account ${accountId}`);
    return account;
  }
}
