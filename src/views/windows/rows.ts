// The windows table's rows: DescribeMaintenanceWindows' identities, each with its newest run (SSM lists runs per
// window only). The list shows first; the runs follow, at most 8 windows asked at once, and a window's last known
// run stays on screen while the next refresh asks again.
import type {WindowsApi} from '../../fleet/windows/port.js';
import {previewWindowSchedule, type WindowExecutionInfo, type WindowSummary} from '../../fleet/windows/window.js';

export type WindowRow = WindowSummary & {lastRun?: WindowExecutionInfo};

const AT_ONCE = 8;
const lastRuns = new WeakMap<WindowsApi, Map<string, WindowExecutionInfo | null>>();

export function withLastRun(api: WindowsApi, rows: readonly WindowSummary[]): WindowRow[] {
  const known = lastRuns.get(api);
  return rows.map((w) => {
    const last = known?.get(w.windowId);
    return last ? {...w, lastRun: last} : w;
  });
}

/** Reads each window's newest run; a failure keeps what was known. */
export async function loadLastRuns(api: WindowsApi, rows: readonly WindowSummary[], signal?: AbortSignal): Promise<void> {
  let known = lastRuns.get(api);
  if (!known) lastRuns.set(api, (known = new Map()));
  const cache = known;
  let next = 0;
  const worker = async () => {
    while (next < rows.length && !signal?.aborted) {
      const w = rows[next++] as WindowSummary;
      try {
        cache.set(w.windowId, (await api.executions(w.windowId, signal))[0] ?? null);
      } catch {
        // Deleted meanwhile, or throttled: the column keeps its value until the next refresh.
      }
    }
  };
  await Promise.all(Array.from({length: Math.min(AT_ONCE, rows.length)}, worker));
}

/** When the window opens next: SSM's NextExecutionTime while it is ahead, else the schedule read here; none when disabled. */
export function nextRunOf(w: WindowSummary, now: number): number | undefined {
  if (!w.enabled) return undefined;
  if (w.nextExecutionAt !== undefined && w.nextExecutionAt > now) return w.nextExecutionAt;
  const p = previewWindowSchedule(w, now, 1);
  return p.ok ? p.runs[0] : undefined;
}

/** The schedule as a user reads it: `cron(0 2 ? * SUN *) Europe/Paris +2d`. */
export function scheduleText(w: Pick<WindowSummary, 'schedule' | 'timeZone' | 'offsetDays'>): string {
  return `${w.schedule}${w.timeZone ? ` ${w.timeZone}` : ' UTC'}${w.offsetDays ? ` +${w.offsetDays}d` : ''}`;
}
