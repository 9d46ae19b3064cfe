// Types for request-rounds.mjs.

export interface Round {
  /** First and last `anchor` request of the round (epoch ms, as recorded). */
  start: number;
  end: number;
  /** Requests by operation, e.g. {'ssm:ListCommandInvocations': 20, 'ssm:SendCommand': 1}. */
  ops: Record<string, number>;
}

/**
 * Bursts of `anchor` requests (default: every request) separated by more than `gapMs` (default 500) of silence, in
 * time order; other requests count in the round they precede (or the last one).
 */
export function groupRounds(events: readonly {at: number; op: string; n: number}[], opts?: {anchor?: string; gapMs?: number}): Round[];
export function totalsByOp(events: readonly {op: string; n: number}[]): Record<string, number>;
