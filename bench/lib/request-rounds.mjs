// Polling rounds from a timeline of requests (fleet-process.mjs records one). A round is a burst of `anchor`
// requests (e.g. ListCommandInvocations) with at most `gapMs` between consecutive ones; a poller that lists every
// page back to back and then sleeps makes one round per cycle. Other requests (a SendCommand between two polls)
// count in the round they precede, or the last one. Types: request-rounds.d.mts.

/** @typedef {import('./request-rounds.d.mts').Round} Round */
/** @typedef {{at: number; op: string; n: number}} RequestEvent */

/**
 * @param {readonly RequestEvent[]} events
 * @param {{anchor?: string; gapMs?: number}} [opts]
 * @returns {Round[]}
 */
export const groupRounds = (events, {anchor, gapMs = 500} = {}) => {
  const sorted = [...events].sort((a, b) => a.at - b.at);
  const isAnchor = (/** @type {RequestEvent} */ e) => anchor === undefined || e.op === anchor;
  /** @type {Round[]} */
  const rounds = [];
  for (const e of sorted.filter(isAnchor)) {
    const cur = rounds.at(-1);
    if (cur === undefined || e.at - cur.end > gapMs) rounds.push({start: e.at, end: e.at, ops: {[e.op]: e.n}});
    else {
      cur.end = e.at;
      cur.ops[e.op] = (cur.ops[e.op] ?? 0) + e.n;
    }
  }
  for (const e of sorted) {
    if (isAnchor(e)) continue;
    const r = rounds.find((x) => x.end >= e.at) ?? rounds.at(-1);
    if (r !== undefined) r.ops[e.op] = (r.ops[e.op] ?? 0) + e.n;
  }
  return rounds;
};

/**
 * Requests by operation over all events.
 * @param {readonly {op: string; n: number}[]} events
 * @returns {Record<string, number>}
 */
export const totalsByOp = (events) => {
  /** @type {Record<string, number>} */
  const out = {};
  for (const e of events) out[e.op] = (out[e.op] ?? 0) + e.n;
  return out;
};
