// How often an Automation screen polls: fast while a run on it can still change (or one was just started here), so
// a step's or a run's end shows within a quarter second; the normal cadence once everything on it has ended.
/** The cadence while a run on screen is live: one cheap request per round. */
export const LIVE_MS = 250;
/** The cadence once nothing on screen is running. */
export const IDLE_MS = 2_000;
/** How long after a start from this dashboard the screens poll fast even before the run shows. */
const STARTED_GRACE_MS = 10_000;

/** Statuses an execution (or its step) leaves by itself soon: worth following closely. */
const LIVE = new Set(['Pending', 'InProgress', 'Waiting', 'Cancelling', 'RunbookInProgress']);

let startedAt = Number.NEGATIVE_INFINITY;

/** A run was started (or re-run) from this dashboard just now. */
export function noteStarted(now = Date.now()): void {
  startedAt = now;
}

export const isLive = (status: string | undefined): boolean => status !== undefined && LIVE.has(status);

/** The next poll's delay for a screen showing executions with these statuses. */
export function cadenceFor(statuses: Iterable<string | undefined>, now = Date.now()): number {
  if (now - startedAt < STARTED_GRACE_MS) return LIVE_MS;
  for (const s of statuses) if (isLive(s)) return LIVE_MS;
  return IDLE_MS;
}
