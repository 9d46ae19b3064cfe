// The sessions behind the shell panes: each pane started with its session, every start and end of a session
// audited, reconnecting and terminating, and the count of live ones (the footer and Lifecycle's quit prompt).
import type {AuditEvent} from '../audit.js';
import {log} from '../log.js';
import {errorText} from '../fleet/sanitize.js';
import {ShellPane, type ShellTarget} from './pane.js';
import type {ShellLauncher} from './shell.js';

export interface PaneSessionsOptions {
  launcher: ShellLauncher;
  /** "local" or account/region/profile, for the audit log. */
  /** Who acts, for the audit log: one identity, or each node's (its context's, with several). */
  identity: string | ((instanceId: string) => string);
  audit: (event: AuditEvent) => void;
  /** StartSession's Reason. */
  reason?: string;
  outputWatermarks?: {high: number; low: number};
}

export interface PaneSessionsHooks {
  /** A pane's screen or state changed. */
  onChange(pane: ShellPane): void;
  onBell(pane: ShellPane): void;
  /** The number of live sessions may have changed. */
  onCount(): void;
  /** An audit entry could not be written (the user must be told). */
  onAuditFailed(message: string): void;
}

export class PaneSessions {
  private readonly panes = new Map<string, ShellPane>();

  constructor(private readonly options: PaneSessionsOptions, private readonly hooks: PaneSessionsHooks) {}

  get(id: string): ShellPane | undefined {
    return this.panes.get(id);
  }

  all(): IterableIterator<ShellPane> {
    return this.panes.values();
  }

  ids(): IterableIterator<string> {
    return this.panes.keys();
  }

  liveCount(): number {
    let n = 0;
    for (const p of this.panes.values()) if (p.live) n++;
    return n;
  }

  /** A new pane `id` of `size`, its session to `target` being opened. */
  start(id: string, target: ShellTarget, size: {cols: number; rows: number}): ShellPane {
    const pane = new ShellPane(id, target, size, {
      onChange: (p) => this.hooks.onChange(p),
      onBell: (p) => this.hooks.onBell(p),
      onStarted: (p, sessionId) => {
        this.audit({action: 'StartSession', target: p.target.instanceId, reason: this.reason(), sessionId});
        this.hooks.onCount();
      },
      onEnded: (p, why, sessionId) => {
        if (sessionId) this.audit({action: 'TerminateSession', target: p.target.instanceId, reason: why, sessionId});
        this.hooks.onCount();
      },
    }, this.options.outputWatermarks);
    this.panes.set(id, pane);
    void pane.connect(this.options.launcher, this.reason());
    this.hooks.onCount();
    return pane;
  }

  reconnect(pane: ShellPane): void {
    if (pane.live) return;
    void pane.connect(this.options.launcher, this.reason()).then(() => this.hooks.onCount());
    this.hooks.onCount();
  }

  /** Takes pane `id` out (see terminate); undefined when there is none. */
  take(id: string): ShellPane | undefined {
    const pane = this.panes.get(id);
    if (pane) this.panes.delete(id);
    return pane;
  }

  /** Terminates the session of a pane taken out, auditing it when it was live, and disposes of the pane. */
  async terminate(pane: ShellPane, reason: string): Promise<void> {
    const wasLive = pane.live;
    const sessionId = pane.sessionId;
    try {
      await pane.close();
      if (wasLive && sessionId) this.audit({action: 'TerminateSession', target: pane.target.instanceId, reason, sessionId});
    } catch (err) {
      log.warn('terminate failed', {paneId: pane.id, message: err instanceof Error ? err.message : String(err)});
    } finally {
      pane.dispose();
      this.hooks.onCount();
    }
  }

  private reason(): string {
    return this.options.reason ?? 'fleetdeck shell';
  }

  private audit(fields: Omit<AuditEvent, 'identity'>): void {
    const identity = this.options.identity;
    const who = typeof identity === 'string' ? identity : identity(String((fields as {target?: unknown}).target ?? ''));
    try {
      this.options.audit({identity: who, ...fields} as AuditEvent);
    } catch (err) {
      // An unaudited action must not pass silently.
      const message = errorText(err);
      log.error('audit write failed', {message});
      this.hooks.onAuditFailed(`audit log write failed: ${message}`);
    }
  }
}
