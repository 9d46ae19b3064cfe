// The config file's contexts: named places (`contexts`), named sets of them (`contextGroups`), the request cap each
// context gets (`maxConcurrentRequests`) and the organisation's resource data sync (`org`). Validated whole: every
// mistake is one sentence that names the field and says what to write instead.
import type {ContextSpec} from './context.js';

/** A context as the config file writes it: everything but the name, which is its key. */
export type ContextEntry = Omit<ContextSpec, 'name'>;

export interface OrgSettings {
  /**
   * The resource data sync for managed nodes (ListNodes and ListNodesSummary with a SyncName); default: the one Quick
   * Setup creates, AWS-QuickSetup-ManagedNode, as the console reads it.
   */
  syncName?: string;
  /** The role assumed in a node's account to act on it (IAM role name, not an ARN). */
  roleName?: string;
  /** The context that reads the sync (the management account, where the sync lives); default: the first context. */
  context?: string;
}

export interface ContextSettings {
  contexts: Record<string, ContextSpec>;
  /** Group name → context names (config names, or `profile:region` shorthands resolved to them). */
  contextGroups: Record<string, string[]>;
  /** Requests in flight at once per context; more wait their turn. */
  maxConcurrentRequests: number;
  org?: OrgSettings;
}

export const DEFAULT_MAX_CONCURRENT_REQUESTS = 8;

export const CONTEXT_SETTING_KEYS = ['contexts', 'contextGroups', 'maxConcurrentRequests', 'org'] as const;
export type ContextSettingKey = (typeof CONTEXT_SETTING_KEYS)[number];

/** Region names as AWS spells them: us-east-1, eu-central-2, us-gov-west-1, us-iso-east-1. */
export const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
/** Context and group names: short, no commas (flag lists) and no spaces. */
export const CONTEXT_NAME = /^[A-Za-z0-9][\w.:@+-]{0,63}$/;
/** Profile names as ~/.aws/config may hold them (spaces too), without the commas that separate a flag list. */
export const PROFILE_NAME = /^[^\s,\p{Cc}][^,\p{Cc}]{0,127}$/u;
const SYNC_NAME = /^[\w.-]{1,64}$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/** Colour names Ink (chalk) draws, or #rrggbb. */
const COLOURS = new Set(['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white', 'gray', 'grey',
  'blackBright', 'redBright', 'greenBright', 'yellowBright', 'blueBright', 'magentaBright', 'cyanBright', 'whiteBright']);
const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

const ENTRY_KEYS = ['profile', 'region', 'endpoint', 'readOnly', 'protected', 'colour', 'alias'] as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `profile:region` as a flag or a group member writes a place without naming it in the config. */
export function parsePlace(text: string): {profile: string; region: string} | undefined {
  const colon = text.lastIndexOf(':');
  if (colon <= 0) return undefined;
  const profile = text.slice(0, colon);
  const region = text.slice(colon + 1);
  return PROFILE_NAME.test(profile) && REGION.test(region) ? {profile, region} : undefined;
}

/** A context's name when nothing names it: `profile:region`, `default:region` without a profile. */
export function placeName(profile: string | undefined, region: string): string {
  return `${profile ?? 'default'}:${region}`;
}

/** Two specs that reach the same account and region the same way are the same place, whatever their names. */
export function samePlace(a: Omit<ContextSpec, 'name'>, b: Omit<ContextSpec, 'name'>): boolean {
  return (a.profile ?? 'default') === (b.profile ?? 'default') && a.region === b.region && (a.endpoint ?? '') === (b.endpoint ?? '');
}

