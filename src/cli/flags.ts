// Command-line flags: meow parses, we validate, and every mistake ends with the usage text and exit code 2.
import meow from 'meow';
import {USAGE} from './usage.js';
import {parseForwardArgs, type ForwardArgs} from './forward-command.js';
import {findResourceCommand, resourceFlags, RESOURCES} from './resources.js';
import {UsageError} from './usage-error.js';
import {parseRegionList} from '../fleet/contexts/context-selection.js';

export {UsageError};

export const FLAGS = {
  local: {type: 'boolean', default: false},
  profile: {type: 'string'},
  region: {type: 'string'},
  context: {type: 'string'},
  allContexts: {type: 'boolean', default: false},
  accounts: {type: 'string'},
  regions: {type: 'string'},
  endpointUrl: {type: 'string'},
  filter: {type: 'string'},
  columns: {type: 'string'},
  refresh: {type: 'string'},
  readOnly: {type: 'boolean', default: false},
  config: {type: 'string'},
  output: {type: 'string'},
  targets: {type: 'string'},
  document: {type: 'string'},
  documentVersion: {type: 'string'},
  parameter: {type: 'string', isMultiple: true},
  maxConcurrency: {type: 'string'},
  maxErrors: {type: 'string'},
  timeout: {type: 'string'},
  comment: {type: 'string'},
  nodes: {type: 'string'},
  seed: {type: 'string'},
  port: {type: 'string'},
  sessionClient: {type: 'string'},
  localPort: {type: 'string'},
  remoteHost: {type: 'string'},
  bind: {type: 'string'},
  type: {type: 'string'},
  where: {type: 'string'},
  detach: {type: 'boolean', default: false},
  stop: {type: 'boolean', default: false},
} as const;

/** `resource`: one of the resources' own commands (cli/resources.ts), e.g. `fleetdeck parameters get NAME`. */
export type Subcommand = 'dashboard' | 'instances' | 'local-fleet' | 'run' | 'compliance' | 'inventory' | 'forward' | 'resource';

export interface ResourceArgs {
  name: string;
  verb: string;
  args: string[];
  flags: Record<string, unknown>;
}

export interface RunArgs {
  targets: string;
  document: string;
  documentVersion?: string;
  parameters: string[];
  maxConcurrency: string;
  maxErrors: string;
  timeoutSeconds?: number;
  comment?: string;
}

export interface Args {
  command: Subcommand;
  local: boolean;
  /** One profile, or a comma-separated list (each in every region: one context per pair). */
  profile?: string;
  /** One region, or a comma-separated list. */
  region?: string;
  /** --context: comma-separated context and group names from the config (cli/connect.ts resolves them). */
  context?: string;
  /** --all-contexts: a change acts in every selected context (with several, it is refused without). */
  allContexts: boolean;
  /** --local (and local-fleet): how many accounts the local fleet serves, and in which regions. */
  accounts?: number;
  regions?: string[];
  endpointUrl?: string;
  filter?: string;
  columns?: string;
  refreshSeconds?: number;
  readOnly: boolean;
  config?: string;
  output: 'table' | 'json' | 'csv' | 'text';
  run?: RunArgs;
  nodes: number;
  seed: string;
  port: number;
  /** Shells: the native Session Manager client, or the official session-manager-plugin under a PTY. */
  sessionClient: 'native' | 'plugin';
  /** inventory: the inventory type (default AWS:Application) and the conditions. */
  inventory?: {type: string; where: string};
  forward?: ForwardArgs;
  resource?: ResourceArgs;
  /** local-fleet: start it in the background and return (--detach), or stop the one this shell points at (--stop). */
  localFleetMode?: 'detach' | 'stop';
}

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const KNOWN = new Set([...Object.keys(FLAGS).map(kebab), 'help', 'version']);
/** Each resource flag (kebab-case) and the commands it belongs to. */
const RESOURCE_FLAG_OWNERS = new Map<string, string[]>();
for (const r of RESOURCES) {
  for (const f of Object.keys(r.cli?.flags ?? {})) RESOURCE_FLAG_OWNERS.set(kebab(f), [...RESOURCE_FLAG_OWNERS.get(kebab(f)) ?? [], r.cli?.name ?? '']);
}

