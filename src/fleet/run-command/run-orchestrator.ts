// Runs one Run Command job to the end and reports progress. Up to 50 instance ids, or a target expression, go to
// SSM as one SendCommand and SSM applies MaxConcurrency/MaxErrors itself. A larger selection is dispatched by
// run-plan.ts's engine (one fleet-wide budget with SSM's exact meaning) as several SendCommands of at most 50 ids;
// every invocation status is reported back to the engine, which decides what to send next and when to stop.
//
// A live run outlives a flaky endpoint. A call that fails with throttling or a transient error (5xx, network,
// timeout) never ends the run: the round stops there, the state says the following is interrupted, and the same
// step is tried again after a backoff (1 s doubling to 15 s) — sends still to go stay queued in order, polls resume
// where they were, a cancel still to deliver is delivered — until SSM answers again, and the run converges with what
// SSM reports. Only after `giveUpAfterMs` of failures in a row (or three non-retryable errors in a row) does the run
// end unfollowed: it says so (`unfollowed`) and what it knew; the commands themselves go on in SSM.
//
// SendCommand is not idempotent (it takes no client token) and the SDK never retries it (one attempt). When a
// SendCommand fails in a way that may hide a success (5xx, network error, timeout — not throttling, which SSM
// rejects before doing anything), the next try first looks for it with ListCommands (same document, targets,
// parameters and comment, sent since the first try, not already ours) and adopts it instead of sending it twice.
// The residual risk, stated: a SendCommand still in flight inside SSM when that lookup runs is not seen, and the
// batch is sent again.
import type {Invocation, RunCommandApi, SendRequest} from './port.js';
import {isTerminal, parseStatusDetails} from './command-status.js';
import {formatRateValue, type RateValue} from './rate-control.js';
import {createDispatch, idsToCancelOnBreach, planSendCommandCalls, SEND_COMMAND_MAX_IDS} from './run-plan.js';
import type {RunTargets} from './run-targets.js';
import {markComment, newRunMark} from './run-marker.js';
import {defaultSleep, Outage, PollPace, type RunInterruption} from './run-pacing.js';

export type {RunInterruption} from './run-pacing.js';

export interface RunSpec {
  documentName: string;
  /** The document version it runs; absent: the default version. */
  documentVersion?: string;
  parameters: Record<string, string[]>;
  targets: RunTargets;
  maxConcurrency: RateValue;
  maxErrors: RateValue;
  timeoutSeconds?: number;
  comment?: string;
}

export interface RunState {
  commandIds: string[];
  /** Latest invocation per instance. */
  invocations: ReadonlyMap<string, Invocation>;
  targetCount: number;
  thresholdStopped: boolean;
  done: boolean;
  /** Calls to SSM are failing; the run goes on and is followed again as soon as SSM answers. */
  interrupted?: RunInterruption;
  /** The run ended without every invocation seen final (why); the commands go on in SSM. */
  unfollowed?: string;
}

export interface RunOptions {
  pollMs?: number;
  /** After each SendCommand is accepted (the audit log records it at once). */
  onSent?: (sent: {commandId: string; instanceIds?: readonly string[]}) => void;
  onUpdate?: (state: RunState) => void;
  /** Stop following: nothing more is sent or polled, the run ends `unfollowed` (what was sent goes on in SSM). */
  signal?: AbortSignal;
  /**
   * The user cancelled the run: nothing more is sent, CancelCommand goes to every command still running, ids never
   * sent become Cancelled (as SSM reports the invocations it had not started), and polling goes on until every
   * invocation is final.
   */
  cancel?: AbortSignal;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Failed calls in a row for this long end the run unfollowed. Default 15 minutes. */
  giveUpAfterMs?: number;
  now?: () => number;
}

const DEFAULT_GIVE_UP_MS = 15 * 60_000;
/** A first SendCommand SSM refused outright: nothing was sent. */
export class RunError extends Error {
  override name = 'RunError';
}

const terminal = (inv: Invocation) => {
  const sd = parseStatusDetails(inv.statusDetails);
  return sd !== undefined && isTerminal(sd);
};

/** One SendCommand still to be accepted by SSM. */
interface PendingSend {
  req: SendRequest;
  /** A try failed in a way that may hide a success: look for it before sending again. */
  ambiguous: boolean;
  firstTriedAt?: number;
}

type SendOutcome = {kind: 'sent'; commandId: string; targetCount: number} | {kind: 'retry'} | {kind: 'refused'; error: unknown};

