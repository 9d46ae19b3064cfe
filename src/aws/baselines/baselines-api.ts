// Patch Manager's baselines and patch groups through SSM: the BaselinesApi over @aws-sdk/client-ssm. Lists go to the
// end at the API's largest page; every failure becomes a BaselineError (the service's documented refusals by name,
// the rest by transport: aws/error-mapping.ts).
import {
  CreatePatchBaselineCommand, DeletePatchBaselineCommand, DeregisterPatchBaselineForPatchGroupCommand, DescribeInstancePatchStatesForPatchGroupCommand, DescribePatchBaselinesCommand,
  DescribePatchGroupsCommand, DescribePatchGroupStateCommand, GetDefaultPatchBaselineCommand, GetPatchBaselineCommand,
  GetPatchBaselineForPatchGroupCommand, RegisterDefaultPatchBaselineCommand, RegisterPatchBaselineForPatchGroupCommand, UpdatePatchBaselineCommand,
  type PatchOrchestratorFilter,
} from '@aws-sdk/client-ssm';
import type {AwsClients} from '../clients.js';
import {errorMapping} from '../error-mapping.js';
import {allPages} from '../pages.js';
import {
  BaselineError, type BaselineErrorKind, type BaselinesApi, type BaselineSummary, type InstancePatchCounts, type PatchGroupMapping,
} from '../../fleet/baselines/port.js';
import {sanitizeText as clean} from '../../fleet/sanitize.js';
import {rulesOf, sdkOs, sdkRules, summaryOf} from './baseline-shapes.js';

const PAGE = 100;

const KINDS: Readonly<Record<string, BaselineErrorKind>> = {
  DoesNotExistException: 'not-found',
  InvalidResourceId: 'not-found',
  ValidationException: 'invalid',
  IdempotentParameterMismatch: 'invalid',
  AlreadyExistsException: 'exists',
  ResourceInUseException: 'in-use',
  ResourceLimitExceededException: 'limit',
  UnsupportedOperatingSystem: 'unsupported',
};

const {mapped} = errorMapping(KINDS, BaselineError);

