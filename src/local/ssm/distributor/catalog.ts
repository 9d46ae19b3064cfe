// Amazon's Distributor packages in the local fleet: Package documents owned by Amazon, one document version per
// package version (VersionName = the manifest's version), each holding a schema 2.0 manifest. The names are AWS's
// (AmazonCloudWatchAgent, AWSCodeDeployAgent, AWSPVDriver, AwsEnaNetworkDriver, AwsVssComponents: Distributor user
// guide); versions match what the local fleet's inventory reports, dates and checksums are fixed local values.
// They are registered in the fleet's document store (document-store.ts) beside the Amazon Command documents.

import {createHash} from 'node:crypto';
import type {PlatformType} from '../../model/fleet-catalog.js';
import type {DocumentRecord, DocumentVersion} from '../documents/document-store.js';

const DAY = 86_400_000;
const FIRST_VERSION_AT = Date.UTC(2024, 0, 15);
const LINUX = ['amazon', 'redhat', 'ubuntu'] as const;

interface AmazonPackage {
  name: string;
  description: string;
  /** Oldest first; the last is the default. */
  versions: readonly string[];
  platforms: readonly string[];
  arches: readonly string[];
}

const PACKAGES: readonly AmazonPackage[] = [
  {name: 'AmazonCloudWatchAgent', description: 'Amazon CloudWatch Agent', versions: ['1.300032.2', '1.300042.1', '1.300049.1'], platforms: [...LINUX, 'windows'], arches: ['x86_64', 'arm64']},
  {name: 'AWSCodeDeployAgent', description: 'AWS CodeDeploy agent', versions: ['1.6.0', '1.7.0', '1.7.1'], platforms: [...LINUX, 'windows'], arches: ['x86_64', 'arm64']},
  {name: 'AWSPVDriver', description: 'AWS PV drivers for Windows', versions: ['8.4.2', '8.4.3'], platforms: ['windows'], arches: ['x86_64']},
  {name: 'AwsEnaNetworkDriver', description: 'Elastic Network Adapter driver for Windows', versions: ['2.5.0', '2.6.0'], platforms: ['windows'], arches: ['x86_64']},
  {name: 'AwsVssComponents', description: 'AWS VSS components for application-consistent snapshots', versions: ['2.3.1', '2.4.0'], platforms: ['windows'], arches: ['x86_64']},
];

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

function manifest(pkg: AmazonPackage, version: string): string {
  const packages: Record<string, Record<string, Record<string, {file: string}>>> = {};
  const files: Record<string, {checksums: {sha256: string}}> = {};
  for (const platform of pkg.platforms) {
    const byArch: Record<string, {file: string}> = {};
    for (const arch of pkg.arches) {
      const file = `${pkg.name}-${platform}-${arch}.zip`;
      byArch[arch] = {file};
      files[file] = {checksums: {sha256: sha256(`${file}@${version}`)}};
    }
    packages[platform] = {_any: byArch};
  }
  return JSON.stringify({schemaVersion: '2.0', version, publisher: 'Amazon Web Services', packages, files}, null, 2);
}

function platformTypes(pkg: AmazonPackage): PlatformType[] {
  const out: PlatformType[] = [];
  if (pkg.platforms.includes('windows')) out.push('Windows');
  if (pkg.platforms.some((p) => p !== 'windows')) out.push('Linux');
  return out;
}

function packageRecord(pkg: AmazonPackage, index: number): DocumentRecord {
  const types = platformTypes(pkg);
  const versions = new Map<string, DocumentVersion>();
  pkg.versions.forEach((v, i) => {
    const number = String(i + 1);
    const content = manifest(pkg, v);
    const createdAt = FIRST_VERSION_AT + (index * 7 + i * 60) * DAY;
    const parsed = {schemaVersion: '2.0', description: pkg.description, parameters: {}, platformTypes: types, plugins: {}};
    versions.set(number, {
      version: number, versionName: v, content, format: 'JSON', createdAt, hash: sha256(content), parsed,
      doc: {name: pkg.name, ...parsed, content},
    });
  });
  const latest = pkg.versions.length;
  return {
    name: pkg.name, owner: 'Amazon', documentType: 'Package', targetType: undefined, createdAt: FIRST_VERSION_AT + index * 7 * DAY,
    tags: [], versions, latest, issued: latest, defaultVersion: String(latest), sharedWith: new Map(),
  };
}

/** Fresh records (each fleet's document store gets its own). */
export function amazonPackageRecords(): DocumentRecord[] {
  return PACKAGES.map(packageRecord);
}
