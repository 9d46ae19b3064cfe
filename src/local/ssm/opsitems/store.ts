// The local fleet's OpsCenter: every OpsItem, newest first, one store per fleet, seeded on first use (seed.ts).

import {randomBytes} from 'node:crypto';
import type {FleetModel} from '../../model/fleet-model.js';
import {seedOpsItems} from './seed.js';
import {perModel, type PerModel} from '../../model/per-model.js';

export interface StoredDataValue {
  value: string;
  type: 'SearchableString' | 'String';
}

export interface StoredOpsItem {
  readonly opsItemId: string;
  title: string;
  description: string;
  readonly source: string;
  status: string;
  priority: number | undefined;
  severity: string | undefined;
  category: string | undefined;
  readonly opsItemType: string;
  readonly createdTime: number;
  lastModifiedTime: number;
  readonly createdBy: string;
  lastModifiedBy: string;
  /** Insertion order is kept. */
  readonly operationalData: Map<string, StoredDataValue>;
  relatedOpsItems: string[];
  notifications: string[];
  version: number;
  /** Creation order; lists page on it. */
  readonly seq: number;
}

export type NewStoredOpsItem = Omit<StoredOpsItem, 'seq' | 'opsItemId' | 'version'> & {opsItemId?: string};

export class OpsItemStore {
  private readonly byId = new Map<string, StoredOpsItem>();
  private nextSeq = 0;

  constructor(model: FleetModel) {
    for (const item of seedOpsItems(model)) this.add(item);
  }

  add(item: NewStoredOpsItem): StoredOpsItem {
    let id = item.opsItemId;
    while (id === undefined || this.byId.has(id)) id = `oi-${randomBytes(6).toString('hex')}`;
    const stored: StoredOpsItem = {...item, opsItemId: id, version: 1, seq: this.nextSeq++};
    this.byId.set(id, stored);
    return stored;
  }

  get(opsItemId: string): StoredOpsItem | undefined {
    return this.byId.get(opsItemId);
  }

  /** Newest first. */
  all(): StoredOpsItem[] {
    return [...this.byId.values()].sort((a, b) => b.seq - a.seq);
  }
}

export const opsItemStoreFor: PerModel<OpsItemStore> = perModel((model) => new OpsItemStore(model));
