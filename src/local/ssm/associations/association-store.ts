// State Manager on the local fleet: the associations (seeded and created), their versions, their executions, and
// each node's result for each association. One store per fleet (keyed by its FleetModel).
//
// How an association runs (docs/ssm-api-more.md §3):
// - When created or updated (unless ApplyOnlyAtCronInterval), on StartAssociationsOnce, and at each time of its
//   schedule (fleet/schedules), an execution resolves its targets and sends the document through the SAME
//   executor as Run Command (runCommandStore(model).add): real processes on this machine, the association's
//   MaxConcurrency/MaxErrors through the shared dispatch engine. The command's id is the target's OutputSource
//   (OutputSourceType RunCommand), as SSM reports it, so GetCommandInvocation shows a target's output.
// - As each target ends Success/Failed/TimedOut its result becomes the node's status for the association: the
//   node's AssociationStatus (DescribeInstanceInformation) and its Association compliance (compliance-data.ts)
//   follow. Targets that never ran (MaxErrors reached, platform not supported, delivery timed out) report nothing.
// - The seeded associations describe history: they run when applied or updated, not on their schedule (a long
//   running local fleet would otherwise start processes on every node at 02:00).
// The clock is the Run Command store's (Date.now() plus what tests advance), so tests reach a schedule's next run
// at once with advanceClock().

import {randomUUID} from 'node:crypto';
import {isTerminal, type InvocationStatusDetails} from '../../../fleet/command-status.js';
import type {InvocationState} from '../../../fleet/run-plan.js';
import {nextRuns, parseAssociationSchedule, type Schedule} from '../../../fleet/schedules/schedule-expression.js';
import type {AssociationStatus, FleetModel, FleetNode} from '../../fleet-model.js';
import {isManaged} from '../../fleet-model.js';
import {hasCompliance} from '../../patch-data.js';
import {DEFAULT_TIMEOUT_SECONDS, runCommandStore, snapshotOf, type Command} from '../../run-command-store.js';
import {resolveParameters, type LocalDocument} from '../documents/builtin-documents.js';
import {documentStore} from '../documents/document-store.js';
import {seededAssociations, seededStatus, type Association} from './seeded-associations.js';
import {perModel, type PerModel} from '../../per-model.js';

export const MAX_ASSOCIATIONS = 2000;
export const MAX_ASSOCIATION_VERSIONS = 1000;
/** SSM's defaults for an association without rate control: every target at once, no error limit. */
const DEFAULT_CONCURRENCY = '100%';
const DEFAULT_MAX_ERRORS = '100%';
const POLL_MS = 100;
const MAX_TIMER_MS = 2 ** 31 - 1;
const DAY = 86_400_000;

export type TargetSpec = {readonly Key: string; readonly Values: readonly string[]};

/** One version of an association: what UpdateAssociation replaces. */
export interface AssociationVersion {
  readonly version: number;
  readonly createdAt: number;
  readonly documentName: string;
  readonly documentVersion: string | undefined;
  readonly parameters: Readonly<Record<string, readonly string[]>>;
  readonly targets: readonly TargetSpec[];
  /** Legacy single-node association (CreateAssociation InstanceId). */
  readonly instanceId: string | undefined;
  readonly scheduleExpression: string | undefined;
  readonly associationName: string | undefined;
  readonly maxConcurrency: string | undefined;
  readonly maxErrors: string | undefined;
  readonly complianceSeverity: string | undefined;
  readonly syncCompliance: string | undefined;
  readonly applyOnlyAtCronInterval: boolean;
  readonly scheduleOffset: number | undefined;
  readonly duration: number | undefined;
  readonly outputLocation: unknown;
}

export interface NodeResult {
  readonly status: AssociationStatus;
  /** The document version that ran ($DEFAULT and $LATEST resolved). */
  readonly documentVersion: string;
  readonly detailedStatus: string;
  readonly at: number;
  readonly executionId: string;
  readonly associationVersion: number;
  readonly commandId: string;
  readonly responseCode: number;
}

