// User settings from $XDG_CONFIG_HOME/fleetdeck/config.json (or --config), validated whole: a bad file is an error
// that names the field and what it expects, never a half-applied config.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Config {
  /** Seconds between refreshes of live views. */
  refreshSeconds: number;
  /** Extra tag columns in the instances view (tag keys). */
  columns: string[];
  /** Command id → keys, e.g. {"table.mark": ["space", "x"]}. */
  keys: Record<string, unknown>;
  readOnly: boolean;
  /** Frames per second Ink may draw; lower saves bandwidth over slow SSH links. */
  maxFps: number;
}

export const DEFAULT_CONFIG: Config = {refreshSeconds: 5, columns: [], keys: {}, readOnly: false, maxFps: 30};

export class ConfigFileError extends Error {
  override name = 'ConfigFileError';
}

export function defaultConfigPath(): string {
  const base = process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(base, 'fleetdeck', 'config.json');
}

const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;

export function validateConfig(raw: unknown, where: string): Config {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigFileError(`${where}: expected a JSON object such as {"refreshSeconds": 5}`);
  }
  const cfg: Config = {...DEFAULT_CONFIG, keys: {}, columns: []};
  const errors: string[] = [];
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    switch (k) {
      case 'refreshSeconds':
        if (typeof v === 'number' && Number.isFinite(v) && v >= 1 && v <= 3600) cfg.refreshSeconds = v;
        else errors.push('refreshSeconds must be a number of seconds from 1 to 3600');
        break;
      case 'maxFps':
        if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 120) cfg.maxFps = v;
        else errors.push('maxFps must be a whole number from 1 to 120');
        break;
      case 'columns':
        if (Array.isArray(v) && v.every((c) => typeof c === 'string' && TAG_KEY.test(c))) cfg.columns = v as string[];
        else errors.push('columns must be a list of tag keys, e.g. ["Env", "Team"]');
        break;
      case 'keys':
        if (typeof v === 'object' && v !== null && !Array.isArray(v)) cfg.keys = v as Record<string, unknown>;
        else errors.push('keys must be an object of command id → keys, e.g. {"table.mark": ["space", "x"]}');
        break;
      case 'readOnly':
        if (typeof v === 'boolean') cfg.readOnly = v;
        else errors.push('readOnly must be true or false');
        break;
      default:
        errors.push(`unknown setting "${k}" (known: ${Object.keys(DEFAULT_CONFIG).join(', ')})`);
    }
  }
  if (errors.length) throw new ConfigFileError(`${where}: ${errors.join('; ')}`);
  return cfg;
}

/** The config at `file` (or the default path); a missing default file means the defaults. */
export function loadConfig(file?: string): Config {
  const p = file ?? defaultConfigPath();
  let text: string;
  try {
    text = fs.readFileSync(p, 'utf8');
  } catch (e) {
    if (!file && (e as NodeJS.ErrnoException).code === 'ENOENT') return {...DEFAULT_CONFIG};
    throw new ConfigFileError(`${p}: cannot read the config file (${(e as Error).message})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigFileError(`${p}: not valid JSON (${(e as Error).message})`);
  }
  return validateConfig(raw, p);
}

/** `--columns Env,Team` → ['Env', 'Team'], with the same rule as the config file. */
export function parseColumns(flag: string): string[] {
  const cols = flag.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = cols.find((c) => !TAG_KEY.test(c));
  if (bad !== undefined) throw new ConfigFileError(`--columns: "${bad}" is not a tag key; use e.g. --columns Env,Team`);
  return cols;
}
