// The local fleet's Automation: every execution (newest first), started, stopped and signalled here, one store
// per fleet. Its clock is the fleet's (FleetClock), seeded history comes from seed-history.ts.

import {randomUUID} from 'node:crypto';
import type {FleetModel} from '../../model/fleet-model.js';
import type {OperationContext} from '../../protocol/operation-context.js';
import {perModel, type PerModel} from '../../model/per-model.js';
import {ServiceError} from '../../protocol/service-error.js';
import {SESSION_OWNER_NAME} from '../sessions/session-service.js';
import {FleetClock} from './clock.js';
import {runExecution, type EngineEnv} from './engine.js';
import {runChildren} from './rate-control.js';
import type {Runbook} from './runbook.js';
import {seedHistory} from './seed-history.js';
import {StepAbort, type Execution} from './types.js';
import {runningScripts} from './actions/script-action.js';

export const MAX_RUNNING = 100;
export const MAX_QUEUED = 1_000;

export interface NewExecution {
  readonly runbook: Runbook;
  readonly mode: 'Auto' | 'Interactive';
  readonly parameters: Record<string, string[]>;
  readonly vars: Map<string, unknown>;
  readonly targetParameterName: string;
  readonly targets: readonly {Key: string; Values: string[]}[];
  readonly resolvedTargets: readonly string[];
  readonly maxConcurrency: string;
  readonly maxErrors: string;
  readonly tags: readonly {Key: string; Value: string}[];
  readonly clientToken: string | undefined;
}

export class AutomationStore {
  readonly clock: FleetClock;
  private readonly byId = new Map<string, Execution>();
  private readonly byToken = new Map<string, Execution>();
  private readonly endWaiters = new Map<string, (exec: Execution) => void>();
  private seq = 0;
  /** Executions holding one of the MAX_RUNNING slots. */
  private readonly slots = new Set<string>();
  private running = 0;
  private readonly queue: {exec: Execution; launch: () => void}[] = [];

  constructor(private readonly model: FleetModel) {
    this.clock = new FleetClock(model);
    for (const exec of seedHistory(model, this.clock.now())) this.insert({...exec, seq: ++this.seq});
  }

  get(id: string): Execution | undefined {
    return this.byId.get(id);
  }

  byClientToken(token: string): Execution | undefined {
    return this.byToken.get(token);
  }

  /** Newest first. */
  all(): Execution[] {
    return [...this.byId.values()].sort((a, b) => b.startedAt - a.startedAt || b.seq - a.seq);
  }

  /** Creates the execution and starts running it (children first for a rate-controlled one). */
  start(init: NewExecution, ctx: OperationContext, parentId?: string): Execution {
    const caller = ctx.caller?.arn ?? `arn:aws:iam::${this.model.accountId}:user/${SESSION_OWNER_NAME}`;
    const id = randomUUID();
    init.vars.set('automation:EXECUTION_ID', id);
    init.vars.set('automation:DOCUMENT_NAME', init.runbook.name);
    init.vars.set('global:ACCOUNT_ID', this.model.accountId);
    init.vars.set('global:REGION', this.model.region);
    init.vars.set('global:DATE_TIME', new Date(this.clock.now()).toISOString());
    const exec: Execution = {
      ...init, id, seq: ++this.seq, status: 'Pending', startedAt: this.clock.now(), executedBy: caller, steps: [], outputs: {},
      failureMessage: '', parentId, children: [],
    };
    const parent = init.targetParameterName !== '' && parentId === undefined;
    // Quotas (UG systems-manager-automation): 100 executions run at once, children included; the next 1,000 wait
    // as Pending. A parent only schedules its children, so it takes no slot; its children are always queued.
    if (!parent && this.running >= MAX_RUNNING && parentId === undefined && this.queue.length >= MAX_QUEUED) {
      throw new ServiceError('AutomationExecutionLimitExceededException', `The number of simultaneously running Automation executions exceeded the allowed maximum (${MAX_RUNNING} running, ${MAX_QUEUED} queued).`);
    }
    this.insert(exec);
    const launch = (): void => {
      if (!parent) {
        this.running++;
        this.slots.add(exec.id);
      }
      const env: EngineEnv = {model: this.model, clock: this.clock, ctx, ended: (e) => this.ended(e)};
      const run = parent ? this.runParent(exec, ctx) : runExecution(env, exec);
      run.catch((err: unknown) => {
        // A fault of the engine itself ends the execution instead of the endpoint.
        exec.status = 'Failed';
        exec.failureMessage = `The local fleet's Automation engine failed: ${err instanceof Error ? err.message : String(err)}`;
        exec.endedAt ??= this.clock.now();
        this.ended(exec);
      });
    };
    if (parent || this.running < MAX_RUNNING) launch();
    else this.queue.push({exec, launch});
    return exec;
  }

