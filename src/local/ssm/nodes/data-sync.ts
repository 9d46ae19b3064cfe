// Resource data syncs (Create/List/DeleteResourceDataSync), kept per account and region as SSM keeps them. The local
// fleet writes nothing to S3: a SyncToDestination sync is only recorded. A SyncFromSource sync is what ListNodes and
// ListNodesSummary read across accounts (AwsOrganizations: every account of the fleet, its one organisation) and
// regions (its SourceRegions that the fleet serves, or all of them with IncludeFutureRegions).

import type {FleetModel} from '../../model/fleet-model.js';
import {perModel} from '../../model/per-model.js';
import type {JsonOperation, OperationContext, PartitionView} from '../../protocol/operation-context.js';
import {paginate} from '../../protocol/list-paging.js';
import {ServiceError} from '../../protocol/service-error.js';
import {epochSeconds} from '../../protocol/wire-json.js';
import {isObject, optBoolean, optInteger, optObjectArray, optString, optStringArray, Violations, type JsonObject} from '../../protocol/validation.js';

export const SYNC_TYPES = ['SyncToDestination', 'SyncFromSource'] as const;
/** The sync Quick Setup creates for the organisation-wide node view (the one ListNodes documents). */
export const QUICK_SETUP_SYNC_NAME = 'AWS-QuickSetup-ManagedNode';
export type SyncType = (typeof SYNC_TYPES)[number];
/** How many syncs of each type an account may have in a region. */
const MAX_SYNCS_PER_TYPE = 5;

export interface DataSync {
  name: string;
  type: SyncType;
  /** The request's S3Destination, as sent (SyncToDestination). */
  s3Destination?: JsonObject;
  source?: {
    sourceType: 'AwsOrganizations' | 'SingleAccountMultiRegions';
    organizationSourceType?: string;
    regions: string[];
    includeFutureRegions: boolean;
    enableAllOpsDataSources: boolean;
  };
  createdAt: number;
}

const syncStore = perModel(() => new Map<string, DataSync>());

function invalidConfiguration(message: string): ServiceError {
  return new ServiceError('ResourceDataSyncInvalidConfigurationException', message);
}

function notFound(name: string, type: string | undefined): ServiceError {
  return new ServiceError('ResourceDataSyncNotFoundException', `Sync ${name} not found.`, {extra: {SyncName: name, ...(type === undefined ? {} : {SyncType: type})}});
}

function parseSource(raw: JsonObject): DataSync['source'] {
  const sourceType = optString(raw, 'SourceType');
  const regions = optStringArray(raw, 'SourceRegions');
  const v = new Violations();
  v.required('syncSource.sourceType', sourceType);
  v.required('syncSource.sourceRegions', regions);
  v.throwIfAny();
  if (sourceType !== 'AwsOrganizations' && sourceType !== 'SingleAccountMultiRegions') {
    throw invalidConfiguration(`SourceType ${String(sourceType)} is not valid. Use AwsOrganizations or SingleAccountMultiRegions.`);
  }
  const orgs = raw['AwsOrganizationsSource'];
  let organizationSourceType: string | undefined;
  if (sourceType === 'AwsOrganizations') {
    if (!isObject(orgs)) throw invalidConfiguration('AwsOrganizationsSource is required when SourceType is AwsOrganizations.');
    organizationSourceType = optString(orgs, 'OrganizationSourceType');
    if (organizationSourceType === 'OrganizationalUnits') {
      // The fleet's organisation has its accounts at the root: there is no unit to name.
      const units = optObjectArray(orgs, 'OrganizationalUnits') ?? [];
      throw invalidConfiguration(`Organizational unit ${String(units[0]?.['OrganizationalUnitId'] ?? '')} is not valid in this organization.`);
    }
    if (organizationSourceType !== 'EntireOrganization') throw invalidConfiguration('OrganizationSourceType must be EntireOrganization or OrganizationalUnits.');
  } else if (orgs !== undefined) {
    throw invalidConfiguration('AwsOrganizationsSource is only valid when SourceType is AwsOrganizations.');
  }
  return {
    sourceType, regions: regions ?? [], includeFutureRegions: optBoolean(raw, 'IncludeFutureRegions') ?? false,
    enableAllOpsDataSources: optBoolean(raw, 'EnableAllOpsDataSources') ?? false,
    ...(organizationSourceType === undefined ? {} : {organizationSourceType}),
  };
}

