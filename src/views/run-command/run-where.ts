// Where a run from the form goes when several contexts are connected: its targets split by the context each lives in
// (the place the merged table gave its row), each context with its settings (protected, read-only) and how the aws
// CLI reaches it. With one context there is nothing to split and the form works exactly as before.
import type {ManagedInstance} from '../../fleet/instances/instance.js';
import {rowPlace} from '../../fleet/contexts/row-place.js';
import {contextLabel, splitByContext, type RunPart, type RunWhere} from '../../fleet/run-command/run-contexts.js';
import {resolveTargets, targetCount, validateForm, type RunForm} from '../../fleet/run-command/run-form.js';
import {knownContexts, routesOf, type ContextRoutes} from '../contexts/services.js';
import type {ContextInfo} from '../../fleet/contexts/context.js';
import {assumedCliNote} from '../../fleet/org-nodes/org-node.js';
import type {AppStore} from '../../store/store.js';
import type {Services} from '../view.js';

export interface RunPlan {
  parts: RunPart[];
  where: RunWhere[];
}

/**
 * The form's run split by context, or undefined with one context (or while the form does not check out). Targets
 * SSM alone resolves (resource groups) go to the context the form was opened in.
 */
export function planRun(store: AppStore, services: Services, f: RunForm): RunPlan | undefined {
  const routes = services.contexts ?? soleWithAway(services, f);
  if (routes === undefined) return undefined;
  const fleet = store.getState().instances;
  const v = validateForm(f, fleet);
  const r = resolveTargets(f, fleet);
  if (!v.ok || !r.ok) return undefined;
  // Contexts the organisation view made for its nodes' accounts (assumed roles) take their share too.
  const all = knownContexts(routes);
  const fallback = store.getState().actingContext ?? all[0]?.spec.name;
  const parts: RunPart[] = [];
  const where: RunWhere[] = [];
  for (const p of splitByContext(v.spec, r.instances, fallback, all.map((c) => c.spec.name))) {
    const info = all.find((c) => c.spec.name === p.context);
    if (!info) continue;
    const spec = info.spec;
    parts.push(p);
    where.push({context: spec.name, label: contextLabel(spec), region: spec.region, ...(p.count !== undefined ? {count: p.count} : {}),
      protected: spec.protected === true, readOnly: spec.readOnly === true,
      ...(spec.profile !== undefined ? {profile: spec.profile} : {}), ...(spec.endpoint !== undefined ? {endpoint: spec.endpoint} : {}),
      ...assumedCli(info)});
  }
  return {parts, where};
}

/**
 * How the aws CLI acts where the organisation view assumed a role: the management profile itself in another region of
 * its account; a profile of the role's own otherwise (said in a note above the lines).
 */
function assumedCli(info: ContextInfo): Pick<RunWhere, 'profile' | 'cliNote'> {
  const a = info.assumed;
  if (a === undefined) return {};
  if (a.roleName === undefined) return a.fromProfile === undefined ? {} : {profile: a.fromProfile};
  return {cliNote: assumedCliNote(info.accountId ?? info.spec.alias ?? '', a.roleName, a.fromProfile)};
}

/**
 * The only context's routes when some of the form's targets live elsewhere (nodes of the organisation view, in the
 * contexts it assumed a role into): the run is split as over several contexts. Undefined otherwise.
 */
function soleWithAway(services: Services, f: RunForm): ContextRoutes | undefined {
  const routes = services.soleContext;
  const sole = routes?.all()[0]?.spec.name;
  const away = f.targets.some((t) => {
    const c = rowPlace(t)?.context;
    return c !== undefined && c !== sole;
  });
  return away ? routes : undefined;
}

/** The contexts `instances` live in (in the header's order), each with how many of them it holds and its settings. */
export function contextsOf(services: Services, instances: readonly ManagedInstance[]): RunWhere[] {
  const routes = routesOf(services);
  if (routes === undefined) return [];
  const counts = new Map<string, number>();
  for (const i of instances) {
    const c = rowPlace(i)?.context;
    if (c !== undefined) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return knownContexts(routes).flatMap(({spec}) => {
    const count = counts.get(spec.name);
    return count !== undefined ? [{context: spec.name, label: contextLabel(spec), region: spec.region, count,
      protected: spec.protected === true, readOnly: spec.readOnly === true}] : [];
  });
}


/**
 * The only context of the dashboard as the form's guard when it is protected or read-only (its count typed, or the
 * run refused); undefined otherwise, and the form works exactly as before.
 */
export function soleGuard(services: Services, f: RunForm, fleet: readonly ManagedInstance[]): RunWhere[] | undefined {
  const spec = services.contexts === undefined ? services.soleContext?.all()[0]?.spec : undefined;
  if (!spec || (!spec.protected && !spec.readOnly)) return undefined;
  const count = targetCount(resolveTargets(f, fleet));
  return [{context: spec.name, label: contextLabel(spec), region: spec.region, ...(count !== undefined ? {count} : {}),
    protected: spec.protected === true, readOnly: spec.readOnly === true,
    ...(spec.profile !== undefined ? {profile: spec.profile} : {}), ...(spec.endpoint !== undefined ? {endpoint: spec.endpoint} : {})}];
}

/** The context whose services these are (a merged view loads each context with its own; an assumed context has its own). */
export function contextOfServices(services: Services): string | undefined {
  const routes = routesOf(services);
  return routes ? knownContexts(routes).find((c) => routes.servicesFor(c.spec.name) === services)?.spec.name : undefined;
}