export interface AssociationRecord {
  readonly associationId: string;
  readonly seeded: boolean;
  readonly createdAt: number;
  readonly versions: AssociationVersion[];
  current: AssociationVersion;
  updatedAt: number;
  lastExecutionAt: number | undefined;
  lastSuccessfulAt: number | undefined;
  /** When the schedule next fires (created associations with a schedule only). */
  nextRunAt: number | undefined;
  /** Each node's latest result (nodes that have not reported keep their seeded or Pending status). */
  readonly results: Map<string, NodeResult>;
  /** Seeded associations: each node's generated status. */
  readonly seededFor: ((node: FleetNode) => AssociationStatus | undefined) | undefined;
}

export interface ExecutionTarget {
  readonly instanceId: string;
  readonly command: Command;
}

export interface AssociationExecution {
  readonly executionId: string;
  /** The document version it runs ($DEFAULT and $LATEST resolved); '' when it could not start. */
  readonly documentVersion: string;
  readonly associationId: string;
  readonly associationVersion: number;
  readonly createdAt: number;
  readonly commands: readonly Command[];
  /** Node → its command, in target order. */
  readonly targets: readonly ExecutionTarget[];
  /** Why it could not start (e.g. the document is gone); the execution is Failed with no targets. */
  readonly failure: string | undefined;
  readonly reported: Set<string>;
  done: boolean;
}

export interface Membership {
  readonly modelVersion: number;
  readonly storeVersion: number;
  /** Association id → the managed nodes it targets (each once). */
  readonly byRecord: ReadonlyMap<string, readonly string[]>;
  /** Node id → the associations that target it (in id order). */
  readonly byNode: ReadonlyMap<string, readonly AssociationRecord[]>;
}

/** Each target's dispatch state (one snapshot per command). */
export function targetStates(ex: AssociationExecution): Map<string, InvocationState> {
  const out = new Map<string, InvocationState>();
  for (const cmd of ex.commands) for (const state of snapshotOf(cmd).invocations) out.set(state.id, state);
  return out;
}

/** Whether a node can receive a command at all (as SendCommand's target resolution decides). */
function reachable(node: FleetNode): boolean {
  return isManaged(node) && node.pingStatus !== 'Inactive' && node.ec2?.state !== 'shutting-down' && node.ec2?.state !== 'stopping';
}

/** Whether an association version's targets include the node. */
export function targetsNode(v: Pick<AssociationVersion, 'targets' | 'instanceId'>, node: FleetNode): boolean {
  if (v.instanceId !== undefined) return node.instanceId === v.instanceId;
  return v.targets.every(({Key, Values}) => {
    if (Key.toLowerCase() === 'instanceids') return Values.includes('*') || Values.includes(node.instanceId);
    if (Key === 'tag-key') return Values.some((k) => Object.hasOwn(node.tags, k));
    if (Key.startsWith('tag:')) {
      const tag = Key.slice(4);
      return Object.hasOwn(node.tags, tag) && Values.includes(node.tags[tag] ?? '');
    }
    return false; // resource-groups: the local fleet has none
  });
}

function aggregate(statuses: Iterable<AssociationStatus>): AssociationStatus {
  let pending = false;
  for (const s of statuses) {
    if (s === 'Failed') return 'Failed';
    if (s === 'Pending') pending = true;
  }
  return pending ? 'Pending' : 'Success';
}

function resultOf(sd: InvocationStatusDetails): {status: AssociationStatus; detailed: string} | undefined {
  switch (sd) {
    case 'Success': return {status: 'Success', detailed: 'Success'};
    case 'Failed': return {status: 'Failed', detailed: 'Failed'};
    case 'ExecutionTimedOut': return {status: 'Failed', detailed: 'TimedOut'};
    default: return undefined; // never ran on the node: nothing to report
  }
}

export class AssociationStore {
  private readonly byId = new Map<string, AssociationRecord>();
  private readonly executions = new Map<string, AssociationExecution[]>();
  private readonly active = new Set<AssociationExecution>();
  /** Each node's AssociationStatus as generated, before any execution changed it. */
  private readonly generated = new Map<string, AssociationStatus>();
  private poll: NodeJS.Timeout | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Bumped by every change of the association list (caches key on it). */
  version = 0;
  private sorted: {version: number; list: readonly AssociationRecord[]} | undefined;
  private members: Membership | undefined;
  private seededCache: {modelVersion: number; byNode: Map<string, ReadonlyMap<string, AssociationStatus>>} | undefined;