function parseEntry(name: string, v: unknown, errors: string[]): ContextSpec | undefined {
  const at = `contexts.${name}`;
  if (!CONTEXT_NAME.test(name)) {
    errors.push(`contexts: "${name}" is not a usable context name; use letters, digits and - _ . : @ + (no spaces or commas), e.g. "prod-use1"`);
    return undefined;
  }
  if (!isRecord(v)) {
    errors.push(`${at} must be an object such as {"profile": "acct-prod", "region": "us-east-1"}`);
    return undefined;
  }
  const before = errors.length;
  for (const k of Object.keys(v)) {
    if (!(ENTRY_KEYS as readonly string[]).includes(k)) errors.push(`${at}: unknown field "${k}" (known: ${ENTRY_KEYS.join(', ')})`);
  }
  const {profile, region, endpoint, readOnly, colour, alias} = v;
  const isProtected = v.protected;
  if (typeof region !== 'string' || !REGION.test(region)) {
    errors.push(`${at}.region must be an AWS region such as "us-east-1"${typeof region === 'string' ? ` (got "${region}")` : ''}`);
  }
  if (profile !== undefined && (typeof profile !== 'string' || !PROFILE_NAME.test(profile))) {
    errors.push(`${at}.profile must be a profile name from ~/.aws/config (no commas)`);
  }
  if (endpoint !== undefined && (typeof endpoint !== 'string' || !/^https?:\/\/[^\s/]+/.test(endpoint))) {
    errors.push(`${at}.endpoint must be an http(s) URL such as "http://127.0.0.1:4566"`);
  }
  if (readOnly !== undefined && typeof readOnly !== 'boolean') errors.push(`${at}.readOnly must be true or false`);
  if (isProtected !== undefined && typeof isProtected !== 'boolean') errors.push(`${at}.protected must be true or false`);
  if (colour !== undefined && (typeof colour !== 'string' || !(COLOURS.has(colour) || HEX_COLOUR.test(colour)))) {
    errors.push(`${at}.colour must be a colour name (red, yellow, cyan, magentaBright…) or "#rrggbb"`);
  }
  if (alias !== undefined && (typeof alias !== 'string' || !/^[\p{L}\p{N} _.:@+-]{1,32}$/u.test(alias))) {
    errors.push(`${at}.alias must be 1 to 32 letters, digits, spaces or - _ . : @ +`);
  }
  if (errors.length > before) return undefined;
  return {
    name,
    region: region as string,
    ...(profile !== undefined ? {profile: profile as string} : {}),
    ...(endpoint !== undefined ? {endpoint: endpoint as string} : {}),
    ...(readOnly === true ? {readOnly: true} : {}),
    ...(isProtected === true ? {protected: true} : {}),
    ...(colour !== undefined ? {colour: colour as string} : {}),
    ...(alias !== undefined ? {alias: alias as string} : {}),
  };
}

/**
 * A group member's context name: a configured context, or a `profile:region` shorthand — which is the configured
 * context at that place when there is one (so its protection applies however it is named), else a place of its own.
 */
export function resolveMember(member: string, contexts: Record<string, ContextSpec>): ContextSpec | undefined {
  if (Object.hasOwn(contexts, member)) return contexts[member];
  const place = parsePlace(member);
  if (!place) return undefined;
  return Object.values(contexts).find((c) => c.endpoint === undefined && samePlace(c, place)) ?? {name: member, ...place};
}

