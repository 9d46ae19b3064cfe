// The Amazon-owned Command documents the local fleet ships, with their parameter schemas, and the parameter
// resolution SendCommand and associations share (docs/ssm-api.md §7). The operations: document-api.ts.
//
// Sources: AWS-RunShellScript and AWS-RunPowerShellScript are the CLI get-document output quoted in ssm-api.md §7
// (CONFIRMED). AWS-RunPatchBaseline, AWS-ConfigureAWSPackage and AWS-UpdateSSMAgent are written from the public
// documents as remembered: parameter names, types, defaults and allowed values are believed right, the exact
// descriptions and allowedPatterns are UNVERIFIED. Document versions, dates and hashes are fixed local values.

import type {PlatformType} from '../../model/fleet-catalog.js';
import {ServiceError} from '../../protocol/service-error.js';

export interface DocumentParameter {
  readonly type: 'String' | 'StringList';
  readonly description: string;
  readonly default?: string | readonly string[];
  readonly allowedPattern?: string;
  readonly allowedValues?: readonly string[];
  readonly minItems?: number;
  readonly maxChars?: number;
  readonly displayType?: string;
}

/** How the local fleet executes a document: the plugin (step) name and the shell script it runs. */
export interface DocumentPlugin {
  readonly name: string;
  /** Which runner: a POSIX shell script, a PowerShell script, or a simulated built-in (a canned shell script). */
  readonly runner: 'shell' | 'powershell' | 'builtin';
  /**
   * A document authored on the local fleet: its step's script lines, with {{ parameter }} references unresolved
   * (the Amazon documents run their `commands` parameter instead).
   */
  readonly script?: readonly string[];
}

export interface LocalDocument {
  readonly name: string;
  readonly description: string;
  readonly schemaVersion: string;
  readonly platformTypes: readonly PlatformType[];
  readonly parameters: Readonly<Record<string, DocumentParameter>>;
  /** The plugin/step that runs on each platform (schema 2.2 documents use preconditions per platform). */
  readonly plugins: Readonly<Partial<Record<PlatformType, DocumentPlugin>>>;
  /** The document body as GetDocument returns it (JSON text). */
  readonly content: string;
}

const EXECUTION_TIMEOUT_PATTERN = '([1-9][0-9]{0,4})|(1[0-6][0-9]{4})|(17[0-1][0-9]{3})|(172[0-7][0-9]{2})|(172800)';

function runScriptDocument(kind: 'shell' | 'powershell'): LocalDocument {
  const shell = kind === 'shell';
  const plugin = shell ? 'aws:runShellScript' : 'aws:runPowerShellScript';
  const parameters: Record<string, DocumentParameter> = {
    commands: {
      type: 'StringList',
      description: shell
        ? '(Required) Specify a shell script or a command to run.'
        : '(Required) Specify the commands to run or the paths to existing scripts on the instance.',
      minItems: 1,
      displayType: 'textarea',
    },
    workingDirectory: {type: 'String', default: '', description: '(Optional) The path to the working directory on your instance.', maxChars: 4096},
    executionTimeout: {
      type: 'String',
      default: '3600',
      description: shell
        ? '(Optional) The time in seconds for a command to complete before it is considered to have failed. Default is 3600 (1 hour). Maximum is 172800 (48 hours).'
        : '(Optional) The time in seconds for a command to be completed before it is considered to have failed. Default is 3600 (1 hour). Maximum is 172800 (48 hours).',
      allowedPattern: EXECUTION_TIMEOUT_PATTERN,
    },
  };
  const description = shell ? 'Run a shell script or specify the commands to run.' : 'Run a PowerShell script or specify the paths to scripts to run.';
  const content = {
    schemaVersion: '1.2',
    description,
    parameters,
    runtimeConfig: {
      [plugin]: {properties: [{id: `0.${plugin}`, runCommand: '{{ commands }}', workingDirectory: '{{ workingDirectory }}', timeoutSeconds: '{{ executionTimeout }}'}]},
    },
  };
  // PowerShell: SSM lists Windows (whether Linux too is UNVERIFIED, ssm-api.md §7); the local fleet says Windows.
  const platformTypes: PlatformType[] = shell ? ['Linux', 'MacOS'] : ['Windows'];
  const plugins: Partial<Record<PlatformType, DocumentPlugin>> = {};
  for (const p of platformTypes) plugins[p] = {name: plugin, runner: kind};
  return {name: shell ? 'AWS-RunShellScript' : 'AWS-RunPowerShellScript', description, schemaVersion: '1.2', platformTypes, parameters, plugins, content: JSON.stringify(content, null, 2)};
}

const S3_OR_HTTPS = '(^$)|^https://.+$|^s3://([^/]+)/(.*?([^/]+))$';

