// Which nodes an association reaches, and how its targets' command states become association statuses.

import type {InvocationStatusDetails} from '../../../fleet/run-command/command-status.js';
import type {InvocationState} from '../../../fleet/run-command/run-plan.js';
import {isManaged, type AssociationStatus, type FleetModel, type FleetNode} from '../../model/fleet-model.js';
import {snapshotOf} from '../run-command/store.js';
import type {AssociationExecution, AssociationRecord, AssociationVersion, Membership, TargetSpec} from './association-types.js';

/** Each target's dispatch state (one snapshot per command). */
export function targetStates(ex: AssociationExecution): Map<string, InvocationState> {
  const out = new Map<string, InvocationState>();
  for (const cmd of ex.commands) for (const state of snapshotOf(cmd).invocations) out.set(state.id, state);
  return out;
}

/** Whether a node can receive a command at all (as SendCommand's target resolution decides). */
export function reachable(node: FleetNode): boolean {
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

export function aggregate(statuses: Iterable<AssociationStatus>): AssociationStatus {
  let pending = false;
  for (const s of statuses) {
    if (s === 'Failed') return 'Failed';
    if (s === 'Pending') pending = true;
  }
  return pending ? 'Pending' : 'Success';
}

export function resultOf(sd: InvocationStatusDetails): {status: AssociationStatus; detailed: string} | undefined {
  switch (sd) {
    case 'Success': return {status: 'Success', detailed: 'Success'};
    case 'Failed': return {status: 'Failed', detailed: 'Failed'};
    case 'ExecutionTimedOut': return {status: 'Failed', detailed: 'TimedOut'};
    default: return undefined; // never ran on the node: nothing to report
  }
}

/**
 * Which managed nodes each association targets, and the associations of each node: built once per fleet and
 * association-list version from a tag index, so 2,000 associations over 5,000 nodes cost the memberships, not
 * their product.
 */
export function buildMembership(model: FleetModel, records: readonly AssociationRecord[], storeVersion: number): Membership {
  const managed = model.managed();
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
    const n = model.get(id);
    return n !== undefined && isManaged(n);
  };
  for (const r of records) {
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
  return {modelVersion: model.version, storeVersion, byRecord, byNode};
}
