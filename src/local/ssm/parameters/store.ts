// The local fleet's Parameter Store: every parameter with its versions (oldest first), labels, policies and tags.
// Values of SecureString versions are held only as ciphertext (see keys.ts). One store per fleet, seeded on first
// use (seed.ts); the operations (reads.ts, writes.ts, tags.ts) are the only writers.

import type {FleetModel} from '../../model/fleet-model.js';
import {LocalKms} from './keys.js';
import {noteSecret} from '../../secret-ledger.js';

export type ParameterType = 'String' | 'StringList' | 'SecureString';
export type ParameterTier = 'Standard' | 'Advanced';
export const PARAMETER_TYPES: readonly ParameterType[] = ['String', 'StringList', 'SecureString'];

export interface StoredPolicy {
  readonly type: 'Expiration' | 'ExpirationNotification' | 'NoChangeNotification';
  /** The policy JSON as given, as PolicyText returns it. */
  readonly text: string;
  /** For Expiration: when the parameter is deleted (epoch ms). */
  readonly expiresAt?: number;
}

/** A value as stored: plain text for String/StringList, ciphertext only for SecureString. */
export type StoredValue = {readonly plain: string} | {readonly sealed: Buffer};

export interface StoredVersion {
  readonly version: number;
  readonly value: StoredValue;
  readonly type: ParameterType;
  readonly keyId: string | undefined;
  readonly description: string | undefined;
  readonly allowedPattern: string | undefined;
  readonly tier: ParameterTier;
  readonly policies: readonly StoredPolicy[];
  readonly dataType: string;
  readonly lastModified: number;
  readonly lastModifiedUser: string;
  /** Labels move between versions, so they are the one mutable part of a version. */
  labels: string[];
}

export interface StoredParameter {
  readonly name: string;
  /** Oldest first; at most MAX_VERSIONS kept. */
  readonly versions: StoredVersion[];
  readonly tags: Map<string, string>;
  /** Public parameters (`/aws/service/…`) are owned by AWS: readable by path and name, never listed or changed. */
  readonly isPublic: boolean;
}

export const MAX_VERSIONS = 100;

export function latest(p: StoredParameter): StoredVersion {
  const v = p.versions[p.versions.length - 1];
  if (v === undefined) throw new Error(`parameter ${p.name} has no version`);
  return v;
}

export class ParameterStore {
  readonly kms: LocalKms;
  private readonly byName = new Map<string, StoredParameter>();
  private sortedCache: StoredParameter[] | undefined;
  /** Parameters whose latest version has an Expiration: the only ones a listing must check for expiry. */
  private readonly expiring = new Set<StoredParameter>();
  /** Lists by filters that read names only (Name, Path), for the names listed now: a page is a slice, not a scan. */
  private readonly byNames = new Map<string, readonly StoredParameter[]>();

  constructor(
    readonly region: string,
    readonly accountId: string,
    kms: LocalKms = new LocalKms(),
  ) {
    this.kms = kms;
  }

  /** The parameter, after deleting it if an Expiration policy has passed (SSM enforces expiry asynchronously). */
  get(name: string, now: number): StoredParameter | undefined {
    const p = this.byName.get(name);
    if (p === undefined) return undefined;
    if (expired(p, now)) {
      this.delete(name);
      return undefined;
    }
    return p;
  }

  /** Every live parameter, sorted by name. */
  all(now: number): readonly StoredParameter[] {
    for (const p of [...this.expiring]) if (expired(p, now)) this.delete(p.name);
    this.sortedCache ??= [...this.byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return this.sortedCache;
  }

  /**
   * The live parameters that pass `keep`, sorted by name, for a filter that reads only names (`key` names it): kept
   * until a parameter is created or deleted, so paging through thousands costs one scan, not one a page.
   */
  allByName(now: number, key: string, keep: (p: StoredParameter) => boolean): readonly StoredParameter[] {
    const sorted = this.all(now);
    let list = this.byNames.get(key);
    if (list === undefined) {
      list = sorted.filter(keep);
      this.byNames.set(key, list);
    }
    return list;
  }

  /** Adds a version (the only way one is added): an Expiration on it makes the parameter one to check. */
  pushVersion(p: StoredParameter, v: StoredVersion): void {
    p.versions.push(v);
    if (v.policies.some((pol) => pol.expiresAt !== undefined)) this.expiring.add(p);
    else this.expiring.delete(p);
  }

  create(name: string, isPublic = false): StoredParameter {
    const p: StoredParameter = {name, versions: [], tags: new Map(), isPublic};
    this.byName.set(name, p);
    this.changedNames();
    return p;
  }

  delete(name: string): boolean {
    const p = this.byName.get(name);
    if (p === undefined) return false;
    this.byName.delete(name);
    this.expiring.delete(p);
    this.changedNames();
    return true;
  }

  private changedNames(): void {
    this.sortedCache = undefined;
    this.byNames.clear();
  }

  get size(): number {
    return this.byName.size;
  }

  /** The ARN: public parameters have no account; a name without a leading slash gets one after `parameter`. */
  arn(p: StoredParameter): string {
    const tail = p.name.startsWith('/') ? p.name.slice(1) : p.name;
    return `arn:aws:ssm:${this.region}:${p.isPublic ? '' : this.accountId}:parameter/${tail}`;
  }

  seal(name: string, type: ParameterType, text: string): StoredValue {
    if (type === 'SecureString') noteSecret(text);
    return type === 'SecureString' ? {sealed: this.kms.encrypt(text, name)} : {plain: text};
  }

  /** The value as a read returns it: SecureString ciphertext (base64) unless decrypted. */
  valueOf(name: string, v: StoredVersion, decrypt: boolean): string {
    if ('plain' in v.value) return v.value.plain;
    return decrypt ? this.kms.decrypt(v.value.sealed, name) : v.value.sealed.toString('base64');
  }
}

function expired(p: StoredParameter, now: number): boolean {
  const v = p.versions[p.versions.length - 1];
  return v !== undefined && v.policies.some((pol) => pol.expiresAt !== undefined && pol.expiresAt <= now);
}

// ---- per-fleet stores ----

const STORES = new WeakMap<FleetModel, ParameterStore>();

/** The Parameter Store of a fleet, built and seeded on first use. */
export function parameterStoreOf(model: FleetModel, seed: (store: ParameterStore, model: FleetModel) => void): ParameterStore {
  let store = STORES.get(model);
  if (store === undefined) {
    store = new ParameterStore(model.region, model.accountId);
    seed(store, model);
    STORES.set(model, store);
  }
  return store;
}
