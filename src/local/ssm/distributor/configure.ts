// AWS-ConfigureAWSPackage on a local node, as the agent's aws:configurePackage plugin does it: find the package
// (a Package document of this fleet: Amazon's or the account's) and the version (Install: the default one unless
// given; Uninstall: the installed one), check the manifest has a file for the node's platform, version and
// architecture, then install ("Uninstall and reinstall" removes the old version first; "In-place update" replaces
// it, which Amazon's packages do not offer, so they reinstall) or uninstall. It runs through the Run Command
// executor as a short script that prints the outcome; the node's inventory changes only if it succeeds. Output
// texts are the local fleet's (the agent's exact wording is UNVERIFIED); uninstalling what is not installed succeeds.

import {inventoryNameOf, manifestFileFor, manifestPlatformOf, parseManifest, type PackageManifest} from '../../../fleet/distributor/package.js';
import type {FleetModel, FleetNode} from '../../model/fleet-model.js';
import {typeRows} from '../inventory/inventory-data.js';
import {documentStore, type DocumentRecord, type DocumentVersion} from '../documents/document-store.js';
import {installedPackages} from './installed.js';

export interface BuiltinStep {
  argv: [string, ...string[]];
  script: string;
  env: Record<string, string>;
  /** Applied once the step has run successfully. */
  apply: (() => void) | undefined;
}

/** Prints what the step computed: the texts reach the script through the environment, never spliced into it. */
const SCRIPT = 'printf \'%s\\n\' "$FLEETDECK_STEP_OUTPUT"; if [ -n "$FLEETDECK_STEP_ERROR" ]; then printf \'%s\\n\' "$FLEETDECK_STEP_ERROR" >&2; fi; exit "$FLEETDECK_STEP_EXIT"';

function step(output: string[], error: string, apply?: () => void): BuiltinStep {
  return {
    argv: ['bash', '-c'], script: SCRIPT,
    env: {FLEETDECK_STEP_OUTPUT: output.join('\n'), FLEETDECK_STEP_ERROR: error, FLEETDECK_STEP_EXIT: error === '' ? '0' : '1'},
    apply: error === '' ? apply : undefined,
  };
}

/** `arn:aws:ssm:<region>:<account>:package/<name>` or a plain name → the name. */
function packageNameOf(nameOrArn: string): string {
  return /^arn:[^:]+:ssm:[^:]*:[^:]*:package\/(.+)$/.exec(nameOrArn)?.[1] ?? nameOrArn;
}

function manifestOf(version: DocumentVersion): PackageManifest | undefined {
  const parsed = parseManifest(version.content);
  return parsed.ok ? parsed.manifest : undefined;
}

/** The version a node has of the package now: Distributor's record, else the node's reported software. */
function installedVersion(model: FleetModel, node: FleetNode, inventoryName: string): string | undefined {
  const changes = installedPackages(model).changes(node.instanceId);
  if (changes.has(inventoryName)) return changes.get(inventoryName)?.version;
  const rows = typeRows(model, node, 'AWS:Application')?.rows ?? [];
  return rows.find((r) => r['Name'] === inventoryName)?.['Version'];
}

function findVersion(record: DocumentRecord, version: string): DocumentVersion | undefined {
  if (version === '') return record.versions.get(record.defaultVersion);
  return [...record.versions.values()].find((v) => v.versionName === version);
}

/** The step AWS-ConfigureAWSPackage runs on `node` with these (resolved) parameters. */
export function configurePackageStep(model: FleetModel, node: FleetNode, parameters: Readonly<Record<string, readonly string[]>>, now: () => number): BuiltinStep {
  const one = (name: string): string => parameters[name]?.[0] ?? '';
  const name = packageNameOf(one('name'));
  const action = one('action');
  const wanted = one('version');
  const record = documentStore(model).get(name);
  if (record === undefined || record.documentType !== 'Package') {
    return step([], `Failed to retrieve the manifest of package ${name}: the package does not exist or you do not have access to it.`);
  }
  const inventoryName = inventoryNameOf(record.name, node.platformType);
  const current = installedVersion(model, node, inventoryName);
  const remember = (version: string | undefined, publisher: string, description: string) => (): void => {
    installedPackages(model).set(node.instanceId, inventoryName, version === undefined ? undefined : {
      packageName: record.name, inventoryName, version, publisher, description, at: now(),
    });
    // The node's inventory and every query over it are recomputed from the new state.
    model.update(node.instanceId, () => undefined);
  };
  if (action === 'Uninstall') {
    if (current === undefined) return step([`Package ${record.name} is not installed.`], '');
    if (wanted !== '' && wanted !== current) {
      return step([], `Package ${record.name} version ${wanted} is not installed (version ${current} is).`);
    }
    return step([`Uninstalling ${record.name} ${current}`, `Successfully uninstalled ${record.name} ${current}`], '', remember(undefined, '', ''));
  }
  const version = findVersion(record, wanted);
  if (version === undefined) return step([], `Package ${record.name} has no version ${wanted}.`);
  const manifest = manifestOf(version);
  const target = manifest?.version ?? version.versionName ?? version.version;
  const arch = node.ec2?.architecture ?? 'x86_64';
  if (manifest === undefined || manifestFileFor(manifest, {...node, architecture: arch}) === undefined) {
    return step([], `Package ${record.name} ${target} is not available for ${manifestPlatformOf(node)} ${node.platformVersion} ${arch}.`);
  }
  if (current === target) return step([`${record.name} ${target} is already installed.`], '');
  const lines: string[] = [];
  if (current !== undefined) {
    const inPlace = one('installationType') === 'In-place update' && record.owner !== 'Amazon';
    lines.push(inPlace ? `Updating ${record.name} ${current} in place` : `Uninstalling ${record.name} ${current}`);
  }
  lines.push(`Initiating ${record.name} ${target} install`, `Successfully installed ${record.name} ${target}`);
  const publisher = manifest.publisher !== '' ? manifest.publisher : record.owner === 'Amazon' ? 'Amazon Web Services' : '';
  return step(lines, '', remember(target, publisher, version.parsed.description));
}