  constructor(private readonly model: FleetModel) {
    const seeded = seededAssociations(model);
    for (const a of seeded) {
      const v: AssociationVersion = {
        version: 1, createdAt: model.generatedAt - 30 * DAY, documentName: a.documentName, documentVersion: a.documentVersion, parameters: a.parameters,
        targets: a.targets, instanceId: undefined, scheduleExpression: a.scheduleExpression, associationName: a.name, maxConcurrency: undefined,
        maxErrors: undefined, complianceSeverity: undefined, syncCompliance: 'AUTO', applyOnlyAtCronInterval: false, scheduleOffset: undefined,
        duration: undefined, outputLocation: undefined,
      };
      const seededFor = (node: FleetNode): AssociationStatus | undefined => (a.applies(node) ? this.seededStatuses(seeded, node).get(a.associationId) : undefined);
      this.byId.set(a.associationId, {
        associationId: a.associationId, seeded: true, createdAt: v.createdAt, versions: [v], current: v, updatedAt: v.createdAt,
        lastExecutionAt: undefined, lastSuccessfulAt: undefined, nextRunAt: undefined, results: new Map(), seededFor,
      });
    }
  }

  now(): number {
    return runCommandStore(this.model).now();
  }

  /** A node's generated status for each seeded association that targets it (cached until the fleet changes). */
  private seededStatuses(seeded: readonly Association[], node: FleetNode): ReadonlyMap<string, AssociationStatus> {
    if (this.seededCache?.modelVersion !== this.model.version) this.seededCache = {modelVersion: this.model.version, byNode: new Map()};
    let statuses = this.seededCache.byNode.get(node.instanceId);
    if (statuses === undefined) {
      const applicable = seeded.filter((x) => x.applies(node));
      statuses = seededStatus(this.model, node, this.generated.get(node.instanceId) ?? node.associationStatus, applicable);
      this.seededCache.byNode.set(node.instanceId, statuses);
    }
    return statuses;
  }

  /** Moves the fleet's clock forward (Run Command's too) and fires what became due. */
  advanceClock(ms: number): void {
    runCommandStore(this.model).advanceClock(ms);
    this.tick();
  }

  get(associationId: string): AssociationRecord | undefined {
    return this.byId.get(associationId);
  }

  /** Sorted by id (cached until the list changes: compliance reads it once per node). */
  all(): readonly AssociationRecord[] {
    if (this.sorted?.version !== this.version) {
      const list = [...this.byId.values()].sort((a, b) => (a.associationId < b.associationId ? -1 : a.associationId > b.associationId ? 1 : 0));
      this.sorted = {version: this.version, list};
    }
    return this.sorted.list;
  }

  /** Whether the association targets the node (seeded ones keep their original rules). */
  applies(record: AssociationRecord, node: FleetNode): boolean {
    if (record.seededFor !== undefined && record.current.version === 1) return record.seededFor(node) !== undefined;
    return targetsNode(record.current, node);
  }

  /** The node's status for the association, or undefined when it does not target the node. */
  statusFor(record: AssociationRecord, node: FleetNode): AssociationStatus | undefined {
    if (!this.applies(record, node)) return undefined;
    return this.statusOfMember(record, node);
  }

  /** The status of a node the association targets. */
  statusOfMember(record: AssociationRecord, node: FleetNode): AssociationStatus {
    return record.results.get(node.instanceId)?.status ?? (record.current.version === 1 ? record.seededFor?.(node) : undefined) ?? 'Pending';
  }

