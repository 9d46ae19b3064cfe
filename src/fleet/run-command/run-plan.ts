// The Run Command dispatch engine: one state machine that applies SSM's MaxConcurrency / MaxErrors rules
// (docs/ssm-api.md §8, DESIGN.md §6). The local endpoint drives one engine per SendCommand; the app drives one
// engine for a whole selection (which may exceed SendCommand's 50 ids) and maps what it releases onto
// SendCommand calls. Pure and deterministic: no clock, no I/O; time only enters as the events callers report.
//
// THE ALGORITHM
//
// Every target starts QUEUED (StatusDetails Pending, not sent). `next()` releases ids to send; the caller sends
// them and then `report()`s every status the invocation goes through. An id released by `next()` is IN FLIGHT
// until it reaches a terminal status. It is ACKNOWLEDGED once any status other than Pending has been reported for
// it (InProgress, Delayed or a terminal one): the system has taken delivery. Delayed counts — the system has the
// invocation and is retrying delivery itself.
//
// 1. Concurrency. C = resolveConcurrency(MaxConcurrency, TargetCount). `next()` never lets in-flight exceed C.
// 2. Ramp-up ("send to 1, wait for its acknowledgement, then 2 more, then exponentially up to MaxConcurrency").
//    Releases are numbered r = 0, 1, 2, …; release r may send up to 2^r ids (1, 2, 4, 8, …), bounded by the free
//    slots (C − in-flight) and by what is still queued. While ramping, a release happens only when EVERY id sent
//    so far is acknowledged; otherwise `next()` returns []. The ramp ends with the first release whose allowance
//    2^r reaches C; after that `next()` simply refills every free slot (no acknowledgement wait). So with nothing
//    finishing, releases are 1, 2, 4, … and the last one is cut to what C leaves (C = 10: 1, 2, 4, 3).
//    Source: UG send-commands-multiple.md (@06b3c38^) "waits until the system acknowledges the initial invocation
//    before sending the command to two more nodes … exponentially … until … max-concurrency"; 2018 revisions and
//    the Automation page say "until the initial invocation completes" instead. The numbers after "2 more", whether
//    later releases also wait, and what SSM counts as acknowledgement are not documented (UNVERIFIED).
// 3. Errors. t = errorThreshold(MaxErrors, TargetCount). Only Failed and ExecutionTimedOut count (ErrorCount).
//    The moment ErrorCount > t the threshold is PASSED: nothing is released any more, every still-queued id
//    becomes Terminated at once, and ids already in flight run on and are counted as they finish (they may fail
//    too). MaxErrors 3 → stop at the 4th error; 0 → after the first; 10% of 50 → at the 6th.
//    The UG claims MaxConcurrency 1 guarantees "no more than max-errors failed invocations"; under its own examples
//    (0 → stop after the first error) the exact bound is t + 1 errors, which is what this engine guarantees.
// 4. Cancel. `cancel()` stops releasing, turns queued ids Cancelled and returns the ids in flight (the caller
//    asks SSM to cancel them; CancelCommand is best effort, their final status is whatever gets reported).
//    `expire()` is ExpiresAfter: every non-terminal id (queued or in flight) becomes DeliveryTimedOut.
// 5. Parent status. Not finished: Cancelling after cancel(), Pending until some invocation left Pending,
//    InProgress otherwise. Finished (every id terminal): Cancelled if cancel() was called; else, if the threshold
//    was passed, Failed/Failed — or TimedOut/ExecutionTimedOut when the error that passed it was an execution
//    timeout; else, ignoring Undeliverable/InvalidPlatform/AccessDenied: none left → Failed/Failed (AccessDenied
//    when all were AccessDenied); all Success → Success; DeliveryTimedOutCount > t → TimedOut/DeliveryTimedOut;
//    otherwise Failed/Incomplete. UNVERIFIED choices: Status for Incomplete, which detail wins when both error
//    kinds occur, DeliveryTimedOut's ">" (BC says "MaxErrors or more", which for the default 0 is always true),
//    and NoInstancesInTag (Failed) for an empty target list.
//
// MORE THAN 50 IDS (the app). One engine covers the whole selection, so C and t are resolved against the whole
// selection's TargetCount. Each `next()` result goes out as one or more SendCommand calls (planSendCommandCalls):
// ≤ 50 ids each (planBatches), MaxConcurrency = that call's id count (everything released is allowed to run now:
// the fleet-wide engine already holds in-flight ≤ C; SSM's own ramp inside the call can only delay, never add),
// MaxErrors = the fleet budget left at that moment, t − ErrorCount, as a count. A call therefore never stops
// before the fleet would (its own errors > budget left ⇒ fleet errors > t), and every call's invocations are
// reported into the one engine, so one breach anywhere stops all further releases fleet-wide. What SSM still
// holds undelivered when the fleet threshold is passed (released, never acknowledged) should be cancelled:
// idsToCancelOnBreach() lists them for CancelCommand. Known gap: an id SSM delivers between the breach and that
// cancel runs; polling faster narrows the window, nothing outside SSM can close it. The app's loop: after each
// poll, report every changed StatusDetails, then call next() and send what it returns (a SendCommand that is
// rejected outright is the caller's to report, e.g. as Undeliverable, which does not touch the error budget).

