// Wire shapes of associations: overviews (aggregated member statuses), descriptions and version fields.

import type {AssociationStatus, FleetModel} from '../../model/fleet-model.js';
import type {OperationContext} from '../../protocol/operation-context.js';
import {isObject, type JsonObject} from '../../protocol/validation.js';
import {epochSeconds} from '../../protocol/wire-json.js';
import type {AssociationStore} from './association-store.js';
import {associationStore} from './association-store.js';
import type {AssociationRecord, AssociationVersion} from './association-types.js';

export interface Overview {
  status: AssociationStatus;
  counts: Record<string, number>;
  instanceIds: Set<string>;
  lastExecution: number | undefined;
}

export function overviews(model: FleetModel, store: AssociationStore): ReadonlyMap<string, Overview> {
  return model.memo(`associations:overviews:${store.version}`, () => {
    const out = new Map<string, Overview>();
    const records = store.all();
    for (const r of records) out.set(r.associationId, {status: 'Success', counts: {}, instanceIds: new Set(), lastExecution: r.lastExecutionAt});
    const members = store.membership().byRecord;
    for (const r of records) {
      const o = out.get(r.associationId) as Overview;
      for (const id of members.get(r.associationId) ?? []) {
        const node = model.get(id);
        if (node === undefined) continue;
        const s = store.statusOfMember(r, node);
        o.instanceIds.add(id);
        o.counts[s] = (o.counts[s] ?? 0) + 1;
        const at = r.results.get(id)?.at ?? (r.seeded ? node.lastAssociationAt : undefined);
        if (at !== undefined && (o.lastExecution === undefined || at > o.lastExecution)) o.lastExecution = at;
      }
    }
    for (const o of out.values()) o.status = (o.counts['Failed'] ?? 0) > 0 ? 'Failed' : (o.counts['Pending'] ?? 0) > 0 || o.instanceIds.size === 0 ? 'Pending' : 'Success';
    return out;
  });
}

export function overviewShape(o: Overview | undefined): JsonObject {
  return {Status: o?.status ?? 'Pending', DetailedStatus: o?.status ?? 'Pending', AssociationStatusAggregatedCount: {...(o?.counts ?? {})}};
}

export function targetsShape(v: AssociationVersion): JsonObject[] {
  return v.targets.map((t) => ({Key: t.Key, Values: [...t.Values]}));
}

export function versionFields(v: AssociationVersion): JsonObject {
  const out: JsonObject = {Name: v.documentName, Targets: targetsShape(v), Parameters: Object.fromEntries(Object.entries(v.parameters).map(([k, x]) => [k, [...x]]))};
  if (v.documentVersion !== undefined) out['DocumentVersion'] = v.documentVersion;
  if (v.scheduleExpression !== undefined) out['ScheduleExpression'] = v.scheduleExpression;
  if (v.associationName !== undefined) out['AssociationName'] = v.associationName;
  if (v.maxConcurrency !== undefined) out['MaxConcurrency'] = v.maxConcurrency;
  if (v.maxErrors !== undefined) out['MaxErrors'] = v.maxErrors;
  if (v.complianceSeverity !== undefined) out['ComplianceSeverity'] = v.complianceSeverity;
  if (v.syncCompliance !== undefined) out['SyncCompliance'] = v.syncCompliance;
  out['ApplyOnlyAtCronInterval'] = v.applyOnlyAtCronInterval;
  if (v.scheduleOffset !== undefined) out['ScheduleOffset'] = v.scheduleOffset;
  if (v.duration !== undefined) out['Duration'] = v.duration;
  if (isObject(v.outputLocation)) out['OutputLocation'] = v.outputLocation;
  return out;
}

export function descriptionOf(ctx: OperationContext, r: AssociationRecord, v: AssociationVersion = r.current): JsonObject {
  const store = associationStore(ctx.model);
  const o = overviews(ctx.model, store).get(r.associationId);
  const out: JsonObject = {
    ...versionFields(v), AssociationId: r.associationId, AssociationVersion: String(v.version), Date: epochSeconds(r.createdAt),
    LastUpdateAssociationDate: epochSeconds(r.updatedAt), Overview: overviewShape(o),
  };
  if (v.instanceId !== undefined) out['InstanceId'] = v.instanceId;
  const last = o?.lastExecution ?? r.lastExecutionAt;
  if (last !== undefined) out['LastExecutionDate'] = epochSeconds(last);
  if (r.lastSuccessfulAt !== undefined) out['LastSuccessfulExecutionDate'] = epochSeconds(r.lastSuccessfulAt);
  return out;
}
