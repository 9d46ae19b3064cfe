// What a local node's script sees: its working directory root, its environment (node id, name, tags) and the
// script a document's plugin runs. Local nodes run commands as the current user on this machine.
import {readdirSync, rmSync} from 'node:fs';
import {tmpdir, userInfo} from 'node:os';
import {join} from 'node:path';
import {parseRateValue, type RateKind, type RateValue} from '../../../fleet/run-command/rate-control.js';
import {renderScript, type DocumentPlugin} from '../documents/builtin-documents.js';
import {type FleetNode} from '../../model/fleet-model.js';
import {ServiceError} from '../../protocol/service-error.js';

import type {Command} from './store.js';

export const ROOT_PREFIX = 'fleetdeck-local-';

/**
 * Removes node directories left behind by endpoints that died without close() (SIGKILL, crash): those whose
 * owning process no longer exists. Best effort; a live (or reused) pid keeps its directory.
 */
export function removeStaleRoots(): void {
  try {
    for (const name of readdirSync(tmpdir())) {
      const pid = Number(/^fleetdeck-local-(\d+)-[A-Za-z0-9]{6}$/.exec(name)?.[1] ?? NaN);
      if (!Number.isInteger(pid) || pid === process.pid || processExists(pid)) continue;
      rmSync(join(tmpdir(), name), {recursive: true, force: true});
    }
  } catch {
    // not ours to fail on
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function rateOrThrow(kind: RateKind, text: string): RateValue {
  const parsed = parseRateValue(kind, text);
  if (!parsed.ok) throw new ServiceError('ValidationException', parsed.error);
  return parsed.value;
}

function envName(text: string): string {
  return text.replace(/[^A-Za-z0-9_]/g, '_');
}

function envValue(text: string): string {
  return text.replace(/\0/g, '');
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env['USER'] ?? ''; // no passwd entry (some containers)
  }
}

export function nodeEnvironment(node: FleetNode, cmd: Command, home: string, region: string): Record<string, string> {
  const user = currentUser();
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home, // the node's own directory, so `~` writes stay inside the node (the user's real HOME is not touched)
    USER: user,
    LOGNAME: user,
    LANG: process.env['LANG'] ?? 'C.UTF-8',
    SHELL: '/bin/bash',
    TMPDIR: tmpdir(),
    // What the SSM agent itself exports to runShellScript.
    AWS_SSM_INSTANCE_ID: node.instanceId,
    AWS_SSM_REGION_NAME: region,
    FLEETDECK_LOCAL: '1',
    FLEETDECK_INSTANCE_ID: node.instanceId,
    FLEETDECK_NAME: envValue(node.name),
    FLEETDECK_PLATFORM: node.platformType,
    FLEETDECK_COMMAND_ID: cmd.id,
  };
  for (const [k, v] of Object.entries(node.tags)) env[`FLEETDECK_TAG_${envName(k)}`] = envValue(v);
  for (const [k, v] of Object.entries(cmd.parameters)) env[`FLEETDECK_PARAM_${envName(k)}`] = envValue(v.join('\n'));
  return env;
}

export function scriptFor(cmd: Command, plugin: DocumentPlugin): {argv: [string, ...string[]]; script: string} {
  // An authored document runs its own step's script; Amazon's run their `commands` parameter.
  const commands = plugin.script !== undefined ? renderScript(plugin.script, cmd.parameters) : (cmd.parameters['commands'] ?? []).join('\n');
  switch (plugin.runner) {
    case 'shell':
      return {argv: ['bash', '-c'], script: commands};
    case 'powershell':
      return {argv: ['pwsh', '-NoProfile', '-NonInteractive', '-Command'], script: commands};
    case 'builtin':
      return {argv: ['bash', '-c'], script: BUILTIN_SCRIPTS[cmd.doc.name] ?? 'true'};
  }
}

// Canned scripts: parameter values reach them only through FLEETDECK_PARAM_* variables, never spliced into code.
const BUILTIN_SCRIPTS: Readonly<Record<string, string>> = {
  'AWS-RunPatchBaseline': 'echo "Patch baseline operation $FLEETDECK_PARAM_Operation on $FLEETDECK_INSTANCE_ID (the local fleet evaluates the node\'s generated patches against its baseline; nothing on this machine changes)."; echo "RebootOption: ${FLEETDECK_PARAM_RebootOption:-RebootIfNeeded}"',
  'AWS-ConfigureAWSPackage': 'echo "$FLEETDECK_PARAM_action of package $FLEETDECK_PARAM_name ${FLEETDECK_PARAM_version:-latest} on $FLEETDECK_INSTANCE_ID (simulated by the local fleet: nothing was changed)."',
  'AWS-UpdateSSMAgent': 'echo "Updating amazon-ssm-agent to ${FLEETDECK_PARAM_version:-the latest version} on $FLEETDECK_INSTANCE_ID (simulated by the local fleet: nothing was changed)."',
};

