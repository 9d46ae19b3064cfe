// The AWS config and credentials files through which other clients (the AWS CLI, SDKs, fleetdeck itself) reach a
// local fleet of several accounts: one profile per account (local-1, local-2, …) with the fleet's endpoint_url and
// first region, in a private directory (0700, files 0600), so no secret is printed on the screen.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {LocalPartitionInfo} from './local-child.js';

export const PROFILES_DIR_PREFIX = 'fleetdeck-local-fleet-';

export interface ProfileFiles {
  dir: string;
  configFile: string;
  credentialsFile: string;
  /** local-1, local-2, … in account order. */
  profiles: string[];
}

/** The accounts of the partitions, in order, each with its first partition's credentials. */
function accountsOf(partitions: readonly LocalPartitionInfo[]): LocalPartitionInfo[] {
  const seen = new Map<string, LocalPartitionInfo>();
  for (const p of partitions) if (!seen.has(p.accountId)) seen.set(p.accountId, p);
  return [...seen.values()];
}

/** Writes the files into a new private directory under the system's temporary directory. */
export function writeProfileFiles(endpoint: string, partitions: readonly LocalPartitionInfo[]): ProfileFiles {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), PROFILES_DIR_PREFIX));
  fs.chmodSync(dir, 0o700);
  const accounts = accountsOf(partitions);
  const profiles = accounts.map((_, i) => `local-${i + 1}`);
  const config = accounts.map((a, i) => `[profile ${profiles[i] ?? ''}]\n# account ${a.accountId}\nregion = ${a.region}\nendpoint_url = ${endpoint}\n`).join('\n');
  const credentials = accounts.map((a, i) =>
    `[${profiles[i] ?? ''}]\naws_access_key_id = ${a.accessKeyId}\naws_secret_access_key = ${a.secretAccessKey}\naws_session_token = ${a.sessionToken}\n`).join('\n');
  const configFile = path.join(dir, 'config');
  const credentialsFile = path.join(dir, 'credentials');
  fs.writeFileSync(configFile, config, {mode: 0o600, flag: 'wx'});
  fs.writeFileSync(credentialsFile, credentials, {mode: 0o600, flag: 'wx'});
  return {dir, configFile, credentialsFile, profiles};
}

/** The `key = value` lines of one `[section]` of an INI file. */
function section(text: string, name: string): Record<string, string> {
  const out: Record<string, string> = {};
  let inside = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const header = /^\[(.+)\]$/.exec(line);
    if (header !== null) {
      inside = header[1]?.trim() === name;
      continue;
    }
    const eq = line.indexOf('=');
    if (inside && eq > 0 && !line.startsWith('#')) out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return out;
}

/** The first profile's endpoint, region and credentials, read back from files this module wrote (for --stop). */
export function readFirstProfile(configFile: string, credentialsFile: string): {endpoint: string; region: string; accessKeyId: string; secretAccessKey: string; sessionToken: string} {
  const config = section(fs.readFileSync(configFile, 'utf8'), 'profile local-1');
  const creds = section(fs.readFileSync(credentialsFile, 'utf8'), 'local-1');
  return {
    endpoint: config['endpoint_url'] ?? '', region: config['region'] ?? '',
    accessKeyId: creds['aws_access_key_id'] ?? '', secretAccessKey: creds['aws_secret_access_key'] ?? '', sessionToken: creds['aws_session_token'] ?? '',
  };
}

/** Removes a directory writeProfileFiles made (and nothing else: the name and parent must be its own). */
export function removeProfileFiles(dir: string): void {
  if (path.dirname(dir) !== os.tmpdir() || !path.basename(dir).startsWith(PROFILES_DIR_PREFIX)) return;
  fs.rmSync(dir, {recursive: true, force: true});
}
