// A run over nodes of several contexts (accounts × regions) is one fleetdeck run made of one SendCommand set per
// context: each is sent with that context's clients and carries the run's rate control on its own, as SSM applies
// MaxConcurrency and MaxErrors per command. This module splits a run by where its targets live and says what the
// confirmation shows of it (the breakdown by account and region, protected and read-only contexts).
import type {ContextSpec} from '../contexts/context.js';
import {rowPlace} from '../contexts/row-place.js';
import type {ManagedInstance} from '../instances/instance.js';
import type {CliConnection} from './run-cli.js';
import type {RunSpec} from './run-orchestrator.js';

/** One context's share of a run. */
export interface RunPart {
  /** The context it is sent in; undefined with one context (rows carry no place). */
  context?: string;
  spec: RunSpec;
  /** Its targets known here; undefined when only SSM can say (resource groups). */
  count?: number;
}

/** What the confirmation and the copied CLI lines need of a context a run reaches. */
export interface RunWhere {
  context: string;
  /** The context as the breakdown names it: its alias, else its name without the region ("local-2", "prod"). */
  label: string;
  region: string;
  count?: number;
  protected: boolean;
  readOnly: boolean;
  /** How the aws CLI reaches it (see contextCli). */
  profile?: string;
  endpoint?: string;
  /** What the aws CLI needs besides (a context the organisation view made by assuming a role). */
  cliNote?: string;
}

/**
 * Splits a run by the context each target lives in (the place the merged table gave its row), in `order`. Ids go to
 * the context of their instance; an expression goes to each context where it matches loaded instances, and with no
 * known match (resource groups) to `fallback`. Targets with no place (one context) make one part, as before.
 */
export function splitByContext(spec: RunSpec, instances: readonly ManagedInstance[] | undefined, fallback: string | undefined,
  order: readonly string[] = []): RunPart[] {
  const rank = (c: string | undefined) => (c === undefined ? -1 : order.indexOf(c) < 0 ? order.length : order.indexOf(c));
  const sorted = (parts: RunPart[]) => parts.sort((a, b) => rank(a.context) - rank(b.context));
  const t = spec.targets;
  if (t.kind === 'targets') {
    if (!instances) return [{...(fallback !== undefined ? {context: fallback} : {}), spec}];
    const counts = new Map<string | undefined, number>();
    for (const i of instances) {
      const c = rowPlace(i)?.context ?? fallback;
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    return sorted([...counts].map(([context, count]) => ({...(context !== undefined ? {context} : {}), spec, count})));
  }
  const byId = new Map((instances ?? []).map((i) => [i.instanceId, i]));
  const groups = new Map<string | undefined, string[]>();
  for (const id of t.ids) {
    const c = rowPlace(byId.get(id))?.context ?? fallback;
    (groups.get(c) ?? groups.set(c, []).get(c))?.push(id);
  }
  return sorted([...groups].map(([context, ids]) => ({...(context !== undefined ? {context} : {}),
    spec: {...spec, targets: {kind: 'ids', ids}}, count: ids.length})));
}

/** A context's name without its region: `local-2:eu-west-1` → `local-2`; a configured name stays whole. */
export function contextLabel(spec: Pick<ContextSpec, 'name' | 'region' | 'alias'>): string {
  if (spec.alias) return spec.alias;
  const suffix = `:${spec.region}`;
  return spec.name.endsWith(suffix) ? spec.name.slice(0, -suffix.length) : spec.name;
}

/**
 * The aws CLI flags that reach a context: its region and profile, and its endpoint when it has one. A context with
 * neither profile nor endpoint of its own is the local fleet's (its credentials come from the app): the app's endpoint.
 */
export function contextCli(spec: Pick<ContextSpec, 'region' | 'profile' | 'endpoint'>, app: CliConnection): CliConnection {
  const endpointUrl = spec.endpoint ?? (spec.profile === undefined ? app.endpointUrl : undefined);
  const region = spec.region || app.region;
  return {...(region ? {region} : {}), ...(spec.profile !== undefined ? {profile: spec.profile} : {}),
    ...(endpointUrl !== undefined ? {endpointUrl} : {})};
}

/** The CLI flags of a part of the run (a context it reaches), or the app's own with one context. */
export function whereCli(w: RunWhere | undefined, app: CliConnection): CliConnection {
  if (w === undefined) return app;
  const conn = contextCli({region: w.region, ...(w.profile !== undefined ? {profile: w.profile} : {}),
    ...(w.endpoint !== undefined ? {endpoint: w.endpoint} : {})}, app);
  return w.cliNote === undefined ? conn : {...conn, note: w.cliNote};
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** "12 nodes: local-1 us-east-1 4 · local-2 eu-west-1 5 · local-3 us-east-1 3" (what runs where, before sending). */
export function breakdownLine(where: readonly RunWhere[]): string {
  const known = where.every((w) => w.count !== undefined);
  const total = where.reduce((n, w) => n + (w.count ?? 0), 0);
  const parts = where.map((w) => `${w.label} ${w.region}${w.count !== undefined ? ` ${w.count}` : ' (resolved by SSM)'}` +
    (w.protected ? ' (protected)' : ''));
  return `${known ? plural(total, 'node') : 'nodes'}: ${parts.join(' · ')}`;
}

/** Why a run is refused because it reaches a read-only context (naming each and what to unmark), or undefined. */
export function readOnlyContextRefusal(where: readonly RunWhere[]): string | undefined {
  const ro = where.filter((w) => w.readOnly);
  if (ro.length === 0) return undefined;
  const names = ro.map((w) => `${w.context}${w.count !== undefined ? ` (${plural(w.count, 'node')})` : ''}`).join(', ');
  const rest = where.length > ro.length ? ' to run on the others' : '';
  return `Run Command refused: ${names} ${ro.length === 1 ? 'is a read-only context' : 'are read-only contexts'}; ` +
    `unmark ${ro.length === 1 ? 'its' : 'their'} nodes${rest} (nothing was sent)`;
}

/** A protected context is reached: the typed confirmation is asked whatever the count. */
export const reachesProtected = (where: readonly RunWhere[] | undefined): boolean => where?.some((w) => w.protected) ?? false;
