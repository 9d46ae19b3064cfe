// A named profile's `endpoint_url`. The SDK applies a configured endpoint only for the profile of the environment
// (AWS_PROFILE), not for the `profile` a client is given, so with several profiles at once — or `--profile NAME` —
// a profile pointing at another endpoint would silently reach real AWS instead. Read here as the AWS CLI reads it.
import {readFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {parseIniSections} from './sso-profile.js';

/**
 * The endpoint `profile` names in the shared config file, when the SDK would not apply it itself: undefined when no
 * profile is named, when endpoints from the environment take precedence (AWS_ENDPOINT_URL…), or when configured
 * endpoints are turned off (AWS_IGNORE_CONFIGURED_ENDPOINT_URLS).
 */
export function profileEndpoint(profile: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (profile === undefined || env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true') return undefined;
  if (Object.keys(env).some((k) => k === 'AWS_ENDPOINT_URL' || k.startsWith('AWS_ENDPOINT_URL_'))) return undefined;
  let text: string;
  try {
    text = readFileSync(env.AWS_CONFIG_FILE || path.join(os.homedir(), '.aws', 'config'), 'utf8');
  } catch {
    return undefined;
  }
  const sections = parseIniSections(text);
  const section = sections.get(profile === 'default' ? 'default' : `profile ${profile}`) ?? sections.get(profile);
  if (section?.get('ignore_configured_endpoint_urls') === 'true') return undefined;
  const url = section?.get('endpoint_url');
  return url === undefined || url === '' ? undefined : url;
}
