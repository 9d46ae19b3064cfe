// When an association runs next, in the user's local time: from its schedule expression as State Manager reads it
// (UTC cron, rate intervals counted from its last run), for the table's NEXT RUN column and the create form's preview.
import {nextRuns, parseAssociationSchedule} from '../schedules/schedule-expression.js';

export type SchedulePreview = {ok: true; runs: number[]} | {ok: false; error: string};

/** The next `count` runs of `expression` after `now`, or why State Manager would refuse it. */
export function previewSchedule(expression: string, now: number, count: number, anchor?: number): SchedulePreview {
  const parsed = parseAssociationSchedule(expression);
  if (!parsed.ok) return {ok: false, error: parsed.error};
  return {ok: true, runs: nextRuns(parsed.schedule, now, count, parsed.schedule.kind === 'rate' ? anchor : undefined)};
}

/** The next run of an association, or undefined when it has no schedule (run once) or one fleetdeck cannot read. */
export function nextRunOf(a: {scheduleExpression?: string; lastExecutionAt?: number}, now: number): number | undefined {
  if (!a.scheduleExpression) return undefined;
  const p = previewSchedule(a.scheduleExpression, now, 1, a.lastExecutionAt);
  return p.ok ? p.runs[0] : undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A time in the local time zone: `Tue 14 Jan 02:00` (the year only when it is not this one). */
export function localTime(at: number, now: number): string {
  const d = new Date(at);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const year = d.getFullYear() !== new Date(now).getFullYear() ? ` ${d.getFullYear()}` : '';
  return `${days[d.getDay()] ?? ''} ${d.getDate()} ${months[d.getMonth()] ?? ''}${year} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
