// Which contexts a run opens: `--profile a,b --region x,y` (every profile in every region), `--context NAME,GROUP`
// (named contexts and groups of the config), `--local --accounts N --regions a,b` (the local fleet's partitions), or
// nothing (today's one context: the default credentials in the configured region).
import type {ContextSpec} from './context.js';
import {placeName, REGION, resolveMember, samePlace, type ContextSettings} from './context-config.js';

export class ContextSelectionError extends Error {
  override name = 'ContextSelectionError';
}

export interface ContextSelection {
  /** Comma-separated, as typed after --profile. */
  profile?: string;
  /** Comma-separated, as typed after --region. */
  region?: string;
  /** Comma-separated context and group names (and profile:region places), as typed after --context. */
  context?: string;
  endpoint?: string;
}

/** A flag's comma-separated list: no empty items, none twice. */
export function splitList(flag: string, text: string): string[] {
  const items = text.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new ContextSelectionError(`${flag} has an empty name in "${text}"; separate names with single commas, e.g. ${flag} a,b`);
  const twice = items.find((s, i) => items.indexOf(s) !== i);
  if (twice !== undefined) throw new ContextSelectionError(`${flag} names "${twice}" twice; list each once`);
  return items;
}

/**
 * The contexts the flags select, in the order given. A spec whose region is '' takes its region from the profile or
 * the environment (as one --profile without --region always has): the caller resolves it and names the context
 * with `placeName(profile, region)`. A place the config names is that configured context, with its protections.
 */
export function selectContexts(sel: ContextSelection, settings: Pick<ContextSettings, 'contexts' | 'contextGroups'>): ContextSpec[] {
  if (sel.context !== undefined) {
    if (sel.profile !== undefined || sel.region !== undefined) {
      throw new ContextSelectionError('--context picks contexts from the config and cannot be combined with --profile or --region; ' +
        'write a place as profile:region in --context instead, e.g. --context prod,acct-dev:eu-west-1');
    }
    if (sel.endpoint !== undefined) {
      throw new ContextSelectionError('--context cannot be combined with --endpoint-url; set "endpoint" on the context in the config');
    }
    const picked: ContextSpec[] = [];
    const add = (s: ContextSpec) => {
      if (!picked.some((p) => p.name === s.name)) picked.push(s);
    };
    for (const item of splitList('--context', sel.context)) {
      const group = Object.hasOwn(settings.contextGroups, item) ? settings.contextGroups[item] : undefined;
      if (group) {
        for (const member of group) {
          const spec = resolveMember(member, settings.contexts);
          if (spec) add(spec);
        }
        continue;
      }
      const spec = resolveMember(item, settings.contexts);
      if (!spec) throw new ContextSelectionError(unknownContext(item, settings));
      add(spec);
    }
    return picked;
  }
  const profiles: (string | undefined)[] = sel.profile !== undefined ? splitList('--profile', sel.profile) : [undefined];
  const regions = sel.region !== undefined ? splitList('--region', sel.region) : [''];
  // One region stays as it always was: checked where it is resolved, with the profile's and environment's regions.
  if (regions.length > 1) {
    const bad = regions.find((r) => !REGION.test(r));
    if (bad !== undefined) throw new ContextSelectionError(`--region: "${bad}" is not a valid AWS region: a region looks like eu-west-1`);
  }
  const specs: ContextSpec[] = [];
  for (const profile of profiles) {
    for (const region of regions) {
      const place = {region, ...(profile !== undefined ? {profile} : {}), ...(sel.endpoint !== undefined ? {endpoint: sel.endpoint} : {})};
      const configured = region === '' ? undefined : Object.values(settings.contexts).find((c) => samePlace(c, place));
      specs.push(configured ?? {name: region === '' ? profile ?? 'default' : placeName(profile, region), ...place});
    }
  }
  return specs;
}

function unknownContext(item: string, settings: Pick<ContextSettings, 'contexts' | 'contextGroups'>): string {
  const contexts = Object.keys(settings.contexts);
  const groups = Object.keys(settings.contextGroups);
  if (!contexts.length && !groups.length) {
    return `--context: unknown context "${item}"; the config names no contexts yet: add "contexts" (and "contextGroups") to it, ` +
      'or write a place as profile:region, e.g. --context acct-prod:us-east-1';
  }
  return `--context: unknown context "${item}"; the config names ${[
    contexts.length ? `contexts ${contexts.join(', ')}` : '',
    groups.length ? `groups ${groups.join(', ')}` : '',
  ].filter(Boolean).join(' and ')} (or write profile:region, e.g. acct-prod:us-east-1)`;
}

/** The local fleet's partitions (account n of N in a region) as contexts `local-<n>:<region>`. */
export function localContextSpecs(partitions: readonly {account: number; region: string}[]): ContextSpec[] {
  return partitions.map((p) => ({name: `local-${p.account}:${p.region}`, region: p.region}));
}

/** `--regions a,b` for the local fleet: valid region names, none twice. */
export function parseRegionList(flag: string, text: string): string[] {
  const regions = splitList(flag, text);
  const bad = regions.find((r) => !REGION.test(r));
  if (bad !== undefined) throw new ContextSelectionError(`${flag}: "${bad}" is not a valid AWS region: a region looks like eu-west-1`);
  return regions;
}
