// SendAutomationSignal (API reference; UG automation-action-approve, -pause, running-automations-interactive):
// Approve/Reject an aws:approve step (Payload Comment), Resume an aws:pause step, StartStep (Payload StepName)
// and StopStep (Payload StepExecutionId) in Interactive mode. Revoke is not supported by the local fleet.

import {SESSION_OWNER_NAME} from '../sessions/session-service.js';
import type {OperationContext} from '../../protocol/operation-context.js';
import {ServiceError} from '../../protocol/service-error.js';
import {isObject, optString, optStringArray, Violations, type JsonObject} from '../../protocol/validation.js';
import {StepAbort, type Execution} from './types.js';

function invalidSignal(message: string): ServiceError {
  return new ServiceError('InvalidAutomationSignalException', message);
}

function payloadValue(input: JsonObject, key: string): string | undefined {
  const payload = input['Payload'];
  if (!isObject(payload)) return undefined;
  return optStringArray(payload, key)?.[0];
}

export function sendSignal(exec: Execution, input: JsonObject, ctx: OperationContext): JsonObject {
  const type = optString(input, 'SignalType');
  const v = new Violations();
  if (v.required('signalType', type)) v.oneOf('signalType', type, ['Approve', 'Reject', 'StartStep', 'StopStep', 'Resume', 'Revoke']);
  v.throwIfAny();
  if (exec.endedAt !== undefined || exec.stopping !== undefined) throw invalidSignal(`The execution ${exec.id} is ${exec.status}: it takes no signals.`);
  const who = ctx.caller?.arn ?? `arn:aws:iam::${ctx.model.accountId}:user/${SESSION_OWNER_NAME}`;
  const human = exec.current?.human;
  switch (type) {
    case 'Approve':
    case 'Reject':
      if (human?.kind !== 'approve') throw invalidSignal(`The execution ${exec.id} has no step waiting for approval.`);
      human.decide(type, payloadValue(input, 'Comment') ?? '', who);
      break;
    case 'Resume':
      if (human?.kind !== 'pause') throw invalidSignal(`The execution ${exec.id} has no paused step to resume.`);
      human.decide('Resume', '', who);
      break;
    case 'StartStep': {
      const name = payloadValue(input, 'StepName');
      if (name === undefined) throw invalidSignal('StartStep needs the Payload StepName.');
      if (!exec.runbook.steps.some((s) => s.name === name)) throw new ServiceError('AutomationStepNotFoundException', `The step ${name} is not in ${exec.runbook.name}.`);
      if (exec.awaitStart === undefined) throw invalidSignal(`The execution ${exec.id} is not waiting for a step to start (Interactive mode, no step running).`);
      exec.awaitStart(name);
      break;
    }
    case 'StopStep': {
      const id = payloadValue(input, 'StepExecutionId');
      if (id === undefined) throw invalidSignal('StopStep needs the Payload StepExecutionId.');
      const run = exec.steps.find((s) => s.stepExecutionId === id);
      if (run === undefined) throw new ServiceError('AutomationStepNotFoundException', `The step execution ${id} is not in this execution.`);
      if (run !== exec.current || run.controller === undefined) throw invalidSignal(`The step execution ${id} is ${run.status}: it is not running.`);
      run.controller.abort(new StepAbort('cancel'));
      break;
    }
    default:
      throw invalidSignal(`The local fleet does not support the ${String(type)} signal.`);
  }
  return {};
}
