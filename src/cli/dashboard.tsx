// The interactive dashboard: set up the terminal, render the App, and take the terminal back on every exit path.
import {userInfo} from 'node:os';
import React from 'react';
import {render} from 'ink';
import {App} from '../app.js';
import {createAppStore} from '../store/store.js';
import {shellsPort} from '../store/shells-slice.js';
import type {FleetLoader} from '../aws/instances/fleet-loader.js';
import {readAudit} from '../audit.js';
import {describeAwsError, pollerErrorClass} from '../aws/errors.js';
import {coalescingStdout, enterFullscreen, isTtyGone, watchTerminalLoss} from '../tui/fullscreen.js';
import {initTable, setFilter} from '../fleet/table-model.js';
import {instancesView} from '../views/instances/instances-view.js';
import {seedRows} from '../views/view-sync.js';
import type {Services} from '../views/view.js';
import type {Keymap} from '../keys/keymap.js';
import type {Connection} from './connect.js';
import {errorFields, log} from '../log.js';
import {boundHeapGrowth} from '../heap-growth.js';
import {errorText} from '../fleet/sanitize.js';
import {Lifecycle} from '../lifecycle.js';
import {RunRegistry} from '../fleet/run-command/run-registry.js';
import {saveSetting} from '../config/config.js';
import type {SavedViews} from '../fleet/saved-views.js';
import type {ColumnLayout} from '../fleet/column-layout.js';
import {usableSavedViews} from '../command-bar.js';
import {contentHeight} from '../app.js';
import {appendAudit} from '../audit.js';
import {ForwardManager} from '../fleet/forwards/forwards.js';
import {ShellWorkspaces} from '../workspace/workspaces.js';
import type {ShellLauncher} from '../workspace/shell.js';
import {routeInput} from '../workspace/input-router.js';
import {DEFAULT_PREFIX_KEY} from '../workspace/keys.js';
import {osc52} from '../tui/clipboard.js';
import {saveText} from '../config/saved-files.js';
import {assumedContexts, clientServices, contextRoutes, identityOf, soleContextRoutes} from './context-services.js';
import type {AssumedContexts} from './org-nodes/assumed-contexts.js';
import type {OrgSettings} from '../fleet/contexts/context-config.js';
import type {ContextSet} from '../aws/contexts/context-set.js';
import type {AwsClients} from '../aws/clients.js';
import {rowPlace} from '../fleet/contexts/row-place.js';
import type {ManagedInstance} from '../fleet/instances/instance.js';
import type {AppStore} from '../store/store.js';
import {editInTerminal, outputGate} from '../tui/external-editor.js';

export interface DashboardOptions {
  keymap: Keymap;
  tagColumns: string[];
  refreshSeconds: number;
  readOnly: boolean;
  maxFps: number;
  confirmAbove: number;
  filter?: string;
  /** The key that reaches pane commands while a shell has focus. */
  prefixKey?: string;
  sessionClient?: 'native' | 'plugin';
  /** Port forwards stay allowed in read-only mode (the allowForwardsInReadOnly setting). */
  allowForwardsInReadOnly?: boolean;
  /** The compliance/inventory pane starts open (the sidePane setting); toggling saves it to `configPath`. */
  sidePane?: boolean;
  /** Named views from the config (`savedViews`); `:save NAME` adds to them in `configPath`. */
  savedViews?: SavedViews;
  /** Column layouts per view from the config (`views`); the column picker saves them in `configPath`. */
  columnLayouts?: Record<string, ColumnLayout>;
  configPath?: string;
  /** How long a revealed SecureString stays on screen (the revealSeconds setting). */
  revealSeconds?: number;
  /** Unsafe file permissions found at start, shown in the status line until the first key. */
  fileWarnings?: string[];
  /** The connected contexts; with more than one, every view shows them all (merged) and actions go where rows live. */
  contexts?: ContextSet;
  /** The config's organisation settings (the `:org` view's sync, the role it assumes in other accounts). */
  org?: OrgSettings;
}

