// What the app needs from Patch Manager's baselines and patch groups (implemented by aws/baselines/).
import type {BaselineRules, OperatingSystem} from './baseline.js';
import {ResourceError, type ErrorKinds} from '../resource-error.js';

export interface BaselineSummary {
  baselineId: string;
  name: string;
  operatingSystem: OperatingSystem;
  description: string;
  /** The default baseline for its operating system. */
  defaultBaseline: boolean;
}

export interface BaselineDetail extends BaselineSummary {
  rules: BaselineRules;
  patchGroups: readonly string[];
  /** Epoch ms; 0 when the service did not say. */
  createdTime: number;
  modifiedTime: number;
}

export interface NewBaseline {
  name: string;
  description?: string;
  rules: BaselineRules;
}

/** A replacement of a baseline's name, description and rules (the operating system cannot change). */
export type BaselineChange = Partial<Omit<NewBaseline, 'rules'>> & {rules?: Omit<BaselineRules, 'operatingSystem'>};

export interface PatchGroupMapping {
  patchGroup: string;
  baseline: BaselineSummary;
}

/** DescribePatchGroupState: how many of the group's nodes report patches in each state. */
export interface PatchGroupState {
  instances: number;
  withInstalled: number;
  withInstalledOther: number;
  withInstalledPendingReboot: number;
  withInstalledRejected: number;
  withMissing: number;
  withFailed: number;
  withNotApplicable: number;
  withCriticalNonCompliant: number;
  withSecurityNonCompliant: number;
  withOtherNonCompliant: number;
}

/** One node's patch state counts, as its last patching operation reported them. */
export interface InstancePatchCounts {
  instanceId: string;
  patchGroup: string;
  baselineId: string;
  installed: number;
  installedOther: number;
  installedPendingReboot: number;
  installedRejected: number;
  missing: number;
  failed: number;
  notApplicable: number;
  operation: string;
  /** Epoch ms; 0 when the service did not say. */
  operationEndTime: number;
}

export interface BaselineFilter {
  key: 'NAME_PREFIX' | 'OWNER' | 'OPERATING_SYSTEM';
  values: readonly string[];
}

export interface BaselinesApi {
  /** Every matching baseline (all pages). */
  list(filters?: readonly BaselineFilter[], signal?: AbortSignal): Promise<BaselineSummary[]>;
  get(baselineId: string, signal?: AbortSignal): Promise<BaselineDetail>;
  /** Resolves with the new baseline's id. */
  create(input: NewBaseline, signal?: AbortSignal): Promise<string>;
  update(baselineId: string, change: BaselineChange, signal?: AbortSignal): Promise<void>;
  remove(baselineId: string, signal?: AbortSignal): Promise<void>;
  /** Makes the baseline the default for its operating system. */
  setDefault(baselineId: string, signal?: AbortSignal): Promise<void>;
  defaultFor(os: OperatingSystem, signal?: AbortSignal): Promise<string>;
  registerPatchGroup(baselineId: string, patchGroup: string, signal?: AbortSignal): Promise<void>;
  deregisterPatchGroup(baselineId: string, patchGroup: string, signal?: AbortSignal): Promise<void>;
  /** Every patch group registration (all pages). */
  patchGroups(signal?: AbortSignal): Promise<PatchGroupMapping[]>;
  patchGroupState(patchGroup: string, signal?: AbortSignal): Promise<PatchGroupState>;
  /** The patch state of each node of the group (all pages). */
  patchGroupInstances(patchGroup: string, signal?: AbortSignal): Promise<InstancePatchCounts[]>;
  /** The baseline the group's nodes of that operating system use (the default when none is registered). */
  baselineForPatchGroup(patchGroup: string, os: OperatingSystem, signal?: AbortSignal): Promise<string>;
}

/**
 * not-found: no such baseline; invalid: a parameter was refused; exists: the group already has a baseline for that
 * operating system; in-use: the baseline is a default or has patch groups; limit: a quota; unsupported: the operation
 * does not apply to the baseline's operating system. The message is sanitized, ready for the screen.
 */
export type BaselineErrorKind = ErrorKinds<'not-found' | 'invalid' | 'exists' | 'in-use' | 'limit' | 'unsupported'>;

export class BaselineError extends ResourceError<BaselineErrorKind> {
  override name = 'BaselineError';
}
