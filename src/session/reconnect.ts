/** When and how often a dropped data channel is resumed: the backoff policy and the errors no retry can fix. */

export interface ReconnectPolicy {
  /** Consecutive resume attempts before giving up (5). */
  attempts: number;
  /** The first delay is firstDelayMs + random·firstDelayMs, i.e. 100–199 ms; then ×2 per attempt. */
  firstDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RECONNECT: ReconnectPolicy = {attempts: 5, firstDelayMs: 100, maxDelayMs: 5_000};
export const KEEPALIVE_INTERVAL_MS = 5 * 60_000;
/** A socket that stayed up this long counts as a success: the next drop starts a fresh series of attempts. */
export const STABLE_CONNECTION_MS = 10_000;

/** The delay before attempt `attempt` (0-based) with `random` in [0, 1). */
export function reconnectDelay(attempt: number, random: number, policy: ReconnectPolicy = DEFAULT_RECONNECT): number {
  const first = policy.firstDelayMs + Math.floor(Math.min(Math.max(random, 0), 0.999_999) * policy.firstDelayMs);
  return Math.min(policy.maxDelayMs, first * 2 ** attempt);
}

export function errorOf(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

/** Errors that no retry can fix. */
export function isDefinitive(err: unknown): boolean {
  const name = err instanceof Error ? err.name : '';
  return name === 'DoesNotExistException' || name === 'AccessDeniedException' || name === 'ValidationException';
}