/** The user this process (and the local fleet it starts) runs as. */
function localUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env['USER'] ?? 'this user';
  }
}

/**
 * How panes reach shells: the native client, or session-manager-plugin run as the AWS CLI runs it. The session
 * modules (WebSockets, the pty) load with the first shell: the first screen does not wait for them.
 */
function shellLauncher(clientsFor: (instanceId: string) => AwsClients, kind: 'native' | 'plugin'): ShellLauncher {
  // One launcher per context's clients: a node's session starts in the account and region the node lives in.
  const launchers = new Map<AwsClients, Promise<ShellLauncher>>();
  const load = async (aws: AwsClients): Promise<ShellLauncher> => {
    const [{nativeLauncher, pluginLauncher}, {sessionApi}, {defaultSsmEndpoint}] = await Promise.all([
      import('../workspace/shell.js'), import('../aws/sessions/start-session.js'), import('../session/plugin.js')]);
    const api = sessionApi(aws);
    if (kind === 'native') return nativeLauncher(api, (msg, fields) => log.debug(msg, fields));
    const {region, profile, endpoint} = aws.target;
    return pluginLauncher({api, region, profile: profile ?? '', endpointUrl: endpoint ?? defaultSsmEndpoint(region),
      env: Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined))});
  };
  return async (options) => {
    const aws = clientsFor(options.target);
    let launcher = launchers.get(aws);
    if (launcher === undefined) launchers.set(aws, launcher = load(aws));
    return (await launcher)(options);
  };
}

/**
 * The clients of the context a node lives in (as the merged instances table placed it, or the organisation view: a
 * context made in its account and region), else the first context's.
 */
export function clientsOfNode(store: AppStore, conn: Connection, contexts: ContextSet | undefined,
  assumed?: AssumedContexts): (instanceId: string) => AwsClients {
  const placed = (view: string, instanceId: string) => rowPlace(((store.getState().tables[view]?.rows ?? []) as readonly Pick<ManagedInstance, 'instanceId'>[])
    .find((r) => r.instanceId === instanceId))?.context;
  return (instanceId) => {
    const name = contexts && contexts.size > 1 ? placed('instances', instanceId) : undefined;
    const own = name === undefined ? undefined : contexts?.get(name)?.aws;
    if (own) return own;
    const org = placed('org-nodes', instanceId);
    return (org === undefined ? undefined : assumed?.clients(org) ?? contexts?.get(org)?.aws) ?? conn.aws;
  };
}

