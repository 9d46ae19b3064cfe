// One command's results, live: a row per instance (status, exit code, duration, first line of output), polled with
// ListCommandInvocations; enter fetches that instance's full output (GetCommandInvocation) for the output pane.
import type {Invocation} from '../../fleet/run-command/port.js';
import {cachedHaystack} from '../../fleet/filter.js';
import {compareForDisplay, parseStatusDetails, summarize} from '../../fleet/run-command/command-status.js';
import {tone} from '../../components/style.js';
import {defineTableView, type TableView} from '../view.js';
import {tableActions} from '../table-actions.js';
import {statusTone} from './status-tone.js';
import {currentScreen} from '../../store/store.js';
import {appendAudit} from '../../audit.js';
import {errorText} from '../../fleet/sanitize.js';
import {readOnlyRefusal} from '../../fleet/read-only.js';
import {openRunForm} from '../../fleet/run-command/run-form.js';
import {instanceName} from '../compliance/names.js';
import type {LocalRun} from '../../fleet/run-command/run-registry.js';
import type {Services} from '../view.js';
import {contextOfServices} from './run-where.js';
import {knownContexts, routesOf, servicesIn} from '../contexts/services.js';
import {placeRows, type RowPlace} from '../../fleet/contexts/row-place.js';
import {accountLabel} from '../../fleet/contexts/context.js';

/** Re-run takes the instances that failed or timed out (the ones an operator would retry). */
const RERUN = new Set(['Failed', 'ExecutionTimedOut', 'DeliveryTimedOut', 'Undeliverable', 'Terminated']);
const RERUN_WORD: Readonly<Record<string, string>> = {Failed: 'failed', ExecutionTimedOut: 'timed-out', DeliveryTimedOut: 'timed-out',
  Undeliverable: 'undeliverable', Terminated: 'terminated'};

/** What a re-run targets, in the form's words: "failed", "failed or timed-out". */
export function rerunWhat(rows: readonly Invocation[]): string {
  return [...new Set(rows.map((i) => RERUN_WORD[i.statusDetails] ?? 'failed'))].join(' or ');
}

