// Run Command on the local fleet (docs/ssm-api.md §8): SendCommand, ListCommands, ListCommandInvocations,
// GetCommandInvocation, CancelCommand. One command store per fleet (keyed by its FleetModel).
//
// BE AWARE: local nodes run commands for real, on this machine, as the CURRENT USER (see executor.ts). The local
// fleet is a test double for SSM, not a sandbox.
//
// How a command runs:
// - SendCommand validates like SSM (Coral ValidationException for model constraints, rate values through
//   fleet/rate-control's helpers; then InvalidDocument, InvalidDocumentVersion, InvalidParameters, InvalidInstanceId,
//   DuplicateInstanceId, UnsupportedPlatformType), resolves the targets at once (real SSM resolves Targets later and
//   shows TargetCount 0 at first: UNVERIFIED detail we do not reproduce) and creates ONE fleet/run-plan dispatch
//   engine (createDispatch) for the command: ramp-up 1, 2, 4 … up to MaxConcurrency, the MaxErrors cut-off
//   (queued invocations → Terminated), counters and the parent status all come from that engine.
// - A released invocation on an Online node starts a process; the process's start is the agent's acknowledgement
//   (→ InProgress), its end is reported as Success / Failed (exit code) / ExecutionTimedOut (the process group is
//   killed at executionTimeout) / Cancelled (CancelCommand). Both stops report ResponseCode 137: the Linux agent's
//   CommandStoppedPreemptivelyExitCode ("Fatal error (128) + signal for SIGKILL (9)", used "generally due to
//   timeout or cancel"; the Windows agent uses -1, which the local fleet does not reproduce).
// - A released invocation on a node that is not Online (ConnectionLost) shows InProgress, as SSM does while the
//   agent is down (UG monitor-commands); if the node comes back Online before Requested + TimeoutSeconds it runs
//   then; otherwise at ExpiresAfter (= Requested + TimeoutSeconds + executionTimeout) it ends DeliveryTimedOut.
// - Platform: a document that does not support a node's platform (AWS-RunShellScript on Windows) is rejected with
//   UnsupportedPlatformType when the node was named in InstanceIds (the real message, aws-sdk-java#1209:
//   "Cannot perform operation for instance id i-… of platform type Windows"); a node reached through Targets
//   gets the invocation status InvalidPlatform instead (UG status table), which does not count as an error.
//   AWS-RunPowerShellScript on a Windows node runs `pwsh -NoProfile -NonInteractive -Command` when pwsh is on
//   PATH; otherwise the invocation fails (ResponseCode -1, stderr says why).
// - AWS-RunPatchBaseline, AWS-ConfigureAWSPackage and AWS-UpdateSSMAgent run a short canned script that reports
//   what the real document would do and changes nothing.
// The store's clock is Date.now() plus an offset tests can advance (advanceClock), so ExpiresAfter can be reached
// without waiting 30+ seconds. Expiry is also checked by an unref'd timer and on every Run Command request.

import {randomUUID} from 'node:crypto';
import {existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync} from 'node:fs';
import {tmpdir, userInfo} from 'node:os';
import {isAbsolute, join, resolve} from 'node:path';
import {isTerminal, type InvocationStatusDetails} from '../fleet/command-status.js';
import {createDispatch, SEND_COMMAND_MAX_IDS, type Dispatch, type DispatchSnapshot} from '../fleet/run-plan.js';
import {parseRateValue, RATE_DEFAULTS, rateConstraintViolations, type RateKind, type RateValue} from '../fleet/rate-control.js';
import {checkDocumentVersion, findDocument, resolveParameters, type DocumentPlugin, type LocalDocument} from './documents.js';
import {runScript, type RunningScript, type ScriptResult} from './executor.js';
import {isManaged, type FleetModel, type FleetNode} from './fleet-model.js';
import type {JsonOperation, OperationContext} from './operation-context.js';
import {indexAfter, pageOf} from './page-token.js';
import {ServiceError} from './service-error.js';
import {epochSeconds} from './wire-json.js';
import {
  isObject,
  optBoolean,
  optInteger,
  optObjectArray,
  optString,
  optStringArray,
  Violations,
  type JsonObject,
} from './validation.js';

