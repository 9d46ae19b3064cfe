// A Run Command job with its audit trail: each SendCommand is logged the moment SSM accepts it (so a run cut short
// is still on record), and the final summary when it ends. Used by the dashboard and `fleetdeck run` alike.
import type {RunCommandApi} from '../aws/run-command.js';
import {appendAudit, redactParameters} from '../audit.js';
import {summarize} from './command-status.js';
import {formatRateValue} from './rate-control.js';
import {executeRun, type RunOptions, type RunSpec, type RunState} from './run-orchestrator.js';
import {describeTargets} from './run-targets.js';

export async function auditedRun(api: RunCommandApi, spec: RunSpec, identity: string, via: 'dashboard' | 'headless',
  opts: RunOptions = {}): Promise<RunState> {
  const common = {identity, document: spec.documentName, parameters: redactParameters(spec.parameters), via};
  const st = await executeRun(api, spec, {
    ...opts,
    onSent: (sent) => {
      appendAudit({action: 'SendCommand', ...common, commandId: sent.commandId,
        targets: sent.instanceIds ? [...sent.instanceIds] : describeTargets(spec.targets),
        maxConcurrency: formatRateValue(spec.maxConcurrency), maxErrors: formatRateValue(spec.maxErrors)});
      opts.onSent?.(sent);
    },
  });
  const s = summarize(st.invocations.values());
  appendAudit({action: 'CommandFinished', ...common, commandIds: st.commandIds, thresholdStopped: st.thresholdStopped,
    summary: Object.fromEntries(Object.entries(s.byStatusDetails).filter(([, n]) => n > 0))});
  return st;
}
