/** How a port forward judges its sessions: flow-control marks, restart backoff, errors no restart fixes, how an end reads. */
import type {SessionClosed} from './client.js';

/** Pause local reads with this many input messages unacked; resume at LOW. */
export const UNACKED_HIGH = 4096;
export const UNACKED_LOW = 1024;
export const DEFAULT_RESTART = {firstDelayMs: 500, maxDelayMs: 30_000, attempts: 10};

/** Errors a new session cannot fix: bad input or missing rights. */
export function isDefinitive(err: unknown): boolean {
  const name = err instanceof Error ? err.name : '';
  return ['ValidationException', 'InvalidDocument', 'AccessDeniedException', 'InvalidParameters', 'InvalidTarget'].includes(name);
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A session that lasted this long counts as a success: the next restart starts a fresh series. */
export const STABLE_SESSION_MS = 10_000;

export function closedMessage(closed: SessionClosed): string {
  if (closed.output !== '') return closed.output;
  if (closed.error !== undefined) return closed.error.message;
  return closed.reason === 'exited' ? `session ${closed.sessionId} was closed by the agent` : `session ${closed.sessionId} ${closed.reason}`;
}
