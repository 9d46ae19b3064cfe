// aws:runCommand (UG automation-action-runcommand): a real Run Command, sent through the fleet's own SendCommand
// so it runs on the same executor, appears in ListCommands and is cancelled with the step. Outputs CommandId,
// Status, ResponseCode and Output (the first invocation's, cut as list outputs are).

import {setTimeout as delay} from 'node:timers/promises';
import {PLUGIN_OUTPUT_LIMIT, runCommandStore, sendCommand} from '../../run-command/operations.js';
import {snapshotOf, type Command} from '../../run-command/store.js';
import {isObject, type JsonObject} from '../../../protocol/validation.js';
import {StepAbort, StepFailure, type Action} from '../types.js';

const POLL_MS = 100;
const CANCEL_WAIT_MS = 10_000;
const PASSED = ['DocumentName', 'DocumentVersion', 'InstanceIds', 'Targets', 'Comment', 'TimeoutSeconds', 'MaxConcurrency', 'MaxErrors', 'OutputS3BucketName', 'OutputS3KeyPrefix', 'CloudWatchOutputConfig'];

/** Parameters as SendCommand takes them: every value a list of strings. */
function commandParameters(raw: unknown): Record<string, string[]> {
  if (!isObject(raw)) return {};
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).map((x) => (typeof x === 'string' ? x : JSON.stringify(x)))]));
}

/** Polls with unref'd timers, so a fleet that closes mid-command is not kept alive by it. */
async function untilDone(cmd: Command): Promise<void> {
  while (!snapshotOf(cmd).done) await delay(POLL_MS, undefined, {ref: false});
}

const runCommand: Action = async (a) => {
  const request: JsonObject = {};
  for (const key of PASSED) if (a.inputs[key] !== undefined) request[key] = a.inputs[key];
  if (typeof request['InstanceIds'] === 'string') request['InstanceIds'] = [request['InstanceIds']];
  if (typeof request['TimeoutSeconds'] === 'string') request['TimeoutSeconds'] = Number(request['TimeoutSeconds']);
  request['Parameters'] = commandParameters(a.inputs['Parameters']);
  let commandId: string;
  try {
    const sent = sendCommand(request, a.ctx) as {Command: {CommandId: string}};
    commandId = sent.Command.CommandId;
  } catch (err) {
    const e = err as {code?: unknown; message?: unknown};
    throw new StepFailure(`An error occurred (${typeof e.code === 'string' ? e.code : 'Error'}) when calling the SendCommand operation: ${String(e.message)}`, 'Invocation');
  }
  a.step.commandIds.push(commandId);
  const store = runCommandStore(a.model);
  const cmd = store.get(commandId) as Command;
  const aborted = new Promise<void>((resolve) => a.signal.addEventListener('abort', () => resolve(), {once: true}));
  await Promise.race([untilDone(cmd), aborted]);
  if (a.signal.aborted) {
    store.cancel(cmd, undefined);
    // The fleet may be closing, and then the command never completes: wait for it a bounded time.
    await Promise.race([untilDone(cmd), delay(CANCEL_WAIT_MS, undefined, {ref: false})]);
    throw a.signal.reason instanceof StepAbort ? a.signal.reason : new StepAbort('cancel');
  }
  const snap = snapshotOf(cmd);
  const first = cmd.invocations.get(cmd.order[0] ?? '');
  const outputs = {
    CommandId: commandId, Status: snap.Status, ResponseCode: first?.responseCode ?? -1,
    Output: (first?.stdout ?? '').slice(0, PLUGIN_OUTPUT_LIMIT),
  };
  if (snap.Status !== 'Success') {
    for (const [k, v] of Object.entries(outputs)) a.step.outputs.set(k, v);
    const failed = [...cmd.invocations.values()].find((i) => i.responseCode !== 0);
    const detail = failed === undefined ? '' : ` ${failed.instanceId}: ${failed.stderr.trim().split('\n').slice(-3).join(' ')}`;
    throw new StepFailure(`Step fails when it is polling the command status: command ${commandId} ended ${snap.StatusDetails}.${detail}`, 'Invocation');
  }
  return {outputs};
};

export const runCommandActions: Readonly<Record<string, Action>> = {
  'aws:runCommand': runCommand,
};