export function baselinesApi(aws: AwsClients): BaselinesApi {
  const ssm = aws.ssm;
  return {
    list: (filters, signal) => mapped(() => allPages<BaselineSummary>(async (token) => {
      const Filters: PatchOrchestratorFilter[] | undefined = filters?.length ? filters.map((f) => ({Key: f.key, Values: [...f.values]})) : undefined;
      const res = await ssm.send(new DescribePatchBaselinesCommand({MaxResults: PAGE, Filters, NextToken: token}), {abortSignal: signal});
      return {items: (res.BaselineIdentities ?? []).map(summaryOf), next: res.NextToken};
    })),

    get: (baselineId, signal) => mapped(async () => {
      const b = await ssm.send(new GetPatchBaselineCommand({BaselineId: baselineId}), {abortSignal: signal});
      // Whether it is its operating system's default: GetPatchBaseline does not say.
      const rules = rulesOf(b);
      const current = await ssm.send(new GetDefaultPatchBaselineCommand({OperatingSystem: sdkOs(rules.operatingSystem)}), {abortSignal: signal});
      return {
        baselineId: clean(b.BaselineId ?? baselineId), name: clean(b.Name ?? ''), operatingSystem: rules.operatingSystem,
        description: clean(b.Description ?? ''), defaultBaseline: current.BaselineId === b.BaselineId, rules,
        patchGroups: (b.PatchGroups ?? []).map(clean), createdTime: b.CreatedDate?.getTime() ?? 0, modifiedTime: b.ModifiedDate?.getTime() ?? 0,
      };
    }),

    create: (input, signal) => mapped(async () => {
      const {operatingSystem, ...rules} = input.rules;
      const res = await ssm.send(new CreatePatchBaselineCommand({
        Name: input.name, OperatingSystem: sdkOs(operatingSystem), ...(input.description ? {Description: input.description} : {}), ...sdkRules(rules),
      }), {abortSignal: signal});
      return clean(res.BaselineId ?? '');
    }),

    update: (baselineId, change, signal) => mapped(async () => {
      await ssm.send(new UpdatePatchBaselineCommand({
        BaselineId: baselineId,
        ...(change.name === undefined ? {} : {Name: change.name}),
        ...(change.description === undefined ? {} : {Description: change.description}),
        ...(change.rules === undefined ? {} : sdkRules(change.rules)),
      }), {abortSignal: signal});
    }),

    remove: (baselineId, signal) => mapped(async () => {
      await ssm.send(new DeletePatchBaselineCommand({BaselineId: baselineId}), {abortSignal: signal});
    }),

    setDefault: (baselineId, signal) => mapped(async () => {
      await ssm.send(new RegisterDefaultPatchBaselineCommand({BaselineId: baselineId}), {abortSignal: signal});
    }),

    defaultFor: (os, signal) => mapped(async () => {
      const res = await ssm.send(new GetDefaultPatchBaselineCommand({OperatingSystem: sdkOs(os)}), {abortSignal: signal});
      return clean(res.BaselineId ?? '');
    }),

    registerPatchGroup: (baselineId, patchGroup, signal) => mapped(async () => {
      await ssm.send(new RegisterPatchBaselineForPatchGroupCommand({BaselineId: baselineId, PatchGroup: patchGroup}), {abortSignal: signal});
    }),

    deregisterPatchGroup: (baselineId, patchGroup, signal) => mapped(async () => {
      await ssm.send(new DeregisterPatchBaselineForPatchGroupCommand({BaselineId: baselineId, PatchGroup: patchGroup}), {abortSignal: signal});
    }),

    patchGroups: (signal) => mapped(() => allPages<PatchGroupMapping>(async (token) => {
      const res = await ssm.send(new DescribePatchGroupsCommand({MaxResults: PAGE, NextToken: token}), {abortSignal: signal});
      return {items: (res.Mappings ?? []).map((m) => ({patchGroup: clean(m.PatchGroup ?? ''), baseline: summaryOf(m.BaselineIdentity ?? {})})), next: res.NextToken};
    })),

    patchGroupState: (patchGroup, signal) => mapped(async () => {
      const s = await ssm.send(new DescribePatchGroupStateCommand({PatchGroup: patchGroup}), {abortSignal: signal});
      return {
        instances: s.Instances ?? 0, withInstalled: s.InstancesWithInstalledPatches ?? 0, withInstalledOther: s.InstancesWithInstalledOtherPatches ?? 0,
        withInstalledPendingReboot: s.InstancesWithInstalledPendingRebootPatches ?? 0, withInstalledRejected: s.InstancesWithInstalledRejectedPatches ?? 0,
        withMissing: s.InstancesWithMissingPatches ?? 0, withFailed: s.InstancesWithFailedPatches ?? 0, withNotApplicable: s.InstancesWithNotApplicablePatches ?? 0,
        withCriticalNonCompliant: s.InstancesWithCriticalNonCompliantPatches ?? 0, withSecurityNonCompliant: s.InstancesWithSecurityNonCompliantPatches ?? 0,
        withOtherNonCompliant: s.InstancesWithOtherNonCompliantPatches ?? 0,
      };
    }),

    patchGroupInstances: (patchGroup, signal) => mapped(() => allPages<InstancePatchCounts>(async (token) => {
      const res = await ssm.send(new DescribeInstancePatchStatesForPatchGroupCommand({PatchGroup: patchGroup, MaxResults: PAGE, NextToken: token}), {abortSignal: signal});
      return {
        items: (res.InstancePatchStates ?? []).map((s) => ({
          instanceId: clean(s.InstanceId ?? ''), patchGroup: clean(s.PatchGroup ?? ''), baselineId: clean(s.BaselineId ?? ''),
          installed: s.InstalledCount ?? 0, installedOther: s.InstalledOtherCount ?? 0, installedPendingReboot: s.InstalledPendingRebootCount ?? 0,
          installedRejected: s.InstalledRejectedCount ?? 0, missing: s.MissingCount ?? 0, failed: s.FailedCount ?? 0,
          notApplicable: s.NotApplicableCount ?? 0, operation: clean(s.Operation ?? ''), operationEndTime: s.OperationEndTime?.getTime() ?? 0,
        })),
        next: res.NextToken,
      };
    })),

    baselineForPatchGroup: (patchGroup, os, signal) => mapped(async () => {
      const res = await ssm.send(new GetPatchBaselineForPatchGroupCommand({PatchGroup: patchGroup, OperatingSystem: sdkOs(os)}), {abortSignal: signal});
      return clean(res.BaselineId ?? '');
    }),
  };
}
