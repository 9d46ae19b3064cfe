// Wall-clock time in an IANA time zone, through the runtime's own time-zone database (Intl), so schedules follow
// daylight saving time without a dependency. "Wall" times are epoch-style milliseconds read as local fields
// (Date.UTC(y, m, d, h, min) of the clock on the wall), never instants.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
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

/** The wall clock in `zone` at the instant `ms` (seconds kept, milliseconds dropped). */
export function wallAt(zone: string, ms: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return Date.UTC(parts['year'] ?? 1970, (parts['month'] ?? 1) - 1, parts['day'] ?? 1, parts['hour'] ?? 0, parts['minute'] ?? 0, parts['second'] ?? 0);
}

/** The zone's offset from UTC at the instant `ms`, in ms (America/New_York in winter: -5 h). */
export function offsetAt(zone: string, ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallAt(zone, whole) - whole;
}

const DAY = 86_400_000;

/**
 * The instant the wall clock in `zone` shows `wall`. When clocks spring forward that time does not exist:
 * undefined (the run is skipped). When they fall back it exists twice: the first one (the run happens once). This
 * is EventBridge Scheduler's documented rule; SSM does not document its own (UNVERIFIED that it matches).
 */
export function instantOfWall(zone: string, wall: number): number | undefined {
  const candidates = [wall - offsetAt(zone, wall - DAY), wall - offsetAt(zone, wall + DAY)].sort((a, b) => a - b);
  return candidates.find((c) => c + offsetAt(zone, c) === wall);
}
