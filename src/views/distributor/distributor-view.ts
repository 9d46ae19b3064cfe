// Distributor packages (`:distributor`, `:dist`; `:packages` already names the inventory's package view): Amazon's
// and the account's, with their platforms and default version. I installs and U uninstalls through the Run Command
// form, w lists the instances that have the package.
import {cachedHaystack} from '../../fleet/filter.js';
import {formatAge} from '../../fleet/format.js';
import type {DistributorPackage} from '../../fleet/distributor/package.js';
import {cursorRow} from '../../fleet/table-model.js';
import {defineTableView, type ActionContext, type TableView} from '../view.js';
import {tableActions} from '../table-actions.js';
import {readOnlyReason} from '../compliance/remediate.js';
import {configurePackage, openPackage, openWhoHasIt} from './open.js';
import './services.js';

const cursor = (ctx: ActionContext): DistributorPackage | undefined => {
  const st = ctx.store.getState().tables.distributor;
  return st ? cursorRow(st) as DistributorPackage | undefined : undefined;
};

export const ownerText = (p: DistributorPackage) => (p.owner === 'Amazon' ? 'Amazon' : `yours (${p.owner})`);

export const distributorView: TableView<DistributorPackage> = defineTableView<DistributorPackage>({
  id: 'distributor',
  title: 'Distributor packages',
  aliases: ['dist', 'distributor-packages'],
  defaultSort: 'name',
  refreshMs: 60_000,
  liveAges: true,
  scopes: ['distributor', 'table'],
  table: {
    rowId: (p) => p.name,
    filter: {
      keys: {
        owner: {describe: 'amazon, or the account id', get: (p) => p.owner.toLowerCase()},
        platform: {describe: 'linux, windows, macos', get: (p) => p.platformTypes.join(',').toLowerCase()},
      },
      text: cachedHaystack((p: DistributorPackage) => [p.name, p.owner, p.description, p.platformTypes.join(' '), p.defaultVersion]),
    },
    sortValues: {
      name: (p) => p.name.toLowerCase(),
      owner: (p) => (p.owner === 'Amazon' ? 1 : 0),
      created: (p) => -p.createdDate,
    },
  },
  columns: () => [
    {id: 'name', title: 'NAME', width: 24, flex: true, priority: 0, text: (p) => p.name},
    {id: 'owner', title: 'OWNER', width: 20, priority: 1, text: ownerText, tone: (p) => (p.owner === 'Amazon' ? 'muted' : undefined)},
    {id: 'version', title: 'DEFAULT VERSION', width: 16, priority: 0, text: (p) => p.defaultVersion || '—'},
    {id: 'platforms', title: 'PLATFORMS', width: 18, priority: 2, text: (p) => p.platformTypes.join(', ')},
    {id: 'created', title: 'CREATED', width: 8, priority: 3, align: 'right', text: (p, ctx) => formatAge(p.createdDate, ctx.now)},
    {id: 'description', title: 'DESCRIPTION', width: 30, flex: true, priority: 4, text: (p) => p.description},
  ],
  titleNote: (rows) => `${rows.filter((p) => p.owner === 'Amazon').length} Amazon · ${rows.filter((p) => p.owner !== 'Amazon').length} yours`,
  fetch: async (services, {signal}) => {
    const api = services.distributor;
    if (!api) throw new Error('Distributor is not available here');
    return api.list(signal);
  },
  disabled: {
    'distributor.install': readOnlyReason,
    'distributor.uninstall': readOnlyReason,
  },
  actions: {
    ...tableActions<DistributorPackage>('distributor', () => distributorView.table),
    'distributor.detail': (ctx) => {
      const p = cursor(ctx);
      if (p) openPackage(ctx, p);
    },
    'distributor.install': (ctx) => {
      const p = cursor(ctx);
      if (p) configurePackage(ctx, p.name, 'Install');
    },
    'distributor.uninstall': (ctx) => {
      const p = cursor(ctx);
      if (p) configurePackage(ctx, p.name, 'Uninstall');
    },
    'distributor.who': (ctx) => {
      const p = cursor(ctx);
      if (p) openWhoHasIt(ctx, p.name);
    },
  },
});