export async function executeRun(api: RunCommandApi, spec: RunSpec, opts: RunOptions = {}): Promise<RunState> {
  const sleep = opts.sleep ?? defaultSleep;
  const now = opts.now ?? Date.now;
  const pollMs = opts.pollMs ?? 1_000;
  const giveUpMs = opts.giveUpAfterMs ?? DEFAULT_GIVE_UP_MS;
  const outage = new Outage(api, now);
  const pace = new PollPace(pollMs);
  // Several batches share a marker in their Comment: the history shows them as one run.
  const batched = spec.targets.kind === 'ids' && spec.targets.ids.length > SEND_COMMAND_MAX_IDS;
  const comment = batched ? markComment(spec.comment, newRunMark()) : spec.comment;
  const base = {documentName: spec.documentName, parameters: spec.parameters,
    ...(spec.documentVersion ? {documentVersion: spec.documentVersion} : {}),
    ...(spec.timeoutSeconds !== undefined ? {timeoutSeconds: spec.timeoutSeconds} : {}),
    ...(comment ? {comment} : {})};
  const invocations = new Map<string, Invocation>();
  const commandIds: string[] = [];
  const state = (extra: Partial<RunState> & {targetCount: number}): RunState => {
    const interrupted = outage.interruption();
    return {invocations, thresholdStopped: false, done: false, commandIds: [...commandIds], ...extra,
      ...(interrupted ? {interrupted} : {})};
  };
  const placeholder = (instanceId: string, statusDetails: string, output = ''): Invocation =>
    ({commandId: '', instanceId, statusDetails, responseCode: -1, output, outputTruncated: false});

  /** One try at a SendCommand (after looking for a lost one when the last try was ambiguous). */
  async function trySend(p: PendingSend): Promise<SendOutcome> {
    p.firstTriedAt ??= now();
    try {
      if (p.ambiguous) {
        const found = await api.findCommand(p.req, p.firstTriedAt, new Set(commandIds));
        if (found) {
          outage.ok();
          return {kind: 'sent', ...found};
        }
      }
      const sent = await api.send(p.req);
      outage.ok();
      return {kind: 'sent', ...sent};
    } catch (e) {
      const kind = outage.fail(e);
      if (kind === 'fatal') {
        outage.ok();
        return {kind: 'refused', error: e};
      }
      if (kind === 'transient') p.ambiguous = true;
      return {kind: 'retry'};
    }
  }

  /** Calls `fn`; false (the round stops, the step is tried again later) when it fails. */
  async function attempt(fn: () => Promise<void>): Promise<boolean> {
    try {
      await fn();
      outage.ok();
      return true;
    } catch (e) {
      outage.fail(e);
      return false;
    }
  }

  /** Between rounds: the poll interval, or the backoff while calls fail. */
  // A cancel not acted on yet wakes the pause too (once acted on, it must not turn the poll into a busy loop).
  const pause = (ms: number) => sleep(outage.since === undefined ? ms : outage.delayMs(),
    AbortSignal.any([opts.signal, opts.cancel?.aborted ? undefined : opts.cancel].filter((x): x is AbortSignal => x !== undefined)));

  if (spec.targets.kind === 'targets' || spec.targets.ids.length <= SEND_COMMAND_MAX_IDS) {
    const ids = spec.targets.kind === 'ids' ? spec.targets.ids : undefined;
    const pending: PendingSend = {req: {
      ...base,
      ...(spec.targets.kind === 'ids' ? {instanceIds: spec.targets.ids} : {targets: spec.targets.targets}),
      maxConcurrency: formatRateValue(spec.maxConcurrency),
      maxErrors: formatRateValue(spec.maxErrors),
    }, ambiguous: false};
    let sent: {commandId: string; targetCount: number} | undefined;
    let cancelSent = false;
    for (;;) {
      if (opts.signal?.aborted) return state({targetCount: sent?.targetCount ?? ids?.length ?? 0, unfollowed: 'stopped following'});
      if (!sent) {
        if (opts.cancel?.aborted) {
          // Cancelled before SSM took it: nothing was sent, nothing runs.
          for (const id of ids ?? []) invocations.set(id, placeholder(id, 'Cancelled'));
          return state({targetCount: ids?.length ?? 0, done: true});
        }
        const r = await trySend(pending);
        if (r.kind === 'refused') throw r.error;
        if (r.kind === 'sent') {
          sent = {commandId: r.commandId, targetCount: r.targetCount};
          pace.sent();
          commandIds.push(r.commandId);
          opts.onSent?.({commandId: r.commandId, ...(ids ? {instanceIds: ids} : {})});
        }
      }
      if (sent) {
        const s = sent;
        if (opts.cancel?.aborted && !cancelSent) cancelSent = await attempt(() => api.cancel(s.commandId));
        await attempt(async () => {
          for (const inv of await api.invocations(s.commandId)) invocations.set(inv.instanceId, inv);
        });
      }
      const all = [...invocations.values()];
      const done = sent !== undefined && all.length >= sent.targetCount && all.every(terminal);
      const targetCount = sent?.targetCount ?? ids?.length ?? 0;
      const gaveUp = done ? undefined : outage.gaveUp(giveUpMs);
      const st = state({targetCount, done, thresholdStopped: all.some((i) => i.statusDetails === 'Terminated'),
        ...(gaveUp ? {unfollowed: gaveUp} : {})});
      opts.onUpdate?.(st);
      if (done || gaveUp) return st;
      await pause(pace.take(false));
    }
  }

  // More than 50 ids: one engine, several SendCommands.
  const d = createDispatch({targets: spec.targets.ids, maxConcurrency: spec.maxConcurrency, maxErrors: spec.maxErrors});
  const commandOf = new Map<string, string>();
  const cancelledOnBreach = new Set<string>();
  // Ids per command, and the commands whose every invocation is terminal: those are final and never listed again,
  // so a round lists only the commands still running (not every page of the whole run).
  const sentCount = new Map<string, number>();
  const finished = new Set<string>();
  // Released by the engine, not yet accepted by SSM, in order.
  const toSend: PendingSend[] = [];
  // Commands a cancel still has to reach.
  const toCancel = new Set<string>();
  let cancelling = false;
  /** Ids SSM never got: released by the engine, dropped when the run stops dispatching. */
  const dropUnsent = (sd: 'Cancelled' | 'Terminated') => {
    for (const p of toSend.splice(0)) {
      for (const id of p.req.instanceIds ?? []) {
        d.report(id, sd);
        invocations.set(id, placeholder(id, sd));
      }
    }
  };
  for (;;) {
    if (opts.signal?.aborted) return state({targetCount: d.snapshot().TargetCount, thresholdStopped: d.snapshot().thresholdPassed,
      unfollowed: 'stopped following'});
    if (opts.cancel?.aborted && !cancelling) {
      cancelling = true;
      // The engine stops dispatching (queued ids become Cancelled); SSM cancels what was sent.
      const inFlight = new Set(d.cancel().map((id) => commandOf.get(id)));
      for (const c of commandIds) if (inFlight.has(c)) toCancel.add(c);
      dropUnsent('Cancelled');
    }
    for (const c of [...toCancel]) {
      if (!await attempt(() => api.cancel(c))) break;
      toCancel.delete(c);
    }
    if (!cancelling && d.snapshot().thresholdPassed) dropUnsent('Terminated');
    const released = cancelling ? [] : d.next();
    if (released.length > 0) pace.sent();
    for (const call of released.length ? planSendCommandCalls(released, d.snapshot()) : []) {
      toSend.push({req: {...base, instanceIds: [...call.instanceIds], maxConcurrency: call.maxConcurrency,
        maxErrors: call.maxErrors}, ambiguous: false});
    }
    while (toSend.length > 0) {
      const p = toSend[0] as PendingSend;
      const r = await trySend(p);
      if (r.kind === 'retry') break;
      toSend.shift();
      const batch = p.req.instanceIds ?? [];
      if (r.kind === 'refused') {
        if (commandIds.length === 0) throw r.error;
        // A later batch refused outright (e.g. an instance that went away): those ids are undeliverable, which does
        // not touch the error budget.
        const why = `SendCommand refused: ${api.describeError(r.error)}`;
        for (const id of batch) {
          d.report(id, 'Undeliverable');
          invocations.set(id, placeholder(id, 'Undeliverable', why));
        }
        continue;
      }
      commandIds.push(r.commandId);
      sentCount.set(r.commandId, batch.length);
      opts.onSent?.({commandId: r.commandId, instanceIds: batch});
      for (const id of batch) commandOf.set(id, r.commandId);
    }
    for (const commandId of commandIds) {
      if (finished.has(commandId)) continue;
      // Throttled: the next command may still be answered. Anything else (endpoint down): end the round.
      const ok = await attempt(async () => {
        const listed = await api.invocations(commandId);
        for (const inv of listed) {
          invocations.set(inv.instanceId, inv);
          const sd = parseStatusDetails(inv.statusDetails);
          if (sd) d.report(inv.instanceId, sd);
        }
        if (listed.length >= (sentCount.get(commandId) ?? Infinity) && listed.every(terminal)) finished.add(commandId);
      });
      if (!ok && outage.lastKind !== 'throttle') break;
    }
    const snap = d.snapshot();
    if (snap.thresholdPassed) {
      // Stop what SSM has not started yet, per command, once.
      const byCommand = new Map<string, string[]>();
      for (const id of idsToCancelOnBreach(snap)) {
        const c = commandOf.get(id);
        if (c && !cancelledOnBreach.has(id)) (byCommand.get(c) ?? byCommand.set(c, []).get(c))?.push(id);
      }
      for (const [c, ids] of byCommand) {
        if (!await attempt(() => api.cancel(c, ids))) break;
        ids.forEach((id) => cancelledOnBreach.add(id));
      }
    }
    // Never-sent ids end as SSM reports them: Terminated past the error threshold, Cancelled after a cancel.
    if (snap.thresholdPassed || snap.cancelled) {
      for (const inv of snap.invocations) {
        if (!inv.sent && !invocations.has(inv.id)) invocations.set(inv.id, placeholder(inv.id, inv.statusDetails));
      }
    }
    const gaveUp = snap.done ? undefined : outage.gaveUp(giveUpMs);
    const st = state({targetCount: snap.TargetCount, done: snap.done, thresholdStopped: snap.thresholdPassed,
      ...(gaveUp ? {unfollowed: gaveUp} : {})});
    opts.onUpdate?.(st);
    if (snap.done || gaveUp) return st;
    // The acknowledgements or ends this round saw let the next step go: send it now, not after a pause.
    if (!cancelling && outage.since === undefined && toSend.length === 0 && d.ready()) continue;
    // The rollout and the run's end are paced by the nodes, not by the poll interval.
    await pause(pace.take(snap.queued > 0 && !cancelling));
  }
}