function patchBaseline(): LocalDocument {
  const parameters: Record<string, DocumentParameter> = {
    Operation: {
      type: 'String',
      description: '(Required) The update or configuration to perform on the instance. The system checks if patches specified in the patch baseline are installed on the instance. The install operation installs patches missing from the baseline.',
      allowedValues: ['Scan', 'Install'],
    },
    SnapshotId: {type: 'String', default: '', description: '(Optional) The snapshot ID to use to retrieve a patch baseline snapshot.', allowedPattern: '(^$)|^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$'},
    InstallOverrideList: {type: 'String', default: '', description: '(Optional) An https URL or an Amazon S3 path-style URL to the list of patches to be installed.', allowedPattern: S3_OR_HTTPS},
    BaselineOverride: {type: 'String', default: '', description: '(Optional) Override the patch baseline with a JSON file of patch baselines.', allowedPattern: S3_OR_HTTPS},
    RebootOption: {type: 'String', default: 'RebootIfNeeded', description: '(Optional) Reboot behavior after a patch Install operation.', allowedValues: ['RebootIfNeeded', 'NoReboot']},
  };
  const steps = (['Windows', 'Linux', 'MacOS'] as const).map((p) => ({
    precondition: {StringEquals: ['platformType', p]},
    action: p === 'Windows' ? 'aws:runPowerShellScript' : 'aws:runShellScript',
    name: `Patch${p}`,
    inputs: {timeoutSeconds: 7200, runCommand: ['# patch baseline operation (simulated by the local fleet)']},
  }));
  const description = 'Scans for or installs patches from a patch baseline to a Linux or Windows operating system.';
  return {
    name: 'AWS-RunPatchBaseline', description, schemaVersion: '2.2', platformTypes: ['Windows', 'Linux', 'MacOS'], parameters,
    plugins: {Windows: {name: 'PatchWindows', runner: 'builtin'}, Linux: {name: 'PatchLinux', runner: 'builtin'}, MacOS: {name: 'PatchMacOS', runner: 'builtin'}},
    content: JSON.stringify({schemaVersion: '2.2', description, parameters, mainSteps: steps}, null, 2),
  };
}

function configurePackage(): LocalDocument {
  const parameters: Record<string, DocumentParameter> = {
    action: {type: 'String', description: '(Required) Specify whether or not to install or uninstall the package.', allowedValues: ['Install', 'Uninstall']},
    installationType: {type: 'String', default: 'Uninstall and reinstall', description: '(Optional) Specify the type of installation.', allowedValues: ['Uninstall and reinstall', 'In-place update']},
    name: {type: 'String', description: '(Required) The package to install/uninstall.', allowedPattern: '^arn:[a-z0-9][-.a-z0-9]{0,62}:[a-z0-9][-.a-z0-9]{0,62}:([a-z0-9][-.a-z0-9]{0,62})?:([a-z0-9][-.a-z0-9]{0,62})?:package\\/[a-zA-Z][a-zA-Z0-9\\-_]{0,39}$|^[a-zA-Z][a-zA-Z0-9\\-_]{0,39}$'},
    version: {type: 'String', default: '', description: '(Optional) The version of the package to install or uninstall. If you don\'t specify a version, the system installs the latest published version by default.'},
    additionalArguments: {type: 'String', default: '{}', description: '(Optional) The additional parameters to provide to your install, uninstall, or update scripts.', displayType: 'textarea'},
  };
  const description = 'Install or uninstall a Distributor package.';
  return {
    name: 'AWS-ConfigureAWSPackage', description, schemaVersion: '2.2', platformTypes: ['Windows', 'Linux', 'MacOS'], parameters,
    plugins: {Windows: {name: 'configurePackage', runner: 'builtin'}, Linux: {name: 'configurePackage', runner: 'builtin'}, MacOS: {name: 'configurePackage', runner: 'builtin'}},
    content: JSON.stringify({schemaVersion: '2.2', description, parameters, mainSteps: [{action: 'aws:configurePackage', name: 'configurePackage', inputs: {name: '{{ name }}', action: '{{ action }}', installationType: '{{installationType}}', version: '{{ version }}', additionalArguments: '{{ additionalArguments }}'}}]}, null, 2),
  };
}

function updateAgent(): LocalDocument {
  const parameters: Record<string, DocumentParameter> = {
    version: {type: 'String', default: '', description: '(Optional) A specific version of the SSM Agent to install. If not specified, the agent will be updated to the latest version.', allowedPattern: '(^(?:(\\d+)\\.)(?:(\\d+)\\.)(?:(\\d+)\\.)(\\d+)$|^$)'},
    allowDowngrade: {type: 'String', default: 'false', description: '(Optional) Allow the SSM Agent to be downgraded to an earlier version. If set to false, the agent can be upgraded only (default). If set to true, specify the earlier version.', allowedValues: ['true', 'false']},
  };
  const description = 'Update the Amazon SSM Agent to the latest version or specified version.';
  return {
    name: 'AWS-UpdateSSMAgent', description, schemaVersion: '1.2', platformTypes: ['Windows', 'Linux', 'MacOS'], parameters,
    plugins: {Windows: {name: 'aws:updateSsmAgent', runner: 'builtin'}, Linux: {name: 'aws:updateSsmAgent', runner: 'builtin'}, MacOS: {name: 'aws:updateSsmAgent', runner: 'builtin'}},
    content: JSON.stringify({schemaVersion: '1.2', description, parameters, runtimeConfig: {'aws:updateSsmAgent': {properties: [{agentName: 'amazon-ssm-agent', source: 'https://s3.{Region}.amazonaws.com/amazon-ssm-{Region}/ssm-agent-manifest.json', allowDowngrade: '{{ allowDowngrade }}', targetVersion: '{{ version }}'}]}}}, null, 2),
  };
}