  /** StopAutomationExecution: Cancel stops the running step (onCancel runs); Complete ends it as it stands. */
  stop(exec: Execution, type: 'Cancel' | 'Complete'): void {
    const queued = this.queue.findIndex((q) => q.exec === exec);
    if (queued >= 0) {
      // Still waiting for a slot: it ends without running.
      this.queue.splice(queued, 1);
      exec.status = 'Cancelled';
      exec.endedAt = this.clock.now();
      this.ended(exec);
      return;
    }
    exec.stopping = type;
    exec.status = 'Cancelling';
    exec.stopChildren?.();
    for (const childId of exec.children) {
      const child = this.byId.get(childId);
      if (child !== undefined && child.endedAt === undefined) this.stop(child, type);
    }
    exec.current?.controller?.abort(new StepAbort('cancel'));
    exec.awaitStart?.('');
  }

  close(): void {
    for (const exec of this.byId.values()) if (exec.endedAt === undefined && exec.stopping === undefined) this.stop(exec, 'Cancel');
    this.clock.close();
    for (const p of runningScripts) p.kill();
  }

  private insert(exec: Execution): void {
    this.byId.set(exec.id, exec);
    if (exec.clientToken !== undefined) this.byToken.set(exec.clientToken, exec);
  }

  private ended(exec: Execution): void {
    if (this.slots.delete(exec.id)) {
      this.running--;
      while (this.running < MAX_RUNNING && this.queue.length > 0) this.queue.shift()?.launch();
    }
    const waiter = this.endWaiters.get(exec.id);
    this.endWaiters.delete(exec.id);
    waiter?.(exec);
  }

  private async runParent(parent: Execution, ctx: OperationContext): Promise<void> {
    parent.status = 'InProgress';
    const status = await runChildren(parent, (target) => new Promise<Execution>((resolve) => {
      const parameters = {...parent.parameters, [parent.targetParameterName]: [target]};
      const vars = new Map(parent.vars);
      const param = parent.runbook.parameters[parent.targetParameterName];
      vars.set(parent.targetParameterName, param?.type === 'StringList' ? [target] : target);
      const child = this.start({
        runbook: parent.runbook, mode: 'Auto', parameters, vars, targetParameterName: parent.targetParameterName,
        targets: [], resolvedTargets: [], maxConcurrency: '', maxErrors: '', tags: [], clientToken: undefined,
      }, ctx, parent.id);
      parent.children.push(child.id);
      if (child.endedAt !== undefined) resolve(child);
      else this.endWaiters.set(child.id, resolve);
    }));
    parent.status = status;
    parent.endedAt = this.clock.now();
    if (status === 'Failed') parent.failureMessage = 'One or more child executions failed, or the error threshold was reached before every target ran.';
  }
}

export const automationStore: PerModel<AutomationStore> = perModel((model) => new AutomationStore(model));

/** Stops the fleet's Automation clock and scripts; the endpoint's close() calls it. */
export function closeAutomation(model: FleetModel): void {
  automationStore.peek(model)?.close();
}
