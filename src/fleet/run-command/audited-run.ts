// A Run Command job with its audit trail: each SendCommand is logged the moment SSM accepts it (so a run cut short
// is still on record), and an end record whatever happens once anything was sent — the summary when the run ends,
// with why when fleetdeck could not follow it to the end, the error that stopped it, or that fleetdeck exited while
// it went on. Used by the dashboard and `fleetdeck run` alike.
import type {RunCommandApi} from './port.js';
import {appendAudit, redactParameters} from '../../audit.js';
import {summarize} from './command-status.js';
import {formatRateValue} from './rate-control.js';
import {executeRun, type RunOptions, type RunSpec, type RunState} from './run-orchestrator.js';
import {describeTargets} from './run-targets.js';
import {sanitizeText} from '../sanitize.js';

/**
 * What must be written if fleetdeck exits while runs go on: one 'exit' listener for all of them, so a run over many
 * contexts (one audited run each) never trips Node's listener warning, which would be printed over the dashboard.
 */
const onExitHooks = new Set<() => void>();
const runExitHooks = () => {
  for (const hook of onExitHooks) hook();
};

function whileRunning(hook: () => void): () => void {
  if (onExitHooks.size === 0) process.once('exit', runExitHooks);
  onExitHooks.add(hook);
  return () => {
    onExitHooks.delete(hook);
    if (onExitHooks.size === 0) process.off('exit', runExitHooks);
  };
}

export async function auditedRun(api: RunCommandApi, spec: RunSpec, identity: string, via: 'dashboard' | 'headless',
  opts: RunOptions = {}): Promise<RunState> {
  const common = {identity, document: spec.documentName, ...(spec.documentVersion ? {documentVersion: spec.documentVersion} : {}),
    parameters: redactParameters(spec.parameters), via};
  const sent: string[] = [];
  let last: RunState | undefined;
  const end = (st: RunState | undefined, extra: Record<string, unknown>) => {
    const s = summarize(st?.invocations.values() ?? []);
    appendAudit({action: 'CommandFinished', ...common, commandIds: st?.commandIds ?? sent,
      thresholdStopped: st?.thresholdStopped ?? false,
      summary: Object.fromEntries(Object.entries(s.byStatusDetails).filter(([, n]) => n > 0)), ...extra});
  };
  // Quitting (or a signal) while the run goes on: the run is abandoned, not finished; say so on the way out.
  const onExit = () => {
    if (sent.length > 0) end(last, {unfollowed: 'fleetdeck exited before the run ended; what was sent goes on in SSM'});
  };
  const done = whileRunning(onExit);
  let st: RunState;
  try {
    st = await executeRun(api, spec, {
      ...opts,
      onSent: (x) => {
        sent.push(x.commandId);
        appendAudit({action: 'SendCommand', ...common, commandId: x.commandId,
          targets: x.instanceIds ? [...x.instanceIds] : describeTargets(spec.targets),
          maxConcurrency: formatRateValue(spec.maxConcurrency), maxErrors: formatRateValue(spec.maxErrors)});
        opts.onSent?.(x);
      },
      onUpdate: (x) => {
        last = x;
        opts.onUpdate?.(x);
      },
    });
  } catch (e) {
    if (sent.length > 0) {
      end(last, {unfollowed: `stopped by an error: ${sanitizeText(e instanceof Error ? e.message : String(e))}`});
    }
    throw e;
  } finally {
    done();
  }
  end(st, {...(st.unfollowed ? {unfollowed: st.unfollowed} : {}), ...(opts.cancel?.aborted ? {cancelled: true} : {})});
  return st;
}
