// What Patch Manager knows about the local fleet's patches: the facts baseline rules filter on (product,
// classification, severity or priority and section, release date) for a node's reported patches, and the catalog
// of available patches per product (the newest build of each package the platforms ship, and the Windows updates).
import {createHash} from 'node:crypto';
import type {PatchFacts} from '../../../fleet/baselines/baseline.js';
import type {FleetModel, FleetNode} from '../../model/fleet-model.js';
import {PLATFORM_PACKAGES, type PackageSpec, type PlatformPackages} from '../inventory/inventory-catalog.js';
import {platformPackages} from '../inventory/inventory-data.js';
import {CVES, vendorSeverity, WINDOWS_UPDATES, type Patch} from '../compliance/patch-data.js';
import {Prng} from '../../model/prng.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Patch Manager's PRODUCT value for a platform (inventory-catalog's key, or a Windows platform name). */
function productOfPlatform(key: string): string {
  if (key.startsWith('Microsoft Windows Server')) return `WindowsServer${/\d{4}/.exec(key)?.[0] ?? '2022'}`;
  if (key.startsWith('Amazon Linux')) return `AmazonLinux${key.slice('Amazon Linux '.length)}`;
  if (key.startsWith('Red Hat Enterprise Linux')) return `RedhatEnterpriseLinux${key.slice('Red Hat Enterprise Linux '.length)}`;
  return key.replace(' ', '');
}

export function nodeProduct(node: FleetNode): string {
  return productOfPlatform(node.platformType === 'Windows' ? node.platformName : `${node.platformName} ${node.platformVersion}`);
}

/** When a patch was released: stable per fleet and title, up to 60 days before the fleet's clock. */
export function releaseTimeOf(model: FleetModel, title: string): number {
  return model.generatedAt - new Prng(`${model.seed}:release:${title}`).int(HOUR, 60 * DAY);
}

/** Debian priorities stand in for severity: security updates are Required or Important, the rest Optional. */
function debPriority(classification: string, severity: string): string {
  if (classification !== 'Security') return 'Optional';
  return severity === 'Critical' || severity === 'Important' ? 'Required' : 'Important';
}

function linuxAttributes(spec: PlatformPackages, product: string, name: string, classification: string, severity: string): PatchFacts['attributes'] {
  if (spec.family !== 'deb') return {PRODUCT: product, CLASSIFICATION: classification, SEVERITY: severity};
  const section = [...spec.base, ...spec.variable].find((p) => p[0] === name)?.[3] ?? 'misc';
  return {PRODUCT: product, SECTION: section, PRIORITY: debPriority(classification, severity)};
}

/** The facts of one of a node's reported patches. */
export function factsOf(model: FleetModel, node: FleetNode, patch: Patch): PatchFacts {
  const product = nodeProduct(node);
  const releaseTime = releaseTimeOf(model, patch.title);
  if (node.platformType === 'Windows') {
    return {
      id: patch.kbId, name: patch.kbId, title: patch.title, releaseTime,
      attributes: {PRODUCT: product, PRODUCT_FAMILY: 'Windows', PATCH_SET: 'OS', CLASSIFICATION: patch.classification, MSRC_SEVERITY: patch.severity},
    };
  }
  const dot = patch.kbId.lastIndexOf('.');
  const name = dot < 0 ? patch.kbId : patch.kbId.slice(0, dot);
  return {id: patch.kbId, name, title: patch.title, releaseTime, attributes: linuxAttributes(platformPackages(node), product, name, patch.classification, patch.severity)};
}

/** One entry of the available-patches catalog. */
export interface CatalogPatch {
  /** A GUID for Windows updates; `name.arch:epoch:version-release` for packages. */
  patchId: string;
  facts: PatchFacts;
  vendor: string;
  kbNumber: string;
  cveIds: string;
  /** Linux package fields. */
  pkg?: {name: string; epoch: string; version: string; release: string; arch: string; repository: string};
}

function guid(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function packagePatch(model: FleetModel, spec: PlatformPackages, product: string, p: PackageSpec, security: boolean): CatalogPatch {
  const [name, versions, , , epoch = '0'] = p;
  const vr = (versions[0] ?? '').replace(/^\d+:/, '');
  const dash = vr.lastIndexOf('-');
  const arch = spec.family === 'deb' ? 'amd64' : 'x86_64';
  const title = `${name}.${arch}:${epoch}:${vr}`;
  const classification = security ? 'Security' : 'Bugfix';
  const severity = vendorSeverity(name, false);
  return {
    patchId: title, vendor: spec.publisher, kbNumber: '', cveIds: security ? (CVES[name] ?? '') : '',
    facts: {id: `${name}.${arch}`, name, title, releaseTime: releaseTimeOf(model, title), attributes: linuxAttributes(spec, product, name, classification, severity)},
    pkg: {name, epoch, version: dash < 0 ? vr : vr.slice(0, dash), release: dash < 0 ? '' : vr.slice(dash + 1), arch, repository: spec.family === 'deb' ? `${product}-security` : 'amazonlinux'},
  };
}

/** Every available patch, Windows updates first (per product), then packages per product; cached per fleet version. */
export function patchCatalog(model: FleetModel): readonly CatalogPatch[] {
  return model.memo('baselines:catalog', () => {
    const out: CatalogPatch[] = [];
    for (const product of ['WindowsServer2019', 'WindowsServer2022']) {
      for (const [kb, title, classification, severity] of WINDOWS_UPDATES) {
        out.push({
          patchId: guid(`${product}:${kb}`), vendor: 'Microsoft', kbNumber: kb, cveIds: classification === 'SecurityUpdates' ? 'CVE-2024-43572,CVE-2024-43573' : '',
          facts: {id: kb, name: kb, title, releaseTime: releaseTimeOf(model, title), attributes: {PRODUCT: product, PRODUCT_FAMILY: 'Windows', PATCH_SET: 'OS', CLASSIFICATION: classification, MSRC_SEVERITY: severity}},
        });
      }
    }
    for (const [key, spec] of Object.entries(PLATFORM_PACKAGES)) {
      if (spec.family === 'win') continue;
      const product = productOfPlatform(key);
      for (const p of spec.base) out.push(packagePatch(model, spec, product, p, false));
      for (const p of spec.variable) out.push(packagePatch(model, spec, product, p, true));
    }
    return out;
  });
}
