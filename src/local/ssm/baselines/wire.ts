// Patch baselines on the wire: BaselineIdentity (lists) and the full GetPatchBaseline / UpdatePatchBaseline shape.
import type {PatchFilter, PatchRule} from '../../../fleet/baselines/baseline.js';
import type {JsonObject} from '../../protocol/validation.js';
import {epochSeconds} from '../../protocol/wire-json.js';
import type {BaselineStore, StoredBaseline} from './store.js';

export function baselineIdentity(store: BaselineStore, b: StoredBaseline): JsonObject {
  const o: JsonObject = {BaselineId: b.baselineId, BaselineName: b.name, OperatingSystem: b.rules.operatingSystem, DefaultBaseline: store.isDefault(b)};
  if (b.description !== '') o['BaselineDescription'] = b.description;
  return o;
}

const filterGroup = (filters: readonly PatchFilter[]): JsonObject => ({PatchFilters: filters.map((f) => ({Key: f.key, Values: [...f.values]}))});

function ruleShape(r: PatchRule): JsonObject {
  const o: JsonObject = {PatchFilterGroup: filterGroup(r.filters), ComplianceLevel: r.complianceLevel, EnableNonSecurity: r.enableNonSecurity};
  if (r.approveAfterDays !== undefined) o['ApproveAfterDays'] = r.approveAfterDays;
  if (r.approveUntilDate !== undefined) o['ApproveUntilDate'] = r.approveUntilDate;
  return o;
}

/** The baseline's fields as GetPatchBaseline and UpdatePatchBaseline return them (PatchGroups: Get only). */
export function baselineShape(b: StoredBaseline, patchGroups?: readonly string[]): JsonObject {
  const r = b.rules;
  const o: JsonObject = {
    BaselineId: b.baselineId, Name: b.name, OperatingSystem: r.operatingSystem,
    GlobalFilters: filterGroup(r.globalFilters), ApprovalRules: {PatchRules: r.rules.map(ruleShape)},
    ApprovedPatches: [...r.approvedPatches], ApprovedPatchesComplianceLevel: r.approvedPatchesComplianceLevel,
    ApprovedPatchesEnableNonSecurity: r.approvedPatchesEnableNonSecurity,
    RejectedPatches: [...r.rejectedPatches], RejectedPatchesAction: r.rejectedPatchesAction,
    CreatedDate: epochSeconds(b.createdTime), ModifiedDate: epochSeconds(b.modifiedTime), Sources: b.sources,
  };
  if (b.description !== '') o['Description'] = b.description;
  if (patchGroups !== undefined) o['PatchGroups'] = [...patchGroups];
  if (b.availableSecurityUpdatesComplianceStatus !== undefined) o['AvailableSecurityUpdatesComplianceStatus'] = b.availableSecurityUpdatesComplianceStatus;
  return o;
}
