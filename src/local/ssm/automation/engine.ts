// Runs one execution's steps (UG automation-actions "Properties shared by all actions"): in order, or by
// nextStep / aws:branch; each step's inputs resolved from parameters and earlier outputs; maxAttempts tries;
// timeoutSeconds on the fleet clock; onFailure Abort | Continue | step:x; onCancel Abort | step:x; isEnd; a
// failed isCritical step makes the execution Failed even when the runbook goes on. Interactive executions run
// one step per StartStep signal.

import {randomUUID} from 'node:crypto';
import type {FleetModel} from '../../model/fleet-model.js';
import type {OperationContext} from '../../protocol/operation-context.js';
import type {JsonObject} from '../../protocol/validation.js';
import {actionFor, DEFAULT_TIMEOUT_SECONDS} from './actions/index.js';
import type {FleetClock} from './clock.js';
import type {RunbookStep} from './runbook.js';
import {StepAbort, StepFailure, type ActionContext, type ActionResult, type Execution, type HumanDecision, type StepRun} from './types.js';
import {outputValue, resolveInputs, UnresolvedReference} from './values.js';

export interface EngineEnv {
  readonly model: FleetModel;
  readonly clock: FleetClock;
  readonly ctx: OperationContext;
  /** Called once the execution has ended. */
  ended(exec: Execution): void;
}

type Outcome = {kind: 'success'; nextStep?: string} | {kind: 'failed' | 'timedout'} | {kind: 'cancelled'};

function newStep(def: RunbookStep): StepRun {
  return {stepExecutionId: randomUUID(), def, status: 'Pending', outputs: new Map(), failureMessage: '', failureType: '', response: '', attempts: 0, commandIds: []};
}

function humanWaiter(exec: Execution, run: StepRun, signal: AbortSignal): ActionContext['waitForHuman'] {
  return (kind) => new Promise<{decision: HumanDecision; comment: string; who: string}>((resolve, reject) => {
    const onAbort = (): void => {
      run.human = undefined;
      reject(signal.reason as Error);
    };
    if (signal.aborted) {
      onAbort();
      return;
    }
    run.status = 'Waiting';
    exec.status = 'Waiting';
    run.human = {
      kind,
      decide: (decision, comment, who) => {
        signal.removeEventListener('abort', onAbort);
        run.human = undefined;
        run.status = 'InProgress';
        exec.status = 'InProgress';
        resolve({decision, comment, who});
      },
    };
    signal.addEventListener('abort', onAbort, {once: true});
  });
}

async function attempt(env: EngineEnv, exec: Execution, run: StepRun, inputs: JsonObject): Promise<ActionResult> {
  const action = actionFor(run.def.action);
  if (action === undefined) throw new StepFailure(`The action ${run.def.action} is not supported by the local fleet.`, 'Verification');
  const controller = new AbortController();
  run.controller = controller;
  const seconds = run.def.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS[run.def.action];
  const cancelTimer = seconds === undefined ? (): void => undefined : env.clock.at(env.clock.now() + seconds * 1000, () => controller.abort(new StepAbort('timeout')));
  if (exec.stopping !== undefined) controller.abort(new StepAbort('cancel'));
  try {
    return await action({
      model: env.model, clock: env.clock, ctx: env.ctx, execution: exec, step: run, inputs, signal: controller.signal,
      waitForHuman: humanWaiter(exec, run, controller.signal),
    });
  } finally {
    cancelTimer();
    run.controller = undefined;
  }
}

function keepOutputs(exec: Execution, run: StepRun, result: ActionResult): void {
  for (const [k, v] of Object.entries(result.outputs ?? {})) run.outputs.set(k, v);
  for (const o of run.def.outputs) {
    if (result.response === undefined) continue;
    let value: unknown;
    try {
      value = outputValue(result.response, o.selector, o.type);
    } catch {
      value = undefined;
    }
    if (value !== undefined) run.outputs.set(o.name, value);
  }
  for (const [k, v] of run.outputs) exec.vars.set(`${run.def.name}.${k}`, v);
}

