// Starting a run from the form when several contexts are connected: each context's share goes out through that
// context's own services (its clients, its identity in the audit log), and the results view shows them as one run.
// A run in one context only opens its results in that context; a run over several opens one results view of every
// node, each row placed in its context (ACCOUNT, REGION) so its output is fetched from there.
import type {AppStore} from '../../store/store.js';
import type {Services} from '../view.js';
import {routesOf} from '../contexts/services.js';
import {initTable} from '../../fleet/table-model.js';
import {summarize} from '../../fleet/run-command/command-status.js';
import {runInContexts, type ContextRunState, type ContextShare} from '../../fleet/run-command/context-run.js';
import type {RunPart} from '../../fleet/run-command/run-contexts.js';
import type {LocalRun} from '../../fleet/run-command/run-registry.js';
import {sanitizeText} from '../../fleet/sanitize.js';

/**
 * A finished run may have changed what its nodes report (a patch install, a scan): the instances table's compliance
 * columns read them again when next on screen rather than show the counts from before the run for a minute.
 */
export function markInsightsStale(store: AppStore, ids: readonly string[]): void {
  const have = store.getState().insights;
  const stale = Object.fromEntries(ids.flatMap((id) => {
    const i = have[id];
    return i ? [[id, {...i, at: 0}]] : [];
  }));
  if (Object.keys(stale).length) store.getState().addInsights(stale);
}

/** Each part's context services; undefined (nothing is sent anywhere) when one of them is not connected. */
function sharesOf(services: Services, parts: readonly RunPart[]): ContextShare[] | string {
  const shares: ContextShare[] = [];
  for (const p of parts) {
    const own = p.context === undefined ? undefined : routesOf(services)?.servicesFor(p.context);
    if (!own?.runCommand || p.context === undefined) return `Run Command is not available in ${p.context ?? 'this context'}`;
    shares.push({context: p.context, api: own.runCommand, identity: own.identity ?? 'unknown', spec: p.spec});
  }
  return shares;
}

const contextsText = (list: readonly {context: string}[]) => list.map((x) => x.context).join(', ');

function finished(st: ContextRunState): {text: string; tone: 'info' | 'warn' | 'error'} {
  const sum = summarize(st.invocations);
  const parts = Object.entries(sum.byStatusDetails).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`);
  if (st.unfollowed.length) {
    return {tone: 'error', text: `run not followed to the end in ${st.unfollowed.map((u) => `${u.context} (${u.why})`).join(', ')}; ` +
      `what was sent goes on in SSM (see :commands) — so far ${parts.join(', ') || 'nothing reported'}`};
  }
  const refused = st.refused.length ? `; SendCommand refused in ${st.refused.map((r) => `${r.context} (${r.error})`).join(', ')}` : '';
  const stopped = st.thresholdStopped.length ? ` (error threshold reached in ${st.thresholdStopped.join(', ')})` : '';
  return {text: `run finished: ${parts.join(', ')}${stopped}${refused}`,
    tone: sum.ErrorCount > 0 || st.thresholdStopped.length || st.refused.length ? 'warn' : 'info'};
}

export function startContextRun(store: AppStore, services: Services, parts: readonly RunPart[]): void {
  const shares = sharesOf(services, parts);
  if (typeof shares === 'string') return store.getState().setFlash({text: shares, tone: 'error'});
  store.getState().addActiveRuns(1);
  const cancel = new AbortController();
  const instances = new Map<string, string>();
  const commands = new Map<string, string>();
  let run: LocalRun | undefined;
  let interrupted = '';
  const one = shares.length === 1 ? shares[0]?.context : undefined;
  runInContexts(shares, {
    cancel: cancel.signal,
    onSent: ({context, commandId}) => {
      commands.set(commandId, context);
      if (run) return services.runs?.addCommand(run, commandId);
      run = services.runs?.begin(commandId, cancel, {instances, commands});
      store.getState().updateTable('command-results', () => initTable('status'));
      // One context: the results belong to it (and load from it alone); several: one view over all of them.
      store.getState().setActingContext(one);
      store.getState().push({view: 'command-results', arg: commandId});
    },
    onUpdate: (st) => {
      for (const [id, c] of st.instanceContext) instances.set(id, c);
      // Calls failing in a context interrupt the following there, never the run: say so until it answers again.
      const trouble = st.interrupted.length ? `run: following interrupted in ${contextsText(st.interrupted)} ` +
        `(${st.interrupted[0]?.interruption.error ?? ''}); retrying — the run goes on in SSM` : '';
      if (trouble && trouble !== interrupted) store.getState().setFlash({text: trouble, tone: 'warn'});
      else if (!trouble && interrupted) store.getState().setFlash({text: 'run: following again', tone: 'info'});
      interrupted = trouble;
      if (run) services.runs?.update(run, st.invocations, st.done && st.unfollowed.length === 0);
    },
  }).then(
    (st) => {
      markInsightsStale(store, st.invocations.map((i) => i.instanceId));
      if (run && st.unfollowed.length) services.runs?.update(run, run.invocations, false, contextsText(st.unfollowed));
      store.getState().setFlash(finished(st));
    },
    (e: unknown) => store.getState().setFlash({text: `Run Command failed: ${sanitizeText((e as Error).message ?? String(e))}`, tone: 'error'}),
  ).finally(() => store.getState().addActiveRuns(-1));
}
