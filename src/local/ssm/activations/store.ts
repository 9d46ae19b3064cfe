// The local fleet's hybrid activations: one store per fleet, seeded from the generated hybrid nodes (each seeded
// activation is the one its nodes registered with, long expired, as on an account that has run for a while) plus
// one live activation nobody has used yet. Codes are kept only as SHA-256 digests, so nothing can log them.

import {createHash, randomBytes, randomUUID, timingSafeEqual} from 'node:crypto';
import type {FleetModel} from '../../model/fleet-model.js';
import {Prng} from '../../model/prng.js';
import {perModel, type PerModel} from '../../model/per-model.js';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
const CODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export interface StoredActivation {
  readonly activationId: string;
  readonly codeDigest: Buffer;
  readonly description: string | undefined;
  readonly defaultInstanceName: string | undefined;
  readonly iamRole: string;
  readonly registrationLimit: number;
  registrationsCount: number;
  /** Epoch ms. */
  readonly expirationDate: number;
  readonly createdDate: number;
  readonly tags: readonly (readonly [string, string])[];
  readonly registrationMetadata: readonly (readonly [string, string])[];
  /** Creation order: DescribeActivations lists oldest first and pages on it. */
  readonly seq: number;
}

function digest(code: string): Buffer {
  return createHash('sha256').update(code, 'utf8').digest();
}

/** A 20-character code from the alphabet SSM's codes use. */
export function newActivationCode(): string {
  const bytes = randomBytes(20);
  let out = '';
  for (const b of bytes) out += CODE_ALPHABET[b % CODE_ALPHABET.length] ?? 'A';
  return out;
}

function uuidFrom(rng: Prng): string {
  const h = rng.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export class ActivationStore {
  private readonly byId = new Map<string, StoredActivation>();
  private nextSeq = 0;

  constructor(model: FleetModel) {
    this.seed(model);
  }

  private seed(model: FleetModel): void {
    const groups = new Map<string, {first: number; count: number; role: string}>();
    for (const n of model.hybridNodes()) {
      if (n.activationId === undefined) continue;
      const g = groups.get(n.activationId);
      const registered = n.registrationDate ?? model.generatedAt;
      if (g === undefined) groups.set(n.activationId, {first: registered, count: 1, role: n.iamRole ?? 'SSMServiceRole'});
      else {
        g.count++;
        g.first = Math.min(g.first, registered);
      }
    }
    const rng = new Prng(`fleetdeck-activations:${model.seed}`);
    const seeded = [...groups.entries()].sort((a, b) => a[1].first - b[1].first);
    seeded.forEach(([activationId, g], i) => {
      const created = g.first - HOUR;
      this.insert({
        activationId,
        // Long expired: nobody can register with it, so a derived code is harmless.
        codeDigest: digest(rng.hex(20)),
        description: `On-premises rollout, wave ${i + 1}`,
        defaultInstanceName: `onprem-wave-${i + 1}`,
        iamRole: g.role,
        registrationLimit: 10 * Math.ceil(g.count / 10),
        registrationsCount: g.count,
        expirationDate: created + 30 * DAY,
        createdDate: created,
        tags: [['Wave', String(i + 1)]],
        registrationMetadata: [],
      });
    });
    const created = model.generatedAt - 2 * HOUR;
    this.insert({
      activationId: uuidFrom(rng),
      codeDigest: digest(newActivationCode()),
      description: 'Edge gateways awaiting rollout',
      defaultInstanceName: 'edge-gateway',
      iamRole: 'SSMServiceRole',
      registrationLimit: 5,
      registrationsCount: 0,
      expirationDate: created + 14 * DAY,
      createdDate: created,
      tags: [['Site', 'edge'], ['Env', 'prod']],
      registrationMetadata: [],
    });
  }

  private insert(a: Omit<StoredActivation, 'seq'>): StoredActivation {
    const stored: StoredActivation = {...a, seq: this.nextSeq++};
    this.byId.set(stored.activationId, stored);
    return stored;
  }

  /** Creates an activation; the code is returned once and only its digest is kept. */
  create(a: Omit<StoredActivation, 'seq' | 'codeDigest' | 'activationId' | 'registrationsCount'>): {activation: StoredActivation; code: string} {
    const code = newActivationCode();
    const activation = this.insert({...a, activationId: randomUUID(), codeDigest: digest(code), registrationsCount: 0});
    return {activation, code};
  }

  get(activationId: string): StoredActivation | undefined {
    return this.byId.get(activationId);
  }

  delete(activationId: string): boolean {
    return this.byId.delete(activationId);
  }

  /** Oldest first. */
  all(): StoredActivation[] {
    return [...this.byId.values()].sort((a, b) => a.seq - b.seq);
  }

  codeMatches(a: StoredActivation, code: string): boolean {
    return timingSafeEqual(a.codeDigest, digest(code));
  }
}

export const activationStoreFor: PerModel<ActivationStore> = perModel((model) => new ActivationStore(model));