/** Validates the context settings of a config file; `raw` holds only the keys the file has. */
export function parseContextSettings(raw: Partial<Record<ContextSettingKey, unknown>>): {settings: ContextSettings; errors: string[]} {
  const errors: string[] = [];
  const settings: ContextSettings = {contexts: {}, contextGroups: {}, maxConcurrentRequests: DEFAULT_MAX_CONCURRENT_REQUESTS};
  if (raw.maxConcurrentRequests !== undefined) {
    const n = raw.maxConcurrentRequests;
    if (typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 100) settings.maxConcurrentRequests = n;
    else errors.push('maxConcurrentRequests must be a whole number from 1 to 100 (requests in flight at once per context; default 8)');
  }
  if (raw.contexts !== undefined) {
    if (!isRecord(raw.contexts)) {
      errors.push('contexts must be an object of name → context, e.g. {"prod-use1": {"profile": "acct-prod", "region": "us-east-1"}}');
    } else {
      for (const [name, v] of Object.entries(raw.contexts)) {
        const spec = parseEntry(name, v, errors);
        if (!spec) continue;
        const twin = Object.values(settings.contexts).find((c) => samePlace(c, spec));
        if (twin) errors.push(`contexts.${name} is the same place as contexts.${twin.name} (${placeName(spec.profile, spec.region)}); keep one of them`);
        else settings.contexts[name] = spec;
      }
    }
  }
  if (raw.contextGroups !== undefined) {
    if (!isRecord(raw.contextGroups)) {
      errors.push('contextGroups must be an object of group name → context names, e.g. {"prod": ["prod-use1", "acct-prod:eu-west-1"]}');
    } else {
      for (const [group, members] of Object.entries(raw.contextGroups)) {
        const at = `contextGroups.${group}`;
        if (!CONTEXT_NAME.test(group)) {
          errors.push(`contextGroups: "${group}" is not a usable group name; use letters, digits and - _ . : @ + (no spaces or commas)`);
          continue;
        }
        if (Object.hasOwn(settings.contexts, group)) {
          errors.push(`${at}: "${group}" is already a context's name; give the group another name`);
          continue;
        }
        if (!Array.isArray(members) || members.length === 0 || !members.every((m) => typeof m === 'string')) {
          errors.push(`${at} must be a non-empty list of context names or profile:region, e.g. ["prod-use1", "acct-prod:eu-west-1"]`);
          continue;
        }
        const names: string[] = [];
        const before = errors.length;
        for (const m of members as string[]) {
          const spec = resolveMember(m, settings.contexts);
          if (!spec) {
            const known = Object.keys(settings.contexts);
            errors.push(`${at}: unknown context "${m}"; name one under "contexts"${known.length ? ` (${known.join(', ')})` : ''} or write profile:region, e.g. "acct-prod:eu-west-1"`);
          } else if (names.includes(spec.name)) {
            errors.push(`${at} lists ${spec.name === m ? `"${m}"` : `"${m}" (the context ${spec.name})`} twice; list each context once`);
          } else names.push(spec.name);
        }
        if (errors.length === before) settings.contextGroups[group] = names;
      }
    }
  }
  if (raw.org !== undefined) {
    const o = raw.org;
    if (!isRecord(o)) {
      errors.push('org must be an object such as {"syncName": "org-nodes", "roleName": "FleetdeckOperator"}');
    } else {
      const before = errors.length;
      for (const k of Object.keys(o)) if (!['syncName', 'roleName', 'context'].includes(k)) errors.push(`org: unknown field "${k}" (known: syncName, roleName, context)`);
      if (o.syncName !== undefined && (typeof o.syncName !== 'string' || !SYNC_NAME.test(o.syncName))) {
        errors.push('org.syncName must be the name of a resource data sync (1 to 64 letters, digits, - _ .)');
      }
      if (o.roleName !== undefined && (typeof o.roleName !== 'string' || !ROLE_NAME.test(o.roleName))) {
        errors.push('org.roleName must be an IAM role name (not an ARN), e.g. "FleetdeckOperator"');
      }
      if (o.context !== undefined && (typeof o.context !== 'string' || !CONTEXT_NAME.test(o.context))) {
        errors.push('org.context must be the name of a context (the management account\'s, where the sync lives), e.g. "mgmt-use1"');
      }
      if (errors.length === before) {
        settings.org = {...(typeof o.syncName === 'string' ? {syncName: o.syncName} : {}),
          ...(typeof o.roleName === 'string' ? {roleName: o.roleName} : {}),
          ...(typeof o.context === 'string' ? {context: o.context} : {})};
      }
    }
  }
  return {settings, errors};
}
