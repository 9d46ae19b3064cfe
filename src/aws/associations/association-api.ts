// State Manager over the SSM API (the AssociationsApi of fleet/associations/port.ts). Lists follow every page;
// StartAssociationsOnce takes 10 ids a request; a create is sent once (a lost answer retried blindly would make a
// second association).
import {
  CreateAssociationCommand, DeleteAssociationCommand, DescribeAssociationCommand, DescribeAssociationExecutionsCommand,
  DescribeAssociationExecutionTargetsCommand, DescribeInstanceAssociationsStatusCommand, ListAssociationsCommand, StartAssociationsOnceCommand, UpdateAssociationCommand,
  type AssociationComplianceSeverity,
} from '@aws-sdk/client-ssm';
import type {AwsClients} from '../clients.js';
import type {AssociationsApi} from '../../fleet/associations/port.js';
import type {CreateAssociationRequest} from '../../fleet/associations/association.js';
import {AssociationError} from '../../fleet/associations/port.js';
import {mapped} from './association-errors.js';
import {fromDescription, fromExecution, fromExecutionTarget, fromInstanceStatus, fromListed} from './association-shapes.js';
import {allPages, pageToken} from '../pages.js';

const PAGE = 50;
const START_BATCH = 10;

/** The definition CreateAssociation and UpdateAssociation share. */
function definition(req: CreateAssociationRequest) {
  return {
    Name: req.documentName,
    Targets: req.targets.map((t) => ({Key: t.Key, Values: [...t.Values]})),
    Parameters: Object.fromEntries(Object.entries(req.parameters).map(([k, v]) => [k, [...v]])),
    ApplyOnlyAtCronInterval: req.applyOnlyAtCronInterval,
    ...(req.documentVersion ? {DocumentVersion: req.documentVersion} : {}),
    ...(req.name ? {AssociationName: req.name} : {}),
    ...(req.scheduleExpression ? {ScheduleExpression: req.scheduleExpression} : {}),
    ...(req.maxConcurrency ? {MaxConcurrency: req.maxConcurrency} : {}),
    ...(req.maxErrors ? {MaxErrors: req.maxErrors} : {}),
    ...(req.complianceSeverity ? {ComplianceSeverity: req.complianceSeverity as AssociationComplianceSeverity} : {}),
  };
}

export function associationsApi(aws: AwsClients): AssociationsApi {
  const ssm = aws.ssm;
  return {
    async list(opts = {}) {
      const filter = opts.instanceId ? {AssociationFilterList: [{key: 'InstanceId' as const, value: opts.instanceId}]} : {};
      const list = await allPages(async (token) => {
        const res = await mapped(() => ssm.send(new ListAssociationsCommand({MaxResults: PAGE, ...filter, ...pageToken(token)}),
          {abortSignal: opts.signal}));
        const items = (res.Associations ?? []).map(fromListed);
        opts.onPage?.(items);
        return {items, next: res.NextToken};
      });
      return list;
    },

    async describe(associationId) {
      const res = await mapped(() => ssm.send(new DescribeAssociationCommand({AssociationId: associationId})));
      if (!res.AssociationDescription) throw new AssociationError('not-found', `association ${associationId} not found`, 'AssociationDoesNotExist');
      return fromDescription(res.AssociationDescription);
    },

    async applyNow(ids) {
      for (let i = 0; i < ids.length; i += START_BATCH) {
        const batch = ids.slice(i, i + START_BATCH);
        await mapped(() => ssm.send(new StartAssociationsOnceCommand({AssociationIds: [...batch]})));
      }
    },

    async create(req) {
      const res = await mapped(() => aws.ssmSingleAttempt.send(new CreateAssociationCommand(definition(req))));
      if (!res.AssociationDescription) throw new AssociationError('other', 'CreateAssociation returned no association', 'Error');
      return fromDescription(res.AssociationDescription);
    },

    async update(associationId, req) {
      // Every optional field is sent: the ones UpdateAssociation does not get are reset, not kept.
      const res = await mapped(() => ssm.send(new UpdateAssociationCommand({
        AssociationId: associationId, ...definition(req), ...(req.associationVersion ? {AssociationVersion: req.associationVersion} : {}),
      })));
      if (!res.AssociationDescription) throw new AssociationError('other', 'UpdateAssociation returned no association', 'Error');
      return fromDescription(res.AssociationDescription);
    },

    async delete(associationId) {
      await mapped(() => ssm.send(new DeleteAssociationCommand({AssociationId: associationId})));
    },

    async executions(associationId, signal) {
      const list = await allPages(async (token) => {
        const res = await mapped(() => ssm.send(new DescribeAssociationExecutionsCommand({AssociationId: associationId, MaxResults: PAGE,
          ...pageToken(token)}), {abortSignal: signal}));
        return {items: res.AssociationExecutions, next: res.NextToken};
      });
      return list.map(fromExecution).sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0));
    },

    async executionTargets(associationId, executionId, signal, onPage) {
      const list = await allPages(async (token) => {
        const res = await mapped(() => ssm.send(new DescribeAssociationExecutionTargetsCommand({AssociationId: associationId, ExecutionId: executionId,
          MaxResults: PAGE, ...pageToken(token)}), {abortSignal: signal}));
        const items = (res.AssociationExecutionTargets ?? []).map(fromExecutionTarget);
        onPage?.(items);
        return {items, next: res.NextToken};
      });
      return list;
    },

    async instanceStatus(instanceId, signal) {
      const list = await allPages(async (token) => {
        const res = await mapped(() => ssm.send(new DescribeInstanceAssociationsStatusCommand({InstanceId: instanceId, MaxResults: PAGE,
          ...pageToken(token)}), {abortSignal: signal}));
        return {items: res.InstanceAssociationStatusInfos, next: res.NextToken};
      });
      return list.map(fromInstanceStatus);
    },
  };
}
