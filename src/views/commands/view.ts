// Command history (`:commands`): ListCommands, newest first; enter opens a command's live results.
import type {CommandSummary} from '../../fleet/run-command-port.js';
import {formatAge} from '../../fleet/format.js';
import {cachedHaystack} from '../../fleet/filter.js';
import {initTable} from '../../fleet/table-model.js';
import {defineTableView, type TableView} from '../view.js';
import {tableActions} from '../table-actions.js';
import {statusTone} from './status-tone.js';

export const commandsView: TableView<CommandSummary> = defineTableView<CommandSummary>({
  id: 'commands',
  title: 'Command history',
  aliases: ['cmds', 'history', 'runs'],
  defaultSort: 'requested',
  liveAges: true,
  scopes: ['commands', 'table'],
  table: {
    rowId: (c) => c.commandId,
    filter: {
      keys: {
        status: {describe: 'status', get: (c) => c.statusDetails},
        document: {describe: 'document name', aliases: ['doc'], get: (c) => c.documentName},
        id: {describe: 'command id', get: (c) => c.commandId},
      },
      text: cachedHaystack((c: CommandSummary) => [c.commandId, c.documentName, c.statusDetails, c.comment, c.targets]),
    },
    sortValues: {
      requested: (c) => -(c.requestedAt ?? 0),
      document: (c) => c.documentName,
      status: (c) => c.statusDetails,
      errors: (c) => -c.errorCount,
    },
  },
  columns: () => [
    {id: 'requested', title: 'AGE', width: 6, priority: 0, align: 'right', text: (c, ctx) => formatAge(c.requestedAt, ctx.now)},
    {id: 'id', title: 'COMMAND ID', width: 36, priority: 4, text: (c) => c.commandId},
    {id: 'document', title: 'DOCUMENT', width: 20, flex: true, priority: 1, text: (c) => c.documentName},
    {id: 'status', title: 'STATUS', width: 16, priority: 0, text: (c) => c.statusDetails, tone: (c) => statusTone(c.statusDetails)},
    {id: 'done', title: 'DONE', width: 9, priority: 2, align: 'right', text: (c) => `${c.completedCount}/${c.targetCount}`},
    {id: 'errors', title: 'ERRORS', width: 6, priority: 3, align: 'right', text: (c) => String(c.errorCount),
      tone: (c) => (c.errorCount > 0 ? 'bad' : undefined)},
    {id: 'targets', title: 'TARGETS', width: 14, flex: true, priority: 5, text: (c) => c.targets},
    {id: 'comment', title: 'COMMENT', width: 12, flex: true, priority: 6, text: (c) => c.comment},
  ],
  fetch: async (services) => {
    if (!services.runCommand) throw new Error('Run Command is not available here');
    return services.runCommand.listCommands();
  },
  actions: {
    ...tableActions<CommandSummary>('commands', () => commandsView.table),
    'commands.open': ({store}) => {
      const st = store.getState().tables.commands;
      const row = st?.visible[st.cursor] as CommandSummary | undefined;
      if (!row) return;
      store.getState().updateTable('command-results', () => initTable('status'));
      store.getState().push({view: 'command-results', arg: row.commandId});
    },
  },
});