function duration(i: Invocation): string {
  if (i.startedAt === undefined) return '—';
  const ms = (i.endedAt ?? Date.now()) - i.startedAt;
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.round(ms / 1000)}s`;
}

const firstLine = (i: Invocation) => i.output.split('\n').find((l) => l.trim()) ?? '';

export type GroupedInvocation = Invocation & {
  /** How many finished invocations of this command printed exactly this output (pssh-style grouping). */
  identical: number;
};

/** Count identical outputs among finished invocations; the SAME column and `same:` filter read it. */
export function groupIdentical(rows: readonly Invocation[]): GroupedInvocation[] {
  const counts = new Map<string, number>();
  const key = (i: Invocation) => `${i.statusDetails}\u0000${i.responseCode}\u0000${i.output}`;
  for (const i of rows) if (i.endedAt !== undefined) counts.set(key(i), (counts.get(key(i)) ?? 0) + 1);
  return rows.map((i) => ({...i, identical: i.endedAt !== undefined ? counts.get(key(i)) ?? 1 : 0}));
}

/** What a results view loaded with one context's services shows of a run started here: that context's share. */
function runShare(run: LocalRun, here: string | undefined): Pick<LocalRun, 'invocations' | 'commandIds' | 'unfollowed'> {
  const placed = run.placed;
  if (!placed || here === undefined) return run;
  return {
    invocations: run.invocations.filter((i) => placed.instances.get(i.instanceId) === here),
    commandIds: run.commandIds.filter((c) => placed.commands.get(c) === here),
    ...(run.unfollowed !== undefined ? {unfollowed: run.unfollowed} : {}),
  };
}

/**
 * Where the nodes of a run over several contexts live when their context is not in view (taken out of view, or one
 * the organisation view assumed a role into): the first context in view shows them, each placed where it lives.
 */
function outOfView(run: LocalRun, services: Services): ReadonlyMap<string, RowPlace> {
  const routes = routesOf(services);
  const placed = run.placed;
  const here = contextOfServices(services);
  const out = new Map<string, RowPlace>();
  if (!routes || !placed || here === undefined || routes.inView()[0]?.spec.name !== here) return out;
  const shown = new Set(routes.inView().map((c) => c.spec.name));
  const known = new Map(knownContexts(routes).map((c) => [c.spec.name, c]));
  for (const [id, c] of placed.instances) {
    const info = shown.has(c) ? undefined : known.get(c);
    if (info) out.set(id, {context: info.spec.name, account: accountLabel(info), region: info.spec.region});
  }
  return out;
}

/** The contexts a run sent commands in (none for a run of one context with one context connected). */
const runContexts = (run: LocalRun): string[] => [...new Set(run.commandIds.flatMap((c) => {
  const ctx = run.placed?.commands.get(c);
  return ctx === undefined ? [] : [ctx];
}))];

export const resultsView: TableView<GroupedInvocation> = defineTableView<GroupedInvocation>({
  id: 'command-results',
  title: 'Results',
  aliases: [],
  needsArg: true,
  refreshMs: 2_000,
  defaultSort: 'status',
  scopes: ['results', 'table'],
  table: {
    rowId: (i) => i.instanceId,
    filter: {
      keys: {
        status: {describe: 'StatusDetails, e.g. status:failed', get: (i) => i.statusDetails},
        id: {describe: 'instance id', get: (i) => i.instanceId},
      },
      text: cachedHaystack((i: GroupedInvocation) => [i.instanceId, i.statusDetails, firstLine(i)]),
    },
    sortValues: {
      status: (i) => {
        const sd = parseStatusDetails(i.statusDetails);
        return sd ? compareForDisplay(sd, 'Success') : 99;
      },
      instance: (i) => i.instanceId,
      exit: (i) => i.responseCode,
      duration: (i) => -((i.endedAt ?? 0) - (i.startedAt ?? 0)),
      same: (i) => -i.identical,
    },
  },
  columns: () => [
    {id: 'instance', title: 'INSTANCE', width: 20, priority: 0, text: (i) => i.instanceId},
    {id: 'name', title: 'NAME', width: 16, flex: true, priority: 1, text: (i, ctx) => instanceName(ctx, i.instanceId)},
    {id: 'status', title: 'STATUS', width: 17, priority: 0, text: (i) => i.statusDetails, tone: (i) => statusTone(i.statusDetails)},
    {id: 'exit', title: 'EXIT', width: 4, priority: 2, align: 'right', text: (i) => (i.responseCode < 0 ? '—' : String(i.responseCode))},
    {id: 'duration', title: 'TIME', width: 6, priority: 3, align: 'right', text: duration},
    {id: 'same', title: 'SAME', width: 5, priority: 4, align: 'right',
      text: (i) => (i.identical > 1 ? `×${i.identical}` : ''), tone: () => 'muted'},
    {id: 'output', title: 'OUTPUT', width: 20, flex: true, priority: 1, text: firstLine},
  ],
  titleNote: (rows) => {
    const s = summarize(rows);
    const width = 16;
    const done = rows.length ? Math.round((s.CompletedCount / rows.length) * width) : 0;
    const counts = Object.entries(s.byStatusDetails).filter(([, n]) => n > 0)
      .map(([k, n]) => tone(`${n} ${k}`, statusTone(k)));
    const distinct = new Set(rows.filter((r) => r.endedAt !== undefined).map((r) => r.output)).size;
    return `[${'█'.repeat(done)}${'░'.repeat(width - done)}] ${counts.join(' ')}${distinct ? ` · ${distinct} distinct outputs` : ''}`;
  },
  fetch: async (services, {arg}) => {
    if (!services.runCommand || !arg) throw new Error('no command selected');
    const run = services.runs?.find(arg);
    // A run over several contexts: each context's load shows its own share (the merged view places it there).
    const share = run ? runShare(run, contextOfServices(services)) : undefined;
    if (!run || !share) return groupIdentical(await services.runCommand.invocations(arg));
    let mine = share.invocations;
    if (share.unfollowed) {
      // Its orchestrator gave up following: this view polls SSM itself, every command of the run.
      const api = services.runCommand;
      const latest = new Map(mine.map((i) => [i.instanceId, i]));
      for (const list of await Promise.all(share.commandIds.map((c) => api.invocations(c)))) for (const i of list) latest.set(i.instanceId, i);
      mine = [...latest.values()];
    }
    // SAME counts identical outputs over the whole run, whichever context each node is in.
    const away = outOfView(run, services);
    const mineIds = new Set(mine.map((i) => i.instanceId));
    const rows = groupIdentical([...mine, ...run.invocations.filter((i) => !mineIds.has(i.instanceId))]);
    return rows.filter((r) => {
      const place = away.get(r.instanceId);
      if (place) placeRows([r], place);
      return mineIds.has(r.instanceId) || place !== undefined;
    });
  },
  subscribe: (services, arg, onChange) => services.runs?.subscribe(arg, onChange) ?? (() => {}),
  disabled: {
    'results.cancel': (ctx) => readOnlyRefusal('cancel', {readOnly: ctx.readOnly, allowForwards: false}),
    'results.rerun': (ctx) => readOnlyRefusal('rerun', {readOnly: ctx.readOnly, allowForwards: false}),
  },
  actions: {
    ...tableActions<GroupedInvocation>('command-results', () => resultsView.table),
    'results.cancel': ({store, services}) => {
      const commandId = currentScreen(store.getState()).arg;
      const api = services.runCommand;
      if (!commandId || !api) return;
      const run = services.runs?.find(commandId);
      if (run) {
        // A run started here: its orchestrator stops sending, cancels every command it sent, and keeps polling.
        const n = run.commandIds.length;
        const unsent = run.invocations.filter((i) => i.commandId === '' && i.statusDetails === 'Pending').length;
        const contexts = runContexts(run);
        const where = contexts.length > 1 ? ` in ${contexts.length} contexts` : '';
        store.getState().setPrompt({kind: 'confirm', text: '', before: '',
          question: `Cancel this run (${n} command${n > 1 ? 's' : ''}${where}${unsent ? `; ${unsent} instances not sent yet never will be` : ''})?`,
          onYes: () => {
            run.cancel.abort();
            // Each context's commands are cancelled there: one record per context, with who acts in it.
            for (const c of contexts.length ? contexts : [undefined]) {
              const ids = c === undefined ? run.commandIds : run.commandIds.filter((id) => run.placed?.commands.get(id) === c);
              appendAudit({action: 'CancelCommand', identity: servicesIn(services, c).identity ?? 'unknown', commandIds: [...ids], via: 'dashboard'});
            }
            store.getState().setFlash({text: `cancel requested for ${n} command${n > 1 ? 's' : ''}${where}`, tone: 'info'});
          }});
        return;
      }
      store.getState().setPrompt({kind: 'confirm', text: '', before: '', question: `Cancel command ${commandId}?`,
        onYes: () => {
          api.cancel(commandId).then(
            () => {
              appendAudit({action: 'CancelCommand', identity: services.identity ?? 'unknown', commandId, via: 'dashboard'});
              store.getState().setFlash({text: `cancel requested for ${commandId}`, tone: 'info'});
            },
            (e: unknown) => store.getState().setFlash({text: `cancel failed: ${errorText(e)}`, tone: 'error'}),
          );
        }});
    },
    'results.rerun': ({store, services}) => {
      const commandId = currentScreen(store.getState()).arg;
      const st = store.getState().tables['command-results'];
      const api = services.runCommand;
      if (!commandId || !st || !api) return;
      const failed = (st.rows as Invocation[]).filter((i) => RERUN.has(i.statusDetails));
      const again = new Set(failed.map((i) => i.instanceId));
      const targets = store.getState().instances.filter((i) => again.has(i.instanceId));
      if (targets.length === 0) {
        store.getState().setFlash({text: 'nothing failed or timed out here', tone: 'info'});
        return;
      }
      // The command is read where it was sent (a run over several contexts: its first command's context).
      const run = services.runs?.find(commandId);
      const reader = servicesIn(services, run?.placed?.commands.get(commandId)).runCommand ?? api;
      reader.getCommand(commandId).then((cmd) => {
        if (!cmd) return;
        // The same document, parameters and rate control; StringList items one per line.
        const parameters = Object.fromEntries(Object.entries(cmd.parameters).map(([k, v]) => [k, v.join('\n')]));
        store.getState().setRunForm(openRunForm(targets, {document: cmd.documentName, parameters,
          maxConcurrency: cmd.maxConcurrency, maxErrors: cmd.maxErrors}, {kind: 'rerun', what: rerunWhat(failed)}));
      }, (e: unknown) => store.getState().setFlash({text: `could not read the command: ${errorText(e)}`, tone: 'error'}));
    },
    'results.grouped': ({store}) => {
      const commandId = currentScreen(store.getState()).arg;
      if (commandId) store.getState().push({view: 'command-groups', arg: commandId, scroll: 0});
    },
    'results.output': ({store, services}) => {
      const st = store.getState().tables['command-results'];
      const row = st?.visible[st.cursor] as Invocation | undefined;
      if (!row || !services.runCommand) return;
      const key = `${row.commandId}/${row.instanceId}`;
      store.getState().setOutput(key, {state: 'loading'});
      store.getState().push({view: 'invocation-output', arg: key, scroll: 0});
      services.runCommand.fullOutput(row.commandId, row.instanceId).then(
        (out) => store.getState().setOutput(key, {state: 'ok', ...out}),
        (e: unknown) => store.getState().setOutput(key, {state: 'error', message: errorText(e)}),
      );
    },
  },
});