export const STDOUT_LIMIT = 24_000;
export const STDERR_LIMIT = 8_000;
export const PLUGIN_OUTPUT_LIMIT = 2_500;
export const OUTPUT_TRUNCATED_MARKER = '\n---Output truncated---';
const ERROR_SEPARATOR = '\n----------ERROR-------\n';
const DEFAULT_TIMEOUT_SECONDS = 3600;
const KILLED_EXIT_CODE = 137;
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Invocation {
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

interface Command {
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
function snapshotOf(cmd: Command): DispatchSnapshot {
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
  private seq = 0;
  private offset = 0;
  private root: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

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

  private schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.closed) return;
    let next = Infinity;
    for (const cmd of this.active) if (!cmd.expired) next = Math.min(next, cmd.expiresAt);
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
        if (this.isOnline(id) && this.now() < cmd.deliveryDeadline) this.start(cmd, inv, true);
        else {
          // The agent is unreachable (or the delivery timeout passed while this one was queued): SSM shows the
          // invocation InProgress until it is delivered or the command expires.
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
    const {argv, script} = scriptFor(cmd, plugin);
    const running = runScript(
      {
        argv, script, cwd, env: nodeEnvironment(node, cmd, home, this.model.region), timeoutMs: cmd.executionTimeoutMs,
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
      this.finish(cmd, inv, result);
      this.pump(cmd);
      this.schedule();
    });
  }

  private finish(cmd: Command, inv: Invocation, r: ScriptResult): void {
    if (cmd.expired || this.closed) return;
    const offset = this.offset;
    let sd: InvocationStatusDetails;
    let stderr = r.stderr;
    let code = r.exitCode;
    switch (r.end) {
      case 'exited':
        sd = r.exitCode === 0 ? 'Success' : 'Failed';
        // The Linux agent marks a failed script with this line BEFORE the script's own stderr (amazon-ssm-agent
        // runscript: MarkAsFailed("failed to run commands: %v") then AppendError(stderr); its tests expect
        // "failed to run commands: <err>\n<stderr>"). Not for timeouts or cancels.
        if (r.exitCode !== 0 && !r.stderr.startsWith('Invalid workingDirectory')) {
          stderr = `failed to run commands: exit status ${r.exitCode}\n${stderr}`;
        }
        break;
      case 'timed-out':
        sd = 'ExecutionTimedOut';
        code = KILLED_EXIT_CODE;
        break;
      case 'killed':
        sd = 'Cancelled';
        code = KILLED_EXIT_CODE;
        break;
      case 'spawn-error':
        // e.g. AWS-RunPowerShellScript on a machine without pwsh.
        sd = 'Failed';
        code = -1;
        stderr = `The local fleet could not start the script: ${stderr}`;
        break;
    }
    inv.responseCode = code;
    inv.stdout = r.stdout.slice(0, STDOUT_LIMIT);
    inv.stderr = stderr.slice(0, STDERR_LIMIT);
    inv.endedAt = r.endedAt + offset;
    cmd.dispatch.report(inv.instanceId, sd);
  }
}

const ROOT_PREFIX = 'fleetdeck-local-';

/**
 * Removes node directories left behind by endpoints that died without close() (SIGKILL, crash): those whose
 * owning process no longer exists. Best effort; a live (or reused) pid keeps its directory.
 */
function removeStaleRoots(): void {
  try {
    for (const name of readdirSync(tmpdir())) {
      const pid = Number(/^fleetdeck-local-(\d+)-[A-Za-z0-9]{6}$/.exec(name)?.[1] ?? NaN);
      if (!Number.isInteger(pid) || pid === process.pid || processExists(pid)) continue;
      rmSync(join(tmpdir(), name), {recursive: true, force: true});
    }
  } catch {
    // not ours to fail on
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function rateOrThrow(kind: RateKind, text: string): RateValue {
  const parsed = parseRateValue(kind, text);
  if (!parsed.ok) throw new ServiceError('ValidationException', parsed.error);
  return parsed.value;
}

function envName(text: string): string {
  return text.replace(/[^A-Za-z0-9_]/g, '_');
}

function envValue(text: string): string {
  return text.replace(/\0/g, '');
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env['USER'] ?? ''; // no passwd entry (some containers)
  }
}

function nodeEnvironment(node: FleetNode, cmd: Command, home: string, region: string): Record<string, string> {
  const user = currentUser();
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home, // the node's own directory, so `~` writes stay inside the node (the user's real HOME is not touched)
    USER: user,
    LOGNAME: user,
    LANG: process.env['LANG'] ?? 'C.UTF-8',
    SHELL: '/bin/bash',
    TMPDIR: tmpdir(),
    // What the SSM agent itself exports to runShellScript.
    AWS_SSM_INSTANCE_ID: node.instanceId,
    AWS_SSM_REGION_NAME: region,
    FLEETDECK_LOCAL: '1',
    FLEETDECK_INSTANCE_ID: node.instanceId,
    FLEETDECK_NAME: envValue(node.name),
    FLEETDECK_PLATFORM: node.platformType,
    FLEETDECK_COMMAND_ID: cmd.id,
  };
  for (const [k, v] of Object.entries(node.tags)) env[`FLEETDECK_TAG_${envName(k)}`] = envValue(v);
  for (const [k, v] of Object.entries(cmd.parameters)) env[`FLEETDECK_PARAM_${envName(k)}`] = envValue(v.join('\n'));
  return env;
}

function scriptFor(cmd: Command, plugin: DocumentPlugin): {argv: [string, ...string[]]; script: string} {
  const commands = (cmd.parameters['commands'] ?? []).join('\n');
  switch (plugin.runner) {
    case 'shell':
      return {argv: ['bash', '-c'], script: commands};
    case 'powershell':
      return {argv: ['pwsh', '-NoProfile', '-NonInteractive', '-Command'], script: commands};
    case 'builtin':
      return {argv: ['bash', '-c'], script: BUILTIN_SCRIPTS[cmd.doc.name] ?? 'true'};
  }
}

// Canned scripts: parameter values reach them only through FLEETDECK_PARAM_* variables, never spliced into code.
const BUILTIN_SCRIPTS: Readonly<Record<string, string>> = {
  'AWS-RunPatchBaseline': 'echo "Patch baseline operation $FLEETDECK_PARAM_Operation on $FLEETDECK_INSTANCE_ID (simulated by the local fleet: nothing was scanned or installed)."; echo "RebootOption: $FLEETDECK_PARAM_RebootOption"',
  'AWS-ConfigureAWSPackage': 'echo "$FLEETDECK_PARAM_action of package $FLEETDECK_PARAM_name ${FLEETDECK_PARAM_version:-latest} on $FLEETDECK_INSTANCE_ID (simulated by the local fleet: nothing was changed)."',
  'AWS-UpdateSSMAgent': 'echo "Updating amazon-ssm-agent to ${FLEETDECK_PARAM_version:-the latest version} on $FLEETDECK_INSTANCE_ID (simulated by the local fleet: nothing was changed)."',
};

// ---- per-fleet stores ----

const STORES = new WeakMap<FleetModel, RunCommandStore>();

/** The Run Command store of a fleet (created on first use). */
export function runCommandStore(model: FleetModel): RunCommandStore {
  let store = STORES.get(model);
  if (store === undefined) {
    store = new RunCommandStore(model);
    STORES.set(model, store);
  }
  return store;
}

/** Kills every process the fleet's nodes are running; the endpoint's close() calls it. */
export async function closeRunCommands(model: FleetModel): Promise<void> {
  await STORES.get(model)?.close();
}

// ---- wire shapes ----

function isoDate(ms: number | undefined): string {
  return ms === undefined ? '' : new Date(ms).toISOString();
}

function elapsed(inv: Invocation): string {
  if (inv.startedAt === undefined || inv.endedAt === undefined) return '';
  return `PT${Math.max(0, inv.endedAt - inv.startedAt) / 1000}S`;
}

function commandShape(cmd: Command, snap: DispatchSnapshot): JsonObject {
  return {
    CommandId: cmd.id,
    DocumentName: cmd.doc.name,
    DocumentVersion: cmd.documentVersion,
    Comment: cmd.comment,
    ExpiresAfter: epochSeconds(cmd.expiresAt),
    Parameters: cmd.parameters,
    InstanceIds: cmd.instanceIds,
    Targets: cmd.targets,
    RequestedDateTime: epochSeconds(cmd.requestedAt),
    Status: snap.Status,
    StatusDetails: snap.StatusDetails,
    OutputS3Region: '',
    OutputS3BucketName: cmd.outputS3BucketName,
    OutputS3KeyPrefix: cmd.outputS3KeyPrefix,
    MaxConcurrency: cmd.maxConcurrency,
    MaxErrors: cmd.maxErrors,
    TargetCount: snap.TargetCount,
    CompletedCount: snap.CompletedCount,
    ErrorCount: snap.ErrorCount,
    DeliveryTimedOutCount: snap.DeliveryTimedOutCount,
    ServiceRole: '',
    NotificationConfig: {NotificationArn: '', NotificationEvents: [], NotificationType: ''},
    CloudWatchOutputConfig: cmd.cloudWatch,
    TimeoutSeconds: cmd.timeoutSeconds,
  };
}

/**
 * The plugin Output of ListCommandInvocations: stdout, then stderr after the agent's separator, ≤ 2,500 chars
 * (the limit is BC's). The separator and the truncation marker follow the agent's output as remembered: UNVERIFIED.
 */
export function pluginOutput(stdout: string, stderr: string): string {
  const full = stderr === '' ? stdout : `${stdout}${ERROR_SEPARATOR}${stderr}`;
  if (full.length <= PLUGIN_OUTPUT_LIMIT) return full;
  return full.slice(0, PLUGIN_OUTPUT_LIMIT - OUTPUT_TRUNCATED_MARKER.length) + OUTPUT_TRUNCATED_MARKER;
}

function statusOf(cmd: Command, snap: DispatchSnapshot, instanceId: string): {sd: InvocationStatusDetails; status: string} {
  const i = cmd.order.indexOf(instanceId);
  const state = snap.invocations[i];
  return state === undefined ? {sd: 'Pending', status: 'Pending'} : {sd: state.statusDetails, status: state.status};
}

function invocationShape(cmd: Command, snap: DispatchSnapshot, inv: Invocation, details: boolean): JsonObject {
  const {sd, status} = statusOf(cmd, snap, inv.instanceId);
  const out: JsonObject = {
    CommandId: cmd.id,
    InstanceId: inv.instanceId,
    InstanceName: inv.instanceName,
    Comment: cmd.comment,
    DocumentName: cmd.doc.name,
    DocumentVersion: cmd.documentVersion,
    RequestedDateTime: epochSeconds(cmd.requestedAt),
    Status: status,
    StatusDetails: sd,
    TraceOutput: '',
    StandardOutputUrl: '',
    StandardErrorUrl: '',
    CommandPlugins: [],
    ServiceRole: '',
    NotificationConfig: {NotificationArn: '', NotificationEvents: [], NotificationType: ''},
    CloudWatchOutputConfig: cmd.cloudWatch,
  };
  if (details && inv.plugin !== undefined) {
    const finished = isTerminal(sd);
    const plugin: JsonObject = {
      Name: inv.plugin.name,
      Status: status === 'Delayed' || status === 'Cancelling' ? 'InProgress' : status,
      StatusDetails: sd,
      ResponseCode: inv.responseCode,
      Output: finished ? pluginOutput(inv.stdout, inv.stderr) : '',
      StandardOutputUrl: '',
      StandardErrorUrl: '',
      OutputS3Region: '',
      OutputS3BucketName: cmd.outputS3BucketName,
      OutputS3KeyPrefix: cmd.outputS3KeyPrefix,
    };
    if (inv.startedAt !== undefined) plugin['ResponseStartDateTime'] = epochSeconds(inv.startedAt);
    if (inv.endedAt !== undefined) plugin['ResponseFinishDateTime'] = epochSeconds(inv.endedAt);
    out['CommandPlugins'] = [plugin];
  }
  return out;
}

// ---- operations ----

const DOCUMENT_NAME = /^[a-zA-Z0-9_\-.:/]{3,128}$/;
const INSTANCE_ID = /^(i-(\w{8}|\w{17})|mi-\w{17})$/;
const COMMAND_ID_LENGTH = 36;

function sendable(node: FleetNode | undefined): node is FleetNode {
  return node !== undefined && isManaged(node) && node.pingStatus !== 'Inactive' && node.ec2?.state !== 'shutting-down' && node.ec2?.state !== 'stopping';
}

function invalidInstances(ids: readonly string[], ctx: OperationContext): ServiceError {
  return new ServiceError('InvalidInstanceId', `Instances [[${ids.join(', ')}]] not in a valid state for account ${ctx.model.accountId}`);
}

function readParameters(input: JsonObject): Record<string, string[]> {
  const raw = input['Parameters'];
  if (raw === undefined || raw === null) return {};
  if (!isObject(raw)) throw new ServiceError('SerializationException', 'Expected a map for member Parameters', {messageMember: 'message'});
  const out: Record<string, string[]> = {};
  for (const key of Object.keys(raw)) {
    const list = optStringArray(raw, key);
    out[key] = list ?? [];
  }
  return out;
}

function resolveTargets(targets: {Key: string; Values: string[]}[], ctx: OperationContext): FleetNode[] {
  let nodes = ctx.model.managed().filter(sendable);
  for (const {Key, Values} of targets) {
    const values = new Set(Values);
    if (Key.toLowerCase() === 'instanceids') nodes = nodes.filter((n) => values.has(n.instanceId));
    else if (Key === 'tag-key') nodes = nodes.filter((n) => Values.some((k) => Object.hasOwn(n.tags, k)));
    else if (Key.startsWith('tag:') && Key.length > 4) {
      const tag = Key.slice(4);
      nodes = nodes.filter((n) => Object.hasOwn(n.tags, tag) && values.has(n.tags[tag] ?? ''));
    } else if (Key.startsWith('resource-groups:')) {
      throw new ServiceError('ValidationException', `The local fleet has no resource groups: target key ${Key} is not supported.`);
    } else {
      throw new ServiceError('ValidationException', `Target key ${Key} is not valid. Use InstanceIds, tag:<key>, tag-key or resource-groups:Name.`);
    }
  }
  return nodes;
}

export const sendCommand: JsonOperation = (input, ctx) => {
  const store = runCommandStore(ctx.model);
  store.refresh();
  const documentName = optString(input, 'DocumentName');
  const instanceIds = optStringArray(input, 'InstanceIds');
  const targetsIn = optObjectArray(input, 'Targets');
  const documentVersion = optString(input, 'DocumentVersion');
  const comment = optString(input, 'Comment');
  const timeoutSeconds = optInteger(input, 'TimeoutSeconds');
  const maxConcurrency = optString(input, 'MaxConcurrency');
  const maxErrors = optString(input, 'MaxErrors');
  const bucket = optString(input, 'OutputS3BucketName');
  const prefix = optString(input, 'OutputS3KeyPrefix');
  const cw = input['CloudWatchOutputConfig'];
  const parametersIn = readParameters(input);

  const v = new Violations();
  if (v.required('documentName', documentName) && !DOCUMENT_NAME.test(documentName ?? '')) {
    v.add('documentName', documentName, 'Member must satisfy regular expression pattern: ^[a-zA-Z0-9_\\-.:/]{3,128}$');
  }
  v.length('instanceIds', instanceIds, 0, SEND_COMMAND_MAX_IDS);
  v.length('targets', targetsIn, 0, 5);
  const targets = (targetsIn ?? []).map((t, i) => {
    const key = optString(t, 'Key');
    const values = optStringArray(t, 'Values') ?? [];
    if (v.required(`targets.${i + 1}.member.key`, key)) v.length(`targets.${i + 1}.member.key`, key, 1, 163);
    v.length(`targets.${i + 1}.member.values`, values, 0, 50);
    return {Key: key ?? '', Values: values};
  });
  v.length('comment', comment, 0, 100);
  v.range('timeoutSeconds', timeoutSeconds, 30, 2_592_000);
  for (const [kind, text] of [['maxConcurrency', maxConcurrency], ['maxErrors', maxErrors]] as const) {
    if (text === undefined) continue;
    const prefixText = `Value '${text}' at '${kind}' failed to satisfy constraint: `;
    for (const fragment of rateConstraintViolations(kind, text)) v.add(kind, text, fragment.slice(prefixText.length));
  }
  v.length('outputS3BucketName', bucket, 3, 63);
  v.length('outputS3KeyPrefix', prefix, 0, 500);
  v.throwIfAny();

  const doc = findDocument(documentName ?? '');
  if (doc === undefined) throw new ServiceError('InvalidDocument', 'Document with that name does not exist.');
  checkDocumentVersion(documentVersion);
  const parameters = resolveParameters(doc, parametersIn);

  const hasIds = (instanceIds?.length ?? 0) > 0;
  const hasTargets = targets.length > 0;
  if (hasIds === hasTargets) {
    throw new ServiceError('ValidationException', hasIds ? 'Provide either InstanceIds or Targets, not both.' : 'Targets is required if you don\'t provide node IDs (InstanceIds).');
  }
  let nodes: FleetNode[];
  if (hasIds) {
    const ids = instanceIds ?? [];
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup !== undefined) throw new ServiceError('DuplicateInstanceId', `Instance ${dup} is given more than once.`);
    const bad = ids.filter((id) => !INSTANCE_ID.test(id) || !sendable(ctx.model.get(id)));
    if (bad.length > 0) throw invalidInstances(bad, ctx);
    nodes = ids.map((id) => ctx.model.get(id) as FleetNode);
    const wrong = nodes.find((n) => doc.plugins[n.platformType] === undefined);
    if (wrong !== undefined) {
      throw new ServiceError('UnsupportedPlatformType', `Cannot perform operation for instance id ${wrong.instanceId} of platform type ${wrong.platformType}`);
    }
  } else {
    nodes = resolveTargets(targets, ctx);
  }

  const execSeconds = Number(parameters['executionTimeout']?.[0] ?? (doc.name === 'AWS-RunPatchBaseline' ? '7200' : '3600'));
  const requestedAt = store.now();
  const timeout = timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  const cmd = store.add({
    id: randomUUID(),
    doc,
    documentVersion: documentVersion ?? '',
    comment: comment ?? '',
    parameters,
    instanceIds: hasIds ? [...(instanceIds ?? [])] : [],
    targets,
    requestedAt,
    expiresAt: requestedAt + (timeout + execSeconds) * 1000,
    deliveryDeadline: requestedAt + timeout * 1000,
    timeoutSeconds: timeout,
    executionTimeoutMs: execSeconds * 1000,
    maxConcurrency: maxConcurrency ?? RATE_DEFAULTS.maxConcurrency,
    maxErrors: maxErrors ?? RATE_DEFAULTS.maxErrors,
    maxConcurrencyValue: maxConcurrency ?? RATE_DEFAULTS.maxConcurrency,
    maxErrorsValue: maxErrors ?? RATE_DEFAULTS.maxErrors,
    cloudWatch: {
      CloudWatchLogGroupName: isObject(cw) ? (optString(cw, 'CloudWatchLogGroupName') ?? '') : '',
      CloudWatchOutputEnabled: isObject(cw) ? (optBoolean(cw, 'CloudWatchOutputEnabled') ?? false) : false,
    },
    outputS3BucketName: bucket ?? '',
    outputS3KeyPrefix: prefix ?? '',
    targetNodes: nodes,
  });
  return {Command: commandShape(cmd, snapshotOf(cmd))};
};

