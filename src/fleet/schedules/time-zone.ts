// Wall-clock time in an IANA time zone, through the runtime's own time-zone database (Intl), so schedules follow
// daylight saving time without a dependency. "Wall" times are epoch-style milliseconds read as local fields
// (Date.UTC(y, m, d, h, min) of the clock on the wall), never instants.

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A formatter whose output ends with the zone's offset at the instant ("…, GMT-08:00"; "…, GMT" for zero). */
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {timeZone: zone, timeZoneName: 'longOffset'});
    formatters.set(zone, f);
  }
  return f;
}

/** Whether the runtime knows the IANA zone (e.g. America/New_York; not an abbreviation such as EST5EDT-style typos). */
export function isTimeZone(zone: string): boolean {
  if (zone === '' || zone.length > 64) return false;
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at the instant `ms`, in ms (America/New_York in winter: -5 h). */
export function offsetAt(zone: string, ms: number): number {
  const m = /GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(formatter(zone).format(new Date(ms)));
  if (m === null || m[1] === undefined) return 0;
  const abs = (Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? '0')) * 1000;
  return m[1] === '-' ? -abs : abs;
}

/** The wall clock in `zone` at the instant `ms` (seconds kept, milliseconds dropped). */
export function wallAt(zone: string, ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return whole + offsetAt(zone, whole);
}

const DAY = 86_400_000;

/**
 * The instant the wall clock in `zone` shows `wall`. When clocks spring forward that time does not exist:
 * undefined (the run is skipped). When they fall back it exists twice: the first one (the run happens once). This
 * is EventBridge Scheduler's documented rule; SSM does not document its own (UNVERIFIED that it matches).
 */
export function instantOfWall(zone: string, wall: number): number | undefined {
  const before = offsetAt(zone, wall - DAY);
  const after = offsetAt(zone, wall + DAY);
  // The same offset a day either side: no change of the clocks in between (zones change at most twice a year).
  if (before === after) return wall - before;
  const candidates = [wall - before, wall - after].sort((a, b) => a - b);
  return candidates.find((c) => c + offsetAt(zone, c) === wall);
}