import {
  countsAsError,
  invocationStatusOf,
  isOutcomeNeutral,
  isTerminal,
  type CommandStatus,
  type CommandStatusDetails,
  type InvocationStatus,
  type InvocationStatusDetails,
} from './command-status.js';
import {errorThreshold, isThresholdPassed, resolveConcurrency, type RateValue} from './rate-control.js';

export const SEND_COMMAND_MAX_IDS = 50;

export interface DispatchOptions {
  readonly targets: readonly string[];
  readonly maxConcurrency: RateValue;
  readonly maxErrors: RateValue;
}

export interface InvocationState {
  readonly id: string;
  readonly statusDetails: InvocationStatusDetails;
  readonly status: InvocationStatus;
  /** Released by next(). */
  readonly sent: boolean;
  /** Sent and reported past Pending at least once. */
  readonly acknowledged: boolean;
}

export interface DispatchSnapshot {
  readonly TargetCount: number;
  readonly CompletedCount: number;
  readonly ErrorCount: number;
  readonly DeliveryTimedOutCount: number;
  readonly Status: CommandStatus;
  readonly StatusDetails: CommandStatusDetails;
  /** Resolved MaxConcurrency. */
  readonly concurrency: number;
  /** Resolved MaxErrors: dispatch stops once ErrorCount > errorThreshold. */
  readonly errorThreshold: number;
  readonly inFlight: number;
  readonly queued: number;
  readonly thresholdPassed: boolean;
  readonly cancelled: boolean;
  readonly done: boolean;
  /** In target order. */
  readonly invocations: readonly InvocationState[];
}

export interface Dispatch {
  /** Ids to send now (possibly none). Each id is returned at most once. */
  next(): string[];
  /** Whether next() would release ids now (it changes nothing). */
  ready(): boolean;
  /** Apply a reported status; false when it changes nothing (unknown id, already terminal, not applicable). */
  report(id: string, statusDetails: InvocationStatusDetails): boolean;
  /** Stop dispatching; queued → Cancelled. Returns the ids in flight, for CancelCommand. */
  cancel(): string[];
  /** ExpiresAfter reached: every non-terminal invocation → DeliveryTimedOut. */
  expire(): void;
  snapshot(): DispatchSnapshot;
}

interface Slot {
  id: string;
  sd: InvocationStatusDetails;
  sent: boolean;
  acked: boolean;
}

/**
 * Terminal statuses a caller may report for an invocation that was never sent. Terminated is not one of them:
 * for an unsent id that verdict is the engine's own (threshold passed).
 */
const UNSENT_TERMINAL: ReadonlySet<InvocationStatusDetails> = new Set<InvocationStatusDetails>([
  'DeliveryTimedOut',
  'Undeliverable',
  'InvalidPlatform',
  'AccessDenied',
  'Cancelled',
]);