function int(name: string, v: string | undefined, min: number, max: number, dflt: number): number {
  if (v === undefined) return dflt;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got "${v}")`);
  }
  return Number(v);
}

/** Validate parsed flags; throws UsageError with a sentence that says what was wrong. */
export function validateArgs(input: readonly string[], flags: Record<string, unknown>, raw: readonly string[]): Args {
  const [cmd, ...rest] = input;
  const resourceCommand = findResourceCommand(cmd);
  for (const tok of raw) {
    if (tok === '--') break;
    const m = /^--?([^=]+)/.exec(tok);
    if (!m || /^-\d/.test(tok)) continue;
    const name = (m[1] ?? '').replace(/^no-/, '');
    const owners = RESOURCE_FLAG_OWNERS.get(name);
    if (KNOWN.has(name) || (owners !== undefined && owners.includes(resourceCommand?.name ?? ''))) continue;
    throw new UsageError(owners !== undefined ? `${tok.split('=')[0]} goes with ${owners.map((o) => `\`fleetdeck ${o}\``).join(' or ')}`
      : `unknown flag ${tok.split('=')[0]}`);
  }
  const command: Subcommand = resourceCommand ? 'resource' : cmd === 'instances' || cmd === 'local-fleet' || cmd === 'run'
    || cmd === 'compliance' || cmd === 'inventory' || cmd === 'forward' ? cmd : 'dashboard';
  if (cmd !== undefined && command === 'dashboard') throw new UsageError(`unknown command "${cmd}"`);
  if (rest.length && command !== 'forward' && command !== 'resource') throw new UsageError(`unexpected argument "${rest[0]}"`);
  let resource: ResourceArgs | undefined;
  if (resourceCommand) {
    const [verb, ...args] = rest;
    const verbs = Object.keys(resourceCommand.verbs);
    if (verb === undefined || !verbs.includes(verb)) {
      const said = verb === undefined ? 'needs a verb' : `has no verb "${verb}"`;
      throw new UsageError(`fleetdeck ${resourceCommand.name} ${said}: ${verbs.join(', ')}`);
    }
    resource = {name: resourceCommand.name, verb, args, flags};
  }
  const str = (k: string) => (typeof flags[k] === 'string' ? (flags[k] as string) : undefined);
  const output = str('output') ?? (command === 'run' ? 'text' : 'table');
  const formats = command === 'run' ? ['text', 'json']
    : command === 'compliance' || command === 'inventory' || command === 'resource' ? ['table', 'json'] : ['table', 'json', 'csv'];
  if (!formats.includes(output)) {
    throw new UsageError(`--output must be ${formats.join(', ').replace(/, (\w+)$/, ' or $1')} (got "${output}")`);
  }
  const refresh = str('refresh');
  if (refresh !== undefined && !(Number(refresh) >= 1 && Number(refresh) <= 3600)) {
    throw new UsageError(`--refresh must be a number of seconds from 1 to 3600 (got "${refresh}")`);
  }
  const endpointUrl = str('endpointUrl');
  if (endpointUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(endpointUrl)) {
    throw new UsageError(`--endpoint-url must be an http(s) URL such as http://127.0.0.1:4566 (got "${endpointUrl}")`);
  }
  if (flags.local === true && endpointUrl) throw new UsageError('--local and --endpoint-url cannot be combined');
  if (flags.local === true && str('profile')) throw new UsageError('--local and --profile cannot be combined');
  const contexts = contextFlags(command, flags.local === true, str);
  const seed = str('seed') ?? '1';
  if (!/^[\w.-]{1,64}$/.test(seed)) throw new UsageError(`--seed must be letters, digits, "-", "_" or "." (got "${seed}")`);
  const sessionClient = str('sessionClient') ?? 'native';
  if (sessionClient !== 'native' && sessionClient !== 'plugin') {
    throw new UsageError(`--session-client must be native or plugin (got "${sessionClient}")`);
  }
  let run: RunArgs | undefined;
  if (command === 'run') {
    const targets = str('targets');
    const document = str('document');
    if (!targets) throw new UsageError('run needs --targets (instance ids, or an expression such as tag:Env=prod)');
    if (!document) throw new UsageError('run needs --document, e.g. --document AWS-RunShellScript');
    const timeout = str('timeout');
    if (timeout !== undefined && !(/^\d+$/.test(timeout) && Number(timeout) >= 30 && Number(timeout) <= 2_592_000)) {
      throw new UsageError(`--timeout is the delivery timeout in seconds, 30 to 2592000 (got "${timeout}")`);
    }
    const documentVersion = str('documentVersion');
    if (documentVersion !== undefined && !/^([$]LATEST|[$]DEFAULT|[1-9][0-9]*)$/.test(documentVersion)) {
      throw new UsageError(`--document-version is a version number, $LATEST or $DEFAULT (got "${documentVersion}")`);
    }
    const comment = str('comment');
    if (comment !== undefined && comment.length > 100) throw new UsageError('--comment is at most 100 characters');
    const parameters = Array.isArray(flags.parameter) ? (flags.parameter as unknown[]).map(String) : [];
    run = {
      targets, document, parameters, ...(documentVersion !== undefined ? {documentVersion} : {}),
      maxConcurrency: str('maxConcurrency') ?? '50',
      maxErrors: str('maxErrors') ?? '0',
      ...(timeout !== undefined ? {timeoutSeconds: Number(timeout)} : {}),
      ...(comment !== undefined ? {comment} : {}),
    };
  }
  const where = str('where');
  if (command === 'inventory' && !where?.trim()) {
    throw new UsageError("inventory needs --where, e.g. --type AWS:Application --where 'Name=openssl,Version<3.0.8'");
  }
  if ((flags.detach === true || flags.stop === true) && command !== 'local-fleet') {
    throw new UsageError(`--${flags.detach === true ? 'detach' : 'stop'} goes with local-fleet`);
  }
  if (flags.detach === true && flags.stop === true) throw new UsageError('--detach and --stop cannot be combined');
  let forward: ForwardArgs | undefined;
  if (command === 'forward') {
    const parsed = parseForwardArgs(rest, {localPort: str('localPort'), remoteHost: str('remoteHost'), bind: str('bind')});
    if (!parsed.ok) throw new UsageError(parsed.error);
    forward = parsed.value;
  }
  return {
    command,
    ...(run ? {run} : {}),
    ...(forward ? {forward} : {}),
    ...(resource ? {resource} : {}),
    ...(flags.detach === true ? {localFleetMode: 'detach' as const} : flags.stop === true ? {localFleetMode: 'stop' as const} : {}),
    ...(command === 'inventory' ? {inventory: {type: str('type') ?? 'AWS:Application', where: where ?? ''}} : {}),
    local: flags.local === true,
    ...(str('profile') ? {profile: str('profile')} : {}),
    ...(str('region') ? {region: str('region')} : {}),
    ...contexts,
    ...(endpointUrl ? {endpointUrl} : {}),
    ...(str('filter') !== undefined ? {filter: str('filter')} : {}),
    ...(str('columns') !== undefined ? {columns: str('columns')} : {}),
    ...(refresh !== undefined ? {refreshSeconds: Number(refresh)} : {}),
    readOnly: flags.readOnly === true,
    allContexts: flags.allContexts === true,
    ...(str('config') ? {config: str('config')} : {}),
    output: output as Args['output'],
    nodes: int('nodes', str('nodes'), 1, 50_000, 40),
    seed,
    port: int('port', str('port'), 0, 65_535, 0),
    sessionClient,
  };
}