interface CommandFilter {
  key: string;
  value: string;
}

const COMMAND_STATUS_VALUES = ['Pending', 'InProgress', 'Success', 'Cancelled', 'Failed', 'TimedOut', 'AccessDenied', 'DeliveryTimedOut', 'ExecutionTimedOut', 'Incomplete', 'NoInstancesInTag', 'LimitExceeded'];
const INVOCATION_STATUS_VALUES = ['Pending', 'InProgress', 'Success', 'Cancelled', 'Failed', 'TimedOut', 'AccessDenied', 'DeliveryTimedOut', 'ExecutionTimedOut', 'Delayed', 'Undeliverable', 'InvalidPlatform', 'Terminated'];

function readListInput(input: JsonObject, op: 'ListCommands' | 'ListCommandInvocations'): {commandId?: string; instanceId?: string; max: number; filters: CommandFilter[]} {
  const commandId = optString(input, 'CommandId');
  const instanceId = optString(input, 'InstanceId');
  const max = optInteger(input, 'MaxResults');
  const list = optObjectArray(input, 'Filters');
  const v = new Violations();
  v.length('commandId', commandId, COMMAND_ID_LENGTH, COMMAND_ID_LENGTH);
  v.range('maxResults', max, 1, 50);
  v.length('filters', list, 1, 5);
  const keys = ['InvokedAfter', 'InvokedBefore', 'Status', 'ExecutionStage', 'DocumentName'];
  const filters = (list ?? []).map((f, i) => {
    const key = optString(f, 'key');
    const value = optString(f, 'value');
    if (v.required(`filters.${i + 1}.member.key`, key)) v.oneOf(`filters.${i + 1}.member.key`, key, keys);
    if (v.required(`filters.${i + 1}.member.value`, value)) v.length(`filters.${i + 1}.member.value`, value, 1, 128);
    return {key: key ?? '', value: value ?? ''};
  });
  v.throwIfAny();
  for (const f of filters) {
    if (f.key === 'ExecutionStage' && op !== 'ListCommands') throw new ServiceError('InvalidFilterKey', 'ExecutionStage is a ListCommands filter.');
    const allowed = f.key === 'Status' ? (op === 'ListCommands' ? COMMAND_STATUS_VALUES : INVOCATION_STATUS_VALUES) : f.key === 'ExecutionStage' ? ['Executing', 'Complete'] : undefined;
    if (allowed !== undefined && !allowed.includes(f.value)) {
      throw new ServiceError('ValidationException', `The ${f.key} filter value ${f.value} is not valid. Valid values: ${allowed.join(', ')}.`);
    }
    if ((f.key === 'InvokedAfter' || f.key === 'InvokedBefore') && Number.isNaN(Date.parse(f.value))) {
      throw new ServiceError('ValidationException', `The ${f.key} filter value ${f.value} is not a valid date (use e.g. 2024-07-07T00:00:00Z).`);
    }
  }
  if (instanceId !== undefined && filters.some((f) => f.key === 'Status' && f.value === 'Pending')) {
    throw new ServiceError('ValidationException', 'InstanceId cannot be combined with the Status filter value Pending.');
  }
  return {commandId, instanceId, max: max ?? 50, filters};
}