export function createDispatch(opts: DispatchOptions): Dispatch {
  const slots = opts.targets.map((id): Slot => ({id, sd: 'Pending', sent: false, acked: false}));
  const byId = new Map(slots.map((s) => [s.id, s]));
  if (byId.size !== slots.length) throw new RangeError('createDispatch: duplicate target ids (SSM: DuplicateInstanceId)');
  const total = slots.length;
  const concurrency = resolveConcurrency(opts.maxConcurrency, total);
  const threshold = errorThreshold(opts.maxErrors, total);

  const queue = new Set(slots.map((s) => s.id)); // insertion order = dispatch order
  let inFlight = 0;
  let unacked = 0;
  let completed = 0;
  let errors = 0;
  let deliveryTimedOut = 0;
  let release = 0;
  let ramping = true;
  let breach: InvocationStatusDetails | undefined;
  let cancelled = false;
  let progressed = false;

  function finish(s: Slot, sd: InvocationStatusDetails): void {
    s.sd = sd;
    completed++;
    if (sd === 'DeliveryTimedOut') deliveryTimedOut++;
    if (!countsAsError(sd)) return;
    errors++;
    if (breach === undefined && isThresholdPassed(errors, threshold)) {
      breach = sd;
      drainQueue('Terminated');
    }
  }

  function drainQueue(sd: InvocationStatusDetails): void {
    const ids = [...queue];
    queue.clear();
    for (const id of ids) finish(byId.get(id) as Slot, sd);
  }

  function leaveFlight(s: Slot, acknowledged: boolean): void {
    inFlight--;
    if (!s.acked) unacked--;
    if (acknowledged) s.acked = true;
  }

  function ready(): boolean {
    if (cancelled || breach !== undefined || queue.size === 0) return false;
    return concurrency - inFlight > 0 && !(ramping && unacked > 0);
  }

  return {
    ready,

    next() {
      if (!ready()) return [];
      const free = concurrency - inFlight;
      let size = free;
      if (ramping) {
        const allowance = 2 ** release;
        size = Math.min(allowance, free);
        release++;
        if (allowance >= concurrency) ramping = false;
      }
      const out: string[] = [];
      for (const id of queue) {
        if (out.length >= size) break;
        out.push(id);
      }
      for (const id of out) {
        queue.delete(id);
        (byId.get(id) as Slot).sent = true;
      }
      inFlight += out.length;
      unacked += out.length;
      return out;
    },

    report(id, sd) {
      const s = byId.get(id);
      if (s === undefined || isTerminal(s.sd) || sd === 'Pending' || sd === s.sd) return false;
      if (!s.sent) {
        // Never sent: only outcomes that need no delivery apply (e.g. the endpoint's Undeliverable, expiry).
        if (!UNSENT_TERMINAL.has(sd)) return false;
        queue.delete(id);
        progressed = true;
        finish(s, sd);
        return true;
      }
      progressed = true;
      if (isTerminal(sd)) {
        leaveFlight(s, true);
        finish(s, sd);
      } else {
        if (!s.acked) unacked--;
        s.acked = true;
        s.sd = sd;
      }
      return true;
    },

    cancel() {
      if (completed === total) return [];
      cancelled = true;
      drainQueue('Cancelled');
      return slots.filter((s) => s.sent && !isTerminal(s.sd)).map((s) => s.id);
    },

    expire() {
      for (const s of slots) {
        if (isTerminal(s.sd)) continue;
        if (s.sent) leaveFlight(s, false);
        else queue.delete(s.id);
        finish(s, 'DeliveryTimedOut');
      }
    },

    snapshot() {
      const done = completed === total;
      const [Status, StatusDetails] = parentStatus(done);
      return {
        TargetCount: total,
        CompletedCount: completed,
        ErrorCount: errors,
        DeliveryTimedOutCount: deliveryTimedOut,
        Status,
        StatusDetails,
        concurrency,
        errorThreshold: threshold,
        inFlight,
        queued: queue.size,
        thresholdPassed: breach !== undefined,
        cancelled,
        done,
        invocations: slots.map((s) => ({
          id: s.id,
          statusDetails: s.sd,
          status: invocationStatusOf(s.sd),
          sent: s.sent,
          acknowledged: s.acked,
        })),
      };
    },
  };

  function parentStatus(done: boolean): [CommandStatus, CommandStatusDetails] {
    if (!done) {
      if (cancelled) return ['Cancelling', 'Cancelling'];
      return progressed ? ['InProgress', 'InProgress'] : ['Pending', 'Pending'];
    }
    if (total === 0) return ['Failed', 'NoInstancesInTag'];
    if (cancelled) return ['Cancelled', 'Cancelled'];
    if (breach === 'ExecutionTimedOut') return ['TimedOut', 'ExecutionTimedOut'];
    if (breach !== undefined) return ['Failed', 'Failed'];
    const decisive = slots.filter((s) => !isOutcomeNeutral(s.sd));
    if (decisive.length === 0) {
      return slots.every((s) => s.sd === 'AccessDenied') ? ['Failed', 'AccessDenied'] : ['Failed', 'Failed'];
    }
    if (decisive.every((s) => s.sd === 'Success')) return ['Success', 'Success'];
    if (deliveryTimedOut > threshold) return ['TimedOut', 'DeliveryTimedOut'];
    return ['Failed', 'Incomplete'];
  }
}

/** Split ids into SendCommand-sized chunks (≤ 50), keeping order. */
export function planBatches(ids: readonly string[], size: number = SEND_COMMAND_MAX_IDS): string[][] {
  if (!Number.isInteger(size) || size < 1 || size > SEND_COMMAND_MAX_IDS) {
    throw new RangeError(`planBatches: size must be 1..${SEND_COMMAND_MAX_IDS}`);
  }
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
  return out;
}

export interface SendCommandCall {
  readonly instanceIds: readonly string[];
  /** Always a count: the call's own id count. */
  readonly maxConcurrency: string;
  /** Always a count: the fleet-wide error budget left when the call is made. */
  readonly maxErrors: string;
}

/** Map one `next()` release of the fleet-wide engine onto SendCommand calls (see the header). */
export function planSendCommandCalls(
  released: readonly string[],
  snapshot: Pick<DispatchSnapshot, 'errorThreshold' | 'ErrorCount'>,
): SendCommandCall[] {
  const budgetLeft = Math.max(0, snapshot.errorThreshold - snapshot.ErrorCount);
  return planBatches(released).map((ids) => ({
    instanceIds: ids,
    maxConcurrency: String(ids.length),
    maxErrors: String(budgetLeft),
  }));
}

/** After the fleet threshold is passed: released ids SSM has not acknowledged yet, to cancel (best effort). */
export function idsToCancelOnBreach(snapshot: Pick<DispatchSnapshot, 'thresholdPassed' | 'invocations'>): string[] {
  if (!snapshot.thresholdPassed) return [];
  return snapshot.invocations.filter((i) => i.sent && !i.acknowledged && !isTerminal(i.statusDetails)).map((i) => i.id);
}
