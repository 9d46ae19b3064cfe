// What Distributor installed on or removed from each local node, per fleet. The node's inventory (AWS:Application)
// is its generated software with these changes laid over it (overlay.ts), so a reinstall, an uninstall of
// generated software and a later inventory query all agree.

import {perModel, type PerModel} from '../../model/per-model.js';

export interface InstalledPackage {
  packageName: string;
  /** The AWS:Application Name it shows under. */
  inventoryName: string;
  version: string;
  publisher: string;
  description: string;
  /** Epoch ms. */
  at: number;
}

export class InstalledPackages {
  /** instance id → inventory name → what is installed now (undefined: removed). */
  private readonly byNode = new Map<string, Map<string, InstalledPackage | undefined>>();

  /** The changes made on a node (empty when none). */
  changes(instanceId: string): ReadonlyMap<string, InstalledPackage | undefined> {
    return this.byNode.get(instanceId) ?? new Map();
  }

  set(instanceId: string, inventoryName: string, pkg: InstalledPackage | undefined): void {
    let node = this.byNode.get(instanceId);
    if (node === undefined) {
      node = new Map();
      this.byNode.set(instanceId, node);
    }
    node.set(inventoryName, pkg);
  }
}

export const installedPackages: PerModel<InstalledPackages> = perModel(() => new InstalledPackages());