/** Runs one step (with its retries) and says how it ended. */
async function runStep(env: EngineEnv, exec: Execution, def: RunbookStep): Promise<Outcome> {
  const run = newStep(def);
  exec.steps.push(run);
  exec.current = run;
  run.status = 'InProgress';
  run.startedAt = env.clock.now();
  if (exec.status !== 'Cancelling') exec.status = 'InProgress';
  const end = (status: string, message = '', type = ''): void => {
    run.status = status;
    run.failureMessage = message;
    run.failureType = type;
    run.endedAt = env.clock.now();
    exec.current = undefined;
  };
  let inputs: JsonObject;
  try {
    inputs = resolveInputs(def.inputs, exec.vars) as JsonObject;
    run.inputs = inputs;
  } catch (err) {
    if (!(err instanceof UnresolvedReference)) throw err;
    end('Failed', err.message, 'Verification');
    return {kind: 'failed'};
  }
  for (let n = 1; ; n++) {
    run.attempts = n;
    try {
      const result = await attempt(env, exec, run, inputs);
      keepOutputs(exec, run, result);
      end('Success');
      return result.nextStep === undefined ? {kind: 'success'} : {kind: 'success', nextStep: result.nextStep};
    } catch (err) {
      if (err instanceof StepAbort && err.why === 'cancel') {
        end('Cancelled', 'Step cancelled', 'Cancellation');
        return {kind: 'cancelled'};
      }
      const timedOut = err instanceof StepAbort;
      const message = timedOut ? `Step timed out while step is verifying the action's status (timeoutSeconds ${String(def.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS[def.action])}).` : (err as Error).message;
      if (n < def.maxAttempts && exec.stopping === undefined) {
        run.failureMessage = message;
        continue;
      }
      for (const [k, v] of run.outputs) exec.vars.set(`${def.name}.${k}`, v);
      end(timedOut ? 'TimedOut' : 'Failed', message, err instanceof StepFailure ? err.failureType : timedOut ? 'Timeout' : 'Verification');
      return {kind: timedOut ? 'timedout' : 'failed'};
    }
  }
}

function finish(env: EngineEnv, exec: Execution, status: string, message = ''): void {
  exec.status = status;
  exec.failureMessage = message;
  exec.endedAt = env.clock.now();
  exec.current = undefined;
  exec.awaitStart = undefined;
  const outputs: Record<string, string[]> = {};
  for (const name of exec.runbook.outputs) {
    if (!exec.vars.has(name)) continue;
    const v = exec.vars.get(name);
    outputs[name] = Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))) : [typeof v === 'string' ? v : JSON.stringify(v)];
  }
  exec.outputs = outputs;
  env.ended(exec);
}

function failureText(exec: Execution, run: StepRun | undefined): string {
  if (run === undefined) return '';
  return `Step fails when it is ${run.def.action === 'aws:approve' ? 'waiting for approval' : 'executing'}. ${run.failureMessage} Please refer to Automation Service Troubleshooting Guide for more diagnosis details.`;
}

/** Runs the execution to its end. */
export async function runExecution(env: EngineEnv, exec: Execution): Promise<void> {
  const steps = exec.runbook.steps;
  const indexOf = (name: string): number => steps.findIndex((s) => s.name === name);
  let criticalFailure: StepRun | undefined;
  let index: number | undefined = 0;
  exec.status = 'InProgress';
  for (;;) {
    if (exec.stopping !== undefined) return finish(env, exec, exec.stopping === 'Complete' ? 'Success' : 'Cancelled');
    if (exec.mode === 'Interactive') {
      exec.status = 'Waiting';
      const name = await new Promise<string>((resolve) => (exec.awaitStart = resolve));
      exec.awaitStart = undefined;
      if (exec.stopping !== undefined) continue;
      index = indexOf(name);
    }
    if (index === undefined || index < 0) break;
    const def = steps[index] as RunbookStep;
    const outcome = await runStep(env, exec, def);
    const after = (i: number): number | undefined => (def.isEnd ? undefined : def.nextStep !== undefined ? indexOf(def.nextStep) : i + 1 < steps.length ? i + 1 : undefined);
    if (outcome.kind === 'cancelled') {
      // StopStep in Interactive mode stops only that step: the execution waits for the next StartStep.
      if (exec.stopping === undefined && exec.mode === 'Interactive') continue;
      const how = exec.stopping;
      if (def.onCancel.startsWith('step:')) {
        exec.stopping = undefined;
        exec.status = 'Cancelling';
        await runStep(env, exec, steps[indexOf(def.onCancel.slice(5))] as RunbookStep);
      }
      // UNVERIFIED: what SSM reports after StopAutomationExecution Type Complete; the local fleet says Success.
      return finish(env, exec, how === 'Complete' ? 'Success' : 'Cancelled');
    }
    if (outcome.kind === 'success') {
      index = outcome.nextStep !== undefined ? indexOf(outcome.nextStep) : after(index);
    } else {
      const run = exec.steps[exec.steps.length - 1];
      if (def.onFailure === 'Abort') return finish(env, exec, outcome.kind === 'timedout' ? 'TimedOut' : 'Failed', failureText(exec, run));
      if (def.isCritical) criticalFailure = run;
      index = def.onFailure === 'Continue' ? after(index) : indexOf(def.onFailure.slice(5));
    }
    if (exec.mode === 'Interactive' && index !== undefined && !def.isEnd) continue;
    if (exec.mode === 'Interactive') break;
    if (index === undefined) break;
  }
  return finish(env, exec, criticalFailure === undefined ? 'Success' : 'Failed', failureText(exec, criticalFailure));
}
