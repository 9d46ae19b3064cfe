// What must be closed before fleetdeck exits: shells, port forwards. Quitting with any open asks first and then
// closes them all; a signal (SIGHUP when the SSH link to the jump box drops) closes them without asking.
import {log} from './log.js';

export interface OpenResources {
  /** What is open, e.g. "2 shells", or undefined when nothing is. */
  describe(): string | undefined;
  /** Close everything (terminate sessions, close listeners); `reason` goes to the audit log. */
  closeAll(reason: string): Promise<void>;
}

export class Lifecycle {
  private readonly owners = new Set<OpenResources>();

  /** Returns the unregister function. */
  register(owner: OpenResources): () => void {
    this.owners.add(owner);
    return () => this.owners.delete(owner);
  }

  /** "2 shells, 1 port forward", or undefined when quitting needs no question. */
  openSummary(): string | undefined {
    const parts = [...this.owners].map((o) => o.describe()).filter((d): d is string => !!d);
    return parts.length ? parts.join(', ') : undefined;
  }

  /** Close everything, giving up after `timeoutMs` so a dead endpoint never keeps the user from leaving. */
  async closeAll(reason: string, timeoutMs = 3000): Promise<void> {
    if (this.owners.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const all = Promise.allSettled([...this.owners].map((o) => o.closeAll(reason))).then((results) => {
      for (const r of results) if (r.status === 'rejected') log.warn('close on exit failed', {reason, error: String(r.reason)});
    });
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log.warn('close on exit timed out', {reason, timeoutMs});
        resolve();
      }, timeoutMs);
    });
    await Promise.race([all, timeout]);
    clearTimeout(timer);
  }
}