/** --context, --accounts and --regions: lists checked here, names resolved against the config when connecting. */
function contextFlags(command: Subcommand, local: boolean, str: (k: string) => string | undefined): Pick<Args, 'context' | 'accounts' | 'regions'> {
  const context = str('context');
  const accounts = str('accounts');
  const regions = str('regions');
  const localFleet = local || command === 'local-fleet';
  if (context !== undefined) {
    if (localFleet) throw new UsageError('--context picks contexts from the config; it cannot be combined with --local or local-fleet');
    if (str('profile') !== undefined || str('region') !== undefined) {
      throw new UsageError('--context cannot be combined with --profile or --region; write a place as profile:region in --context, e.g. --context prod,acct-dev:eu-west-1');
    }
    if (context.trim() === '') throw new UsageError('--context needs context or group names, e.g. --context prod');
  }
  if (accounts !== undefined && !localFleet) throw new UsageError('--accounts goes with --local or local-fleet; for AWS, list profiles: --profile a,b');
  if (regions !== undefined && !localFleet) throw new UsageError('--regions goes with --local or local-fleet; for AWS, list regions: --region us-east-1,eu-west-1');
  let regionList: string[] | undefined;
  if (regions !== undefined) {
    try {
      regionList = parseRegionList('--regions', regions);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  return {
    ...(context !== undefined ? {context} : {}),
    ...(accounts !== undefined ? {accounts: int('accounts', accounts, 1, 20, 1)} : {}),
    ...(regionList !== undefined ? {regions: regionList} : {}),
  };
}

/**
 * `--help` or `-h` anywhere before `--`: meow answers it only before a command, and `fleetdeck run --help` must print
 * the usage too, not run (or start a local fleet) with the flags it has.
 */
export function helpRequested(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

export function parseArgs(argv: readonly string[], importMeta: ImportMeta): Args {
  const cli = meow(USAGE, {
    importMeta,
    argv: argv.slice(),
    flags: {...resourceFlags(), ...FLAGS},
    allowUnknownFlags: true,
    booleanDefault: undefined,
  });
  if (helpRequested(argv)) cli.showHelp(0);
  return validateArgs(cli.input, cli.flags as Record<string, unknown>, argv);
}
