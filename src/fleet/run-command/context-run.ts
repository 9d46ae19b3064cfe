// One run over several contexts: each context's share goes out as its own audited SendCommand set, through that
// context's clients and under its own rate control and error threshold (as SSM applies them per command), all at
// once; one cancel reaches every context's commands. Progress is reported as one run: every node's latest
// invocation, the context of each node and command, and what stopped where.
import type {Invocation, RunCommandApi} from './port.js';
import {auditedRun} from './audited-run.js';
import type {RunInterruption, RunOptions, RunSpec, RunState} from './run-orchestrator.js';

export interface ContextShare {
  context: string;
  api: RunCommandApi;
  /** Who acts there, for the audit log (that context's account and region). */
  identity: string;
  spec: RunSpec;
}

export interface ContextRunState {
  /** Every node's latest invocation; ids not sent yet are Pending (as SSM shows invocations waiting for concurrency). */
  invocations: Invocation[];
  /** The context each node and each command belongs to. */
  instanceContext: ReadonlyMap<string, string>;
  commandContext: ReadonlyMap<string, string>;
  /** Every context's share has ended (followed to its end, refused, or no longer followed). */
  done: boolean;
  /** Contexts whose error threshold stopped their share. */
  thresholdStopped: string[];
  /** Contexts where SSM refused the first SendCommand (nothing was sent there), with the reason (sanitized). */
  refused: {context: string; error: string}[];
  /** Contexts whose calls fail now (the run goes on there in SSM). */
  interrupted: {context: string; interruption: RunInterruption}[];
  /** Contexts not followed to the end, and why. */
  unfollowed: {context: string; why: string}[];
}

export interface ContextRunOptions extends Pick<RunOptions, 'cancel' | 'signal' | 'pollMs' | 'sleep' | 'giveUpAfterMs' | 'now'> {
  /** After each SendCommand SSM accepts, in any context. */
  onSent?: (sent: {context: string; commandId: string}) => void;
  onUpdate?: (state: ContextRunState) => void;
}

/** Every context refused its first SendCommand: nothing was sent anywhere. */
export class ContextRunError extends Error {
  override name = 'ContextRunError';
  constructor(readonly refused: readonly {context: string; error: string}[]) {
    super(`SendCommand refused in ${refused.map((r) => `${r.context} (${r.error})`).join(', ')}`);
  }
}

const placeholder = (instanceId: string, statusDetails: string, output = ''): Invocation =>
  ({commandId: '', instanceId, statusDetails, responseCode: -1, output, outputTruncated: false});

/** Runs every context's share to its end; rejects only when every context refused its first SendCommand (nothing ran). */
export async function runInContexts(shares: readonly ContextShare[], opts: ContextRunOptions = {}): Promise<ContextRunState> {
  const states = new Map<string, RunState>();
  const refused = new Map<string, string>();
  const ended = new Set<string>();
  const instanceContext = new Map<string, string>();
  const commandContext = new Map<string, string>();
  for (const s of shares) if (s.spec.targets.kind === 'ids') for (const id of s.spec.targets.ids) instanceContext.set(id, s.context);

  const snapshot = (): ContextRunState => {
    const invocations: Invocation[] = [];
    for (const s of shares) {
      const st = states.get(s.context);
      const why = refused.get(s.context);
      for (const inv of st?.invocations.values() ?? []) {
        instanceContext.set(inv.instanceId, s.context);
        invocations.push(inv);
      }
      if (s.spec.targets.kind !== 'ids') continue;
      for (const id of s.spec.targets.ids) {
        if (st?.invocations.has(id)) continue;
        invocations.push(why !== undefined ? placeholder(id, 'Undeliverable', `SendCommand refused in ${s.context}: ${why}`)
          : placeholder(id, 'Pending'));
      }
    }
    const list = <T>(pick: (context: string, st: RunState) => T | undefined) =>
      shares.flatMap((s) => {
        const st = states.get(s.context);
        const v = st ? pick(s.context, st) : undefined;
        return v === undefined ? [] : [v];
      });
    return {
      invocations, instanceContext, commandContext,
      done: shares.every((s) => ended.has(s.context)),
      thresholdStopped: list((c, st) => (st.thresholdStopped ? c : undefined)),
      refused: shares.flatMap((s) => {
        const error = refused.get(s.context);
        return error === undefined ? [] : [{context: s.context, error}];
      }),
      interrupted: list((context, st) => (st.interrupted ? {context, interruption: st.interrupted} : undefined)),
      unfollowed: list((context, st) => (st.unfollowed !== undefined ? {context, why: st.unfollowed} : undefined)),
    };
  };

  const outcomes = await Promise.allSettled(shares.map(async (s) => {
    try {
      const st = await auditedRun(s.api, s.spec, s.identity, 'dashboard', {
        ...(opts.cancel ? {cancel: opts.cancel} : {}), ...(opts.signal ? {signal: opts.signal} : {}),
        ...(opts.pollMs !== undefined ? {pollMs: opts.pollMs} : {}), ...(opts.sleep ? {sleep: opts.sleep} : {}),
        ...(opts.giveUpAfterMs !== undefined ? {giveUpAfterMs: opts.giveUpAfterMs} : {}), ...(opts.now ? {now: opts.now} : {}),
        onSent: ({commandId}) => {
          commandContext.set(commandId, s.context);
          opts.onSent?.({context: s.context, commandId});
        },
        onUpdate: (st) => {
          states.set(s.context, st);
          opts.onUpdate?.(snapshot());
        },
      });
      states.set(s.context, st);
    } catch (e) {
      refused.set(s.context, s.api.describeError(e));
      throw e;
    } finally {
      ended.add(s.context);
      opts.onUpdate?.(snapshot());
    }
  }));
  const st = snapshot();
  if (outcomes.every((o) => o.status === 'rejected')) {
    // One context: its own error, as a run in one context has always said it.
    const only = outcomes.length === 1 ? outcomes[0] : undefined;
    throw only?.status === 'rejected' ? only.reason : new ContextRunError(st.refused);
  }
  return st;
}