function commandMatches(cmd: Command, snap: DispatchSnapshot, filters: readonly CommandFilter[]): boolean {
  return filters.every((f) => {
    switch (f.key) {
      case 'InvokedAfter': return cmd.requestedAt >= Date.parse(f.value);
      case 'InvokedBefore': return cmd.requestedAt <= Date.parse(f.value);
      case 'DocumentName': return cmd.doc.name === f.value;
      case 'ExecutionStage': return (f.value === 'Complete') === snap.done;
      case 'Status': return snap.Status === f.value || snap.StatusDetails === f.value;
      default: return true;
    }
  });
}

function selectCommands(store: RunCommandStore, q: {commandId?: string; instanceId?: string}): readonly Command[] {
  if (q.commandId !== undefined) {
    const cmd = store.get(q.commandId);
    if (cmd === undefined) throw new ServiceError('InvalidCommandId', '');
    return [cmd];
  }
  return store.all();
}

function paginate<T>(ctx: OperationContext, input: JsonObject, scope: string, list: readonly T[], max: number, key: (t: T) => string): {items: readonly T[]; token?: string} {
  const token = optString(input, 'NextToken');
  let start = 0;
  if (token !== undefined && token !== '') {
    const cursor = ctx.tokens.read(token, scope);
    if (cursor === undefined) throw new ServiceError('InvalidNextToken', 'The specified token isn\'t valid.');
    start = indexAfter(list, cursor, key);
  }
  const page = pageOf(list, start, max, key);
  return page.nextCursor === undefined ? {items: page.items} : {items: page.items, token: ctx.tokens.issue(scope, page.nextCursor)};
}

