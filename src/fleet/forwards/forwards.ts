// The port forwards the TUI keeps open while the user works elsewhere: start, stop, restart, rows for the
// forwards view, the count for the header, audit entries, and the Lifecycle hooks (quitting asks first, then
// closes every listener and terminates every session).
import type {OpenResources} from '../../lifecycle.js';
import type {AuditEvent} from '../../audit.js';
import type {ForwardStats, ForwardStatus, PortForward} from '../../session/port-forward.js';
import type {ForwardSpec} from './forward-form.js';
import {portForwardRequest} from '../../session/port-forward-documents.js';
import {errorText} from '../sanitize.js';

/** What every forward audit entry says about the forward (the audit view shows document → targets). */
export function forwardAuditFields(instanceId: string, remotePort: number, remoteHost?: string): Record<string, unknown> {
  const {documentName} = portForwardRequest({portNumber: remotePort, ...(remoteHost === undefined ? {} : {host: remoteHost})});
  return {document: documentName, targets: instanceId, instanceId, remote: `${remoteHost ?? 'localhost'}:${remotePort}`};
}

export interface ForwardRow {
  id: string;
  name: string;
  instanceId: string;
  /** "127.0.0.1:PORT" once listening ("—" before). */
  local: string;
  /** "localhost:5432" or "db.internal:5432". */
  remote: string;
  status: ForwardStatus;
  connections: number;
  bytesIn: number;
  bytesOut: number;
  startedAt: number;
  /** How long it has been up (0 when not up). */
  upMs: number;
  lastError?: string;
  localPort: number;
}

export interface ForwardManagerOptions {
  /** Opens the forward (listener first, then the session); rejects with a message for the user. */
  open: (spec: ForwardSpec & {localPort: number}) => Promise<PortForward>;
  /** Who acts, for the audit log: one identity, or each node's (its context's, with several). */
  identity: string | ((instanceId: string) => string);
  audit?: (event: AuditEvent) => void;
  /** Status or counts changed (throttle on the receiving side if needed). */
  onChange?: () => void;
  /** With --read-only, forwards still allowed (the `allowForwardsInReadOnly` setting). */
  allowedInReadOnly?: boolean;
  now?: () => number;
}

interface Entry {
  id: string;
  spec: ForwardSpec;
  forward?: PortForward;
  /** The port last listened on: restart reuses it so `localhost:PORT` stays valid. */
  localPort: number;
  startedAt: number;
  status: ForwardStatus;
  lastError?: string;
  /** Counters of stopped forwards stay visible. */
  last?: ForwardStats;
}

const UP: ReadonlySet<ForwardStatus> = new Set(['starting', 'listening', 'active', 'reconnecting']);

export class ForwardManager implements OpenResources {
  readonly allowedInReadOnly: boolean;
  private readonly options: ForwardManagerOptions;
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private seq = 0;

  constructor(options: ForwardManagerOptions) {
    this.options = options;
    this.allowedInReadOnly = options.allowedInReadOnly ?? false;
    this.now = options.now ?? Date.now;
  }

  private changed(): void {
    this.options.onChange?.();
  }

  list(): ForwardRow[] {
    return [...this.entries.values()].map((e) => {
      const stats = e.forward?.stats ?? e.last;
      const status = e.forward !== undefined && e.status !== 'stopped' ? (stats?.status ?? e.status) : e.status;
      const port = e.forward?.localPort ?? e.localPort;
      const lastError = e.lastError ?? stats?.lastError;
      return {
        id: e.id,
        name: e.spec.name,
        instanceId: e.spec.instanceId,
        local: port > 0 ? `${e.forward?.bindAddress ?? '127.0.0.1'}:${port}` : '—',
        remote: `${e.spec.remoteHost ?? 'localhost'}:${e.spec.remotePort}`,
        status,
        connections: stats?.connections ?? 0,
        bytesIn: stats?.bytesIn ?? 0,
        bytesOut: stats?.bytesOut ?? 0,
        startedAt: e.startedAt,
        upMs: UP.has(status) ? this.now() - e.startedAt : 0,
        localPort: port,
        ...(lastError === undefined ? {} : {lastError}),
      };
    });
  }

  /** Forwards up (starting, listening, active, reconnecting). */
  upCount(): number {
    return this.list().filter((r) => UP.has(r.status)).length;
  }

  /** Starts a forward; resolves with its id once it is listening, or rejects (the row stays, as failed). */
  async start(spec: ForwardSpec): Promise<string> {
    const id = `pf-${++this.seq}`;
    const entry: Entry = {id, spec, localPort: spec.localPort, startedAt: this.now(), status: 'starting'};
    this.entries.set(id, entry);
    this.changed();
    await this.launch(entry);
    return id;
  }

  private async launch(entry: Entry): Promise<void> {
    entry.status = 'starting';
    delete entry.lastError;
    entry.startedAt = this.now();
    this.changed();
    let forward: PortForward;
    try {
      forward = await this.options.open({...entry.spec, localPort: entry.localPort});
    } catch (err) {
      entry.status = 'failed';
      entry.lastError = errorText(err);
      this.changed();
      throw err;
    }
    // stop() may have run while the forward was opening.
    if ((entry.status as ForwardStatus) === 'stopped' || !this.entries.has(entry.id)) {
      await forward.stop();
      return;
    }
    entry.forward = forward;
    entry.localPort = forward.localPort;
    entry.status = forward.stats.status;
    // Counters change with every chunk; only status changes are news (the view polls the counters).
    forward.on('change', () => {
      const status = forward.stats.status;
      if (status === entry.status) return;
      entry.status = status;
      this.changed();
    });
    this.options.audit?.({action: 'StartPortForward', identity: this.who(entry.spec.instanceId),
      ...forwardAuditFields(entry.spec.instanceId, entry.spec.remotePort, entry.spec.remoteHost),
      sessionId: forward.stats.sessionId, local: forward.localAddress, name: entry.spec.name, source: 'tui'});
    this.changed();
  }

  private who(instanceId: string): string {
    const identity = this.options.identity;
    return typeof identity === 'string' ? identity : identity(instanceId);
  }

  async stop(id: string, reason = 'stopped by the user'): Promise<void> {
    const entry = this.entries.get(id);
    if (entry === undefined || entry.status === 'stopped') return;
    const forward = entry.forward;
    entry.status = 'stopped';
    delete entry.forward;
    this.changed();
    if (forward === undefined) return;
    entry.last = forward.stats;
    await forward.stop();
    entry.last = forward.stats;
    this.options.audit?.({action: 'StopPortForward', identity: this.who(entry.spec.instanceId),
      ...forwardAuditFields(entry.spec.instanceId, entry.spec.remotePort, entry.spec.remoteHost), sessionId: entry.last.sessionId,
      connections: entry.last.connections, bytesIn: entry.last.bytesIn, bytesOut: entry.last.bytesOut, reason});
    this.changed();
  }

  /** Stop (if up) and start again on the same local port. */
  async restart(id: string): Promise<void> {
    const entry = this.entries.get(id);
    if (entry === undefined) return;
    await this.stop(id, 'restart');
    await this.launch(entry);
  }

  /** Lifecycle: "2 port forwards", or undefined when none is up. */
  describe(): string | undefined {
    const n = this.upCount();
    return n === 0 ? undefined : `${n} port forward${n === 1 ? '' : 's'}`;
  }

  async closeAll(reason: string): Promise<void> {
    await Promise.allSettled([...this.entries.keys()].map((id) => this.stop(id, reason)));
  }
}
