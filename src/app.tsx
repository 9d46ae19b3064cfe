// Layout and wiring only: header, title, the focused view, the prompt or footer. State lives in the store,
// key handling in app-input.ts, data loading in view-sync.ts.
import React from 'react';
import {Box, Text, useInput, useStdout} from 'ink';
import {useStore} from 'zustand';
import type {AwsTarget} from './fleet/target.js';
import {currentScreen, type AppStore, type Screen} from './store/store.js';
import {useContextInfos, useContextsInView} from './views/contexts/use-contexts.js';
import {activeScopes, disabledReason, dispatchInput, type InputContext} from './app-input.js';
import {keyName} from './keys/key-name.js';
import type {Keymap} from './keys/keymap.js';
import {findView, NAVIGABLE, WATCHERS} from './views/registry.js';
import type {ColumnContext, Services, TableView, ViewOptions} from './views/view.js';
import {startViewSync, type SyncOptions, type ViewSync} from './views/view-sync.js';
import {columnContext, sidePaneWidth, tableNow} from './views/table-context.js';
import {Header} from './components/Header.js';
import {Footer} from './components/Footer.js';
import {HelpOverlay} from './components/HelpOverlay.js';
import {ColumnPickerOverlay} from './components/ColumnPicker.js';
import {applyLayout, type ColumnLayout} from './fleet/column-layout.js';
import {RunFormView} from './components/RunFormView.js';
import {ensureDocumentSchema} from './views/run-command/run-form-input.js';
import {PromptLine} from './components/PromptLine.js';
import {SplitLayout, shellFooter, useShells, workspaceTabs} from './components/SplitLayout.js';
import {ResourceTable} from './components/ResourceTable.js';
import {InsightPane, InsightSync} from './views/instances/insight-pane.js';
import {completions} from './command-bar.js';
import {plainText, searchNote} from './views/pane-actions.js';
import {breadcrumb} from './views/navigation.js';
import {bold, inverse, tone} from './components/style.js';
import {truncate} from './fleet/format.js';
import {sanitizeText} from './fleet/sanitize.js';

export interface AppProps {
  store: AppStore;
  services: Services;
  keymap: Keymap;
  target: AwsTarget;
  viewOptions: ViewOptions;
  sync: SyncOptions;
  readOnly: boolean;
  onQuit: () => void;
  /** The time ages count from (tests move it). */
  clock?: () => number;
}

/** How often ages in history views move on. */
const CLOCK_MS = 1000;

/** Header (2) + title (1) + footer or prompt (1); the root stays one line shorter than the terminal. */
const CHROME = 4;

/** Where a screen of one context lives, after its title. */
function placeNote(screen: Screen): string {
  return screen.context === undefined ? '' : ` ${tone(`@ ${sanitizeText(screen.context)}`, 'accent')}`;
}

/** A screen of one context shows no ACCOUNT/REGION columns: its title says where it is. */
const ownContext = new WeakMap<ViewOptions, ViewOptions>();
function ownContextOptions(options: ViewOptions): ViewOptions {
  let own = ownContext.get(options);
  if (own === undefined) ownContext.set(options, own = {...options, contexts: false});
  return own;
}

export function contentHeight(rows: number): number {
  return Math.max(3, rows - 1 - CHROME);
}

/** The table view whose data is live: the top screen, or the table under a pane opened from it. */
function liveTable(stack: readonly Screen[]): {id: string; arg?: string; context?: string} | undefined {
  for (let i = stack.length - 1; i >= 0; i--) {
    const s = stack[i];
    if (s && findView(s.view)?.kind === 'table') {
      return {id: s.view, ...(s.arg !== undefined ? {arg: s.arg} : {}), ...(s.context !== undefined ? {context: s.context} : {})};
    }
  }
  return undefined;
}