export const listCommands: JsonOperation = (input, ctx) => {
  const store = runCommandStore(ctx.model);
  store.refresh();
  const q = readListInput(input, 'ListCommands');
  const rows = selectCommands(store, q)
    .filter((c) => q.instanceId === undefined || c.invocations.has(q.instanceId))
    .map((c) => ({c, snap: snapshotOf(c)}))
    .filter(({c, snap}) => commandMatches(c, snap, q.filters));
  const scope = `ssm:ListCommands:${JSON.stringify([q.commandId, q.instanceId, q.filters])}`;
  const page = paginate(ctx, input, scope, rows, q.max, (r) => r.c.key);
  const out: JsonObject = {Commands: page.items.map((r) => commandShape(r.c, r.snap))};
  if (page.token !== undefined) out['NextToken'] = page.token;
  return out;
};

export const listCommandInvocations: JsonOperation = (input, ctx) => {
  const store = runCommandStore(ctx.model);
  store.refresh();
  const q = readListInput(input, 'ListCommandInvocations');
  const details = optBoolean(input, 'Details') ?? false;
  const rows: {key: string; cmd: Command; snap: DispatchSnapshot; inv: Invocation}[] = [];
  for (const cmd of selectCommands(store, q)) {
    const snap = snapshotOf(cmd);
    const cmdFilters = q.filters.filter((f) => f.key !== 'Status');
    if (!commandMatches(cmd, snap, cmdFilters)) continue;
    cmd.order.forEach((id, i) => {
      if (q.instanceId !== undefined && id !== q.instanceId) return;
      const inv = cmd.invocations.get(id) as Invocation;
      const state = snap.invocations[i];
      const statusOk = q.filters.every((f) => f.key !== 'Status' || state?.status === f.value || state?.statusDetails === f.value);
      if (statusOk) rows.push({key: `${cmd.key}:${String(i).padStart(6, '0')}`, cmd, snap, inv});
    });
  }
  const scope = `ssm:ListCommandInvocations:${JSON.stringify([q.commandId, q.instanceId, q.filters])}`;
  const page = paginate(ctx, input, scope, rows, q.max, (r) => r.key);
  const out: JsonObject = {CommandInvocations: page.items.map((r) => invocationShape(r.cmd, r.snap, r.inv, details))};
  if (page.token !== undefined) out['NextToken'] = page.token;
  return out;
};

