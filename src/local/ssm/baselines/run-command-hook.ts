// Where Run Command meets Patch Manager: when AWS-RunPatchBaseline's step ends on a local node, the node's patches
// are scanned or installed against its baseline (patch-operation.ts) and the step's output says what happened, in
// the shape of the agent's summary. Failed installs fail the step, as they do on a real node.
import type {ScriptResult} from '../run-command/executor.js';
import type {FleetModel} from '../../model/fleet-model.js';
import {runPatchOperation} from './patch-operation.js';

export function runPatchBaselineCommand(
  model: FleetModel, instanceId: string, parameters: Readonly<Record<string, readonly string[]>>, result: ScriptResult, now: number,
): ScriptResult {
  if (result.end !== 'exited' || result.exitCode !== 0) return result;
  const operation = parameters['Operation']?.[0] === 'Install' ? 'Install' : 'Scan';
  const rebootOption = parameters['RebootOption']?.[0] === 'NoReboot' ? 'NoReboot' : 'RebootIfNeeded';
  const start = now - Math.max(0, result.endedAt - result.startedAt);
  const done = runPatchOperation(model, instanceId, {operation, rebootOption}, start, now);
  if (done === undefined) return result;
  const c = done.state.counts;
  const summary = [
    `Patch group: ${done.state.patchGroup === '' ? '(none)' : done.state.patchGroup}`,
    `Baseline: ${done.state.baselineId} (${done.baselineName})`,
    `Snapshot: ${done.state.snapshotId}`,
    `Installed: ${c.INSTALLED}, InstalledOther: ${c.INSTALLED_OTHER}, InstalledPendingReboot: ${c.INSTALLED_PENDING_REBOOT}, ` +
      `InstalledRejected: ${c.INSTALLED_REJECTED}, Missing: ${c.MISSING}, Failed: ${c.FAILED}, NotApplicable: ${done.state.notApplicableCount}`,
  ];
  if (operation === 'Install' && rebootOption === 'RebootIfNeeded' && c.INSTALLED_PENDING_REBOOT === 0) summary.push('Reboot: the node restarted where an update needed it.');
  const stdout = `${result.stdout}${summary.join('\n')}\n`;
  if (done.failed.length === 0) return {...result, stdout};
  return {...result, stdout, exitCode: 1, stderr: `${result.stderr}Failed to install ${done.failed.length} patch(es): ${done.failed.join(', ')}\n`};
}
