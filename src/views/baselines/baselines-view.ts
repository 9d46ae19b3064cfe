// The patch baselines table (`:baselines`, `:pb`, `:patch-baselines`): name, operating system, ★ for its operating
// system's default, the approval rules in short, approved and rejected counts, patch groups. enter opens one
// baseline (its rules, exceptions and the instances that use it); c creates, e edits the rules, d makes it the
// default, p and x register and deregister a patch group.
import {cachedHaystack} from '../../fleet/filter.js';
import {rulesSummary} from '../../fleet/baselines/summary.js';
import {cursorRow} from '../../fleet/table-model.js';
import {defineTableView, type ActionContext, type TableView} from '../view.js';
import {tableActions} from '../table-actions.js';
import {loadBaselineRows, type BaselineRow} from './rows.js';
import {deregisterGroup, registerGroup, setDefault} from './actions.js';
import {createRefusal, editRefusal, groupRefusal, setDefaultRefusal} from './refusals.js';
import {onBaselinesChanged} from './changes.js';
import {openBaseline, openCreateForm, openEditForm} from './open.js';
import './services.js';

export const cursorBaseline = (ctx: ActionContext): BaselineRow | undefined => {
  const st = ctx.store.getState().tables.baselines;
  return st ? cursorRow(st) as BaselineRow | undefined : undefined;
};

const rulesText = (b: BaselineRow) => (b.rules ? rulesSummary(b.rules) : b.rulesError ? `? ${b.rulesError}` : '…');
const count = (b: BaselineRow, list: 'approvedPatches' | 'rejectedPatches') => (b.rules ? String(b.rules[list].length) : '…');

export const baselinesView: TableView<BaselineRow> = defineTableView<BaselineRow>({
  id: 'baselines',
  title: 'Patch baselines',
  aliases: ['pb', 'patch-baselines'],
  defaultSort: 'name',
  refreshMs: 30_000,
  scopes: ['baselines', 'table'],
  table: {
    rowId: (b) => b.baselineId,
    filter: {
      keys: {
        os: {describe: 'operating system, e.g. windows, amazon_linux_2023, ubuntu', get: (b) => b.operatingSystem.toLowerCase()},
        group: {describe: 'a patch group registered with it', aliases: ['pg'], get: (b) => b.patchGroups.join('\n')},
        default: {describe: 'yes: the default for its operating system', values: ['yes', 'no'], get: (b) => (b.defaultBaseline ? 'yes' : 'no')},
        id: {describe: 'baseline id', get: (b) => b.baselineId},
      },
      text: cachedHaystack((b: BaselineRow) => [b.name, b.baselineId, b.operatingSystem, b.description, ...b.patchGroups,
        b.rules ? rulesSummary(b.rules) : '']),
    },
    sortValues: {
      name: (b) => b.name.toLowerCase(),
      os: (b) => `${b.operatingSystem} ${b.defaultBaseline ? 0 : 1}`,
      groups: (b) => -b.patchGroups.length,
    },
  },
  columns: () => [
    {id: 'default', title: '★', width: 1, priority: 0, text: (b) => (b.defaultBaseline ? '★' : ''), tone: () => 'accent'},
    {id: 'name', title: 'NAME', width: 28, flex: true, priority: 0, text: (b) => b.name},
    {id: 'os', title: 'OPERATING SYSTEM', width: 22, priority: 1, text: (b) => b.operatingSystem},
    {id: 'rules', title: 'APPROVAL RULES', width: 30, flex: true, priority: 2, text: rulesText},
    {id: 'approved', title: 'APPR', width: 4, priority: 4, align: 'right', text: (b) => count(b, 'approvedPatches')},
    {id: 'rejected', title: 'REJ', width: 4, priority: 4, align: 'right', text: (b) => count(b, 'rejectedPatches')},
    {id: 'groups', title: 'PATCH GROUPS', width: 20, flex: true, priority: 3, text: (b) => b.patchGroups.join(',') || '—'},
  ],
  titleNote: (rows) => `${rows.filter((b) => b.defaultBaseline).length} defaults · ${rows.reduce((n, b) => n + b.patchGroups.length, 0)} patch groups`,
  fetch: async (services, {signal, onProgress}) => {
    const api = services.baselines;
    if (!api) throw new Error('Patch Manager is not available here');
    return loadBaselineRows(api, signal, onProgress);
  },
  subscribe: (services, _arg, onChange) => onBaselinesChanged(services, onChange),
  disabled: {
    'baselines.create': createRefusal,
    'baselines.edit': editRefusal,
    'baselines.setDefault': setDefaultRefusal,
    'baselines.register': groupRefusal,
    'baselines.deregister': groupRefusal,
  },
  actions: {
    ...tableActions<BaselineRow>('baselines', () => baselinesView.table),
    'baselines.detail': (ctx) => {
      const b = cursorBaseline(ctx);
      if (b) openBaseline(ctx, b.baselineId);
    },
    'baselines.create': (ctx) => openCreateForm(ctx),
    'baselines.edit': (ctx) => {
      const b = cursorBaseline(ctx);
      if (b) openEditForm(ctx, b.baselineId);
    },
    'baselines.setDefault': (ctx) => {
      const b = cursorBaseline(ctx);
      if (b) setDefault(ctx, b);
    },
    'baselines.register': (ctx) => {
      const b = cursorBaseline(ctx);
      if (b) registerGroup(ctx, b);
    },
    'baselines.deregister': (ctx) => {
      const b = cursorBaseline(ctx);
      if (b) deregisterGroup(ctx, b, b.patchGroups);
    },
  },
});
