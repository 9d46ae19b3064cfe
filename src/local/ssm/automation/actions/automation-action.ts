// aws:executeAutomation (UG automation-action-executeAutomation): starts another runbook through the fleet's own
// StartAutomationExecution and waits for it; cancelling the step stops that execution. Outputs ExecutionId,
// Status and Output (the child's runbook outputs).

import {setTimeout as delay} from 'node:timers/promises';
import {isObject, type JsonObject} from '../../../protocol/validation.js';
import {StepAbort, StepFailure, type Action} from '../types.js';

const POLL_MS = 50;
const PASSED = ['DocumentName', 'DocumentVersion', 'TargetParameterName', 'Targets', 'MaxConcurrency', 'MaxErrors', 'Tags'];

const executeAutomation: Action = async (a) => {
  // Loaded when called: this action is part of the Automation the operations run.
  const {automationOperations} = await import('../operations.js');
  const {automationStore} = await import('../store.js');
  const request: JsonObject = {};
  for (const key of PASSED) if (a.inputs[key] !== undefined) request[key] = a.inputs[key];
  const runtime = a.inputs['RuntimeParameters'];
  if (isObject(runtime)) {
    request['Parameters'] = Object.fromEntries(Object.entries(runtime).map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).map((x) => (typeof x === 'string' ? x : JSON.stringify(x)))]));
  }
  let childId: string;
  try {
    childId = ((await automationOperations['StartAutomationExecution']?.(request, a.ctx)) as {AutomationExecutionId: string}).AutomationExecutionId;
  } catch (err) {
    const e = err as {code?: unknown; message?: unknown};
    throw new StepFailure(`An error occurred (${typeof e.code === 'string' ? e.code : 'Error'}) when calling the StartAutomationExecution operation: ${String(e.message)}`, 'Invocation');
  }
  const store = automationStore(a.model);
  const child = store.get(childId);
  if (child === undefined) throw new StepFailure(`The execution ${childId} was not found.`);
  a.step.outputs.set('ExecutionId', childId);
  while (child.endedAt === undefined) {
    if (a.signal.aborted) {
      if (child.stopping === undefined) store.stop(child, 'Cancel');
      throw a.signal.reason instanceof StepAbort ? a.signal.reason : new StepAbort('cancel');
    }
    await delay(POLL_MS, undefined, {ref: false});
  }
  const outputs = {ExecutionId: childId, Status: child.status, Output: JSON.stringify(child.outputs)};
  if (child.status !== 'Success') {
    for (const [k, v] of Object.entries(outputs)) a.step.outputs.set(k, v);
    throw new StepFailure(`The automation ${childId} (${child.runbook.name}) ended ${child.status}.${child.failureMessage === '' ? '' : ` ${child.failureMessage}`}`, 'Invocation');
  }
  return {outputs};
};

export const automationActions: Readonly<Record<string, Action>> = {
  'aws:executeAutomation': executeAutomation,
};