export const LOCAL_DOCUMENTS: readonly LocalDocument[] = [configurePackage(), patchBaseline(), runScriptDocument('powershell'), runScriptDocument('shell'), updateAgent()];
const BY_NAME = new Map(LOCAL_DOCUMENTS.map((d) => [d.name, d]));

/** The document name in a name or ARN (`arn:aws:ssm:<region>:<account>:document/<name>`). */
export function documentNameOf(nameOrArn: string): string {
  return /^arn:aws[a-z-]*:ssm:[a-z0-9-]*:[0-9]*:document\/(.+)$/.exec(nameOrArn)?.[1] ?? nameOrArn;
}

/** An Amazon-owned document by name or ARN, or undefined. */
export function findDocument(nameOrArn: string): LocalDocument | undefined {
  return BY_NAME.get(documentNameOf(nameOrArn));
}

/** A step's script with its {{ parameter }} references replaced, as SSM does before running it (StringList items one per line). */
export function renderScript(lines: readonly string[], parameters: Readonly<Record<string, readonly string[]>>): string {
  return lines.map((line) => line.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_all, name: string) => (parameters[name] ?? []).join('\n'))).join('\n');
}

/** DocumentVersion as SSM accepts it: $LATEST, $DEFAULT or a version number; every local document has version 1. */
export function checkDocumentVersion(version: string | undefined): void {
  if (version === undefined || version === '$LATEST' || version === '$DEFAULT' || version === '1') return;
  if (!/^([$]LATEST|[$]DEFAULT|^[1-9][0-9]*$)$/.test(version)) {
    throw new ServiceError('ValidationException', `1 validation error detected: Value '${version}' at 'documentVersion' failed to satisfy constraint: Member must satisfy regular expression pattern: ([$]LATEST|[$]DEFAULT|^[1-9][0-9]*$)`);
  }
  throw new ServiceError('InvalidDocumentVersion', 'The document version is not valid or does not exist.');
}

function invalidParameters(message: string): ServiceError {
  return new ServiceError('InvalidParameters', message);
}

/**
 * The request's Parameters checked against the document schema and completed with defaults, as SSM does before
 * accepting a SendCommand. Messages are ours (SSM's exact texts are UNVERIFIED); the error code is SSM's.
 */
export function resolveParameters(doc: LocalDocument, given: Readonly<Record<string, readonly string[]>>): Record<string, string[]> {
  const unknown = Object.keys(given).filter((k) => !Object.hasOwn(doc.parameters, k));
  if (unknown.length > 0) {
    throw invalidParameters(`Parameters ${unknown.map((k) => `"${k}"`).join(', ')} are not defined in document ${doc.name}. Valid parameters: ${Object.keys(doc.parameters).join(', ')}.`);
  }
  const out: Record<string, string[]> = {};
  for (const [name, p] of Object.entries(doc.parameters)) {
    const value = Object.hasOwn(given, name) ? given[name] : undefined;
    if (value === undefined) {
      if (p.default === undefined) throw invalidParameters(`Parameter "${name}" is required by document ${doc.name} but was not provided.`);
      out[name] = typeof p.default === 'string' ? [p.default] : [...p.default];
      continue;
    }
    if (p.type === 'String' && value.length !== 1) {
      throw invalidParameters(`Parameter "${name}" is a String: provide exactly one value (got ${value.length}).`);
    }
    if (p.minItems !== undefined && value.length < p.minItems) {
      throw invalidParameters(`Parameter "${name}" needs at least ${p.minItems} item(s).`);
    }
    for (const item of value) {
      if (p.allowedValues !== undefined && !p.allowedValues.includes(item)) {
        throw invalidParameters(`Parameter "${name}" value "${item}" is not one of the allowed values: ${p.allowedValues.join(', ')}.`);
      }
      if (p.allowedPattern !== undefined && !new RegExp(`^(?:${p.allowedPattern})$`).test(item)) {
        throw invalidParameters(`Parameter "${name}" "${item}" failed to match the allowed pattern ${p.allowedPattern}.`);
      }
      if (p.maxChars !== undefined && item.length > p.maxChars) {
        throw invalidParameters(`Parameter "${name}" is longer than ${p.maxChars} characters.`);
      }
    }
    out[name] = [...value];
  }
  return out;
}