/** Resolves with the exit code once the UI is gone and the terminal is restored. */
export async function runDashboard(conn: Connection, loader: FleetLoader, opts: DashboardOptions): Promise<number> {
  const stdout = process.stdout;
  const lifecycle = new Lifecycle();
  const services: Services = {
    lifecycle,
    runs: new RunRegistry(),
    loadFleet: (o) => loader.load(o),
    rememberSidePane: (on) => {
      try {
        saveSetting('sidePane', on, opts.configPath);
      } catch (e) {
        log.warn('could not save the sidePane setting', errorFields(e));
      }
    },
    rememberColumns: (layouts) => {
      try {
        saveSetting('views', {...layouts}, opts.configPath);
      } catch (e) {
        log.warn('could not save the views setting', errorFields(e));
        store.getState().setFlash({text: 'could not save the columns in the config file (see the log)', tone: 'warn'});
      }
    },
    rememberSavedViews: (views) => {
      try {
        saveSetting('savedViews', {...views}, opts.configPath);
      } catch (e) {
        log.warn('could not save the savedViews setting', errorFields(e));
        store.getState().setFlash({text: 'could not save the view in the config file (see the log)', tone: 'warn'});
      }
    },
    readAudit: () => readAudit(),
    // OSC 52: the terminal (also over SSH) puts the text on the user's clipboard; nothing is drawn.
    copy: (text) => stdout.write(osc52(text)),
    // ctrl+s in the output and detail panes: $XDG_STATE_HOME/fleetdeck/saved/, 0600, never through a link.
    saveText,
    ...(opts.org ? {org: opts.org} : {}),
  };
  Object.assign(services, await clientServices(conn.aws, loader));
  // The organisation view's nodes in accounts and regions not connected get contexts of their own, made on demand.
  const assumed = opts.contexts ? assumedContexts(opts.contexts, services) : undefined;
  // Saved views the command bar cannot open (a name since taken, a view that is not one) are said at start.
  const saved = usableSavedViews(opts.savedViews ?? {});
  let instTable = {...initTable<unknown>(instancesView.defaultSort), extraSortKeys: opts.tagColumns.map((k) => `tag:${k}`)};
  if (opts.filter) instTable = setFilter(instancesView.table, instTable as never, opts.filter) as never;
  const store = createAppStore({
    size: {cols: stdout.columns || 80, rows: stdout.rows || 24},
    tables: {instances: instTable},
    confirmAbove: opts.confirmAbove,
    sidePane: opts.sidePane ?? false,
    savedViews: saved.views,
    columnLayouts: opts.columnLayouts ?? {},
  });
  // The first page, asked for before the dashboard's modules loaded, is usually in by now: the first frame shows it.
  const firstPage = opts.contexts && opts.contexts.size > 1 ? undefined : loader.arrivedFirstPage();
  if (firstPage) seedRows(instancesView, store, firstPage);
  const [firstWarning, ...moreWarnings] = [...(opts.fileWarnings ?? []), ...saved.warnings];
  for (const w of saved.warnings) log.warn(w);
  if (firstWarning !== undefined) {
    store.getState().setFlash({tone: 'warn',
      text: `${firstWarning}${moreWarnings.length ? ` (+${moreWarnings.length} more in the log)` : ''}`});
  }
  // A local fleet that dies says so, and keeps saying so: every view would otherwise just stop updating.
  conn.onLost?.((why) => {
    const text = `Local fleet stopped (${why}): nothing here is live now; quit and start fleetdeck --local again`;
    const show = (): void => store.getState().setFlash({tone: 'error', text});
    show();
    store.subscribe((s) => {
      if (s.flash === undefined) show();
    });
  });
  const nodeClients = clientsOfNode(store, conn, opts.contexts, assumed);
  // With several contexts, a session's audit record names the context its node lives in.
  const nodeIdentity = (instanceId: string): string => {
    const aws = nodeClients(instanceId);
    const name = opts.contexts && opts.contexts.size > 1 ? opts.contexts.all().find((c) => c.aws === aws)?.spec.name : undefined;
    return name === undefined && aws === conn.aws ? services.identity ?? 'local' : identityOf(aws, name);
  };
  const shells = new ShellWorkspaces({
    state: shellsPort(store),
    launcher: shellLauncher(nodeClients, opts.sessionClient ?? 'native'),
    keymap: opts.keymap,
    prefixKey: opts.prefixKey ?? DEFAULT_PREFIX_KEY,
    area: () => ({cols: store.getState().size.cols, rows: contentHeight(store.getState().size.rows)}),
    identity: nodeIdentity,
    audit: appendAudit,
    ...(services.copy ? {copy: services.copy} : {}),
    lifecycle,
    // The port-forwards pane (prefix f) reads the forwards the dashboard keeps open.
    forwards: () => services.forwards?.list() ?? [],
    // Local nodes' shells are this machine's processes, run as this user (whatever an SSM node would say).
    ...(conn.aws.target.kind === 'local' ? {paneNote: `local node: runs as you (${localUserName()})`} : {}),
  });
  services.shells = shells;
  const forwards = new ForwardManager({
    open: async (spec) => (await import('../aws/sessions/start-session.js')).openPortForward(nodeClients(spec.instanceId), {
      target: spec.instanceId, remotePort: spec.remotePort, localPort: spec.localPort,
      ...(spec.remoteHost === undefined ? {} : {remoteHost: spec.remoteHost}),
      log: (msg, fields) => log.debug(`forward: ${msg}`, fields ?? {}),
    }),
    identity: nodeIdentity,
    audit: appendAudit,
    allowedInReadOnly: opts.allowForwardsInReadOnly ?? false,
    onChange: () => store.getState().setForwardsUp(forwards.upCount()),
  });
  services.forwards = forwards;
  lifecycle.register(forwards);
  // The panes follow the terminal's size (their remote shells get a Size message).
  store.subscribe((s, prev) => {
    if (s.size !== prev.size) shells.relayout();
  });
  // stdin is read here, not by Ink: keystrokes for a shell must reach it as the bytes the terminal sent.
  const input = routeInput(process.stdin, shells);
  const term = enterFullscreen(stdout, process.stdin);
  // $EDITOR runs on the real terminal while the dashboard waits, drawn blank and silent (tui/external-editor.ts).
  const gate = outputGate(coalescingStdout(stdout));
  services.editText = (text, hint) => editInTerminal({out: stdout, input: process.stdin, gate,
    blank: (on) => store.getState().setExternalProgram(on ? 'editor' : undefined)}, text, hint);
  services.revealSeconds = opts.revealSeconds ?? 30;
  // Several contexts: each gets its clients' ports over the app's shared services; views reach them through routes.
  if (opts.contexts && opts.contexts.size > 1) services.contexts = await contextRoutes(opts.contexts, services, loader, assumed);
  else if (opts.contexts) services.soleContext = soleContextRoutes(opts.contexts, services, assumed);
  let code = 0;
  const sync = {
    refreshMs: opts.refreshSeconds * 1000,
    classifyError: pollerErrorClass,
    describeError: describeAwsError,
  } as const;
  const viewOptions = {tagColumns: opts.tagColumns, insightColumns: true, ...(services.contexts ? {contexts: true} : {})};
  // The fleet's first page is drawn before its tags' SDK modules load (FleetLoader.tagsAfter).
  let frameWaiters: (() => void)[] = [];
  loader.tagsAfter(() => new Promise((resolve) => frameWaiters.push(resolve)));
  const ink = render(
    <App store={store} services={services} keymap={opts.keymap} target={conn.aws.target} viewOptions={viewOptions}
      sync={sync} readOnly={opts.readOnly} onQuit={() => void leave('quit')} />,
    {
      stdout: gate.stream,
      stdin: input.inkStdin,
      exitOnCtrlC: false,
      patchConsole: false,
      incrementalRendering: true,
      maxFps: opts.maxFps,
      onRender: () => {
        const drawn = frameWaiters;
        frameWaiters = [];
        for (const resolve of drawn) resolve();
      },
    },
  );
  boundHeapGrowth(); // the dashboard's modules have loaded (heap-growth.ts)
  // Shells and forwards are closed (their sessions terminated) before the UI goes, on every way out.
  let leaving = false;
  const leave = async (reason: string) => {
    if (leaving) return;
    leaving = true;
    await lifecycle.closeAll(reason);
    ink.unmount();
  };
  const onSignal = (sig: NodeJS.Signals) => {
    log.info('signal', {signal: sig});
    code = sig === 'SIGINT' ? 130 : sig === 'SIGTERM' ? 143 : 129;
    void leave(sig);
  };
  // A dropped SSH link makes tty reads and writes fail (EIO) as well as, or instead of, sending SIGHUP.
  const onTerminalLost = () => {
    log.info('terminal lost: closing as on SIGHUP');
    onSignal('SIGHUP');
  };
  const onFatal = (e: unknown) => {
    if (isTtyGone(e)) return onTerminalLost();
    log.error('uncaught error', errorFields(e));
    term.restore();
    conn.close();
    process.stderr.write(`fleetdeck: unexpected error: ${errorText(e)}\n` +
      'The details are in the log file under $XDG_STATE_HOME/fleetdeck/.\n');
    process.exit(1);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  watchTerminalLoss([stdout, process.stdin], onTerminalLost, onFatal);
  process.on('uncaughtException', onFatal);
  process.on('unhandledRejection', onFatal);
  try {
    await ink.waitUntilExit();
  } finally {
    input.dispose();
    shells.dispose();
    term.restore();
    assumed?.close();
    conn.close();
  }
  return code;
}