  /**
   * Which managed nodes each association targets, and the associations of each node: built once per fleet and
   * association-list version from a tag index, so 2,000 associations over 5,000 nodes cost the memberships, not
   * their product.
   */
  membership(): Membership {
    const m = this.members;
    if (m !== undefined && m.modelVersion === this.model.version && m.storeVersion === this.version) return m;
    const managed = this.model.managed();
    const index = new Map<string, Map<string, string[]>>();
    for (const n of managed) {
      for (const [k, val] of Object.entries(n.tags)) {
        let byValue = index.get(k);
        if (byValue === undefined) index.set(k, (byValue = new Map()));
        const ids = byValue.get(val);
        if (ids === undefined) byValue.set(val, [n.instanceId]);
        else ids.push(n.instanceId);
      }
    }
    const all = managed.map((n) => n.instanceId);
    const spec = (t: TargetSpec): readonly string[] => {
      if (t.Key.toLowerCase() === 'instanceids') return t.Values.includes('*') ? all : t.Values;
      if (t.Key === 'tag-key') return t.Values.flatMap((k) => [...(index.get(k)?.values() ?? [])].flat());
      if (t.Key.startsWith('tag:')) return t.Values.flatMap((val) => index.get(t.Key.slice(4))?.get(val) ?? []);
      return [];
    };
    const byRecord = new Map<string, readonly string[]>();
    const byNode = new Map<string, AssociationRecord[]>();
    const isManagedId = (id: string): boolean => {
      const n = this.model.get(id);
      return n !== undefined && isManaged(n);
    };
    for (const r of this.all()) {
      let ids: readonly string[];
      const targets = r.current.targets;
      if (r.seededFor !== undefined && r.current.version === 1) ids = managed.filter((n) => r.seededFor?.(n) !== undefined).map((n) => n.instanceId);
      else if (r.current.instanceId !== undefined) ids = isManagedId(r.current.instanceId) ? [r.current.instanceId] : [];
      else if (targets.length === 1 && targets[0] !== undefined) {
        // Tag and `*` targets come from the managed nodes' index; explicit ids are checked.
        const t = targets[0];
        const list = spec(t);
        const explicit = t.Key.toLowerCase() === 'instanceids' && !t.Values.includes('*');
        ids = t.Values.length > 1 || t.Key === 'tag-key' || explicit ? [...new Set(list)].filter((id) => !explicit || isManagedId(id)) : list;
      } else {
        const [first, ...rest] = targets.map((t) => new Set(spec(t)));
        ids = [...(first ?? [])].filter((id) => rest.every((other) => other.has(id)) && isManagedId(id));
      }
      for (const id of ids) {
        const list = byNode.get(id);
        if (list === undefined) byNode.set(id, [r]);
        else list.push(r);
      }
      byRecord.set(r.associationId, ids);
    }
    this.members = {modelVersion: this.model.version, storeVersion: this.version, byRecord, byNode};
    return this.members;
  }

  executionsOf(associationId: string): readonly AssociationExecution[] {
    return this.executions.get(associationId) ?? [];
  }

  create(v: AssociationVersion): AssociationRecord {
    const record: AssociationRecord = {
      associationId: randomUUID(), seeded: false, createdAt: v.createdAt, versions: [v], current: v, updatedAt: v.createdAt,
      lastExecutionAt: undefined, lastSuccessfulAt: undefined, nextRunAt: undefined, results: new Map(), seededFor: undefined,
    };
    this.byId.set(record.associationId, record);
    this.version++;
    this.afterChange(record);
    return record;
  }

  update(record: AssociationRecord, v: AssociationVersion): void {
    record.versions.push(v);
    record.current = v;
    record.updatedAt = v.createdAt;
    this.version++;
    this.afterChange(record);
  }

  delete(record: AssociationRecord): void {
    this.byId.delete(record.associationId);
    this.version++;
    // Its results no longer count for the nodes it reached.
    for (const id of record.results.keys()) this.refreshNode(id);
    this.schedule();
  }

