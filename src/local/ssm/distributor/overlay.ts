// A node's AWS:Application rows with Distributor's installs and uninstalls laid over its generated software.

import type {FleetModel, FleetNode} from '../../model/fleet-model.js';
import type {Row} from '../inventory/host-inventory.js';
import {isoSeconds} from '../../protocol/list-paging.js';
import {installedPackages, type InstalledPackage} from './installed.js';

function row(node: FleetNode, p: InstalledPackage): Row {
  const windows = node.platformType === 'Windows';
  const arm = node.ec2?.architecture === 'arm64';
  return {
    Name: p.inventoryName, ApplicationType: windows ? '' : 'Applications/System', Publisher: p.publisher, Version: p.version,
    Release: '', Epoch: '', InstalledTime: isoSeconds(p.at), Architecture: windows ? 'x86_64' : arm ? 'aarch64' : 'x86_64',
    URL: '', Summary: windows ? '' : p.description, PackageId: '',
  };
}

export function withDistributorPackages(model: FleetModel, node: FleetNode, rows: readonly Row[]): readonly Row[] {
  const changes = installedPackages.peek(model)?.changes(node.instanceId);
  if (changes === undefined || changes.size === 0) return rows;
  const out = rows.filter((r) => !changes.has(r['Name'] ?? ''));
  for (const p of changes.values()) if (p !== undefined) out.push(row(node, p));
  return out.sort((a, b) => ((a['Name'] ?? '') < (b['Name'] ?? '') ? -1 : (a['Name'] ?? '') > (b['Name'] ?? '') ? 1 : 0));
}
