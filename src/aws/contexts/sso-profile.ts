// Whether a profile signs in through IAM Identity Center (SSO), read from the shared config file the AWS CLI writes:
// then an expired or missing session is fixed by `aws sso login --profile NAME`, and fleetdeck can say exactly that.
import {readFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const SSO_KEYS = ['sso_session', 'sso_start_url', 'sso_account_id'];

function configFile(): string {
  return process.env.AWS_CONFIG_FILE || path.join(os.homedir(), '.aws', 'config');
}

/** The profile the SDK uses when none is named. */
export function effectiveProfile(profile: string | undefined): string {
  return profile ?? (process.env.AWS_PROFILE || 'default');
}

/** Sections of an INI file: section header → key → value (comments and blank lines skipped). */
export function parseIniSections(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header) {
      current = new Map();
      sections.set(header[1] ?? '', current);
      continue;
    }
    const eq = line.indexOf('=');
    if (current && eq > 0) current.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  return sections;
}

/** True when the profile (or the source_profile it assumes a role from) is an SSO profile. */
export async function isSsoProfile(profile: string | undefined): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(configFile(), 'utf8');
  } catch {
    return false;
  }
  const sections = parseIniSections(text);
  let name: string | undefined = effectiveProfile(profile);
  for (let hops = 0; name !== undefined && hops < 5; hops++) {
    const section: Map<string, string> | undefined = sections.get(name === 'default' ? 'default' : `profile ${name}`) ?? sections.get(name);
    if (!section) return false;
    if (SSO_KEYS.some((k) => section.has(k))) return true;
    name = section.get('source_profile');
  }
  return false;
}
