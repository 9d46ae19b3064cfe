// The managed instances view, declared once as data.
import type {ManagedInstance} from '../../fleet/instances/instance.js';
import {agentOutdated, formatAge, pingTone} from '../../fleet/format.js';
import {instanceFilterSchema} from '../../fleet/instances/instance-filter.js';
import {defineTableView, type Column, type TableView} from '../view.js';
import {tableActions} from '../table-actions.js';
import {pingLabel, shortPlatform} from './present.js';
import {openRunOnSelection, runRefusal} from '../run-command/open-run.js';
import {openInventory} from '../inventory/instance.js';
import {openForInstance} from '../associations/associations-view.js';
import {openForwardForm} from '../../fleet/forwards/forward-form.js';
import {readOnlyRefusal} from '../../fleet/read-only.js';
import {WINDOW_READ_ONLY} from '../../fleet/windows/window-form.js';
import type {ActionContext} from '../view.js';
import {errorText} from '../../fleet/sanitize.js';
import {insightColumns} from './insight-columns.js';
import {deregisterNode} from '../activations/deregister.js';
import {openSessions} from '../sessions/sessions-view.js';
import {chosenIds, openRunFor, PATCH_PRESET, SCAN_PRESET} from '../compliance/remediate.js';
import {patchInNextWindow} from '../compliance/next-window.js';

function ipSortKey(ip: string): string {
  return ip.split('.').map((o) => o.padStart(3, '0')).join('.');
}

const chosen = (ctx: ActionContext) => chosenIds<ManagedInstance>(ctx, 'instances', (i) => i.instanceId);

