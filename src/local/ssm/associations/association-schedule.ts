// When an association runs on its schedule: the next run after a time, ScheduleOffset applied.

import {nextRuns, parseAssociationSchedule, type Schedule} from '../../../fleet/schedules/schedule-expression.js';
import type {AssociationRecord, AssociationVersion} from './association-types.js';

const DAY = 86_400_000;

export function scheduleOf(v: AssociationVersion): Schedule | undefined {
  if (v.scheduleExpression === undefined) return undefined;
  const parsed = parseAssociationSchedule(v.scheduleExpression);
  return parsed.ok ? parsed.schedule : undefined;
}

/** The next scheduled run after `after` (seeded associations do not fire on their schedule: see association-store.ts). */
export function nextRunOf(record: AssociationRecord, after: number): number | undefined {
  if (record.seeded && record.current.version === 1) return undefined;
  const schedule = scheduleOf(record.current);
  if (schedule === undefined) return undefined;
  const offset = (record.current.scheduleOffset ?? 0) * DAY;
  const [next] = nextRuns(schedule, after - offset, 1, schedule.kind === 'rate' ? record.updatedAt : undefined);
  return next === undefined ? undefined : next + offset;
}

/** The next `count` runs after `now`. */
export function upcomingRuns(record: AssociationRecord, now: number, count: number): number[] {
  const schedule = scheduleOf(record.current);
  if (schedule === undefined) return [];
  return nextRuns(schedule, now, count, schedule.kind === 'rate' ? record.updatedAt : undefined);
}
