// Run Command on the local fleet (docs/ssm-api.md §8): SendCommand, ListCommands, ListCommandInvocations,
// GetCommandInvocation, CancelCommand. One command store per fleet (keyed by its FleetModel).
//
// BE AWARE: local nodes run commands for real, on this machine, as the CURRENT USER (see executor.ts). The local
// fleet is a test double for SSM, not a sandbox.
//
// How a command runs:
// - SendCommand validates like SSM (Coral ValidationException for model constraints, rate values through
//   fleet/run-command/rate-control's helpers; then InvalidDocument, InvalidDocumentVersion, InvalidParameters, InvalidInstanceId,
//   DuplicateInstanceId, UnsupportedPlatformType), resolves the targets at once (real SSM resolves Targets later and
//   shows TargetCount 0 at first: UNVERIFIED detail we do not reproduce) and creates ONE fleet/run-command/run-plan dispatch
//   engine (createDispatch) for the command: ramp-up 1, 2, 4 … up to MaxConcurrency, the MaxErrors cut-off
//   (queued invocations → Terminated), counters and the parent status all come from that engine.
// - A released invocation on an Online node starts a process; the process's start is the agent's acknowledgement
//   (→ InProgress), its end is reported as Success / Failed (exit code) / ExecutionTimedOut (the process group is
//   killed at executionTimeout) / Cancelled (CancelCommand). Both stops report ResponseCode 137: the Linux agent's
//   CommandStoppedPreemptivelyExitCode ("Fatal error (128) + signal for SIGKILL (9)", used "generally due to
//   timeout or cancel"; the Windows agent uses -1, which the local fleet does not reproduce).
// - A released invocation on a node that is not Online (ConnectionLost) shows InProgress, as SSM does while the
//   agent is down (UG monitor-commands); if the node comes back Online before Requested + TimeoutSeconds it runs
//   then. TimeoutSeconds is the delivery timeout ("if this time is reached and the command hasn't already started
//   running, it won't run", API reference): once it passes, every invocation that has not started (awaiting
//   delivery, or still queued behind MaxConcurrency) ends DeliveryTimedOut, which frees its concurrency slot and,
//   as in SSM, does not count against MaxErrors (it only decides Success vs Incomplete/TimedOut). What runs by
//   then goes on until ExpiresAfter (= Requested + TimeoutSeconds + executionTimeout).
// - Platform: a document that does not support a node's platform (AWS-RunShellScript on Windows) is rejected with
//   UnsupportedPlatformType when the node was named in InstanceIds (the real message, aws-sdk-java#1209:
//   "Cannot perform operation for instance id i-… of platform type Windows"); a node reached through Targets
//   gets the invocation status InvalidPlatform instead (UG status table), which does not count as an error.
//   AWS-RunPowerShellScript on a Windows node runs `pwsh -NoProfile -NonInteractive -Command` when pwsh is on
//   PATH; otherwise the invocation fails (ResponseCode -1, stderr says why).
// - AWS-RunPatchBaseline, AWS-ConfigureAWSPackage and AWS-UpdateSSMAgent run a short canned script; what the first
//   two then do to the node (patch state, inventory — never this machine) is in document-effects.ts.
// The store's clock is Date.now() plus an offset tests can advance (advanceClock), so ExpiresAfter can be reached
// without waiting 30+ seconds. Expiry is also checked by an unref'd timer and on every Run Command request.