export const getCommandInvocation: JsonOperation = (input, ctx) => {
  const store = runCommandStore(ctx.model);
  store.refresh();
  const commandId = optString(input, 'CommandId');
  const instanceId = optString(input, 'InstanceId');
  const pluginName = optString(input, 'PluginName');
  const v = new Violations();
  if (v.required('commandId', commandId)) v.length('commandId', commandId, COMMAND_ID_LENGTH, COMMAND_ID_LENGTH);
  if (v.required('instanceId', instanceId) && !INSTANCE_ID.test(instanceId ?? '')) {
    v.add('instanceId', instanceId, 'Member must satisfy regular expression pattern: (^i-(\\w{8}|\\w{17})$)|(^mi-\\w{17}$)');
  }
  v.length('pluginName', pluginName, 4, undefined);
  v.throwIfAny();
  const cmd = store.get(commandId ?? '');
  if (cmd === undefined) throw new ServiceError('InvalidCommandId', '');
  const inv = cmd.invocations.get(instanceId ?? '');
  if (inv === undefined || store.now() - cmd.requestedAt < store.invocationVisibleAfterMs) throw new ServiceError('InvocationDoesNotExist', '');
  if (pluginName !== undefined && pluginName !== inv.plugin?.name) throw new ServiceError('InvalidPluginName', '');
  const snap = snapshotOf(cmd);
  const {sd, status} = statusOf(cmd, snap, inv.instanceId);
  const finished = isTerminal(sd);
  return {
    CommandId: cmd.id,
    InstanceId: inv.instanceId,
    Comment: cmd.comment,
    DocumentName: cmd.doc.name,
    DocumentVersion: cmd.documentVersion,
    PluginName: inv.plugin?.name ?? '',
    ResponseCode: inv.responseCode,
    ExecutionStartDateTime: isoDate(inv.startedAt),
    ExecutionElapsedTime: elapsed(inv),
    ExecutionEndDateTime: isoDate(inv.endedAt),
    Status: status,
    StatusDetails: sd,
    StandardOutputContent: finished ? inv.stdout : '',
    StandardOutputUrl: '',
    StandardErrorContent: finished ? inv.stderr : '',
    StandardErrorUrl: '',
    CloudWatchOutputConfig: cmd.cloudWatch,
  };
};

