// One command's results, live: a row per instance (status, exit code, duration, first line of output), polled with
// ListCommandInvocations; enter fetches that instance's full output (GetCommandInvocation) for the output pane.
import type {Invocation} from '../../aws/run-command.js';
import {cachedHaystack} from '../../fleet/filter.js';
import {compareForDisplay, parseStatusDetails} from '../../fleet/command-status.js';
import {defineTableView, type TableView} from '../view.js';
import {tableActions} from '../table-actions.js';
import {statusTone} from './status-tone.js';

function duration(i: Invocation): string {
  if (i.startedAt === undefined) return '—';
  const ms = (i.endedAt ?? Date.now()) - i.startedAt;
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.round(ms / 1000)}s`;
}

const firstLine = (i: Invocation) => i.output.split('\n').find((l) => l.trim()) ?? '';

export const resultsView: TableView<Invocation> = defineTableView<Invocation>({
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
      text: cachedHaystack((i: Invocation) => [i.instanceId, i.statusDetails, firstLine(i)]),
    },
    sortValues: {
      status: (i) => {
        const sd = parseStatusDetails(i.statusDetails);
        return sd ? compareForDisplay(sd, 'Success') : 99;
      },
      instance: (i) => i.instanceId,
      exit: (i) => i.responseCode,
      duration: (i) => -((i.endedAt ?? 0) - (i.startedAt ?? 0)),
    },
  },
  columns: () => [
    {id: 'instance', title: 'INSTANCE', width: 20, priority: 0, text: (i) => i.instanceId},
    {id: 'status', title: 'STATUS', width: 17, priority: 0, text: (i) => i.statusDetails, tone: (i) => statusTone(i.statusDetails)},
    {id: 'exit', title: 'EXIT', width: 4, priority: 2, align: 'right', text: (i) => (i.responseCode < 0 ? '—' : String(i.responseCode))},
    {id: 'duration', title: 'TIME', width: 6, priority: 3, align: 'right', text: duration},
    {id: 'output', title: 'OUTPUT', width: 20, flex: true, priority: 1, text: firstLine},
  ],
  fetch: async (services, {arg}) => {
    if (!services.runCommand || !arg) throw new Error('no command selected');
    return services.runCommand.invocations(arg);
  },
  actions: {
    ...tableActions<Invocation>('command-results', () => resultsView.table),
    'results.output': ({store, services}) => {
      const st = store.getState().tables['command-results'];
      const row = st?.visible[st.cursor] as Invocation | undefined;
      if (!row || !services.runCommand) return;
      const key = `${row.commandId}/${row.instanceId}`;
      store.getState().setOutput(key, {state: 'loading'});
      store.getState().push({view: 'invocation-output', arg: key, scroll: 0});
      services.runCommand.fullOutput(row.commandId, row.instanceId).then(
        (out) => store.getState().setOutput(key, {state: 'ok', ...out}),
        (e: unknown) => store.getState().setOutput(key, {state: 'error', message: e instanceof Error ? e.message : String(e)}),
      );
    },
  },
});