import {existsSync, mkdirSync, mkdtempSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {isAbsolute, join, resolve} from 'node:path';
import {isTerminal} from '../../../fleet/run-command/command-status.js';
import {createDispatch, type Dispatch, type DispatchSnapshot} from '../../../fleet/run-command/run-plan.js';
import {type DocumentPlugin, type LocalDocument} from '../documents/builtin-documents.js';
import {runScript, type RunningScript, type ScriptResult} from './executor.js';
import {invocationEnd} from './invocation-end.js';
import {type FleetModel, type FleetNode} from '../../model/fleet-model.js';

import {nodeEnvironment, removeStaleRoots, ROOT_PREFIX, scriptFor, rateOrThrow} from './env.js';
import {perModel, type PerModel} from '../../model/per-model.js';
import {documentEffect, recordFailedInvocation} from './document-effects.js';

export const STDOUT_LIMIT = 24_000;
export const STDERR_LIMIT = 8_000;
export const PLUGIN_OUTPUT_LIMIT = 2_500;
export const OUTPUT_TRUNCATED_MARKER = '\n---Output truncated---';
export const ERROR_SEPARATOR = '\n----------ERROR-------\n';
export const DEFAULT_TIMEOUT_SECONDS = 3600;
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface Invocation {
  readonly instanceId: string;
  readonly instanceName: string;
  readonly plugin: DocumentPlugin | undefined;
  responseCode: number;
  startedAt?: number;
  endedAt?: number;
  stdout: string;
  stderr: string;
  running?: RunningScript;
  /** Released to a node that was not Online: delivered when it comes back, until the delivery timeout. */
  awaitingDelivery: boolean;
}

export interface Command {
  readonly seq: number;
  readonly key: string;
  readonly id: string;
  readonly doc: LocalDocument;
  readonly documentVersion: string;
  readonly comment: string;
  readonly parameters: Record<string, string[]>;
  readonly instanceIds: string[];
  readonly targets: {Key: string; Values: string[]}[];
  readonly requestedAt: number;
  readonly expiresAt: number;
  readonly deliveryDeadline: number;
  readonly timeoutSeconds: number;
  readonly executionTimeoutMs: number;
  readonly maxConcurrency: string;
  readonly maxErrors: string;
  readonly cloudWatch: {CloudWatchLogGroupName: string; CloudWatchOutputEnabled: boolean};
  readonly outputS3BucketName: string;
  readonly outputS3KeyPrefix: string;
  readonly dispatch: Dispatch;
  readonly order: readonly string[];
  readonly invocations: Map<string, Invocation>;
  expired: boolean;
  /** The snapshot once the command is complete (nothing changes after that). */
  final?: DispatchSnapshot;
}

/** The dispatch engine's view of a command: counters, statuses, per-invocation states. */
export function snapshotOf(cmd: Command): DispatchSnapshot {
  if (cmd.final !== undefined) return cmd.final;
  const snap = cmd.dispatch.snapshot();
  if (snap.done) cmd.final = snap;
  return snap;
}

/** The Run Command state of one local fleet. */
export class RunCommandStore {
  private readonly commands: Command[] = [];
  /** Commands not yet complete: the only ones refresh() and the expiry timer look at. */
  private readonly active = new Set<Command>();
  private readonly byId = new Map<string, Command>();
  private readonly processes = new Set<RunningScript>();
  /** Commands whose delivery timeout has been applied. */
  private readonly deliveryPast = new WeakSet<Command>();
  private seq = 0;
  private offset = 0;
  private root: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Other clocked parts of the fleet (Automation) that apply what became due when the clock moves. */
  private readonly clockListeners = new Set<() => void>();

  /**
   * For this long after SendCommand, GetCommandInvocation answers InvocationDoesNotExist, as SSM briefly does
   * (ssm-api.md §8; the waiter retries on it). 0 by default; tests and benchmarks can turn it on.
   */
  invocationVisibleAfterMs = 0;

  constructor(private readonly model: FleetModel) {}

  /** The store's clock (epoch ms): real time plus whatever advanceClock added. */
  now(): number {
    return Date.now() + this.offset;
  }

  /** Moves the clock forward (tests: reach ExpiresAfter without waiting) and applies what became due. */
  advanceClock(ms: number): void {
    this.offset += ms;
    this.refresh();
    for (const listener of this.clockListeners) listener();
  }

  /** Calls `listener` after every advanceClock; returns the function that removes it. */
  onClockAdvanced(listener: () => void): () => void {
    this.clockListeners.add(listener);
    return () => this.clockListeners.delete(listener);
  }

  /** Processes currently running on local nodes. */
  get runningProcesses(): number {
    return this.processes.size;
  }

  /** Kills every running process (whole process groups), waits for them, removes the nodes' directories. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    const running = [...this.processes];
    for (const p of running) p.kill();
    await Promise.all(running.map((p) => p.done));
    if (this.root !== undefined) rmSync(this.root, {recursive: true, force: true});
  }

  get(commandId: string): Command | undefined {
    return this.byId.get(commandId);
  }

  all(): readonly Command[] {
    return this.commands;
  }

  add(init: Omit<Command, 'seq' | 'key' | 'dispatch' | 'invocations' | 'expired' | 'order' | 'final'> & {targetNodes: readonly FleetNode[]; maxConcurrencyValue: string; maxErrorsValue: string}): Command {
    const seq = ++this.seq;
    const order = init.targetNodes.map((n) => n.instanceId);
    const dispatch = createDispatch({
      targets: order,
      maxConcurrency: rateOrThrow('maxConcurrency', init.maxConcurrencyValue),
      maxErrors: rateOrThrow('maxErrors', init.maxErrorsValue),
    });
    const invocations = new Map<string, Invocation>();
    for (const n of init.targetNodes) {
      invocations.set(n.instanceId, {
        instanceId: n.instanceId, instanceName: n.computerName, plugin: init.doc.plugins[n.platformType],
        responseCode: -1, stdout: '', stderr: '', awaitingDelivery: false,
      });
    }
    const {targetNodes: _t, maxConcurrencyValue: _c, maxErrorsValue: _e, ...rest} = init;
    const cmd: Command = {...rest, seq, key: String(1e9 - seq).padStart(10, '0'), dispatch, order, invocations, expired: false};
    this.commands.unshift(cmd);
    this.byId.set(cmd.id, cmd);
    this.active.add(cmd);
    for (const inv of invocations.values()) {
      if (inv.plugin === undefined) dispatch.report(inv.instanceId, 'InvalidPlatform');
    }
    this.pump(cmd);
    this.schedule();
    return cmd;
  }

  /** Applies what is due: expiries, deliveries to nodes that came back Online. */
  refresh(): void {
    if (this.closed) return;
    const now = this.now();
    for (const cmd of this.active) {
      if (cmd.expired || snapshotOf(cmd).done) {
        this.active.delete(cmd);
        continue;
      }
      if (now >= cmd.expiresAt) {
        this.expire(cmd);
        continue;
      }
      if (now >= cmd.deliveryDeadline) {
        if (!this.deliveryPast.has(cmd)) this.deliveryTimedOut(cmd);
        continue;
      }
      for (const inv of cmd.invocations.values()) {
        if (inv.awaitingDelivery && now < cmd.deliveryDeadline && this.isOnline(inv.instanceId)) {
          inv.awaitingDelivery = false;
          this.start(cmd, inv, false);
        }
      }
    }
    this.schedule();
  }

  /** CancelCommand: all invocations, or only the given ones. */
  cancel(cmd: Command, instanceIds: readonly string[] | undefined): void {
    const snap = snapshotOf(cmd);
    if (snap.done) return;
    const targets = instanceIds ?? cmd.dispatch.cancel();
    for (const id of targets) {
      const inv = cmd.invocations.get(id);
      if (inv === undefined) continue;
      if (inv.running !== undefined) inv.running.kill();
      else {
        inv.awaitingDelivery = false;
        cmd.dispatch.report(id, 'Cancelled');
      }
    }
  }

  private isOnline(instanceId: string): boolean {
    return this.model.get(instanceId)?.pingStatus === 'Online';
  }

  private expire(cmd: Command): void {
    cmd.expired = true;
    cmd.dispatch.expire();
    for (const inv of cmd.invocations.values()) {
      inv.awaitingDelivery = false;
      inv.running?.kill();
    }
  }

  /** The delivery timeout passed: what has not started never will. */
  private deliveryTimedOut(cmd: Command): void {
    this.deliveryPast.add(cmd);
    for (const state of cmd.dispatch.snapshot().invocations) {
      const inv = cmd.invocations.get(state.id);
      if (inv === undefined || inv.startedAt !== undefined || inv.running !== undefined || isTerminal(state.statusDetails)) continue;
      inv.awaitingDelivery = false;
      cmd.dispatch.report(state.id, 'DeliveryTimedOut');
    }
  }

  /** The next moment something is due for this command: its delivery timeout while invocations wait, else expiry. */
  private dueAt(cmd: Command): number {
    const waiting = !this.deliveryPast.has(cmd) && [...cmd.invocations.values()].some((i) => i.startedAt === undefined);
    return waiting ? Math.min(cmd.deliveryDeadline, cmd.expiresAt) : cmd.expiresAt;
  }

  private schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.closed) return;
    let next = Infinity;
    for (const cmd of this.active) if (!cmd.expired) next = Math.min(next, this.dueAt(cmd));
    if (next === Infinity) return;
    this.timer = setTimeout(() => this.refresh(), Math.min(MAX_TIMER_MS, Math.max(0, next - this.now()) + 5));
    this.timer.unref();
  }

  /** Sends what the dispatch engine releases. */
  private pump(cmd: Command): void {
    if (this.closed || cmd.expired) return;
    for (;;) {
      const ids = cmd.dispatch.next();
      if (ids.length === 0) return;
      for (const id of ids) {
        const inv = cmd.invocations.get(id);
        if (inv === undefined) continue;
        if (this.now() >= cmd.deliveryDeadline) cmd.dispatch.report(id, 'DeliveryTimedOut');
        else if (this.isOnline(id)) this.start(cmd, inv, true);
        else {
          // The agent is unreachable: SSM shows the invocation InProgress until it is delivered or the delivery
          // timeout passes.
          inv.awaitingDelivery = true;
          cmd.dispatch.report(id, 'InProgress');
        }
      }
    }
  }

  private nodeDirectory(instanceId: string): string {
    if (this.root === undefined) {
      removeStaleRoots();
      this.root = mkdtempSync(join(tmpdir(), `${ROOT_PREFIX}${process.pid}-`));
    }
    const dir = join(this.root, instanceId);
    mkdirSync(dir, {recursive: true});
    return dir;
  }

  private start(cmd: Command, inv: Invocation, pumpOnAck: boolean): void {
    const node = this.model.get(inv.instanceId);
    const plugin = inv.plugin;
    if (node === undefined || plugin === undefined) return;
    const home = this.nodeDirectory(node.instanceId);
    const wdParam = cmd.parameters['workingDirectory']?.[0] ?? '';
    const cwd = wdParam === '' ? home : isAbsolute(wdParam) ? wdParam : resolve(home, wdParam);
    inv.startedAt = this.now();
    if (!existsSync(cwd) || !statSync(cwd).isDirectory()) {
      // UNVERIFIED: the agent's exact text and code for a missing working directory.
      this.finish(cmd, inv, {end: 'exited', exitCode: 1, stdout: '', stderr: `Invalid workingDirectory ${wdParam}, directory doesn't exist.`, startedAt: inv.startedAt, endedAt: inv.startedAt});
      if (pumpOnAck) this.pump(cmd);
      return;
    }
    // A document with an effect of its own (document-effects.ts) may run its computed step instead of the script.
    const step = documentEffect(cmd.doc.name)?.prepare?.(this.model, node, cmd.parameters, () => this.now());
    const {argv, script} = step ?? scriptFor(cmd, plugin);
    const running = runScript(
      {
        argv, script, cwd, env: {...nodeEnvironment(node, cmd, home, this.model.region), ...step?.env}, timeoutMs: cmd.executionTimeoutMs,
        maxStdout: STDOUT_LIMIT, maxStderr: STDERR_LIMIT,
        onStart: () => {
          cmd.dispatch.report(inv.instanceId, 'InProgress');
          if (pumpOnAck) this.pump(cmd);
        },
      },
      this.processes,
    );
    inv.running = running;
    void running.done.then((result) => {
      inv.running = undefined;
      if (result.end === 'exited' && result.exitCode === 0 && !cmd.expired && !this.closed) step?.apply?.();
      this.finish(cmd, inv, result);
      this.pump(cmd);
      this.schedule();
    });
  }

  private finish(cmd: Command, inv: Invocation, r: ScriptResult): void {
    if (cmd.expired || this.closed) return;
    r = documentEffect(cmd.doc.name)?.settle?.(this.model, inv.instanceId, cmd.parameters, r, this.now()) ?? r;
    const offset = this.offset;
    const {sd, code, stderr} = invocationEnd(r);
    inv.responseCode = code;
    inv.stdout = r.stdout.slice(0, STDOUT_LIMIT);
    inv.stderr = stderr.slice(0, STDERR_LIMIT);
    inv.endedAt = r.endedAt + offset;
    cmd.dispatch.report(inv.instanceId, sd);
    if (sd === 'Failed' || sd === 'ExecutionTimedOut') {
      recordFailedInvocation(this.model, {commandId: cmd.id, documentName: cmd.doc.name, instanceId: inv.instanceId, statusDetails: sd, at: this.now()});
    }
  }
}

// ---- per-fleet stores ----

/** The Run Command store of a fleet (created on first use). */
export const runCommandStore: PerModel<RunCommandStore> = perModel((model) => new RunCommandStore(model));

/** Kills every process the fleet's nodes are running; the endpoint's close() calls it. */
export async function closeRunCommands(model: FleetModel): Promise<void> {
  await runCommandStore.peek(model)?.close();
}