export const cancelCommand: JsonOperation = (input, ctx) => {
  const store = runCommandStore(ctx.model);
  store.refresh();
  const commandId = optString(input, 'CommandId');
  const instanceIds = optStringArray(input, 'InstanceIds');
  const v = new Violations();
  if (v.required('commandId', commandId)) v.length('commandId', commandId, COMMAND_ID_LENGTH, COMMAND_ID_LENGTH);
  v.length('instanceIds', instanceIds, 0, SEND_COMMAND_MAX_IDS);
  v.throwIfAny();
  const cmd = store.get(commandId ?? '');
  if (cmd === undefined) throw new ServiceError('InvalidCommandId', '');
  const ids = instanceIds !== undefined && instanceIds.length > 0 ? instanceIds : undefined;
  if (ids !== undefined) {
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup !== undefined) throw new ServiceError('DuplicateInstanceId', `Instance ${dup} is given more than once.`);
    const unknown = ids.filter((id) => !cmd.invocations.has(id));
    if (unknown.length > 0) throw invalidInstances(unknown, ctx);
  }
  store.cancel(cmd, ids);
  return {};
};

export const runCommandOperations: Readonly<Record<string, JsonOperation>> = {
  SendCommand: sendCommand,
  ListCommands: listCommands,
  ListCommandInvocations: listCommandInvocations,
  GetCommandInvocation: getCommandInvocation,
  CancelCommand: cancelCommand,
};
