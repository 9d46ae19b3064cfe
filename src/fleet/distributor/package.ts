// Distributor packages in domain terms: a package (a Package document: Amazon's or the account's) and its versions,
// the manifest each version carries, the platform key a node matches in it, the AWS-ConfigureAWSPackage request
// that installs or uninstalls one, and the inventory (AWS:Application) name an installed package shows under.
// Shared by the app and by the local fleet, which installs packages on its nodes.

export const CONFIGURE_PACKAGE_DOCUMENT = 'AWS-ConfigureAWSPackage';
export const PACKAGE_ACTIONS = ['Install', 'Uninstall'] as const;
export type PackageAction = (typeof PACKAGE_ACTIONS)[number];
export const INSTALLATION_TYPES = ['Uninstall and reinstall', 'In-place update'] as const;
export type InstallationType = (typeof INSTALLATION_TYPES)[number];
/** A package name as AWS-ConfigureAWSPackage accepts it (or a package ARN when shared). */
export const PACKAGE_NAME = /^[a-zA-Z][a-zA-Z0-9\-_]{0,39}$/;
/** A manifest version: up to 128 letters, digits, `_ . -`. */
export const PACKAGE_VERSION = /^[A-Za-z0-9_.-]{1,128}$/;
/** Manifest keys that match any platform, platform version or architecture. */
export const ANY = '_any';

export interface PackageVersion {
  /** The manifest's version (the document's VersionName). */
  version: string;
  /** The document version that holds it. */
  documentVersion: string;
  /** Epoch ms. */
  createdDate: number;
  isDefault: boolean;
}

export interface DistributorPackage {
  name: string;
  /** 'Amazon' or the owning account id. */
  owner: string;
  description: string;
  platformTypes: string[];
  /** The default version's manifest version (what Install without a version installs). */
  defaultVersion: string;
  /** Epoch ms. */
  createdDate: number;
}

export interface PackageManifest {
  schemaVersion: string;
  version: string;
  publisher: string;
  /** platform → platform version → architecture → {file}. */
  packages: Record<string, Record<string, Record<string, {file: string}>>>;
  files: Record<string, {checksums: Record<string, string>}>;
}

type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A Package document's content as a manifest (schema 2.0), or what is wrong with it. */
export function parseManifest(content: string): {ok: true; manifest: PackageManifest} | {ok: false; error: string} {
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch {
    return {ok: false, error: 'The manifest is not JSON.'};
  }
  if (!isJson(doc)) return {ok: false, error: 'The manifest is not a JSON object.'};
  const {schemaVersion, version, publisher, packages, files} = doc;
  if (schemaVersion !== '2.0') return {ok: false, error: 'The manifest schemaVersion must be "2.0".'};
  if (typeof version !== 'string' || !PACKAGE_VERSION.test(version)) return {ok: false, error: 'The manifest version is up to 128 letters, digits, _ . and -.'};
  if (!isJson(packages) || Object.keys(packages).length === 0) return {ok: false, error: 'The manifest has no packages.'};
  const out: PackageManifest['packages'] = {};
  for (const [platform, versions] of Object.entries(packages)) {
    if (!isJson(versions)) return {ok: false, error: `packages.${platform} must map platform versions to architectures.`};
    out[platform] = {};
    for (const [pv, arches] of Object.entries(versions)) {
      if (!isJson(arches)) return {ok: false, error: `packages.${platform}.${pv} must map architectures to files.`};
      const byArch: Record<string, {file: string}> = {};
      for (const [arch, entry] of Object.entries(arches)) {
        const file = isJson(entry) ? entry['file'] : undefined;
        if (typeof file !== 'string') return {ok: false, error: `packages.${platform}.${pv}.${arch} needs a file.`};
        byArch[arch] = {file};
      }
      out[platform][pv] = byArch;
    }
  }
  const fileList: PackageManifest['files'] = {};
  if (isJson(files)) {
    for (const [name, entry] of Object.entries(files)) {
      const sums = isJson(entry) && isJson(entry['checksums']) ? entry['checksums'] : {};
      fileList[name] = {checksums: Object.fromEntries(Object.entries(sums).filter((e): e is [string, string] => typeof e[1] === 'string'))};
    }
  }
  return {ok: true, manifest: {schemaVersion, version, publisher: typeof publisher === 'string' ? publisher : '', packages: out, files: fileList}};
}