  /** Runs now (create, update, StartAssociationsOnce, a schedule). */
  run(record: AssociationRecord): AssociationExecution {
    const v = record.current;
    const at = this.now();
    const executionId = randomUUID();
    let failure: string | undefined;
    const commands: Command[] = [];
    const targets: ExecutionTarget[] = [];
    let documentVersion = '';
    try {
      const docRecord = documentStore(this.model).get(v.documentName);
      if (docRecord === undefined) throw new Error(`The document ${v.documentName} does not exist.`);
      const resolved = documentStore(this.model).version(docRecord, v.documentVersion ?? '$DEFAULT');
      documentVersion = resolved.version;
      const doc = resolved.doc;
      const parameters = resolveParameters(doc, v.parameters);
      const nodes = this.model.managed().filter((n) => reachable(n) && this.applies(record, n));
      const cmd = this.send(record, doc, parameters, nodes, at);
      commands.push(cmd);
      for (const n of nodes) targets.push({instanceId: n.instanceId, command: cmd});
    } catch (err) {
      failure = (err as Error).message;
    }
    const execution: AssociationExecution = {
      executionId, documentVersion, associationId: record.associationId, associationVersion: v.version, createdAt: at, commands, targets, failure,
      reported: new Set(), done: false,
    };
    const list = this.executions.get(record.associationId) ?? [];
    list.unshift(execution);
    this.executions.set(record.associationId, list);
    record.lastExecutionAt = at;
    this.active.add(execution);
    this.collect();
    return execution;
  }

  private send(record: AssociationRecord, doc: LocalDocument, parameters: Record<string, string[]>, nodes: readonly FleetNode[], at: number): Command {
    const v = record.current;
    const execSeconds = Number(parameters['executionTimeout']?.[0] ?? '3600');
    const concurrency = v.maxConcurrency ?? DEFAULT_CONCURRENCY;
    const errors = v.maxErrors ?? DEFAULT_MAX_ERRORS;
    return runCommandStore(this.model).add({
      id: randomUUID(), doc, documentVersion: v.documentVersion ?? '$DEFAULT', comment: `State Manager association ${record.associationId}`,
      parameters, instanceIds: [], targets: v.targets.map((t) => ({Key: t.Key, Values: [...t.Values]})), requestedAt: at,
      expiresAt: at + (DEFAULT_TIMEOUT_SECONDS + execSeconds) * 1000, deliveryDeadline: at + DEFAULT_TIMEOUT_SECONDS * 1000,
      timeoutSeconds: DEFAULT_TIMEOUT_SECONDS, executionTimeoutMs: execSeconds * 1000, maxConcurrency: concurrency, maxErrors: errors,
      cloudWatch: {CloudWatchLogGroupName: '', CloudWatchOutputEnabled: false}, outputS3BucketName: '', outputS3KeyPrefix: '',
      targetNodes: nodes, maxConcurrencyValue: concurrency, maxErrorsValue: errors,
    });
  }

  /** Records what finished: node results, execution completion. Polls while executions run. */
  collect(): void {
    if (this.closed) return;
    for (const ex of this.active) {
      const states = targetStates(ex);
      for (const t of ex.targets) {
        if (ex.reported.has(t.instanceId)) continue;
        const state = states.get(t.instanceId);
        if (state === undefined || !isTerminal(state.statusDetails)) continue;
        ex.reported.add(t.instanceId);
        const r = resultOf(state.statusDetails);
        const record = this.byId.get(ex.associationId);
        if (r === undefined || record === undefined) continue;
        const inv = t.command.invocations.get(t.instanceId);
        const endedAt = inv?.endedAt ?? this.now();
        record.results.set(t.instanceId, {
          status: r.status, documentVersion: ex.documentVersion, detailedStatus: r.detailed, at: endedAt, executionId: ex.executionId, associationVersion: ex.associationVersion,
          commandId: t.command.id, responseCode: inv?.responseCode ?? -1,
        });
        if (r.status === 'Success') record.lastSuccessfulAt = Math.max(record.lastSuccessfulAt ?? 0, endedAt);
        this.refreshNode(t.instanceId, endedAt, r.status === 'Success');
      }
      if (ex.commands.every((c) => snapshotOf(c).done)) {
        ex.done = true;
        this.active.delete(ex);
      }
    }
    if (this.poll !== undefined) clearTimeout(this.poll);
    this.poll = undefined;
    if (this.active.size > 0) {
      this.poll = setTimeout(() => this.collect(), POLL_MS);
      this.poll.unref();
    }
  }

