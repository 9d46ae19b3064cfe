// Runs one Run Command job to the end and reports progress. Up to 50 instance ids, or a target expression, go to
// SSM as one SendCommand and SSM applies MaxConcurrency/MaxErrors itself. A larger selection is dispatched by
// run-plan.ts's engine (one fleet-wide budget with SSM's exact meaning) as several SendCommands of at most 50 ids;
// every invocation status is reported back to the engine, which decides what to send next and when to stop.
import type {Invocation, RunCommandApi} from '../aws/run-command.js';
import {isTerminal, parseStatusDetails} from './command-status.js';
import {formatRateValue, type RateValue} from './rate-control.js';
import {createDispatch, idsToCancelOnBreach, planSendCommandCalls, SEND_COMMAND_MAX_IDS} from './run-plan.js';
import type {RunTargets} from './run-targets.js';

export interface RunSpec {
  documentName: string;
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
}

export interface RunOptions {
  pollMs?: number;
  /** After each SendCommand is accepted (the audit log records it at once). */
  onSent?: (sent: {commandId: string; instanceIds?: readonly string[]}) => void;
  onUpdate?: (state: RunState) => void;
  signal?: AbortSignal;
  /**
   * The user cancelled the run: nothing more is sent, CancelCommand goes to every command still running, ids never
   * sent become Cancelled (as SSM reports the invocations it had not started), and polling goes on until every
   * invocation is final.
   */
  cancel?: AbortSignal;
  sleep?: (ms: number) => Promise<void>;
}

/** Poll interval while ids are still queued behind the concurrency limit (each ramp-up step waits for a round). */
const RAMP_POLL_MS = 250;

export class RunError extends Error {
  override name = 'RunError';
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const terminal = (inv: Invocation) => {
  const sd = parseStatusDetails(inv.statusDetails);
  return sd !== undefined && isTerminal(sd);
};

export async function executeRun(api: RunCommandApi, spec: RunSpec, opts: RunOptions = {}): Promise<RunState> {
  const sleep = opts.sleep ?? defaultSleep;
  const pollMs = opts.pollMs ?? 1_000;
  const base = {documentName: spec.documentName, parameters: spec.parameters,
    ...(spec.timeoutSeconds !== undefined ? {timeoutSeconds: spec.timeoutSeconds} : {}),
    ...(spec.comment ? {comment: spec.comment} : {})};
  const invocations = new Map<string, Invocation>();
  const state = (extra: Partial<RunState> & {commandIds: string[]; targetCount: number}): RunState => ({
    invocations, thresholdStopped: false, done: false, ...extra,
  });

  if (spec.targets.kind === 'targets' || spec.targets.ids.length <= SEND_COMMAND_MAX_IDS) {
    const sent = await api.send({
      ...base,
      ...(spec.targets.kind === 'ids' ? {instanceIds: spec.targets.ids} : {targets: spec.targets.targets}),
      maxConcurrency: formatRateValue(spec.maxConcurrency),
      maxErrors: formatRateValue(spec.maxErrors),
    });
    opts.onSent?.({commandId: sent.commandId, ...(spec.targets.kind === 'ids' ? {instanceIds: spec.targets.ids} : {})});
    let cancelSent = false;
    for (;;) {
      if (opts.signal?.aborted) throw new RunError('stopped');
      if (opts.cancel?.aborted && !cancelSent) {
        cancelSent = true;
        await api.cancel(sent.commandId);
      }
      for (const inv of await api.invocations(sent.commandId)) invocations.set(inv.instanceId, inv);
      const all = [...invocations.values()];
      const done = all.length >= sent.targetCount && all.every(terminal);
      const st = state({commandIds: [sent.commandId], targetCount: sent.targetCount, done,
        thresholdStopped: all.some((i) => i.statusDetails === 'Terminated')});
      opts.onUpdate?.(st);
      if (done) return st;
      await sleep(pollMs);
    }
  }

  // More than 50 ids: one engine, several SendCommands.
  const d = createDispatch({targets: spec.targets.ids, maxConcurrency: spec.maxConcurrency, maxErrors: spec.maxErrors});
  const commandOf = new Map<string, string>();
  const commandIds: string[] = [];
  const cancelled = new Set<string>();
  // Ids per command, and the commands whose every invocation is terminal: those are final and never listed again,
  // so a round lists only the commands still running (not every page of the whole run).
  const sentCount = new Map<string, number>();
  const finished = new Set<string>();
  let cancelling = false;
  for (;;) {
    if (opts.signal?.aborted) throw new RunError('stopped');
    if (opts.cancel?.aborted && !cancelling) {
      cancelling = true;
      // The engine stops dispatching (queued ids become Cancelled); SSM cancels what was sent.
      const inFlight = new Set(d.cancel().map((id) => commandOf.get(id)));
      for (const c of commandIds) if (inFlight.has(c)) await api.cancel(c);
    }
    const released = cancelling ? [] : d.next();
    for (const call of released.length ? planSendCommandCalls(released, d.snapshot()) : []) {
      const sent = await api.send({...base, instanceIds: [...call.instanceIds], maxConcurrency: call.maxConcurrency,
        maxErrors: call.maxErrors});
      commandIds.push(sent.commandId);
      sentCount.set(sent.commandId, call.instanceIds.length);
      opts.onSent?.({commandId: sent.commandId, instanceIds: call.instanceIds});
      for (const id of call.instanceIds) commandOf.set(id, sent.commandId);
    }
    for (const commandId of commandIds) {
      if (finished.has(commandId)) continue;
      const listed = await api.invocations(commandId);
      for (const inv of listed) {
        invocations.set(inv.instanceId, inv);
        const sd = parseStatusDetails(inv.statusDetails);
        if (sd) d.report(inv.instanceId, sd);
      }
      if (listed.length >= (sentCount.get(commandId) ?? Infinity) && listed.every(terminal)) finished.add(commandId);
    }
    const snap = d.snapshot();
    if (snap.thresholdPassed) {
      // Stop what SSM has not started yet, per command, once.
      const byCommand = new Map<string, string[]>();
      for (const id of idsToCancelOnBreach(snap)) {
        const c = commandOf.get(id);
        if (c && !cancelled.has(id)) (byCommand.get(c) ?? byCommand.set(c, []).get(c))?.push(id);
      }
      for (const [c, ids] of byCommand) {
        await api.cancel(c, ids);
        ids.forEach((id) => cancelled.add(id));
      }
    }
    // Never-sent ids end as SSM reports them: Terminated past the error threshold, Cancelled after a cancel.
    if (snap.thresholdPassed || snap.cancelled) {
      for (const inv of snap.invocations) {
        if (!inv.sent && !invocations.has(inv.id)) {
          invocations.set(inv.id, {commandId: '', instanceId: inv.id, statusDetails: inv.statusDetails, responseCode: -1,
            output: '', outputTruncated: false});
        }
      }
    }
    const st = state({commandIds: [...commandIds], targetCount: snap.TargetCount, done: snap.done,
      thresholdStopped: snap.thresholdPassed});
    opts.onUpdate?.(st);
    if (snap.done) return st;
    // While ids wait for the ramp-up, each step waits for a round: poll sooner so the rollout is not paced by it.
    await sleep(snap.queued > 0 && !cancelling ? Math.min(pollMs, RAMP_POLL_MS) : pollMs);
  }
}
