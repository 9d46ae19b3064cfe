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
import {isTerminal} from '../../../fleet/run-command/command-status.js';
import type {AssociationStatus, FleetModel, FleetNode} from '../../model/fleet-model.js';
import {runCommandStore, snapshotOf, type Command} from '../run-command/store.js';
import {resolveParameters} from '../documents/builtin-documents.js';
import {documentStore} from '../documents/document-store.js';
import {seededAssociations, seededStatus, type Association} from './seeded-associations.js';
import {perModel, type PerModel} from '../../model/per-model.js';
import {nextRunOf, upcomingRuns} from './association-schedule.js';
import {sendAssociationCommand} from './association-send.js';
import {aggregate, buildMembership, reachable, resultOf, targetsNode, targetStates} from './association-targets.js';
import type {AssociationExecution, AssociationRecord, AssociationVersion, ExecutionTarget, Membership} from './association-types.js';

export const MAX_ASSOCIATIONS = 2000;
export const MAX_ASSOCIATION_VERSIONS = 1000;
const POLL_MS = 100;
const MAX_TIMER_MS = 2 ** 31 - 1;
const DAY = 86_400_000;

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

  /** Which managed nodes each association targets, and the associations of each node (cached per fleet and list version). */
  membership(): Membership {
    const m = this.members;
    if (m !== undefined && m.modelVersion === this.model.version && m.storeVersion === this.version) return m;
    this.members = buildMembership(this.model, this.all(), this.version);
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
      const cmd = sendAssociationCommand(this.model, record, doc, parameters, nodes, at);
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
    record.nextRunAt = nextRunOf(record, this.now());
    if (!v.applyOnlyAtCronInterval) this.run(record);
    this.schedule();
  }

  /** The next `count` runs, for DescribeAssociation-style previews. */
  upcoming(record: AssociationRecord, count: number): number[] {
    return upcomingRuns(record, this.now(), count);
  }

  /** Fires every association whose time has come, then re-arms the timer. */
  tick(): void {
    if (this.closed) return;
    const now = this.now();
    for (const record of this.byId.values()) {
      if (record.nextRunAt === undefined || record.nextRunAt > now) continue;
      this.run(record);
      record.nextRunAt = nextRunOf(record, now);
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
