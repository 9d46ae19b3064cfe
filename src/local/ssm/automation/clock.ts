// Waits on the fleet's clock (the Run Command store's: real time plus what tests advance), so a runbook's
// aws:sleep, timeoutSeconds and instance state changes finish at once when a test advances the clock.

import type {FleetModel} from '../../model/fleet-model.js';
import {runCommandStore} from '../run-command/store.js';

const MAX_TIMER_MS = 2 ** 31 - 1;

interface Due {
  readonly at: number;
  readonly fire: () => void;
}

export class FleetClock {
  private readonly due = new Set<Due>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly model: FleetModel) {
    this.unsubscribe = runCommandStore(model).onClockAdvanced(() => this.tick());
  }

  now(): number {
    return runCommandStore(this.model).now();
  }

  /** Calls `fire` once the clock reaches `at`; returns the cancel function. */
  at(at: number, fire: () => void): () => void {
    const entry: Due = {at, fire};
    this.due.add(entry);
    this.schedule();
    return () => {
      this.due.delete(entry);
    };
  }

  /** Resolves after `ms` on the fleet clock; rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted === true) {
        reject(signal.reason as Error);
        return;
      }
      const onAbort = (): void => {
        cancel();
        reject(signal?.reason as Error);
      };
      const cancel = this.at(this.now() + ms, () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      signal?.addEventListener('abort', onAbort, {once: true});
    });
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.due.clear();
  }

  private tick(): void {
    const now = this.now();
    for (const d of [...this.due]) {
      if (d.at > now) continue;
      this.due.delete(d);
      d.fire();
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.closed || this.due.size === 0) return;
    let next = Infinity;
    for (const d of this.due) next = Math.min(next, d.at);
    this.timer = setTimeout(() => this.tick(), Math.min(MAX_TIMER_MS, Math.max(0, next - this.now()) + 2));
    this.timer.unref();
  }
}
