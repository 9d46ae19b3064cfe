// User settings from $XDG_CONFIG_HOME/fleetdeck/config.json (or --config), validated whole: a bad file is an error
// that names the field and what it expects, never a half-applied config.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {DEFAULT_PREFIX_KEY, isValidPrefixKey} from '../workspace/keys.js';
import {buildKeymap} from '../keys/keymap.js';
import {writePrivateFileAtomic} from './private-files.js';
import {parseSavedViews, type SavedView} from '../fleet/saved-views.js';
import {parseColumnLayouts, type ColumnLayout} from '../fleet/column-layout.js';
import {CONTEXT_SETTING_KEYS, DEFAULT_MAX_CONCURRENT_REQUESTS, parseContextSettings, type ContextSettingKey,
  type ContextSettings} from '../fleet/contexts/context-config.js';

export interface Config extends ContextSettings {
  /** Seconds between refreshes of live views. */
  refreshSeconds: number;
  /** Extra tag columns in the instances view (tag keys). */
  columns: string[];
  /** Command id → keys, e.g. {"table.mark": ["space", "x"]}. */
  keys: Record<string, unknown>;
  readOnly: boolean;
  /** Frames per second Ink may draw; lower saves bandwidth over slow SSH links. */
  maxFps: number;
  /** Above this many targets, a run is confirmed by typing the target count. */
  confirmAbove: number;
  /** The key that reaches pane commands while a shell has focus (ctrl+g: not tmux's ctrl+b or screen's ctrl+a). */
  prefixKey: string;
  /** With --read-only (or readOnly), port forwards are still allowed when true. */
  allowForwardsInReadOnly: boolean;
  /** The compliance and inventory pane beside the instances table is open (toggled with `p`, saved here). */
  sidePane: boolean;
  /** Connect and response timeout of every AWS request, in seconds. */
  requestTimeoutSeconds: number;
  /** Named views the command bar opens (`:prod-web`): a table view with a filter and sort, saved by `:save NAME`. */
  savedViews: Record<string, SavedView>;
  /** Per table view: the columns shown, their order and width caps (the column picker, `C`, saves them here). */
  views: Record<string, ColumnLayout>;
  /** How long a revealed SecureString value stays on screen, in seconds. */
  revealSeconds: number;
}

export const DEFAULT_CONFIG: Config = {refreshSeconds: 5, columns: [], keys: {}, readOnly: false, maxFps: 30, confirmAbove: 10,
  prefixKey: DEFAULT_PREFIX_KEY, allowForwardsInReadOnly: false, sidePane: false, requestTimeoutSeconds: 30, savedViews: {}, views: {},
  revealSeconds: 30, contexts: {}, contextGroups: {}, maxConcurrentRequests: DEFAULT_MAX_CONCURRENT_REQUESTS};

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
  const cfg: Config = {...DEFAULT_CONFIG, keys: {}, columns: [], savedViews: {}, views: {}};
  const errors: string[] = [];
  // Contexts are checked together (a group names contexts), after the loop.
  const contextKeys: Partial<Record<ContextSettingKey, unknown>> = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if ((CONTEXT_SETTING_KEYS as readonly string[]).includes(k)) {
      contextKeys[k as ContextSettingKey] = v;
      continue;
    }
    switch (k) {
      case 'refreshSeconds':
        if (typeof v === 'number' && Number.isFinite(v) && v >= 1 && v <= 3600) cfg.refreshSeconds = v;
        else errors.push('refreshSeconds must be a number of seconds from 1 to 3600');
        break;
      case 'revealSeconds':
        if (typeof v === 'number' && Number.isFinite(v) && v >= 1 && v <= 3600) cfg.revealSeconds = v;
        else errors.push('revealSeconds must be a number of seconds from 1 to 3600');
        break;
      case 'requestTimeoutSeconds':
        if (typeof v === 'number' && Number.isFinite(v) && v >= 1 && v <= 600) cfg.requestTimeoutSeconds = v;
        else errors.push('requestTimeoutSeconds must be a number of seconds from 1 to 600');
        break;
      case 'maxFps':
        if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 120) cfg.maxFps = v;
        else errors.push('maxFps must be a whole number from 1 to 120');
        break;
      case 'prefixKey':
        if (typeof v === 'string' && isValidPrefixKey(v)) cfg.prefixKey = v;
        else errors.push('prefixKey must be ctrl+ a letter or one of ] \\ ^ _, e.g. "ctrl+g" or "ctrl+]"');
        break;
      case 'confirmAbove':
        if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 100_000) cfg.confirmAbove = v;
        else errors.push('confirmAbove must be a whole number of targets from 0 to 100000 (0: always type the count)');
        break;
      case 'columns':
        if (Array.isArray(v) && v.every((c) => typeof c === 'string' && TAG_KEY.test(c))) cfg.columns = v as string[];
        else errors.push('columns must be a list of tag keys, e.g. ["Env", "Team"]');
        break;
      case 'keys':
        if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
          cfg.keys = v as Record<string, unknown>;
          // Unknown command ids, keys that do not parse and remaps that clash are errors of the file.
          errors.push(...buildKeymap(cfg.keys).errors);
        } else errors.push('keys must be an object of command id → keys, e.g. {"table.mark": ["space", "x"]}');
        break;
      case 'readOnly':
        if (typeof v === 'boolean') cfg.readOnly = v;
        else errors.push('readOnly must be true or false');
        break;
      case 'sidePane':
        if (typeof v === 'boolean') cfg.sidePane = v;
        else errors.push('sidePane must be true or false');
        break;
      case 'allowForwardsInReadOnly':
        if (typeof v === 'boolean') cfg.allowForwardsInReadOnly = v;
        else errors.push('allowForwardsInReadOnly must be true or false');
        break;
      case 'views': {
        const parsed = parseColumnLayouts(v);
        cfg.views = parsed.layouts;
        errors.push(...parsed.errors);
        break;
      }
      case 'savedViews': {
        const saved = parseSavedViews(v);
        cfg.savedViews = saved.views;
        errors.push(...saved.errors);
        break;
      }
      default:
        errors.push(`unknown setting "${k}" (known: ${[...Object.keys(DEFAULT_CONFIG), 'org'].join(', ')})`);
    }
  }
  const contexts = parseContextSettings(contextKeys);
  Object.assign(cfg, contexts.settings);
  errors.push(...contexts.errors);
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

/**
 * Save one setting the UI changes (e.g. the side pane toggle) into the config file, keeping every other field as the
 * user wrote it. The result is validated first; a file that is not a valid config is left alone (ConfigFileError).
 */
export function saveSetting<K extends keyof Config>(key: K, value: Config[K], file?: string): void {
  const p = file ?? defaultConfigPath();
  let raw: Record<string, unknown> = {};
  if (fs.existsSync(p)) {
    const parsed = JSON.parse(fs.readFileSync(p, 'utf8')) as unknown;
    validateConfig(parsed, p);
    raw = parsed as Record<string, unknown>;
  }
  raw[key] = value;
  validateConfig(raw, p);
  writePrivateFileAtomic(p, `${JSON.stringify(raw, null, 2)}\n`);
}

/** `--columns Env,Team` → ['Env', 'Team'], with the same rule as the config file. */
export function parseColumns(flag: string): string[] {
  const cols = flag.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = cols.find((c) => !TAG_KEY.test(c));
  if (bad !== undefined) throw new ConfigFileError(`--columns: "${bad}" is not a tag key; use e.g. --columns Env,Team`);
  return cols;
}