export const instancesView: TableView<ManagedInstance> = defineTableView<ManagedInstance>({
  idsUniqueAcrossContexts: true,
  id: 'instances',
  title: 'Managed instances',
  aliases: ['mi', 'ins', 'nodes'],
  defaultSort: 'name',
  scopes: ['instances', 'table'],
  table: {
    rowId: (i) => i.instanceId,
    filter: instanceFilterSchema,
    dynamicSort: (key) => (key.startsWith('tag:') ? (i) => (i.tags[key.slice(4)] ?? '').toLowerCase() : undefined),
    sortValues: {
      id: (i) => i.instanceId,
      name: (i) => i.name.toLowerCase(),
      ping: (i) => i.pingStatus,
      platform: (i) => shortPlatform(i),
      agent: (i) => i.agentVersion,
      lastPing: (i) => -(i.lastPingAt ?? 0),
      ip: (i) => ipSortKey(i.ipAddress),
    },
  },
  columns: ({tagColumns, insightColumns: withInsights}) => {
    const cols: Column<ManagedInstance>[] = [
      // At 80 columns the name is kept whole and the id is cut (the name is what people read; the id is yanked).
      {id: 'id', title: 'ID', width: 20, minWidth: 12, priority: 0, text: (i) => i.instanceId},
      {id: 'name', title: 'NAME', width: 12, flex: true, whole: true, priority: 1, text: (i) => i.name},
      {id: 'ping', title: 'PING', width: 8, priority: 2, text: (i) => pingLabel(i.pingStatus),
        tone: (i) => pingTone(i.pingStatus)},
      {id: 'platform', title: 'PLATFORM', width: 12, flex: true, priority: 3, text: (i) => shortPlatform(i)},
      {id: 'agent', title: 'AGENT', width: 11, priority: 4,
        text: (i, ctx) => (agentOutdated(i, ctx.newestAgent) ? `${i.agentVersion}↑` : i.agentVersion),
        tone: (i, ctx) => (agentOutdated(i, ctx.newestAgent) ? 'warn' : undefined)},
      {id: 'lastPing', title: 'LAST PING', width: 9, priority: 5, align: 'right',
        text: (i, ctx) => formatAge(i.lastPingAt, ctx.now)},
      {id: 'ip', title: 'IP', width: 15, priority: 6, text: (i) => i.ipAddress},
    ];
    tagColumns.forEach((key, n) =>
      cols.push({id: `tag:${key}`, title: key.toUpperCase(), width: 10, flex: true, priority: 7 + n,
        text: (i) => i.tags[key] ?? ''}),
    );
    if (withInsights) cols.push(...insightColumns(100));
    return cols;
  },
  fetch: (services, opts) => services.loadFleet(opts),
  disabled: {
    'instances.run': runRefusal,
    'instances.shell': (ctx) => readOnlyRefusal('shell', {readOnly: ctx.readOnly, allowForwards: false}),
    'instances.patchInstall': (ctx) => readOnlyRefusal('run', {readOnly: ctx.readOnly, allowForwards: false}),
    'instances.patchScan': (ctx) => readOnlyRefusal('run', {readOnly: ctx.readOnly, allowForwards: false}),
    'instances.patchWindow': (ctx) => (ctx.readOnly ? WINDOW_READ_ONLY.task : undefined),
    'instances.deregister': (ctx) => (ctx.readOnly ? 'read-only mode: deregistering a node is off' : undefined),
    'instances.forward': (ctx) => readOnlyRefusal('forward',
      {readOnly: ctx.readOnly, allowForwards: ctx.services.forwards?.allowedInReadOnly ?? false}),
  },
  onRows: (store, rows, at) => store.getState().setInstances(rows, at),
  actions: {
    ...tableActions<ManagedInstance>('instances', () => instancesView.table),
    'instances.run': ({store, services}) => openRunOnSelection(store, services),
    'instances.patchInstall': (ctx) => openRunFor(ctx, chosen(ctx), PATCH_PRESET),
    'instances.patchScan': (ctx) => openRunFor(ctx, chosen(ctx), SCAN_PRESET),
    'instances.patchWindow': (ctx) => patchInNextWindow(ctx, chosen(ctx)),
    'instances.sidePane': ({store, services}) => {
      const on = !store.getState().sidePane;
      store.getState().setSidePane(on);
      services.rememberSidePane?.(on);
    },
    'instances.inventory': (ctx) => {
      const st = ctx.store.getState().tables.instances;
      const row = st?.visible[st.cursor] as ManagedInstance | undefined;
      if (row) openInventory(ctx, row.instanceId);
    },
    'instances.associations': (ctx) => {
      const st = ctx.store.getState().tables.instances;
      const row = st?.visible[st.cursor] as ManagedInstance | undefined;
      if (row) openForInstance(ctx, row.instanceId);
    },
    'instances.sessions': (ctx) => {
      const st = ctx.store.getState().tables.instances;
      const row = st?.visible[st.cursor] as ManagedInstance | undefined;
      if (row) openSessions(ctx, {history: false, target: row.instanceId});
    },
    'instances.deregister': (ctx) => {
      const st = ctx.store.getState().tables.instances;
      const row = st?.visible[st.cursor] as ManagedInstance | undefined;
      if (row) deregisterNode(ctx, row);
    },
    'instances.forward': ({store, services}) => {
      const st = store.getState().tables.instances;
      const row = st?.visible[st.cursor] as ManagedInstance | undefined;
      if (!row) return;
      if (!services.forwards) return store.getState().setFlash({text: 'port forwards are not available here', tone: 'warn'});
      store.getState().setForwardForm(openForwardForm(row));
      store.getState().push({view: 'forward-form', arg: row.instanceId});
    },
    'instances.shell': ({store, services}) => {
      const st = store.getState().tables.instances;
      if (!st) return;
      if (!services.shells) return store.getState().setFlash({text: 'shells are not available here', tone: 'warn'});
      const marked = (st.rows as ManagedInstance[]).filter((i) => st.marks.has(i.instanceId));
      const cursor = st.visible[st.cursor] as ManagedInstance | undefined;
      const targets = marked.length ? marked : cursor ? [cursor] : [];
      services.shells.open(targets.map((i) => ({instanceId: i.instanceId, name: i.name})));
    },
    'instances.detail': ({store, services}) => {
      const st = store.getState().tables.instances;
      const row = st?.visible[st.cursor] as ManagedInstance | undefined;
      if (!row) return;
      store.getState().push({view: 'instance-detail', arg: row.instanceId, scroll: 0});
      if (row.resourceType !== 'ManagedInstance' && services.loadEc2Details) {
        services.loadEc2Details(row.instanceId).then(
          (d) => d && store.getState().setEc2Details(row.instanceId, d),
          (e: unknown) => store.getState().setEc2Details(row.instanceId, {error: errorText(e)}),
        );
      }
    },
  },
});