  /** Recomputes a node's AssociationStatus from every association that targets it (bumps the model's caches). */
  private refreshNode(instanceId: string, at?: number, success?: boolean): void {
    const node = this.model.get(instanceId);
    if (node === undefined) return;
    if (!this.generated.has(instanceId)) this.generated.set(instanceId, node.associationStatus);
    const statuses: AssociationStatus[] = [];
    for (const record of this.byId.values()) {
      const s = this.statusFor(record, node);
      if (s !== undefined) statuses.push(s);
    }
    const counts: Record<string, number> = {};
    for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
    this.model.update(instanceId, (n) => {
      n.associationStatus = aggregate(statuses);
      n.associationCounts = counts;
      if (at !== undefined) n.lastAssociationAt = at;
      if (at !== undefined && success === true) n.lastSuccessfulAssociationAt = at;
    });
  }

  private afterChange(record: AssociationRecord): void {
    const v = record.current;
    record.nextRunAt = this.nextRunOf(record, this.now());
    if (!v.applyOnlyAtCronInterval) this.run(record);
    this.schedule();
  }

  private scheduleOf(v: AssociationVersion): Schedule | undefined {
    if (v.scheduleExpression === undefined) return undefined;
    const parsed = parseAssociationSchedule(v.scheduleExpression);
    return parsed.ok ? parsed.schedule : undefined;
  }

  /** The next scheduled run after `after` (seeded associations do not fire; see the file comment). */
  private nextRunOf(record: AssociationRecord, after: number): number | undefined {
    if (record.seeded && record.current.version === 1) return undefined;
    const schedule = this.scheduleOf(record.current);
    if (schedule === undefined) return undefined;
    const offset = (record.current.scheduleOffset ?? 0) * DAY;
    const [next] = nextRuns(schedule, after - offset, 1, schedule.kind === 'rate' ? record.updatedAt : undefined);
    return next === undefined ? undefined : next + offset;
  }

  /** The next `count` runs, for DescribeAssociation-style previews. */
  upcoming(record: AssociationRecord, count: number): number[] {
    const schedule = this.scheduleOf(record.current);
    if (schedule === undefined) return [];
    return nextRuns(schedule, this.now(), count, schedule.kind === 'rate' ? record.updatedAt : undefined);
  }

  /** Fires every association whose time has come, then re-arms the timer. */
  tick(): void {
    if (this.closed) return;
    const now = this.now();
    for (const record of this.byId.values()) {
      if (record.nextRunAt === undefined || record.nextRunAt > now) continue;
      this.run(record);
      record.nextRunAt = this.nextRunOf(record, now);
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.closed) return;
    let next = Infinity;
    for (const r of this.byId.values()) if (r.nextRunAt !== undefined) next = Math.min(next, r.nextRunAt);
    if (next === Infinity) return;
    this.timer = setTimeout(() => this.tick(), Math.min(MAX_TIMER_MS, Math.max(0, next - this.now()) + 5));
    this.timer.unref();
  }

  close(): void {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.poll !== undefined) clearTimeout(this.poll);
  }
}

export const associationStore: PerModel<AssociationStore> = perModel((model) => new AssociationStore(model));

/** Stops the fleet's schedules and polling (the endpoint's close() calls it). */
export function closeAssociations(model: FleetModel): void {
  associationStore.peek(model)?.close();
}

/** Associations whose document is `name` (DeleteDocument refuses while there are any). */
export function associationsUsingDocument(model: FleetModel, name: string): readonly AssociationRecord[] {
  return associationStore(model).all().filter((r) => r.current.documentName === name);
}

/** A document's new default version re-runs the associations that run its default (UG documents-creating-content). */
export function rerunDefaultVersion(model: FleetModel, documentName: string): void {
  const store = associationStore(model);
  for (const r of associationsUsingDocument(model, documentName)) {
    if (r.current.documentVersion === undefined || r.current.documentVersion === '$DEFAULT') store.run(r);
  }
}

/** Each association that targets the node, with the node's status for it (compliance-data.ts reads this). */
export function nodeAssociations(model: FleetModel, node: FleetNode): {association: AssociationRecord; status: AssociationStatus}[] {
  if (!hasCompliance(node)) return [];
  const store = associationStore(model);
  return (store.membership().byNode.get(node.instanceId) ?? []).map((association) => ({association, status: store.statusOfMember(association, node)}));
}