/** The manifest platform key of a node: the agent's platform name, lower case (amazon, ubuntu, redhat, windows…). */
export function manifestPlatformOf(node: {platformType: string; platformName: string}): string {
  if (node.platformType === 'Windows') return 'windows';
  if (node.platformType === 'MacOS') return 'darwin';
  const name = node.platformName.toLowerCase();
  if (name.startsWith('amazon')) return 'amazon';
  if (name.startsWith('red hat') || name.startsWith('rhel')) return 'redhat';
  if (name.startsWith('suse') || name.startsWith('sles')) return 'suse';
  return name.split(/\s+/)[0] ?? name;
}

/** The file a manifest installs on a node, or undefined when the package has none for it. */
export function manifestFileFor(manifest: PackageManifest, node: {platformType: string; platformName: string; platformVersion: string; architecture: string}): string | undefined {
  const platform = manifest.packages[manifestPlatformOf(node)] ?? manifest.packages[ANY];
  if (platform === undefined) return undefined;
  const byVersion = platform[node.platformVersion] ?? platform[node.platformVersion.split('.')[0] ?? ''] ?? platform[ANY];
  if (byVersion === undefined) return undefined;
  return (byVersion[node.architecture] ?? byVersion[ANY])?.file;
}

/**
 * The names Amazon's packages are installed under (the rpm/deb name on Linux, the Programs entry on Windows); a
 * package of the account's shows under its own name.
 */
const AMAZON_INVENTORY_NAMES: Readonly<Record<string, {linux: string; windows: string}>> = {
  AmazonCloudWatchAgent: {linux: 'amazon-cloudwatch-agent', windows: 'Amazon CloudWatch Agent'},
  AWSCodeDeployAgent: {linux: 'codedeploy-agent', windows: 'CodeDeploy Host Agent'},
  AWSPVDriver: {linux: 'AWSPVDriver', windows: 'AWS PV Drivers'},
  AwsEnaNetworkDriver: {linux: 'AwsEnaNetworkDriver', windows: 'Amazon Elastic Network Adapter'},
  AwsVssComponents: {linux: 'AwsVssComponents', windows: 'AwsVssComponents'},
};

/** The AWS:Application Name an installed package shows under on a node of `platformType`. */
export function inventoryNameOf(packageName: string, platformType: string): string {
  const names = AMAZON_INVENTORY_NAMES[packageName];
  if (names === undefined) return packageName;
  return platformType === 'Windows' ? names.windows : names.linux;
}

export interface ConfigurePackageRequest {
  action: PackageAction;
  name: string;
  /** Install: the default version when empty; Uninstall: the installed one. */
  version?: string;
  installationType?: InstallationType;
}

/** What is wrong with a request before it is sent (empty when nothing). */
export function configurePackageProblems(req: ConfigurePackageRequest): string[] {
  const out: string[] = [];
  if (!PACKAGE_NAME.test(req.name) && !/^arn:[^:]+:ssm:[^:]*:[^:]*:package\/[a-zA-Z][a-zA-Z0-9\-_]{0,39}$/.test(req.name)) {
    out.push('A package name starts with a letter and has up to 40 letters, digits, - and _ (or is a package ARN).');
  }
  if (req.version !== undefined && req.version !== '' && !PACKAGE_VERSION.test(req.version)) {
    out.push('A version is up to 128 letters, digits, _ . and -.');
  }
  return out;
}

/** The AWS-ConfigureAWSPackage parameters for `req` (for SendCommand or the Run Command form). */
export function configurePackageParameters(req: ConfigurePackageRequest): Record<string, string[]> {
  const out: Record<string, string[]> = {action: [req.action], name: [req.name]};
  if (req.version !== undefined && req.version !== '') out['version'] = [req.version];
  if (req.installationType !== undefined) out['installationType'] = [req.installationType];
  return out;
}