const createResourceDataSync: JsonOperation = (input, ctx) => {
  const name = optString(input, 'SyncName');
  const type = optString(input, 'SyncType') ?? 'SyncToDestination';
  const v = new Violations();
  if (v.required('syncName', name)) v.length('syncName', name, 1, 64);
  v.length('syncType', type, 1, 64);
  v.throwIfAny();
  if (type !== 'SyncToDestination' && type !== 'SyncFromSource') throw invalidConfiguration(`SyncType ${type} is not valid. Use SyncToDestination or SyncFromSource.`);
  const s3 = input['S3Destination'];
  const rawSource = input['SyncSource'];
  if (type === 'SyncToDestination' && (!isObject(s3) || rawSource !== undefined)) {
    throw invalidConfiguration('A SyncToDestination sync needs an S3Destination and no SyncSource.');
  }
  if (type === 'SyncFromSource' && (!isObject(rawSource) || s3 !== undefined)) {
    throw invalidConfiguration('A SyncFromSource sync needs a SyncSource and no S3Destination.');
  }
  const store = syncStore(ctx.model);
  if (store.has(name ?? '')) throw new ServiceError('ResourceDataSyncAlreadyExistsException', `Sync ${String(name)} already exists.`, {extra: {SyncName: name}});
  if ([...store.values()].filter((s) => s.type === type).length >= MAX_SYNCS_PER_TYPE) {
    throw new ServiceError('ResourceDataSyncCountExceededException', `You have exceeded the allowed maximum sync configurations (${MAX_SYNCS_PER_TYPE}).`);
  }
  const sync: DataSync = {name: name ?? '', type, createdAt: ctx.now()};
  if (isObject(s3)) sync.s3Destination = s3;
  if (isObject(rawSource)) sync.source = parseSource(rawSource);
  store.set(sync.name, sync);
  return {};
};

function syncItem(s: DataSync): JsonObject {
  const at = epochSeconds(s.createdAt);
  return {
    SyncName: s.name,
    SyncType: s.type,
    ...(s.s3Destination === undefined ? {} : {S3Destination: s.s3Destination}),
    ...(s.source === undefined ? {} : {SyncSource: {
      SourceType: s.source.sourceType,
      ...(s.source.organizationSourceType === undefined ? {} : {AwsOrganizationsSource: {OrganizationSourceType: s.source.organizationSourceType}}),
      SourceRegions: s.source.regions,
      IncludeFutureRegions: s.source.includeFutureRegions,
      EnableAllOpsDataSources: s.source.enableAllOpsDataSources,
    }}),
    SyncCreatedTime: at, SyncLastModifiedTime: at, LastSyncTime: at, LastSuccessfulSyncTime: at,
    LastStatus: 'Successful', LastSyncStatusMessage: 'The sync was successfully completed',
  };
}

const listResourceDataSync: JsonOperation = (input, ctx) => {
  const type = optString(input, 'SyncType');
  const maxResults = optInteger(input, 'MaxResults');
  const v = new Violations();
  v.length('syncType', type, 1, 64);
  v.range('maxResults', maxResults, 1, 50);
  v.throwIfAny();
  // Without a SyncType, SSM lists the syncs to S3 (SyncToDestination).
  const wanted = type ?? 'SyncToDestination';
  const list = [...syncStore(ctx.model).values()].filter((s) => s.type === wanted).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const page = paginate(list, {ctx, scope: `ListResourceDataSync:${wanted}`, token: optString(input, 'NextToken'), size: maxResults ?? 50, key: (s) => s.name});
  return {ResourceDataSyncItems: page.items.map(syncItem), ...(page.nextToken === undefined ? {} : {NextToken: page.nextToken})};
};

const deleteResourceDataSync: JsonOperation = (input, ctx) => {
  const name = optString(input, 'SyncName');
  const type = optString(input, 'SyncType');
  const v = new Violations();
  if (v.required('syncName', name)) v.length('syncName', name, 1, 64);
  v.length('syncType', type, 1, 64);
  v.throwIfAny();
  const store = syncStore(ctx.model);
  const sync = store.get(name ?? '');
  if (sync === undefined || (type !== undefined && sync.type !== type)) throw notFound(name ?? '', type);
  store.delete(sync.name);
  return {};
};

/**
 * The organisation's node sync, as Quick Setup leaves it in the management account's home region: every account of
 * the organisation, every region given.
 */
export function createQuickSetupSync(model: FleetModel, regions: readonly string[], now: number): void {
  syncStore(model).set(QUICK_SETUP_SYNC_NAME, {
    name: QUICK_SETUP_SYNC_NAME, type: 'SyncFromSource', createdAt: now,
    source: {sourceType: 'AwsOrganizations', organizationSourceType: 'EntireOrganization', regions: [...regions], includeFutureRegions: false, enableAllOpsDataSources: false},
  });
}

export const dataSyncOperations: Readonly<Record<string, JsonOperation>> = {
  CreateResourceDataSync: createResourceDataSync,
  ListResourceDataSync: listResourceDataSync,
  DeleteResourceDataSync: deleteResourceDataSync,
};

/** The partitions a sync of the calling partition reads: its accounts × its regions the fleet serves. */
export function syncedPartitions(ctx: OperationContext, syncName: string): readonly PartitionView[] {
  const sync = syncStore(ctx.model).get(syncName);
  if (sync === undefined) throw notFound(syncName, undefined);
  if (sync.source === undefined) {
    throw new ServiceError('UnsupportedOperationException', `Sync ${syncName} is a SyncToDestination sync; managed nodes are read through a SyncFromSource sync.`);
  }
  const {sourceType, regions, includeFutureRegions} = sync.source;
  const all = ctx.partitions ?? [{accountId: ctx.model.accountId, region: ctx.model.region, model: ctx.model}];
  return all.filter((p) => (sourceType === 'AwsOrganizations' || p.accountId === ctx.model.accountId)
    && (includeFutureRegions || regions.includes(p.region)));
}
