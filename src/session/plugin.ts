// Plugin mode (--session-client plugin): the official session-manager-plugin runs under a PTY in the pane, for
// what the native client does not do (KMS-encrypted sessions, for one). Its argv and environment are built exactly
// as the AWS CLI builds them (awscli/customizations/sessionmanager.py, StartSessionCaller.invoke):
//
//   session-manager-plugin <response> <region> StartSession <profile or ''> <json.dumps(parameters)> <endpoint url>
//
// where <response> is json.dumps({SessionId, TokenValue, StreamUrl}) itself for plugins up to 1.2.497.0, and for
// newer ones the name AWS_SSM_START_SESSION_RESPONSE with the JSON in that environment variable.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import type {SessionApi, SessionCredentials, StartSessionInput} from './client.js';

export const PLUGIN_NAME = 'session-manager-plugin';
export const RESPONSE_ENV = 'AWS_SSM_START_SESSION_RESPONSE';
/** Plugins newer than this read the StartSession response from RESPONSE_ENV. */
export const LAST_PLUGIN_VERSION_WITHOUT_ENV_VAR = '1.2.497.0';
export const PLUGIN_MISSING =
  `${PLUGIN_NAME} is not installed (not found on PATH). Install it ` +
  '(https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-install-plugin.html) ' +
  'or use --session-client native';

/** Python's json.dumps with its defaults: ", " and ": " separators, non-ASCII escaped as \uXXXX. */
export function pythonJsonDumps(value: unknown): string {
  const escape = (s: string) => JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return escape(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{${entries.map(([k, v]) => `${escape(k)}: ${pythonJsonDumps(v)}`).join(', ')}}`;
}

/** The AWS CLI's VersionRequirement.meets_requirement: strictly newer than `min`, compared part by part. */
export function pluginVersionAbove(version: string, min: string = LAST_PLUGIN_VERSION_WITHOUT_ENV_VAR): boolean {
  const v = version.replace(/\s+/g, '');
  if (!/^\d+(\.\d+){0,3}$/.test(v)) return false;
  const a = v.split('.').map(Number);
  const b = min.split('.').map(Number);
  while (a.length < b.length) a.push(0);
  while (b.length < a.length) b.push(0);
  for (let i = 0; i < a.length; i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return false;
}

export interface PluginInvocation {
  /** The StartSession response. */
  response: {SessionId: string; TokenValue: string; StreamUrl: string};
  region: string;
  /** --profile, or '' when none was given. */
  profile: string;
  /** The StartSession request parameters as sent. */
  parameters: StartSessionInput;
  /** The SSM endpoint URL the client used. */
  endpointUrl: string;
  /** What `session-manager-plugin --version` printed. */
  pluginVersion: string;
}

/** argv (without the program) and the environment additions for one plugin run. */
export function pluginCommand(inv: PluginInvocation): {args: string[]; env: Record<string, string>} {
  const response = pythonJsonDumps({SessionId: inv.response.SessionId, TokenValue: inv.response.TokenValue, StreamUrl: inv.response.StreamUrl});
  const useEnv = pluginVersionAbove(inv.pluginVersion);
  return {
    args: [useEnv ? RESPONSE_ENV : response, inv.region, 'StartSession', inv.profile, pythonJsonDumps(inv.parameters), inv.endpointUrl],
    env: useEnv ? {[RESPONSE_ENV]: response} : {},
  };
}

/** The plugin's path on PATH, or undefined. */
export function findPlugin(pathVar: string = process.env['PATH'] ?? ''): string | undefined {
  for (const dir of pathVar.split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, PLUGIN_NAME);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

export function pluginVersion(file: string): string {
  return execFileSync(file, ['--version'], {encoding: 'utf8', timeout: 5_000});
}

/** The SSM endpoint the AWS CLI would report (client.meta.endpoint_url) when none is configured. */
export function defaultSsmEndpoint(region: string): string {
  return `https://ssm.${region}.amazonaws.${region.startsWith('cn-') ? 'com.cn' : 'com'}`;
}

/** StartSession for a plugin run: the session is terminated again when the plugin cannot be used (no zombie session). */
export async function startForPlugin(api: SessionApi, input: StartSessionInput): Promise<Required<Pick<SessionCredentials, 'SessionId'>> & PluginInvocation['response']> {
  const r = await api.startSession(input);
  if (!r.SessionId || !r.TokenValue || !r.StreamUrl) throw new Error('StartSession returned no SessionId, TokenValue or StreamUrl');
  return {SessionId: r.SessionId, TokenValue: r.TokenValue, StreamUrl: r.StreamUrl};
}