export function App(props: AppProps) {
  const {store, services, keymap, target, viewOptions, readOnly, clock = Date.now} = props;
  const size = useStore(store, (s) => s.size);
  const stack = useStore(store, (s) => s.stack);
  const help = useStore(store, (s) => s.help);
  const prompt = useStore(store, (s) => s.prompt);
  const instances = useStore(store, (s) => s.instances);
  const loadedAt = useStore(store, (s) => s.fleetLoadedAt);
  const syncState = useStore(store, (s) => s.sync);
  const flash = useStore(store, (s) => s.flash);
  const activity = useStore(store, (s) => s.activity);
  const runForm = useStore(store, (s) => s.runForm);
  const activeRuns = useStore(store, (s) => s.activeRuns);
  const forwardsUp = useStore(store, (s) => s.forwardsUp);
  const headerNotes = useStore(store, (s) => s.headerNotes);
  const tables = useStore(store, (s) => s.tables);
  const insights = useStore(store, (s) => s.insights);
  const sidePane = useStore(store, (s) => s.sidePane);
  const savedViews = useStore(store, (s) => s.savedViews);
  const columnLayouts = useStore(store, (s) => s.columnLayouts);
  const columnPicker = useStore(store, (s) => s.columnPicker);
  // Resource views with state of their own (Parameter Store's reveals, history) redraw when it changes.
  useStore(store, (s) => s.resourceChanges);
  const externalProgram = useStore(store, (s) => s.externalProgram);
  const top = stack[stack.length - 1];
  const topView = top ? findView(top.view) : undefined;
  // Only views whose ages count on the clock re-render when it ticks.
  const liveAges = topView?.kind === 'table' && !!topView.liveAges;
  const clockNow = useStore(store, (s) => (liveAges ? s.now : 0));
  const {stdout} = useStdout();
  const shellsOn = useShells(store);

  const height = contentHeight(size.rows);
  const syncRef = React.useRef<ViewSync | undefined>(undefined);

  // Resources that keep the header told (a small poll each), for as long as the app runs.
  React.useEffect(() => {
    const stops = WATCHERS.map((watch) => watch(store, services));
    return () => stops.forEach((stop) => stop());
  }, [store, services]);

  React.useEffect(() => {
    const onResize = () => store.getState().setSize(stdout.columns || 80, stdout.rows || 24);
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, store]);

  React.useEffect(() => {
    const timer = setInterval(() => store.getState().setNow(clock()), CLOCK_MS);
    return () => clearInterval(timer);
  }, [store, clock]);

  const live = liveTable(stack);
  const liveId = live?.id;
  const liveArg = live?.arg;
  const liveContext = live?.context;
  // The contexts in view change what a merged view loads: it starts again over the new set.
  const inView = useContextsInView(services);
  const contextInfos = useContextInfos(services);
  const contextLoads = useStore(store, (s) => s.contextLoads);
  React.useEffect(() => {
    const view = liveId ? findView(liveId) : undefined;
    if (view?.kind !== 'table') return;
    const sync = startViewSync(view, store, services, props.sync, liveArg, liveContext);
    syncRef.current = sync;
    return () => {
      sync.stop();
      syncRef.current = undefined;
    };
  }, [liveId, liveArg, liveContext, inView, store, services, props.sync]);

  // Whoever opened the Run Command form, its document's parameter schema loads as soon as the document is known.
  const runFormDocument = runForm?.document;
  React.useEffect(() => {
    if (runFormDocument) ensureDocumentSchema(store, services);
  }, [runFormDocument, store, services]);

  // Dialogs pause refreshes: nothing moves under the user while they read help.
  React.useEffect(() => {
    if (help) syncRef.current?.pause();
    else syncRef.current?.resume();
  }, [help]);

  const cli = {region: target.region, ...(target.profile ? {profile: target.profile} : {}),
    ...(target.endpoint ? {endpointUrl: target.endpoint} : {})};
  const inputCtx: InputContext = {
    store, services, keymap, pageSize: Math.max(1, height - 1), quit: props.onQuit, readOnly,
    refresh: () => syncRef.current?.refreshNow(), cli, viewOptions,
  };
  useInput((input, key) => dispatchInput(inputCtx, keyName(input, key), input, !key.ctrl && !key.meta));

  const screen = currentScreen(store.getState());
  const view = findView(screen.view);
  const width = size.cols;
  const marked = tables.instances?.marks.size ?? 0;

  let title = '';
  let body: React.ReactNode = null;
  const shells = shellsOn.visible ? services.shells : undefined;
  if (shells) {
    // The shells take the content area; their input never reaches dispatchInput (workspace/input-router.ts).
    body = <SplitLayout store={store} shells={shells} width={width} height={height} />;
    title = workspaceTabs(shells);
  } else if (runForm) {
    body = <RunFormView form={runForm} fleet={instances} width={width} height={height} confirmAbove={store.getState().confirmAbove}
      cli={cli} keymap={keymap} />;
    title = 'Run Command';
  } else if (columnPicker) {
    body = <ColumnPickerOverlay picker={columnPicker} height={height} />;
    title = `${bold('Columns')} ${view?.title ?? columnPicker.view}`;
  } else if (help) {
    body = <HelpOverlay keymap={keymap} width={width} height={height} scroll={screen.scroll ?? 0} focused={view?.scopes ?? []}
      views={[...NAVIGABLE, ...Object.entries(savedViews).map(([id, v]) => ({id, aliases: [],
        title: `saved: ${sanitizeText(v.view)}${v.filter ? ` /${sanitizeText(v.filter)}` : ''}`}))]} />;
    title = 'Help';
  } else if (view?.kind === 'table') {
    const st = tables[view.id];
    // Never behind the rows just fetched: a second-old clock would age a new record negatively.
    const now = tableNow({now: clockNow, sync: syncState, fleetLoadedAt: loadedAt}, liveAges);
    const ctx = columnContext({instances, insights, tables}, now);
    // The compliance and inventory pane beside the instances table follows its cursor.
    const paneWidth = sidePaneWidth(view.id, sidePane, width);
    const filter = st?.appliedFilter ? ` ${tone(`/${st.appliedFilter}`, 'accent')}` : '';
    // The argument can hold values from AWS (an inventory query's package name): shown through the sanitizer.
    const arg = screen.arg ? ` ${tone(sanitizeText(screen.arg), 'accent')}` : '';
    const note = st && view.titleNote ? ` ${view.titleNote(st.rows, width)}` : '';
    title = `${bold(view.title)}${arg}${placeNote(screen)} ${st ? `${st.visible.length}/${st.rows.length}` : ''}${filter}${note}`;
    body = st ? (
      <Box height={height}>
        <TableBody view={view} st={st} ctx={ctx} width={width - paneWidth} height={height} options={screen.context === undefined ? viewOptions : ownContextOptions(viewOptions)}
          layout={columnLayouts[view.id]} />
        {paneWidth > 0 && <InsightPane store={store} services={services} width={paneWidth} height={height} />}
      </Box>
    ) : (
      <Text>{tone('loading…', 'muted')}</Text>
    );
  } else if (view?.kind === 'pane') {
    const lines = view.lines(store, screen.arg, width);
    const top = Math.max(0, Math.min(screen.scroll ?? 0, Math.max(0, lines.length - height)));
    const found = searchNote(lines, screen.search);
    title = `${bold(view.title)} ${screen.arg ?? ''}${placeNote(screen)} ${found ? `${tone(found, 'accent')} ` : ''}${tone('esc back', 'muted')}`;
    body = (
      <Box flexDirection="column" height={height}>
        {lines.slice(top, top + height).map((l, i) => (
          // The current search match stands out as one inverse run (its own styling would end the inverse early). An
          // empty line is drawn as a space: Ink gives empty text no height, and each one would cost the pane a row.
          <Text key={i} wrap="truncate-end">{top + i === screen.search?.line ? inverse(truncate(plainText(l), width)) : truncate(l, width) || ' '}</Text>
        ))}
      </Box>
    );
  }

  // An editor has the terminal: a blank frame, so that everything is drawn again once the dashboard is back.
  if (externalProgram !== undefined) return <Box width={width} height={size.rows - 1} />;
  // The live view's last refresh (the fleet's load time while the instances table is the live one).
  const refreshedAt = syncState.lastSuccessAt ?? loadedAt;
  return (
    <Box flexDirection="column" width={width} height={size.rows - 1}>
      <InsightSync store={store} services={services} />
      <Header target={target} instances={instances} sync={syncState} marked={marked}
        readOnly={readOnly} crumbs={breadcrumb(stack)} activeRuns={activeRuns} shells={shellsOn.shells} forwards={forwardsUp} notes={Object.values(headerNotes)} {...(services.contexts || services.soleContext ? {contexts: contextInfos, contextLoads} : {})} {...(activity ? {activity} : {})} {...(refreshedAt !== undefined ? {loadedAt: refreshedAt} : {})} {...(flash ? {flash} : {})} />
      <Text wrap="truncate-end">{tone('─ ', 'muted')}{title}{' '}{tone('─'.repeat(Math.max(0, width)), 'muted')}</Text>
      <Box height={height} flexDirection="column">{body}</Box>
      {shells ? (
        <Text wrap="truncate-end">{shellFooter(shells, keymap)}</Text>
      ) : prompt ? (
        <PromptLine prompt={prompt} suggestions={prompt.kind === 'command' && !prompt.error ? completions(prompt.text, 4, savedViews) : []}
          keymap={keymap} disabled={(id) => disabledReason(inputCtx, id)} />
      ) : (
        <Footer keymap={keymap} scopes={activeScopes(store)} disabled={(id) => disabledReason(inputCtx, id)} />
      )}
    </Box>
  );
}

function TableBody(props: {
  view: TableView<unknown>;
  st: NonNullable<ReturnType<AppStore['getState']>['tables'][string]>;
  ctx: ColumnContext;
  width: number;
  height: number;
  options: ViewOptions;
  /** The columns the user picked for this view (`C`), if any. */
  layout?: ColumnLayout | undefined;
}) {
  const {view, st, ctx, width, height, options, layout} = props;
  const columns = React.useMemo(() => applyLayout(view.columns(options), layout), [view, options, layout]);
  const empty = st.rows.length === 0 ? 'no rows yet' : `nothing matches /${st.appliedFilter}`;
  return (
    <ResourceTable columns={columns} state={st} rowId={view.table.rowId} ctx={ctx} width={width} height={height}
      empty={empty} />
  );
}
